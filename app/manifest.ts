import type { MetadataRoute } from 'next';

// The web app manifest: "Add to home screen" on phones opens the panel like an app.
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: 'Homelab',
    short_name: 'Homelab',
    description: 'The family homelab: services, clusters, capacity and the gaming PC.',
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
  };
}
