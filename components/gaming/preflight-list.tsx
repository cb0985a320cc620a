'use client';
import type { GamingStateDto } from '@/lib/gaming/types';
import { useI18n } from '../providers/i18n';
import { useSay } from '../providers/use-say';

// What a tap on Start would do, or why it would be refused, in plain words.
export function PreflightList({ preflight }: { preflight: NonNullable<GamingStateDto['preflight']> }) {
  const { t } = useI18n();
  const { say } = useSay();
  return (
    <div data-testid="gaming-preflight" className="mt-2 text-sm">
      {preflight.refusal ? <p className="font-medium text-red-800 dark:text-red-300">{t('gaming.cantStartNow', { why: say(preflight.refusal) })}</p> : null}
      {preflight.note ? <p className="font-medium text-amber-800 dark:text-amber-200">{say(preflight.note)}</p> : null}
      <details className="mt-1">
        <summary className="cursor-pointer text-slate-600 dark:text-slate-400">{t('gaming.checks')}</summary>
        <ul className="mt-1 space-y-0.5">
          {preflight.checks.map((c) => (
            <li key={c.id} data-check={c.id} data-ok={c.ok}>
              <span aria-hidden>{c.ok ? '✓' : '✗'}</span>
              <span className="sr-only">{c.ok ? t('gaming.checkOk') : t('gaming.checkNo')}:</span> {say(c.message)}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
