import type { Metadata, Viewport } from 'next';
import { notFound } from 'next/navigation';
import { isLocale, LOCALES } from '@/lib/i18n';
import { translator } from '@/lib/i18n/catalogue';
import '../globals.css';

// The document, in the language the proxy picked (the `locale` cookie, else Accept-Language) and
// rewrote the address to: no header read here, so the signed-in `/` can be prerendered per language.
export function generateStaticParams() {
  return LOCALES.map((locale) => ({ locale }));
}

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = translator(isLocale(locale) ? locale : LOCALES[0]);
  return {
    title: { default: 'Homelab', template: '%s · Homelab' },
    description: t('app.description'),
    // Declared, so no browser asks for a missing /favicon.ico (a 404 in the console costs best practices).
    icons: { icon: [{ url: '/favicon.ico', sizes: '192x192' }], apple: '/icons/apple-touch-icon.png' },
  };
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#f8fafc' },
    { media: '(prefers-color-scheme: dark)', color: '#020617' },
  ],
};

export default async function LocaleLayout({ children, params }: { children: React.ReactNode; params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  return (
    <html lang={locale}>
      <body className="min-h-dvh">{children}</body>
    </html>
  );
}
