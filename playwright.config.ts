import { defineConfig } from '@playwright/test';
import { afternoonZone } from './tests/e2e/afternoon-zone';

// End-to-end tests drive the real renderer in Debian's Chromium against the browser harness.
// Browsers are never downloaded: CHROMIUM_PATH or /usr/bin/chromium is used.
export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-report.json' }]],
  use: {
    headless: true,
    timezoneId: afternoonZone(),
    // The pages read dates and times in their locale's format (24-hour here); a test about the
    // 12-hour clock sets its own locale.
    locale: 'en-GB',
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    trace: 'retain-on-failure',
  },
});
