import type { Metadata, Viewport } from 'next';
import { requestLocale } from '@/components/providers/locale';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await requestLocale();
  return { title: { default: 'Homelab', template: '%s · Homelab' }, description: t('app.description') };
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
