import { defineConfig } from 'vitest/config';

// Dates and times read in the system locale's format (shared/time/display). The test processes
// inherit this locale (Node's ICU reads it at start-up), so expectations such as "09:00" hold on
// any machine; tests about other locales, 12-hour clocks among them, pass their locale explicitly.
process.env['LC_ALL'] = 'en_GB.UTF-8';

// Unit and integration tests. End-to-end tests live in tests/e2e and run under Playwright.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    setupFiles: ['tests/setup/testing-library.ts'],
  },
});
