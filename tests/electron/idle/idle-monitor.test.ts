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
});

describe('idle monitor wake-ups (issue 19: an idle process does not wake when nothing changes)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A monitor on the (fake) timers, as the app runs it; `canWatch`: the source hears the next input. */
  function running(canWatch: boolean) {
    let lastInput = Date.now();
    let reads = 0;
    let onInput: (() => void) | null = null;
    const idleSource: IdleSource = {
      idleSeconds: async () => {
        reads++;
        return (Date.now() - lastInput) / 1000;
      },
      onPowerEvent: () => () => {},
      ...(canWatch && {
        watchInput: async (listener: () => void) => {
          onInput = listener;
          return () => {
            onInput = null;
          };
        },
      }),
    };
    const periods: AwayChange[] = [];
    const monitor = createIdleMonitor({ idleSource, clock: { now: () => Date.now(), timeZone: () => 'UTC' }, thresholdSeconds: 300, newId: () => 'away' });
    monitor.subscribe((c) => periods.push(c));
    monitor.start();
    return {
      monitor,
      periods,
      reads: () => reads,
      watching: () => onInput !== null,
      input() {
        lastInput = Date.now();
        const listener = onInput;
        onInput = null;
        listener?.();
      },
    };
  }

  it('reads idle time about once per threshold while the user works, and notices leaving at the threshold', async () => {
    const m = running(true);
    for (let t = 0; t < 30 * MIN; t += 5_000) {
      await vi.advanceTimersByTimeAsync(5_000);
      m.input();
    }
    // 30 minutes of work: a read at start and one per 5-minute threshold (it was every 10 s: 180).
    expect(m.reads()).toBeLessThanOrEqual(7);
    expect(m.monitor.current()).toBeNull();
    const left = Date.now();
    await vi.advanceTimersByTimeAsync(5 * MIN);
    expect(m.monitor.current()).toEqual({ id: 'away', start: left, end: null, reason: 'idle' });
    m.monitor.stop();
  });

  it('sleeps while away until the next input, then ends the period at that input', async () => {
    const m = running(true);
    await vi.advanceTimersByTimeAsync(5 * MIN);
    expect(m.monitor.current()).not.toBeNull();
    const reads = m.reads();
    await vi.advanceTimersByTimeAsync(60 * MIN);
    expect(m.reads()).toBe(reads); // an hour away: not one wake-up
    expect(m.watching()).toBe(true);
    const back = Date.now();
    m.input();
    await vi.advanceTimersByTimeAsync(0);
    expect(m.monitor.current()).toBeNull();
    expect(m.periods.at(-1)).toMatchObject({ type: 'ended', period: { start: T0, end: back } });
    m.monitor.stop();
  });

  it('follows a lower threshold at once, not at the read timed for the old one', async () => {
    const m = running(true);
    await vi.advanceTimersByTimeAsync(30_000);
    m.monitor.setThreshold(60);
    await vi.advanceTimersByTimeAsync(31_000);
    expect(m.monitor.current()).toEqual({ id: 'away', start: T0, end: null, reason: 'idle' });
    m.monitor.stop();
  });

  it('reads every 2 s while away where input cannot be watched', async () => {
    const m = running(false);
    await vi.advanceTimersByTimeAsync(5 * MIN);
    const reads = m.reads();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(m.reads() - reads).toBe(5);
    m.input();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(m.monitor.current()).toBeNull();
    m.monitor.stop();
  });
});
