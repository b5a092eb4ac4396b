// Capture and away time as the renderer sees them through the contract.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultCaptureSettings } from '../../shared/capture/types';
import { composeTestMain } from './compose-test-main';

describe('capture through the IPC contract', () => {
  let t: ReturnType<typeof composeTestMain>;
  afterEach(async () => t.close());

  it('is off until the user opts in', async () => {
    t = composeTestMain();
    await t.main.start();
    const state = await t.main.router.dispatch('capture:getState', undefined);
    expect(state).toMatchObject({ ok: true, value: { status: { state: 'disabled' }, settings: { enabled: false } } });
  });

  it('refuses a look-ahead title pattern (RE2 cannot run it) with a clear message and keeps the old settings', async () => {
    t = composeTestMain();
    await t.main.start();
    const result = await t.main.router.dispatch('capture:saveSettings', { ...defaultCaptureSettings(), excludedTitlePatterns: ['bank(?!ing)'] });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe('validation');
      expect(result.error.message).toMatch(/^Excluded window title 1: "bank\(\?!ing\)": This pattern uses a look-ahead, which Track Nexus does not support; /);
      expect(result.error.field).toEqual(['excludedTitlePatterns', 0]);
    }
    expect(t.main.capture.settings().excludedTitlePatterns).toEqual([]);
  });

  it('keeps saved settings in the data folder so they survive a restart', async () => {
    t = composeTestMain();
    await t.main.start();
    const saved = await t.main.router.dispatch('capture:saveSettings', {
      ...defaultCaptureSettings(),
      excludedApps: ['KeePassXC'],
      redactions: [{ pattern: 'ACME-\\d+', replacement: 'ticket' }],
      idleThresholdSeconds: 600,
    });
    expect(saved.ok).toBe(true);
    const file = join(t.dataDir, 'capture-settings.json');
    expect(existsSync(file)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ excludedApps: ['KeePassXC'], idleThresholdSeconds: 600 });

    const again = composeTestMain(undefined, t.dataDir);
    try {
      expect(again.main.capture.settings()).toMatchObject({ excludedApps: ['KeePassXC'], idleThresholdSeconds: 600 });
    } finally {
      await again.main.dispose();
    }
  });

  it('takes out a saved rule RE2 cannot run, keeps the others, and stays paused saying which rule and why', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tn-refused-'));
    const saved = { ...defaultCaptureSettings(), enabled: true, excludedApps: ['KeePassXC'], excludedTitlePatterns: ['bank(?!ing)', 'secret'] };
    writeFileSync(join(dataDir, 'capture-settings.json'), JSON.stringify(saved));
    t = composeTestMain(undefined, dataDir);
    await t.main.start();
    expect(t.main.capture.settings()).toMatchObject({ excludedApps: ['KeePassXC'], excludedTitlePatterns: ['secret'] });
    expect(t.main.capture.status()).toEqual({
      state: 'paused',
      reason: expect.stringMatching(/^Paused: a saved rule is off\. "bank\(\?!ing\)": This pattern uses a look-ahead, which Track Nexus does not support/),
    });
  });

  it('reports time away from the machine as capture:away, start then end', async () => {
    let now = Date.UTC(2026, 0, 15, 14, 0);
    t = composeTestMain(() => now);
    const seen: Array<{ start: number; end: number | null; reason: string }> = [];
    t.main.events.addSink((event, payload) => {
      if (event === 'capture:away') seen.push(payload as (typeof seen)[number]);
    });
    await t.main.start();
    // The user stops touching the machine at `left`; the monitor polls every 10 s as it does live.
    const left = now;
    for (let idle = 10; idle <= 6 * 60; idle += 10) {
      now += 10_000;
      t.idle.setIdleSeconds(idle);
      await t.main.idleMonitor.check();
    }
    now += 10_000;
    t.idle.setIdleSeconds(0);
    await t.main.idleMonitor.check();
    expect(seen).toEqual([
      expect.objectContaining({ start: left, end: null, reason: 'idle' }),
      expect.objectContaining({ start: left, end: now, reason: 'idle' }),
    ]);
  });
});

describe('segments left by an earlier run', () => {
  it('reach a renderer that starts listening after main replayed them, until acknowledged', async () => {
    const { openCaptureJournal } = await import('../../electron/main/capture/journal');
    const first = composeTestMain();
    const left = { id: 'seg-1', start: Date.UTC(2026, 0, 15, 9), end: Date.UTC(2026, 0, 15, 9, 30), app: 'Code', title: 'portal.ts', url: null, kind: 'active' as const };
    const journal = openCaptureJournal({ dataDir: first.dataDir });
    journal.put(left, true);
    await journal.sync();
    journal.close();

    // The app starts: capture replays its journal before any window is listening.
    const t2 = composeTestMain(undefined, first.dataDir);
    await t2.main.start();
    const received: unknown[] = [];
    t2.main.events.addSink((event, payload) => {
      if (event === 'capture:segments') received.push(...(payload as unknown[]));
    });
    await expect(t2.main.router.dispatch('capture:resendPending', undefined)).resolves.toEqual({ ok: true, value: { resent: 1 } });
    expect(received).toEqual([left]);

    await t2.main.router.dispatch('capture:ackSegments', { acks: [{ id: 'seg-1', end: left.end }] });
    await expect(t2.main.router.dispatch('capture:resendPending', undefined)).resolves.toEqual({ ok: true, value: { resent: 0 } });
    await t2.close();
  });

  it('the browser mode’s sample day reaches the renderer the way an undelivered captured day does', async () => {
    const { writeSampleDay } = await import('../../electron/harness/sample-day');
    const now = Date.UTC(2026, 0, 15, 14, 0);
    const first = composeTestMain();
    expect(writeSampleDay(first.dataDir, 'Europe/Berlin', now)).toBe(9);
    const app = composeTestMain(() => now, first.dataDir);
    await app.main.start();
    const received: Array<{ start: number; end: number; title: string }> = [];
    app.main.events.addSink((event, payload) => {
      if (event === 'capture:segments') received.push(...(payload as typeof received));
    });
    await expect(app.main.router.dispatch('capture:resendPending', undefined)).resolves.toEqual({ ok: true, value: { resent: 9 } });
    await app.close();
    // Yesterday, 09:00 to 17:30 in the zone asked for, with windows that name the sample projects.
    const sorted = received.sort((a, b) => a.start - b.start);
    expect(sorted[0]!.start).toBe(Date.UTC(2026, 0, 14, 8, 0));
    expect(sorted.at(-1)!.end).toBe(Date.UTC(2026, 0, 14, 16, 30));
    expect(sorted.filter((s) => /Customer portal|Security audit/.test(s.title))).toHaveLength(5);
  });
});
