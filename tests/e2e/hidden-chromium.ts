// A Chromium whose page can really be hidden, for tests/e2e/hidden.spec.ts. Playwright's own pages
// cannot be: it turns on focus emulation for every page it opens, and Chromium implements that by
// counting the page as captured, which keeps it visible (and unthrottled) even in a minimized
// window. So Debian's Chromium is started here by hand and attached over CDP with `noDefaults`, which
// leaves focus emulation off; minimizing its window then makes the page hidden for real
// (document.visibilityState 'hidden', and Chromium throttles its timers). Headless, so no X display.
import { chromium, type Browser, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath } from '../../playwright.config';

/**
 * What Electron's `backgroundThrottling: false` maps to in plain Chromium. Electron does it per window
 * with two patches to Chromium: disable_hidden.patch (the window's renderer is never told it was
 * hidden, so it is neither backgrounded nor treated as occluded) and
 * allow_disabling_blink_scheduler_throttling_per_renderview.patch (Blink's scheduler does not throttle
 * the page's timers). Chromium offers the same for the whole browser as these switches, which
 * Playwright passes by default; the control case leaves them out. Here the page still learns it is
 * hidden (in Electron it would stay 'visible'), so the test asks a little more than the app needs.
 */
const NO_BACKGROUND_THROTTLING = ['--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows'];

export interface HiddenChromium {
  page: Page;
  /** Minimizes the page's window, as closing the app to the tray hides it. */
  hide(): Promise<void>;
  close(): Promise<void>;
}

/** Starts Chromium with its background throttling on (as a browser tab) or off (as the app window). */
export async function startChromium(options: { throttling: boolean }): Promise<HiddenChromium> {
  const profile = mkdtempSync(join(tmpdir(), 'track-nexus-hidden-'));
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--remote-debugging-port=0', `--user-data-dir=${profile}`];
  // Its own process group, so that closing it ends its helper processes too.
  const proc = spawn(chromiumPath, [...args, ...(options.throttling ? [] : NO_BACKGROUND_THROTTLING), 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  const exited = new Promise<void>((resolve) => {
    proc.once('exit', () => resolve());
    proc.once('error', () => resolve()); // not there at chromiumPath: devtoolsUrl says it did not start
  });
  let browser: Browser | undefined;
  const close = async () => {
    // Playwright first lets go of it (it still saves the test's trace from its contexts), then the
    // whole process group is ended, so that no helper is left writing into the profile.
    await browser?.close().catch(() => {});
    signal(proc.pid, 'SIGTERM');
    const slow = setTimeout(() => signal(proc.pid, 'SIGKILL'), 10_000);
    await exited;
    clearTimeout(slow);
    signal(proc.pid, 'SIGKILL');
    rmSync(profile, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  };
  try {
    browser = await chromium.connectOverCDP(await devtoolsUrl(proc.stderr), { noDefaults: true });
    const context = browser.contexts()[0]!;
    const page = context.pages()[0] ?? (await context.newPage());
    const hide = async () => {
      const cdp = await context.newCDPSession(page);
      const { windowId } = await cdp.send('Browser.getWindowForTarget');
      await cdp.send('Browser.setWindowBounds', { windowId, bounds: { windowState: 'minimized' } });
      await cdp.detach();
    };
    return { page, hide, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Sends `name` to the process group Chromium leads, if any of it is left. */
function signal(group: number | undefined, name: NodeJS.Signals): void {
  if (group === undefined) return;
  try {
    process.kill(-group, name);
  } catch {
    // none left
  }
}

/** The DevTools address Chromium prints on stderr once it listens. */
function devtoolsUrl(stderr: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start (it said: ${text.slice(0, 500)})`)), 30_000);
    stderr.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const found = /DevTools listening on (ws:\/\/\S+)/.exec(text);
      if (found) {
        clearTimeout(timer);
        // Keep draining what it says after, or a full pipe would stall it.
        stderr.removeAllListeners('data');
        stderr.resume();
        resolve(found[1]!);
      }
    });
  });
}
