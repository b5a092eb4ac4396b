import { defineConfig } from '@playwright/test';

// End-to-end tests drive the real renderer in Debian's Chromium against the browser harness.
// Browsers are never downloaded: CHROMIUM_PATH or /usr/bin/chromium is used.
export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/**
 * The zone pages run in: one where it is now mid-afternoon (15:xx), so that a test typing 09:00–10:00
 * "today", or starting a timer 30 minutes ago, means the same whatever hour CI starts at. Midnight
 * and daylight-saving days have tests of their own that pin their zone.
 */
export function afternoonZone(now = new Date()): string {
  const east = ((15 - now.getUTCHours() + 36) % 24) - 12; // hours east of UTC, in [-12, 11]
  // Etc/GMT names count the other way round: Etc/GMT-3 is three hours east.
  return east === 0 ? 'UTC' : `Etc/GMT${east > 0 ? '-' : '+'}${Math.abs(east)}`;
}

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
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    trace: 'retain-on-failure',
  },
});
