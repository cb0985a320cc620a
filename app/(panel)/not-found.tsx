import Link from 'next/link';
import { requestLocale } from '@/components/providers/locale';

// Shown for an unknown address, and for pages or records the viewer's role may not see (a 404 says no
// more than "nothing here", so admin pages are not advertised to family accounts).
export default async function PanelNotFound() {
  const { t } = await requestLocale();
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
