import type { Metadata } from 'next';
import { NotificationSettings } from '@/components/notifications/settings-form';
import { requestLocale } from '@/components/providers/locale';
import { can } from '@/lib/permissions';
import { getNotificationSettings } from '@/server/services/notifications/get-notification-settings';
import { listDeliveryFailures } from '@/server/services/notifications/list-delivery-failures';
import { load } from '../../_lib/load';
import { viewerOrRedirect } from '../../_lib/viewer';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await requestLocale()).t('ns.title') };
}
export const dynamic = 'force-dynamic';

// Everyone's notification preferences; the admin also sees what could not be delivered.
export default async function NotificationSettingsPage() {
  const viewer = await viewerOrRedirect();
  const [settings, failures] = await Promise.all([load(() => getNotificationSettings()), can(viewer.role, 'audit:read') ? load(() => listDeliveryFailures()) : Promise.resolve(null)]);
  return <NotificationSettings initial={settings} failures={failures} />;
}
