// GET /api/notifications/settings — the signed-in person's notification preferences.
// PUT /api/notifications/settings — saves them (events × channels, quiet hours, language).
import type { NextRequest } from 'next/server';
import { mutationRoute } from '@/server/http/mutation';
import { jsonRoute, route } from '@/server/http/respond';
import { getNotificationSettings } from '@/server/services/notifications/get-notification-settings';
import { saveNotificationPreferences } from '@/server/services/notifications/save-notification-preferences';

export const dynamic = 'force-dynamic';

export const GET = route('GET /api/notifications/settings', () => jsonRoute(() => getNotificationSettings()));

export const PUT = route('PUT /api/notifications/settings', (req: NextRequest) => mutationRoute(req, (body) => saveNotificationPreferences(body)));
