// The in-process X11 protocol readers under a private X server: the window in front and its
// changes arrive as events, hostile titles come through exactly, a closing window and a vanishing
// X server are reported rather than crashing, and the idle time resets on input.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FocusChange } from '../../../electron/main/capture/focus-events';
import { connectX11, type X11Connection } from '../../../electron/main/capture/x11-connection';
import { classText, createX11ProtocolReader, propertyText } from '../../../electron/main/capture/x11-protocol-source';
import { createScreenSaverIdleSource } from '../../../electron/main/idle/x11-screensaver-idle';
import type { ActiveWindowSample } from '../../../electron/main/ports';
import { missingXTools, startXSession, type XSession } from '../../../bench/bench-capture';

const run = promisify(execFile);
const missing = process.platform === 'linux' ? missingXTools() : ['Linux'];

describe('X11 property text', () => {
  const utf8 = 300; // any atom other than STRING (31)
  it('decodes UTF8_STRING as UTF-8, invalid bytes as U+FFFD, and STRING as Latin-1 unless it is UTF-8', () => {
    expect(propertyText({ type: utf8, format: 8, data: Buffer.from('naïve “quoted” = x\nnext', 'utf8') })).toBe('naïve “quoted” = x\nnext');
    expect(propertyText({ type: utf8, format: 8, data: Buffer.from([0x61, 0xff, 0x62]) })).toBe('a\uFFFDb');
    expect(propertyText({ type: 31, format: 8, data: Buffer.from([0x63, 0x61, 0x66, 0xe9]) })).toBe('café');
    expect(propertyText({ type: 31, format: 8, data: Buffer.from('日本', 'utf8') })).toBe('日本');
    // _NET_WM_NAME is UTF-8 whatever its type says.
    expect(propertyText({ type: 31, format: 8, data: Buffer.from([0x61, 0xe9]) }, true)).toBe('a\uFFFD');
    expect(propertyText(null)).toBe('');
  });

  it('takes the class (second part) of WM_CLASS as the app name', () => {
    expect(classText({ type: 31, format: 8, data: Buffer.from('xterm\0XTerm\0', 'latin1') })).toBe('XTerm');
    expect(classText(null)).toBe('');
  });
});

describe.skipIf(missing.length > 0)('X11 protocol reader on a real X server', () => {
  let x: XSession;
  let conn: X11Connection;

  beforeAll(async () => {
    x = await startXSession();
    conn = await connectX11(x.display);
  }, 60_000);

  afterAll(async () => {
    conn?.close();
    await x?.close();
  });

  /** Starts focus events; returns the events seen so far and a way to wait for one. */
  async function watch() {
    const reader = createX11ProtocolReader(conn);
    const seen: Array<{ change: FocusChange; sample: ActiveWindowSample | null | undefined }> = [];
    const failures: string[] = [];
    const started = await reader.focusEvents.start(
      (change, sample) => seen.push({ change, sample }),
      (reason) => failures.push(reason),
    );
    const next = (change: FocusChange, title: string | null) =>
      vi.waitFor(
        () => {
          const hit = seen.find((e) => e.change === change && (title === null ? e.sample === null : e.sample?.title === title));
          if (!hit) throw new Error(`no ${change} event for ${JSON.stringify(title)} yet: ${JSON.stringify(seen.map((e) => e.sample?.title))}`);
          return hit;
        },
        { timeout: 15_000, interval: 20 },
      );
    return { reader, started, seen, failures, next };
  }

  it('reports focus and title changes as they happen, with exact hostile titles', async () => {
    const tag = Math.random().toString(36).slice(2, 7);
    const a = await x.openWindow(`proto a ${tag}`);
    const b = await x.openWindow(`proto b ${tag}`);
    await x.activate(a);
    const { reader, started, next } = await watch();
    expect(started).toBe(true);
    const first = await next('focus', `proto a ${tag}`);
    expect(first.sample?.app).toBe('XTerm');
    expect(first.sample?.pid).toBeGreaterThan(0);

    await x.activate(b);
    await next('focus', `proto b ${tag}`);
    const hostile = [`say "hi" = 'yes' ${tag}`, `two\nlines ${tag}`, `ünïcødé — 日本 ${tag}`, `${'x'.repeat(65_536)} ${tag}`];
    for (const title of hostile) {
      await x.setTitle(b, title);
      await next('title', title);
    }
    expect((await reader.activeWindow())?.title).toBe(hostile.at(-1));
    await reader.focusEvents.stop();
  }, 60_000);

  it('reports the next window in front when the active one closes', async () => {
    const tag = Math.random().toString(36).slice(2, 7);
    const keep = await x.openWindow(`keep ${tag}`);
    const doomed = await x.openWindow(`doomed ${tag}`);
    await x.activate(keep);
    await x.activate(doomed);
    const { reader, next, seen } = await watch();
    await next('focus', `doomed ${tag}`);
    await run('xdotool', ['windowclose', doomed], { env: x.env });
    await vi.waitFor(
      () => {
        const last = seen.at(-1);
        if (!last || last.change !== 'focus' || last.sample?.title === `doomed ${tag}`) throw new Error('no focus change yet');
      },
      { timeout: 15_000, interval: 20 },
    );
    expect((await reader.activeWindow())?.title).not.toBe(`doomed ${tag}`);
    await reader.focusEvents.stop();
  }, 60_000);

  it('reads the idle time from MIT-SCREEN-SAVER, reset by mouse input', async () => {
    const idle = createScreenSaverIdleSource(async () => conn, {
      idleSeconds: () => Promise.reject(new Error('the fallback must not be used')),
      onPowerEvent: () => () => {},
      limitations: () => ['fallback'],
    });
    // Wait (polling, not sleeping a fixed time) until the display has been idle for a while.
    const before = await vi.waitFor(
      async () => {
        const seconds = await idle.idleSeconds();
        if (seconds < 0.3) throw new Error('not idle long enough yet');
        return seconds;
      },
      { timeout: 15_000, interval: 50 },
    );
    await x.nudge();
    expect(await idle.idleSeconds()).toBeLessThan(before);
    expect(idle.limitations()).toEqual([]);
  }, 30_000);

  it('reports a vanished X server in words instead of crashing', async () => {
    const other = await startXSession();
    const lost = await connectX11(other.display);
    const w = await other.openWindow('going away');
    await other.activate(w);
    const reader = createX11ProtocolReader(lost);
    const failures: string[] = [];
    await reader.focusEvents.start(
      () => {},
      (reason) => failures.push(reason),
    );
    await other.close();
    await vi.waitFor(() => expect(failures).toHaveLength(1), { timeout: 15_000, interval: 20 });
    expect(failures[0]).toMatch(/X connection was lost/);
    await expect(reader.activeWindow()).rejects.toThrow();
    await reader.focusEvents.stop();
  }, 60_000);
});
