import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIdleMonitor, type AwayChange } from '../../../electron/main/idle/idle-monitor';
import type { IdleSource, PowerEvent } from '../../../electron/main/ports';
import type { AwayPeriod } from '../../../shared/capture/types';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 24, 17, 0); // 17:00 UTC

function setup(thresholdSeconds = 300) {
  let now = T0;
  /** Time of the last input; idle seconds are derived from it, like the OS does. */
  let lastInput = T0;
  let failing = false;
  const power = new Set<(event: PowerEvent) => void>();
  const idleSource: IdleSource = {
    idleSeconds: async () => {
      if (failing) throw new Error('xprintidle crashed');
      return (now - lastInput) / 1000;
    },
    onPowerEvent(listener) {
      power.add(listener);
      return () => power.delete(listener);
    },
  };
  const emitted: Array<[string, AwayPeriod]> = [];
  const changes: AwayChange[] = [];
  const warnings: string[] = [];
  let n = 0;
  const monitor = createIdleMonitor({
    idleSource,
    clock: { now: () => now, timeZone: () => 'UTC' },
    thresholdSeconds,
    emit: (event, period) => emitted.push([event, period]),
    newId: () => `away-${n++}`,
    warn: (m) => warnings.push(m),
  });
  monitor.subscribe((c) => changes.push(c));
  monitor.start();
  return {
    monitor,
    emitted,
    changes,
    warnings,
    /** Advance the clock in steps, checking like the poll loop does. */
    async pass(ms: number, stepMs = 10_000) {
      const until = now + ms;
      while (now < until) {
        now = Math.min(until, now + stepMs);
        await monitor.check();
      }
    },
    /** Jump without checks (the process was frozen). */
    jump(ms: number) {
      now += ms;
    },
    input() {
      lastInput = now;
    },
    fire(kind: PowerEvent['kind']) {
      for (const listener of power) listener({ kind, at: now });
    },
    fail(value: boolean) {
      failing = value;
    },
    now: () => now,
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('idle monitor', () => {
  it('starts an idle period at the last input once idle passes the threshold, ends it at the returning input', async () => {
    const t = setup(300);
    await t.monitor.check();
    t.input();
    await t.pass(4 * MIN);
    expect(t.emitted).toEqual([]);
    await t.pass(2 * MIN);
    expect(t.emitted).toEqual([['away:started', { id: 'away-0', start: T0, end: null, reason: 'idle' }]]);
    expect(t.monitor.current()).toMatchObject({ start: T0, end: null });
    await t.pass(10 * MIN, 2_000);
    t.input();
    const back = t.now();
    await t.pass(2_000, 2_000);
    expect(t.emitted[1]).toEqual(['away:ended', { id: 'away-0', start: T0, end: back, reason: 'idle' }]);
    expect(t.monitor.current()).toBeNull();
    expect(t.changes.map((c) => c.type)).toEqual(['started', 'ended']);
  });

  it('does not count short pauses as away', async () => {
    const t = setup(300);
    for (let i = 0; i < 20; i++) {
      await t.pass(4 * MIN);
      t.input();
    }
    expect(t.emitted).toEqual([]);
    expect(t.monitor.lastInputAt()).toBe(t.now() - 4 * MIN); // the input just made is seen at the next check
  });

  it('reports suspend to resume, ending at the first input after resume', async () => {
    const t = setup(300);
    await t.pass(MIN);
    t.input();
    t.fire('suspend');
    const slept = t.now();
    t.jump(45 * MIN);
    t.fire('resume');
    const resumed = t.now();
    await t.monitor.check(); // idle is 45 minutes: still away until someone touches the machine
    expect(t.monitor.current()).toMatchObject({ reason: 'suspend', start: slept });
    await t.pass(30_000, 2_000);
    t.input();
    await t.pass(2_000, 2_000);
    expect(t.emitted.map(([e]) => e)).toEqual(['away:started', 'away:ended']);
    expect(t.emitted[1]![1]).toMatchObject({ reason: 'suspend', start: slept, end: t.now() - 2_000 });
    expect(t.emitted[1]![1].end).toBeGreaterThan(resumed);
  });

  it('a short suspend ends at resume when the last input was before it', async () => {
    const t = setup(300);
    t.input();
    t.fire('suspend');
    const slept = t.now();
    t.jump(MIN);
    t.fire('resume');
    await t.monitor.check();
    expect(t.emitted[1]![1]).toEqual({ id: 'away-0', start: slept, end: slept + MIN, reason: 'suspend' });
  });

  it('reports lock to unlock', async () => {
    const t = setup(300);
    t.input();
    await t.pass(MIN);
    t.fire('lock-screen');
    const locked = t.now();
    await t.pass(20 * MIN, 2_000);
    t.input();
    t.fire('unlock-screen');
    const unlocked = t.now();
    await t.monitor.check();
    expect(t.emitted).toEqual([
      ['away:started', { id: 'away-0', start: locked, end: null, reason: 'lock' }],
      ['away:ended', { id: 'away-0', start: locked, end: unlocked, reason: 'lock' }],
    ]);
  });

  it('treats a frozen clock (sleep without events) as one suspend period', async () => {
    const t = setup(300);
    t.input();
    await t.pass(MIN);
    const lastCheck = t.now();
    t.jump(3 * 60 * MIN);
    t.input(); // the key press that woke the machine
    await t.monitor.check();
    expect(t.emitted).toEqual([
      ['away:started', { id: 'away-0', start: lastCheck, end: null, reason: 'suspend' }],
      ['away:ended', { id: 'away-0', start: lastCheck, end: t.now(), reason: 'suspend' }],
    ]);
  });

  it('overnight: idle, then lock, then suspend, then a morning resume is exactly one period', async () => {
    const t = setup(300);
    t.input();
    const left = t.now();
    await t.pass(10 * MIN); // idle from 17:00, noticed after 5 minutes
    t.fire('lock-screen');
    await t.pass(20 * MIN, 2_000);
    t.fire('suspend');
    t.jump(14 * 60 * MIN);
    t.fire('resume');
    await t.monitor.check();
    await t.pass(3 * MIN, 2_000); // the machine woke for an update, nobody there yet
    t.input();
    t.fire('unlock-screen');
    await t.monitor.check();
    for (let i = 0; i < 10; i++) {
      await t.pass(MIN); // working again
      t.input();
    }
    expect(t.emitted.map(([event, period]) => [event, period.id, period.reason]), JSON.stringify(t.emitted)).toEqual([
      ['away:started', 'away-0', 'idle'],
      ['away:ended', 'away-0', 'idle'],
    ]);
    const period = t.emitted[1]![1];
    expect(period.start).toBe(left);
    expect(period.end! - period.start).toBe(10 * MIN + 20 * MIN + 14 * 60 * MIN + 3 * MIN);
  });

  it('keeps going when the idle source fails, and warns', async () => {
    const t = setup(300);
    t.fail(true);
    await t.pass(MIN);
    expect(t.warnings.length).toBeGreaterThan(0);
    expect(t.emitted).toEqual([]);
    t.fail(false);
    await t.pass(6 * MIN);
    expect(t.emitted.map(([e]) => e)).toEqual(['away:started']);
  });

  it('follows a new threshold', async () => {
    const t = setup(300);
    t.input();
    t.monitor.setThreshold(60);
    await t.pass(70_000);
    expect(t.monitor.current()).toMatchObject({ reason: 'idle', start: T0 });
  });

  it('polls on its own with a slower rate while present and a faster one while away', async () => {
    const t = setup(300);
    await vi.advanceTimersByTimeAsync(0);
    t.jump(6 * MIN);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.monitor.current()).not.toBeNull();
    t.input();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(t.monitor.current()).toBeNull();
    t.monitor.stop();
  });
});
