// GET /api/notifications/failures — messages that could not be delivered lately (admin).
import { jsonRoute, route } from '@/server/http/respond';
import { listDeliveryFailures } from '@/server/services/notifications/list-delivery-failures';

export const dynamic = 'force-dynamic';

export const GET = route('GET /api/notifications/failures', () => jsonRoute(() => listDeliveryFailures()));
