// Capture and away time as the renderer sees them through the contract.
import { existsSync, readFileSync } from 'node:fs';
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

  it('refuses a catastrophic title pattern with a clear message and keeps the old settings', async () => {
    t = composeTestMain();
    await t.main.start();
    const result = await t.main.router.dispatch('capture:saveSettings', { ...defaultCaptureSettings(), excludedTitlePatterns: ['(a+)+$'] });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe('validation');
      expect(result.error.message).toMatch(/excludedTitlePatterns/);
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
