import type { Metadata } from 'next';
import { GamingCard } from '@/components/gaming/gaming-card';
import { requestLocale } from '@/components/providers/locale';
import { Card } from '@/components/ui/card';
import { can } from '@/lib/permissions';
import { listGamingSessions } from '@/server/services/gaming/list-gaming-sessions';
import { load } from '../_lib/load';
import { viewerOrRedirect } from '../_lib/viewer';
import { HistoryTable } from './_components/history-table';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await requestLocale()).t('gaming.title') };
}

// /gaming: the card and the session history (own for family, everyone's for the admin). The admin's
// DEV power buttons live on /capacity and /clusters/dev.
export default async function GamingPage() {
  const viewer = await viewerOrRedirect();
  const [{ t }, history] = await Promise.all([requestLocale(), load(() => listGamingSessions({}))]);
  return (
    <div className="grid gap-4 md:grid-cols-2">
        <h1 className="text-2xl font-bold md:col-span-2">{t('gaming.title')}</h1>
        <GamingCard admin={can(viewer.role, 'dev:power')} />
        <Card title={history.all ? t('gaming.allSessions') : t('gaming.yourSessions')} className="md:col-span-2">
          <HistoryTable sessions={history.sessions} showWho={history.all} />
        </Card>
    </div>
  );
}
