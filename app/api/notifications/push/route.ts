// POST /api/notifications/push — signs this device up for Web Push (its PushSubscription as JSON).
// DELETE /api/notifications/push — { endpoint }: this device no longer receives notifications.
import type { NextRequest } from 'next/server';
import { mutationRoute } from '@/server/http/mutation';
import { route } from '@/server/http/respond';
import { subscribePush } from '@/server/services/notifications/subscribe-push';
import { unsubscribePush } from '@/server/services/notifications/unsubscribe-push';

export const dynamic = 'force-dynamic';

export const POST = route('POST /api/notifications/push', (req: NextRequest) => mutationRoute(req, (body) => subscribePush(body)));

export const DELETE = route('DELETE /api/notifications/push', (req: NextRequest) => mutationRoute(req, (body) => unsubscribePush(body)));
