'use client';
import Link from 'next/link';
import { useI18n } from '@/components/providers/i18n';

// Shown for an unknown address, and for pages or records the viewer's role may not see (a 404 says no
// more than "nothing here", so admin pages are not advertised to family accounts). A client component:
// it is part of every page's tree, the prerendered `/` included, so it reads no request.
export default function PanelNotFound() {
  const { t } = useI18n();
  return (
    <div className="grid max-w-xl gap-3">
      <h1 className="text-2xl font-bold">{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <Link prefetch={false} href="/" className="text-brand-600 underline">
        {t('notFound.home')}
      </Link>
    </div>
  );
}
