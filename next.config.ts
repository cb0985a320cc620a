import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  output: 'standalone',
  poweredByHeader: false,
  // Native/wasm-heavy server packages stay outside the bundle and are traced into the standalone output.
  serverExternalPackages: [
    '@electric-sql/pglite',
    '@electric-sql/pglite-socket',
    '@kubernetes/client-node',
    'proxmox-api',
    'pg',
    'pino',
  ],
  outputFileTracingIncludes: { '/**': ['./prisma/migrations/**/*'] },
};

export default nextConfig;
