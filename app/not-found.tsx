import Link from 'next/link';
import { DEFAULT_LOCALE } from '@/lib/i18n';
import { translator } from '@/lib/i18n/catalogue';
import './globals.css';

// Only for an address the proxy does not see (it rewrites every page under /<locale>/…, where the
// panel's own not-found answers): its own document, in the default language (no request to read).
export default function NotFound() {
  const t = translator(DEFAULT_LOCALE);
  return (
    <html lang={DEFAULT_LOCALE}>
      <body className="min-h-dvh">
        <main id="main" className="mx-auto grid max-w-xl gap-3 p-4">
          <h1 className="text-2xl font-bold">{t('notFound.title')}</h1>
          <p>{t('notFound.body')}</p>
          <Link prefetch={false} href="/" className="text-brand-600 underline">
            {t('notFound.home')}
          </Link>
        </main>
      </body>
    </html>
  );
}
