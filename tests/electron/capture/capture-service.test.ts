import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCaptureService, type CaptureService } from '../../../electron/main/capture/capture-service';
import type { FocusChange, FocusEvents } from '../../../electron/main/capture/focus-events';
import type { ActiveWindowSample, CaptureAvailability, IdleSource, PowerEvent } from '../../../electron/main/ports';
import type { ActivitySegment, AwayPeriod, CaptureSettingsInput, CaptureStatus } from '../../../shared/capture/types';

const T0 = Date.UTC(2026, 10, 24, 9, 0);
let dataDir: string;

beforeEach(() => {
  vi.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tn-capture-'));
});
afterEach(() => {
  vi.useRealTimers();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function fakes(options: { availability?: CaptureAvailability; focusEvents?: boolean; settings?: CaptureSettingsInput } = {}) {
  let window: ActiveWindowSample | null = { app: 'XTerm', title: 'A', url: null };
  let lastInput = Date.now();
  let reads = 0;
  let concurrent = 0;
  let maxConcurrent = 0;
  let readDelayMs = 0;
  let failing: Error | null = null;
  const power = new Set<(event: PowerEvent) => void>();
  const idleSource: IdleSource = {
    idleSeconds: async () => (Date.now() - lastInput) / 1000,
    onPowerEvent(listener) {
      power.add(listener);
      return () => power.delete(listener);
    },
  };
  let focusListener: ((change: FocusChange, sample?: ActiveWindowSample | null) => void) | null = null;
  const focusEvents: FocusEvents = {
    kind: 'x11',
    start: async (onChange) => {
      focusListener = onChange;
      return true;
    },
    stop: async () => {
      focusListener = null;
    },
  };
  const segments = new Map<string, ActivitySegment>();
  const batches: ActivitySegment[][] = [];
  const away: AwayPeriod[] = [];
  const statuses: CaptureStatus[] = [];
  const service: CaptureService = createCaptureService({
    windowSource: {
      async activeWindow() {
        reads++;
        concurrent++;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        try {
          if (readDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, readDelayMs));
          if (failing) throw failing;
          return window ? { ...window } : null;
        } finally {
          concurrent--;
        }
      },
      availability: async () => options.availability ?? { available: true },
    },
    idleSource,
    clock: { now: () => Date.now(), timeZone: () => 'UTC' },
    paths: { dataDir },
    emit: (event, payload) => {
      if (event === 'capture:segments') {
        const batch = payload as ActivitySegment[];
        batches.push(batch);
        // The renderer's store: idempotent upsert by id, latest version wins.
        for (const s of batch) segments.set(s.id, s);
      }
      if (event === 'capture:away') away.push(payload as AwayPeriod);
      if (event === 'capture:status') statuses.push(payload as CaptureStatus);
    },
    settings: options.settings ?? { enabled: true },
    focusEvents: options.focusEvents ? focusEvents : undefined,
    warn: () => {},
  });
  return {
    service,
    segments: () => [...segments.values()].sort((a, b) => a.start - b.start),
    batches,
    away,
    statuses,
    show(next: Partial<ActiveWindowSample> | null) {
      window = next === null ? null : { app: 'XTerm', url: null, title: '', ...next };
    },
    input() {
      lastInput = Date.now();
    },
    focusChanged(change: FocusChange = 'focus', sample?: ActiveWindowSample | null) {
      focusListener?.(change, sample);
    },
    fire(kind: PowerEvent['kind']) {
      for (const l of power) l({ kind, at: Date.now() });
    },
    reads: () => reads,
    maxConcurrent: () => maxConcurrent,
    slowReads(ms: number) {
      readDelayMs = ms;
    },
    failWith(error: Error | null) {
      failing = error;
    },
  };
}

/** Advance time in one-second steps with the user active (input at every step). */
async function work(f: ReturnType<typeof fakes>, ms: number) {
  for (let t = 0; t < ms; t += 1000) {
    await vi.advanceTimersByTimeAsync(1000);
    f.input();
  }
}

const view = (segments: ActivitySegment[]) => segments.map((s) => [s.title, s.start - T0, s.end - T0]);

describe('capture service, polling mode', () => {
  it('merges samples into segments and sends them to the renderer', async () => {
    const f = fakes();
    await f.service.start();
    expect(f.service.status()).toEqual({ state: 'running', mode: 'polling' });
    await work(f, 5000);
    f.show({ title: 'B' });
    await work(f, 3000);
    await f.service.flush();
    // Polling sees the switch at the next tick: the old window gets that last second.
    expect(view(f.segments())).toEqual([
      ['A', 0, 6000],
      ['B', 6000, 8000],
    ]);
    expect(f.reads()).toBeGreaterThanOrEqual(8);
    await f.service.stop();
  });

  it('is opt-in: nothing is read while disabled', async () => {
    const f = fakes({ settings: {} });
    await f.service.start();
    await work(f, 5000);
    expect(f.reads()).toBe(0);
    expect(f.service.status()).toEqual({ state: 'disabled' });
    await f.service.updateSettings({ enabled: true });
    await work(f, 2000);
    expect(f.reads()).toBeGreaterThan(0);
    await f.service.stop();
  });

  it('says why when capture is unavailable instead of capturing nothing silently', async () => {
    const f = fakes({ availability: { available: false, reason: 'Wayland does not let apps read the active window', hint: 'Use X11' } });
    await f.service.start();
    await work(f, 3000);
    expect(f.reads()).toBe(0);
    expect(f.service.status()).toEqual({ state: 'unavailable', reason: 'Wayland does not let apps read the active window', hint: 'Use X11' });
    expect(f.statuses.at(-1)?.state).toBe('unavailable');
    await f.service.stop();
  });

  it('applies the privacy rules before anything is stored', async () => {
    const f = fakes({
      settings: {
        enabled: true,
        excludedApps: ['keepassxc'],
        redactions: [{ pattern: 'acct-\\d+', replacement: 'acct-…' }],
      },
    });
    f.show({ title: 'Invoice acct-12345 \u202Egnp.exe', url: 'https://bank.example/x?session=secret#top' });
    await f.service.start();
    await work(f, 3000);
    f.show({ app: 'KeePassXC', title: 'Passwords.kdbx' });
    await work(f, 3000);
    f.show({ app: 'Google-chrome', title: 'Tax - Google Chrome (Incognito)' });
    await work(f, 3000);
    f.show({ title: 'C' });
    await work(f, 2000);
    await f.service.flush();
    const all = f.segments();
    // Skipped windows leave a gap: neither they nor their time are recorded.
    expect(view(all)).toEqual([
      ['Invoice acct-… gnp.exe', 0, 4000],
      ['C', 10_000, 11_000],
    ]);
    expect(all[0]!.url).toBe('https://bank.example/x');
    const journal = fs.readFileSync(path.join(dataDir, 'capture-journal', 'journal.jsonl'), 'utf8');
    expect(journal).not.toMatch(/12345|KeePass|Passwords|Incognito|secret/);
    await f.service.stop();
  });

  it('applies the redaction rules to the app name (WM_CLASS) as well', async () => {
    const f = fakes({ settings: { enabled: true, redactions: [{ pattern: 'acct-\\d+', replacement: 'acct-…' }] } });
    f.show({ app: 'Mail acct-12345', title: 'Inbox acct-12345' });
    await f.service.start();
    await work(f, 2000);
    await f.service.flush();
    expect(f.segments().map((s) => [s.app, s.title])).toEqual([['Mail acct-…', 'Inbox acct-…']]);
    const journal = fs.readFileSync(path.join(dataDir, 'capture-journal', 'journal.jsonl'), 'utf8');
    expect(journal).not.toContain('12345');
    await f.service.stop();
  });

  it('keeps capturing with a saved exclusion that once hung main, (.?){30}x (issue 14)', async () => {
    const f = fakes({ settings: { enabled: true, excludedTitlePatterns: ['(.?){30}x'] } });
    f.show({ title: 'a'.repeat(300) });
    await f.service.start();
    await work(f, 3000);
    f.show({ title: `${'a'.repeat(30)}x` });
    await work(f, 2000);
    f.show({ title: 'B' });
    await work(f, 2000);
    await f.service.flush();
    expect(view(f.segments())).toEqual([
      ['a'.repeat(300), 0, 4000],
      ['B', 6000, 7000],
    ]);
    await f.service.stop();
  });

  it('never counts idle time: the open segment closes at the last input', async () => {
    const f = fakes({ settings: { enabled: true, idleThresholdSeconds: 60 } });
    await f.service.start();
    await work(f, 10_000);
    const lastInput = Date.now();
    f.show({ title: 'clock 10:01' }); // a window that changes its title while nobody is there
    await vi.advanceTimersByTimeAsync(30_000);
    f.show({ title: 'clock 10:02' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(f.away).toEqual([{ id: expect.any(String), start: lastInput, end: null, reason: 'idle' }]);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    f.input();
    const back = Date.now();
    f.show({ title: 'A' });
    await vi.advanceTimersByTimeAsync(3_000);
    await work(f, 5000);
    await f.service.flush();
    expect(f.away[1]).toMatchObject({ start: lastInput, end: back, reason: 'idle' });
    const all = f.segments();
    expect(all[0]).toMatchObject({ title: 'A', start: T0, end: lastInput });
    expect(all.some((s) => s.title.startsWith('clock'))).toBe(false);
    expect(all[1]).toMatchObject({ title: 'A' });
    expect(all[1]!.start).toBeGreaterThanOrEqual(back);
    // No emitted segment overlaps the away period.
    for (const s of all) expect(s.end <= lastInput || s.start >= back).toBe(true);
    await f.service.stop();
  });

  it('closes the segment at a lock and resumes after unlock', async () => {
    const f = fakes();
    await f.service.start();
    await work(f, 4000);
    f.fire('lock-screen');
    const locked = Date.now();
    await vi.advanceTimersByTimeAsync(120_000);
    f.input();
    f.fire('unlock-screen');
    await work(f, 3000);
    await f.service.flush();
    const all = f.segments();
    expect(all[0]).toMatchObject({ start: T0, end: locked });
    expect(all[1]!.start).toBeGreaterThanOrEqual(locked + 120_000);
    expect(f.away.map((p) => p.reason)).toEqual(['lock', 'lock']);
    await f.service.stop();
  });

  it('pauses from the tray and resumes', async () => {
    const f = fakes();
    await f.service.start();
    await work(f, 3000);
    f.service.pause('Paused from the tray');
    expect(f.service.status()).toEqual({ state: 'paused', reason: 'Paused from the tray' });
    const readsWhilePaused = f.reads();
    await work(f, 10_000);
    expect(f.reads()).toBe(readsWhilePaused);
    f.service.resume();
    await work(f, 3000);
    await f.service.flush();
    const all = f.segments();
    expect(all).toHaveLength(2);
    expect(all[0]!.end - all[0]!.start).toBe(3000);
    expect(all[1]!.start - T0).toBeGreaterThanOrEqual(13_000);
    await f.service.stop();
  });

  it('never has two reads in flight and stops with a clear status after repeated failures', async () => {
    const f = fakes();
    f.slowReads(2500);
    await f.service.start();
    await work(f, 10_000);
    expect(f.maxConcurrent()).toBe(1);
    f.failWith(new Error('xprop: unable to open display'));
    await work(f, 30_000);
    expect(f.service.status()).toEqual({ state: 'failed', reason: expect.stringMatching(/failed 5 times in a row: xprop: unable to open display/) });
    const reads = f.reads();
    await work(f, 10_000);
    expect(f.reads()).toBe(reads);
    await f.service.stop();
  });
});

describe('capture service, events mode', () => {
  it('reads the window only on focus events and a safety read when the idle monitor wakes, yet keeps segments up to date', async () => {
    const f = fakes({ focusEvents: true });
    await f.service.start();
    expect(f.service.status()).toEqual({ state: 'running', mode: 'events' });
    await work(f, 10_000);
    expect(f.reads()).toBe(1);
    f.show({ title: 'B' });
    f.focusChanged();
    await work(f, 10_000);
    expect(f.reads()).toBe(2);
    f.show({ title: 'B (edited)' });
    f.focusChanged('title');
    await work(f, 290_000);
    expect(f.reads()).toBe(4); // the event, and one safety read when the idle monitor woke at 5 minutes
    await f.service.flush();
    expect(view(f.segments())).toEqual([
      ['A', 0, 10_000],
      ['B', 10_000, 20_000],
      ['B (edited)', 20_000, 310_000],
    ]);
    await f.service.stop();
  });

  it('does not wake while nothing changes: no read, no journal write for minutes at work in one window', async () => {
    const f = fakes({ focusEvents: true });
    await f.service.start();
    await work(f, 1000);
    const journal = path.join(dataDir, 'capture-journal', 'journal.jsonl');
    const size = fs.statSync(journal).size;
    const reads = f.reads();
    await work(f, 4 * 60_000);
    expect(f.reads()).toBe(reads);
    expect(fs.statSync(journal).size).toBe(size);
    // Yet nothing is lost: leaving for a while ends the segment where the user left.
    const left = Date.now();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(view(f.segments())).toEqual([['A', 0, left - T0]]);
    await f.service.stop();
  });

  it('uses the window the event reports without reading it again, and survives the focus passing through no window', async () => {
    const f = fakes({ focusEvents: true });
    await f.service.start();
    await work(f, 3000);
    f.focusChanged('focus', null); // X11: focus leaves A ...
    f.focusChanged('focus', { app: 'Code', title: 'main.ts', url: null }); // ... and lands on the editor
    await work(f, 3000);
    f.focusChanged('title', { app: 'Code', title: 'main.ts ●', url: null });
    await work(f, 2000);
    f.focusChanged('focus', null); // the desktop
    await work(f, 2000);
    await f.service.flush();
    expect(f.reads()).toBe(2); // the first sample at start and the flush
    expect(f.segments().map((s) => [s.app, s.title, s.start - T0, s.end - T0])).toEqual([
      ['XTerm', 'A', 0, 3000],
      ['Code', 'main.ts', 3000, 6000],
      ['Code', 'main.ts ●', 6000, 8000],
    ]);
    await f.service.stop();
  });

  it('brings the renderer up to date each time the idle monitor wakes, and on flush', async () => {
    const f = fakes({ focusEvents: true });
    await f.service.start();
    await work(f, 65_000);
    await f.service.flush();
    expect(view(f.segments())).toEqual([['A', 0, 65_000]]);
    await work(f, 240_000);
    expect(f.segments()[0]!.end - T0).toBe(65_000); // nothing has woken since
    await work(f, 65_000);
    // The flush read idle time, so the monitor woke one threshold (5 minutes) later and sent the
    // segment up to the last input it saw (a second before).
    expect(f.segments()[0]!.end - T0).toBe(64_000 + 5 * 60_000);
    await f.service.stop();
  });
});

describe('capture service journal', () => {
  it('replays what a killed run never got acknowledged, once, and not after acknowledgement', async () => {
    const first = fakes();
    await first.service.start();
    await work(first, 5000);
    first.show({ title: 'B' });
    await work(first, 3000);
    await first.service.flush();
    const stored = first.segments();
    // The renderer stored and acknowledged A only; then the app was killed (no stop()).
    first.service.ack([{ id: stored[0]!.id, end: stored[0]!.end }]);

    const second = fakes({ settings: {} });
    await second.service.start();
    const replayed = second.batches[0]!;
    expect(replayed.map((s) => [s.title, s.start - T0])).toEqual([['B', 6000]]);
    expect(replayed[0]!.end - T0).toBeGreaterThanOrEqual(8000 - 1000); // at most one interval lost
    expect(second.service.ack(replayed.map((s) => ({ id: s.id, end: s.end })))).toHaveLength(1);
    await second.service.stop();

    const third = fakes({ settings: {} });
    await third.service.start();
    expect(third.batches).toEqual([]);
    await third.service.stop();
    await first.service.stop();
  });
});
