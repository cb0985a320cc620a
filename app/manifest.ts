import type { MetadataRoute } from 'next';
import { requestLocale } from '@/components/providers/locale';

// The web app manifest: "Add to home screen" on phones opens the panel like an app. Its "Start gaming"
// shortcut (a long press on the icon) opens the home page at the gaming card, whose Start button is
// the second tap; nothing starts on a GET. Said in the browser's language (a manifest is fetched
// without cookies, so Accept-Language decides).
export default async function manifest(): Promise<MetadataRoute.Manifest> {
  const { t } = await requestLocale();
  return {
    name: 'Homelab',
    short_name: 'Homelab',
    description: t('app.description'),
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#f8fafc',
    theme_color: '#1d4ed8',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
    shortcuts: [{ name: t('gaming.start'), short_name: t('nav.gaming'), url: '/#gaming', icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }] }],
  };
}
