import type { Metadata, Viewport } from 'next';
import { requestLocale } from '@/components/providers/locale';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await requestLocale();
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

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const { locale } = await requestLocale();
  return (
    <html lang={locale}>
      <body className="min-h-dvh">{children}</body>
    </html>
  );
}
