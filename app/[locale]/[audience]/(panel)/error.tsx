'use client';
import { useEffect } from 'react';
import { useI18n } from '@/components/providers/i18n';

// A page of the panel failed (an upstream or the database away): say so, keep the header and the rest
// of the panel, and offer to try again. Server errors reach here without their message (Next hides it).
export default function PanelError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = t('error.title');
  }, [t]);
  return (
    <div role="alert" className="grid max-w-xl gap-3 rounded-lg bg-red-50 p-4 text-red-900 dark:bg-red-950 dark:text-red-100">
      <h1 className="text-xl font-bold">{t('error.title')}</h1>
      <p>{t('error.page')}</p>
      {error.digest ? <p className="text-sm opacity-80">{t('error.ref', { ref: error.digest })}</p> : null}
      <button type="button" onClick={reset} className="min-h-11 justify-self-start rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
        {t('error.retry')}
      </button>
    </div>
  );
}
