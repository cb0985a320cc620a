'use client';
import { useEffect, useState } from 'react';
import { useI18n } from '../providers/i18n';

// Feedback while waiting (issue 11): an action that may take more than a second says at once what is
// happening and for how long ("Writing to GitHub… 3 s"), so a slow upstream never looks like a dead
// button. One line, a polite live region; nothing rendered while idle.

/** Whole seconds since the calling component mounted (0 at once). */
export function useElapsed(): number {
  const [start] = useState(() => Date.now());
  const [n, setN] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setN(Math.floor((Date.now() - start) / 1000)), 250);
    return () => clearInterval(t);
  }, [start]);
  return n;
}

function Elapsed({ label, testId }: { label: string; testId: string }) {
  const { t } = useI18n();
  const n = useElapsed();
  return (
    <p role="status" aria-live="polite" data-testid={testId} className="mt-2 flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
      <span aria-hidden="true" className="inline-block h-3 w-3 animate-spin rounded-full border-2 border-slate-400 border-t-transparent" />
      <span>{t('progress.elapsed', { what: label, n })}</span>
    </p>
  );
}

/** Shown while `active`: "<label> <n> s", counting from the moment it turned active. */
export function Progress({ active, label, testId = 'progress' }: { active: boolean; label: string; testId?: string }) {
  return active ? <Elapsed label={label} testId={testId} /> : null;
}
