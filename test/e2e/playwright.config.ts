import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: `${root}/test-results/e2e`,
  fullyParallel: false,
  workers: 1,
  timeout: 30_000,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    locale: 'en-US',
  },
  webServer: {
    // The real `acm serve` on the built-in sandbox account: a free port, an hour of simulated time a second.
    command: 'node electron/cli/acm.mjs serve --port 0 --speed 3600',
    cwd: root,
    // The host prints its tokened URL; Playwright hands it to the tests as ACM_E2E_URL.
    wait: { stdout: /ACM is running at (?<acm_e2e_url>http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/ },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
  },
});
