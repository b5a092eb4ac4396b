// The reminders runner with a fake clock and a fake notifier: it looks at each whole minute, shows a
// due reminder once, keeps quiet in quiet hours, and stops when asked.
import { describe, expect, it } from 'vitest';
import { DEFAULT_REMINDER_SETTINGS, type Reminder, type ReminderSettings, type ReminderSnapshot } from '../../../shared/reminders/policy';
import { zonedInstant } from '../../../shared/time/zone';
import { createReminderRunner, REMEMBERED } from '../../../renderer/src/features/reminders/runner';

const ZONE = 'Europe/Berlin';

function fakeClock(start: number) {
  let now = start;
  let timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let next = 1;
  const flush = () => new Promise((r) => setTimeout(r, 0));
  return {
    now: () => now,
    timers: {
      setTimeout: (fn: () => void, ms: number) => (timers.push({ at: now + ms, fn, id: next }), next++),
      clearTimeout: (id: unknown) => void (timers = timers.filter((t) => t.id !== id)),
    },
    pending: () => timers.length,
    /** Moves time on, firing each timer at its due instant (and letting its promises settle). */
    async advance(ms: number) {
      const end = now + ms;
      for (;;) {
        await flush();
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.fn();
      }
      await flush();
      now = end;
    },
  };
}

function setup(start: number, settings: Partial<ReminderSettings>, snap: Partial<ReminderSnapshot>, stored: string[] = []) {
  const clock = fakeClock(start);
  const shown: Array<{ at: number; reminder: Reminder }> = [];
  const memory = { ids: stored, load: async () => memory.ids, save: async (ids: readonly string[]) => void (memory.ids = [...ids]) };
  const runner = createReminderRunner({
    memory,
    settings: async () => ({ ...DEFAULT_REMINDER_SETTINGS, ...settings }),
    snapshot: async () => ({ timerRunning: false, lastTimerEnd: null, unreviewedDays: [], oldestApprovedAt: null, syncProblems: [], ...snap }),
    notify: async (reminder) => shown.push({ at: clock.now(), reminder }),
    now: clock.now,
    zone: () => ZONE,
    timers: clock.timers,
  });
  runner.start();
  return { clock, shown, runner, memory };
}

const at = (time: string, day = '2026-06-10') => zonedInstant(day, time, ZONE);

describe('reminders runner', () => {
  it('shows "review the day" at the review time, once, with the screen to open', async () => {
    const { clock, shown } = setup(at('17:58') + 20_000, { reviewBy: '18:00' }, { unreviewedDays: ['2026-06-10'] });
    await clock.advance(60_000);
    expect(shown).toEqual([]);
    await clock.advance(60 * 60_000);
    expect(shown).toEqual([{ at: at('18:00'), reminder: expect.objectContaining({ id: 'review:2026-06-10', target: { screen: 'review', day: '2026-06-10' } }) }]);
  });

  it('shows nothing in quiet hours, and the reminder when they end', async () => {
    const { clock, shown } = setup(at('21:00'), { quietHours: { on: true, start: '20:00', end: '08:00' } }, { unreviewedDays: ['2026-06-10'] });
    await clock.advance(11 * 60 * 60_000 + 60_000);
    expect(shown.map((s) => s.at)).toEqual([at('08:00', '2026-06-11')]);
  });

  it('remembers what it showed across a restart: the same day is not reminded of twice, the next day is', async () => {
    const first = setup(at('17:59'), { reviewBy: '18:00' }, { unreviewedDays: ['2026-06-10'] });
    await first.clock.advance(2 * 60_000);
    first.runner.stop();
    expect(first.shown.map((s) => s.reminder.id)).toEqual(['review:2026-06-10']);
    const again = setup(at('18:30'), { reviewBy: '18:00' }, { unreviewedDays: ['2026-06-10'] }, first.memory.ids);
    await again.clock.advance(60 * 60_000);
    expect(again.shown).toEqual([]);
    const nextDay = setup(at('17:59', '2026-06-11'), { reviewBy: '18:00' }, { unreviewedDays: ['2026-06-11'] }, first.memory.ids);
    await nextDay.clock.advance(2 * 60_000);
    expect(nextDay.shown.map((s) => s.reminder.id)).toEqual(['review:2026-06-11']);
  });

  it('keeps at most the newest occasions it remembers', async () => {
    const old = Array.from({ length: REMEMBERED }, (_, i) => `old:${i}`);
    const { clock, memory } = setup(at('17:59'), { reviewBy: '18:00' }, { unreviewedDays: ['2026-06-10'] }, old);
    await clock.advance(2 * 60_000);
    expect(memory.ids).toHaveLength(REMEMBERED);
    expect(memory.ids.at(-1)).toBe('review:2026-06-10');
    expect(memory.ids[0]).toBe('old:1');
  });

  it('stops: no timer is left and nothing more is shown', async () => {
    const { clock, shown, runner } = setup(at('12:00'), {}, { syncProblems: [{ companyId: 'c', name: 'Acme', key: 'error:1', reconnect: true }] });
    runner.stop();
    expect(clock.pending()).toBe(0);
    await clock.advance(5 * 60_000);
    expect(shown).toEqual([]);
  });
});
