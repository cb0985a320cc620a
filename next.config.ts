import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  output: 'standalone',
  poweredByHeader: false,
  // An `integrity` on every <script src>: the prerendered `/` trusts them by hash, no nonce (issue 15).
  experimental: { sri: { algorithm: 'sha256' } },
  // `npm run typecheck` (tsc) is its own step of the test command; the build doesn't repeat it.
  typescript: { ignoreBuildErrors: true },
  // Native/wasm-heavy server packages stay outside the bundle and are traced into the standalone output.
  serverExternalPackages: [
    '@electric-sql/pglite',
    '@electric-sql/pglite-socket',
    '@kubernetes/client-node',
    'proxmox-api',
    'pg',
    'pino',
  ],
  // Hardening headers on everything, API and static files included (pages also get a CSP in proxy.ts).
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
    ];
  },
  // Simple Icons' SVG files are read one by one, by slug, on the server (server/services/icons/internal/resolve.ts).
  // The embedded database runs in its own process (server/db/pglite-process.mjs), which the bundler
  // cannot see: its script and packages are traced in by hand.
  outputFileTracingIncludes: {
    '/**': [
      './prisma/migrations/**/*',
      './node_modules/simple-icons/icons/*.svg',
      './server/db/pglite-process.mjs',
      './node_modules/@electric-sql/pglite/**/*',
      './node_modules/@electric-sql/pglite-socket/**/*',
    ],
  },
};

export default nextConfig;
