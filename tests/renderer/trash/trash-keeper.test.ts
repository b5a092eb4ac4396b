// The automatic purge as the window runs it: a check at start and one every hour, on injected timers,
// against the real repositories on a clock the test moves. No real waiting.
import { describe, expect, it } from 'vitest';
import { PURGE_CHECK_MS, startTrashKeeper } from '../../../renderer/src/features/trash/trash-keeper';
import { TRASH_KEEP_MS } from '../../../renderer/src/db/repos/trash-repo';
import { at, testEnv } from '../db/helpers';

const NY = 'America/New_York';

/** Timers that fire only when the test says so. */
function manualTimers() {
  const pending = new Map<number, { fn: () => void; ms: number }>();
  let next = 0;
  return {
    timers: {
      setTimeout: (fn: () => void, ms: number) => (pending.set(++next, { fn, ms }), next),
      clearTimeout: (h: unknown) => void pending.delete(h as number),
    },
    pending,
    /** Fires every armed timer once. */
    fire() {
      const due = [...pending.values()];
      pending.clear();
      for (const t of due) t.fn();
    },
  };
}

describe('the trash keeper', () => {
  it('purges at start and every hour, entries 30 days old by the repositories clock', async () => {
    const { repos, clock } = await testEnv();
    const start = at('2026-03-02', '09:00', NY);
    const e = await repos.entries.create({ projectId: null, start, end: start + 3_600_000, zone: NY });
    await repos.entries.delete([e.id], { confirmed: true });
    const { timers, pending, fire } = manualTimers();
    // Each check, as it runs: awaited so the test reads the trash after the check wrote it.
    const checks: Promise<unknown>[] = [];
    const stop = startTrashKeeper(() => {
      const check = repos.trash.purgeExpired();
      checks.push(check);
      return check;
    }, timers);
    await checks.at(-1);
    expect(checks).toHaveLength(1);
    await expect.poll(() => pending.size).toBe(1);
    expect([...pending.values()].map((t) => t.ms)).toEqual([PURGE_CHECK_MS]);
    expect(await repos.trash.count()).toBe(1);

    clock.advance(TRASH_KEEP_MS - 1);
    fire();
    expect(checks).toHaveLength(2);
    await checks.at(-1);
    expect(await repos.trash.count()).toBe(1);
    clock.advance(1);
    await expect.poll(() => pending.size).toBe(1);
    fire();
    await checks.at(-1);
    expect(await repos.trash.count()).toBe(0);

    stop();
    expect(pending.size).toBe(0);
  });

  it('a failed check is tried again at the next one', async () => {
    const { timers, pending, fire } = manualTimers();
    let calls = 0;
    const stop = startTrashKeeper(async () => {
      calls++;
      throw new Error('disk busy');
    }, timers);
    await expect.poll(() => pending.size).toBe(1);
    fire();
    expect(calls).toBe(2);
    await expect.poll(() => pending.size).toBe(1);
    stop();
    expect(pending.size).toBe(0);
  });
});
