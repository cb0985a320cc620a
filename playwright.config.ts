import { defineConfig, devices } from '@playwright/test';

// The built (standalone) panel against the simulator, in Debian's Chromium. e2e/support/stack.ts
// starts both; see docs/testing.md.
export const PANEL_PORT = Number(process.env.PANEL_PORT ?? 3100);
export const PANEL_URL = `http://localhost:${PANEL_PORT}`;

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  outputDir: 'test-results',
  use: {
    baseURL: PANEL_URL,
    // The panel is plain http://localhost; the only HTTPS origin the browser visits is the simulated
    // Keycloak, whose certificate comes from a CA made at stack start (docs/simulator.md).
    ignoreHTTPSErrors: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 }, channel: undefined } },
  ],
  webServer: {
    command: 'npx tsx e2e/support/stack.ts',
    url: `${PANEL_URL}/api/healthz`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    env: { PANEL_PORT: String(PANEL_PORT) },
  },
});
