'use client';
import dynamic from 'next/dynamic';
import { useEffect } from 'react';
import type { HomeDto } from '@/lib/live/dto';
import { useI18n } from '../providers/i18n';
import { useSay } from '../providers/use-say';
import { Card } from '../ui/card';
import { FreshnessNote } from '../ui/freshness';
import { HealthSummary } from './health-summary';
import { useHome } from './queries';
import { ServiceTiles } from './service-tiles';

// The home screen. `gaming` and `promotions` are slots filled by the page with the other features' cards.
// Phone first: the gaming card comes right after the greeting, for everyone (on a 390×844 phone its
// button is in the first screen); `#gaming` (the manifest's "Start gaming" shortcut) scrolls to it.
// The page is a prerendered shell (issue 15): the data arrives after load from /api/services/home.
// The greeting holds its line's height until then; what comes after the gaming card is rendered only
// with the data, and nothing is painted below it, so nothing that is on screen moves.
// The admin's sections are a chunk of their own: family phones never download them.
const loadAdmin = () => import('./home-admin').then((m) => m.HomeAdmin);
const HomeAdmin = dynamic(loadAdmin, { loading: () => null });

export function HomeView({ admin, gaming, promotions }: { admin: boolean; gaming: React.ReactNode; promotions: React.ReactNode }) {
  const { t } = useI18n();
  const { sayError } = useSay();
  const q = useHome();
  // The shell knows the audience: the admin's chunk loads beside the data, not after it.
  useEffect(() => {
    if (admin) void loadAdmin();
  }, [admin]);
  const d = q.data;
  return (
    <div className="grid gap-4">
      <h1 className="min-h-8 text-2xl font-bold">{d ? t('home.hello', { name: d.firstName }) : null}</h1>
      <section id="gaming" aria-label={t('gaming.card')} className="scroll-mt-4">
        {gaming}
      </section>
      {d ? (
        <HomeData d={d} fetchedAt={q.dataUpdatedAt} promotions={promotions} />
      ) : q.isError ? (
        // The first answer failed (the live stream's next event or a tap refetches it).
        <p role="alert" className="flex flex-wrap items-center gap-2 text-sm text-red-700 dark:text-red-300" data-testid="home-error">
          {sayError(q.error)}
          <button type="button" className="rounded-lg bg-slate-200 px-3 py-2 font-semibold text-slate-900 dark:bg-slate-700 dark:text-slate-100" onClick={() => void q.refetch()}>
            {t('error.retry')}
          </button>
        </p>
      ) : null}
    </div>
  );
}

function HomeData({ d, fetchedAt, promotions }: { d: HomeDto; fetchedAt: number; promotions: React.ReactNode }) {
  const { t } = useI18n();
  return (
    <>
      <section aria-labelledby="health-h">
        <Card title={<span id="health-h">{t('home.health')}</span>}>
          <div className="grid gap-2">
            <HealthSummary health={d.health} />
            <FreshnessNote f={d.appsFreshness} source="Argo CD" fetchedAt={fetchedAt} />
          </div>
        </Card>
      </section>
      <section aria-labelledby="services-h" className="grid gap-2">
        <h2 id="services-h" className="text-lg font-semibold">{t('home.services')}</h2>
        <ServiceTiles tiles={d.tiles} />
      </section>
      {d.admin ? <HomeAdmin admin={d.admin} fetchedAt={fetchedAt} promotions={promotions} /> : null}
    </>
  );
}
