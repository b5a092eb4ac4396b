// The app window keeps working while closed to the tray: its web contents are built with background
// throttling off, so Chromium does not slow the scheduled sync's, the reminders' and the capture
// acknowledgements' timers when the page is hidden (tests/e2e/hidden.spec.ts shows what that setting
// changes, in Chromium). Electron is stood in for; the test reads the options the window is built with.
import { describe, expect, it, vi } from 'vitest';

const built: Array<{ webPreferences?: Record<string, unknown>; show?: boolean }> = [];
vi.mock('electron', () => ({
  app: {},
  session: {},
  shell: {},
  BrowserWindow: vi.fn(function (this: unknown, options: (typeof built)[number]) {
    built.push(options);
    return { once: vi.fn(), show: vi.fn(), loadURL: vi.fn(async () => {}) };
  }),
}));

describe('the main window while hidden', () => {
  it('is built with background throttling off, whether it starts shown or hidden in the tray', async () => {
    const { createMainWindow } = await import('../../electron/main/window');
    createMainWindow();
    createMainWindow({ hidden: true });
    expect(built).toHaveLength(2);
    for (const options of built) {
      expect(options.show).toBe(false);
      expect(options.webPreferences?.['backgroundThrottling']).toBe(false);
    }
  });
});
