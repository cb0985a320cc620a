// ESLint: Next's recommended rules plus the house layering (app → server → lib), enforced here so it
// holds by itself. See docs/development.md.
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const SDKS = ['@kubernetes/client-node', 'proxmox-api', '@octokit/*', '@octokit/rest'];
const sdkRule = (except) => ({
  group: SDKS,
  message: `Upstream SDKs are imported only in server/clients/${except ?? '<upstream>'}/ (house style).`,
});

const config = [
  { ignores: ['node_modules/**', '.next/**', 'server/generated/**', 'data/**', '.sim/**', '.e2e/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'] },
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['lib/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@/server/*', '@/app/*', '@/components/*', '**/server/*', '**/app/*', '**/components/*'], message: 'lib/ is pure: it imports only lib/.' },
        { group: ['node:*', 'fs', 'path', 'child_process', 'net', 'http', 'https', 'pg', '@prisma/*'], message: 'lib/ does no I/O.' },
        sdkRule(),
      ] }],
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Only server/env.ts reads process.env.' }],
    },
  },
  {
    files: ['server/**/*.{ts,tsx}'],
    ignores: ['server/clients/**', 'server/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@/app/*', '@/components/*', '**/app/*', '**/components/*'], message: 'server/ never imports app/ or components/.' },
        { group: ['@/sim/*', '@/test/*', '**/sim/*', '**/test/*'], message: 'The app never imports the simulator or test helpers (they live under test/).' },
        sdkRule(),
      ] }],
    },
  },
  {
    files: ['server/**/*.{ts,tsx}'],
    ignores: ['server/env.ts', 'server/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Only server/env.ts reads process.env.' }],
    },
  },
  {
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        sdkRule(),
        { group: ['@/sim/*', '**/sim/*', '@/test/*'], message: 'The app never imports the simulator or test helpers.' },
        { group: ['@/server/services/*/*/*'], message: 'Pages and routes call entry verbs (server/services/<entity>/<verb>.ts), never internal/, backends/ or jobs/.' },
      ] }],
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Only server/env.ts reads process.env.' }],
    },
  },
  {
    files: ['components/**/*.{ts,tsx}'],
    ignores: ['components/providers/api-fetch.ts', 'components/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-globals': ['error', { name: 'fetch', message: 'Call the API through apiFetch (components/providers/api-fetch.ts): one way to decode answers and errors.' }],
    },
  },
  {
    files: ['components/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [
        { group: ['@/server/*', '**/server/*'], allowTypeImports: true, message: 'Components import server/ only as `import type` (call server actions instead).' },
        sdkRule(),
      ] }],
    },
  },
];
export default config;
