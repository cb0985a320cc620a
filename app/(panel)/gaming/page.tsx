import type { Metadata } from 'next';
import { can } from '@/lib/permissions';
import { GamingCard } from '@/components/gaming/gaming-card';
import { DevPowerCard } from '@/components/gaming/dev-power-card';
import { Card } from '@/components/ui/card';
import { AppError } from '@/server/errors';
import { listGamingSessions } from '@/server/services/gaming/list-gaming-sessions';
import { getViewer } from '@/server/services/users/get-viewer';
import { HistoryTable } from './_components/history-table';

export const metadata: Metadata = { title: 'Gaming' };
export const dynamic = 'force-dynamic';

// /gaming: the card, the session history (own for family, everyone's for the admin), DEV power (admin).
export default async function GamingPage() {
  const viewer = await getViewer();
  let history;
  try {
    history = await listGamingSessions({});
  } catch (e) {
    if (e instanceof AppError && e.code === 'forbidden') return <p role="alert">{e.message}</p>;
    throw e;
  }
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <h1 className="text-2xl font-bold md:col-span-2">Gaming</h1>
      <GamingCard />
      {can(viewer.role, 'dev:power') ? <DevPowerCard /> : null}
      <Card title={history.all ? 'Everyone’s sessions' : 'Your sessions'} className="md:col-span-2">
        <HistoryTable sessions={history.sessions} showWho={history.all} />
      </Card>
    </div>
  );
}
