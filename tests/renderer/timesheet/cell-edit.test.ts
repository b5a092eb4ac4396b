import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeStep, planCellEdit, type CellEntry } from '../../../renderer/src/features/timesheet/cell-edit';
import { zonedInstant } from '../../../shared/time/zone';

const zone = 'America/New_York';
const at = (date: string, time: string) => zonedInstant(date, time, zone);
const MIN = 60_000;
const H = 60 * MIN;
const entry = (id: string, from: string, to: string, more: Partial<CellEntry> = {}): CellEntry => ({
  id, start: at('2026-03-03', from), end: at('2026-03-03', to), source: 'manual', status: 'draft', description: '', version: 1, ...more,
});
const plan = (cell: CellEntry[], targetMs: number, now = 0) => planCellEdit({ date: '2026-03-03', zone, cell, day: cell, targetMs, now });

describe('raising a timesheet cell', () => {
  it('adds the difference as a typed entry at 09:00 on an empty day, without asking', () => {
    expect(planCellEdit({ date: '2026-03-03', zone, cell: [], day: [], targetMs: 1.5 * H, now: 0 })).toEqual({
      ok: true, fromMs: 0, toMs: 1.5 * H, ask: false, steps: [{ kind: 'create', start: at('2026-03-03', '09:00'), end: at('2026-03-03', '10:30') }],
    });
  });

  it('places new time after the day’s last entry so it does not overlap other work', () => {
    const day = [entry('a', '09:00', '12:00', { source: 'timer' }), entry('b', '13:00', '14:00', { source: 'timer' })];
    const p = planCellEdit({ date: '2026-03-03', zone, cell: [day[0]!], day, targetMs: 4 * H, now: 0 });
    expect(p.ok && p.steps).toEqual([{ kind: 'create', start: at('2026-03-03', '14:00'), end: at('2026-03-03', '15:00') }]);
  });

  it('keeps new time inside its day even when the day is nearly full', () => {
    const day = [entry('a', '09:00', '23:00', { source: 'timer' })];
    const p = planCellEdit({ date: '2026-03-03', zone, cell: [], day, targetMs: 2 * H, now: 0 });
    expect(p.ok && p.steps[0]).toEqual({ kind: 'create', start: at('2026-03-03', '22:00'), end: at('2026-03-04', '00:00') });
  });

  it('on the spring-forward day a 2-hour cell is 2 real hours', () => {
    const p = planCellEdit({ date: '2026-03-08', zone, cell: [], day: [], targetMs: 2 * H, now: 0 });
    expect(p.ok && p.steps[0]).toEqual({ kind: 'create', start: at('2026-03-08', '09:00'), end: at('2026-03-08', '11:00') });
  });
});

describe('lowering a timesheet cell', () => {
  it('lists what changes and asks: typed drafts are shortened latest first, and deleted when all of one goes', () => {
    const early = entry('early', '09:00', '10:00');
    const late = entry('late', '14:00', '16:00');
    expect(plan([early, late], 1.5 * H)).toEqual({ ok: true, fromMs: 3 * H, toMs: 1.5 * H, ask: true, steps: [{ kind: 'trim', entry: late, end: at('2026-03-03', '14:30') }] });
    expect(plan([early, late], 0)).toEqual({ ok: true, fromMs: 3 * H, toMs: 0, ask: true, steps: [{ kind: 'delete', entry: late }, { kind: 'delete', entry: early }] });
  });

  it('never deletes an entry with a description: shortens it to a minute at most, and says why it cannot go lower', () => {
    const words = entry('words', '09:00', '10:00', { description: 'Wireframes for the home page' });
    const blank = entry('blank', '14:00', '15:00');
    const p = plan([words, blank], 0.5 * H);
    expect(p).toMatchObject({ ok: true, steps: [{ kind: 'delete', entry: blank }, { kind: 'trim', entry: words, end: at('2026-03-03', '09:30') }] });
    expect(plan([words, blank], MIN)).toMatchObject({ ok: true, steps: [{ kind: 'delete' }, { kind: 'trim', entry: words, end: at('2026-03-03', '09:01') }] });

    const refused = plan([words, blank], 0);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.message).toContain('This cell can go down to 0:01, not lower.');
      expect(refused.message).toContain('“Wireframes for the home page”');
    }
  });

  it('changes approved and synced time last and only shortens it; never invoiced time nor a running timer', () => {
    const typed = entry('typed', '09:00', '10:00');
    const approved = entry('approved', '11:00', '12:00', { status: 'approved' });
    const synced = entry('synced', '12:00', '13:00', { status: 'synced', source: 'timer' });
    const invoiced = entry('invoiced', '13:00', '14:00', { status: 'invoiced' });
    const running: CellEntry = { ...entry('running', '15:00', '15:00', { source: 'timer' }), end: null };
    const cell = [typed, approved, synced, invoiced, running];
    const now = at('2026-03-03', '15:30');
    expect(plan(cell, 3.5 * H, now)).toMatchObject({ ok: true, steps: [{ kind: 'delete', entry: typed }] });
    expect(plan(cell, 2.5 * H, now)).toMatchObject({
      ok: true,
      // Approved time after drafts, typed before measured as for drafts.
      steps: [{ kind: 'delete', entry: typed }, { kind: 'trim', entry: approved, end: at('2026-03-03', '11:01') }, { kind: 'trim', entry: synced, end: at('2026-03-03', '12:59') }],
    });
    const refused = plan(cell, 1 * H, now);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.message).toContain('This cell can go down to 1:32, not lower.');
      expect(refused.message).toContain('Invoiced time (1:00) is not changed from the timesheet.');
      expect(refused.message).toContain('Approved time is only shortened here, to a minute at least.');
      expect(refused.message).toContain('The running timer is not changed from the timesheet');
    }
  });

  it('takes typed time first, then measured time (marked by its source in the plan), latest first', () => {
    const timer = entry('timer', '09:00', '11:00', { source: 'timer' });
    const imported = entry('imported', '11:00', '12:00', { source: 'import' });
    const typed = entry('typed', '08:00', '08:30');
    const p = plan([timer, imported, typed], 2.5 * H);
    expect(p).toMatchObject({ ok: true, steps: [{ kind: 'delete', entry: typed }, { kind: 'trim', entry: imported, end: at('2026-03-03', '11:30') }] });
  });

  it('typing back what the cell shows changes nothing, even when the entries hold seconds', () => {
    const timed = { ...entry('t', '09:00', '10:07', { source: 'timer' }), end: at('2026-03-03', '10:07') + 30_000 };
    expect(plan([timed], 67 * MIN)).toEqual({ ok: true, fromMs: 67 * MIN, toMs: 67 * MIN, steps: [], ask: false });
    const running: CellEntry = { ...entry('r', '09:00', '09:00', { source: 'timer' }), end: null };
    expect(plan([running], H, at('2026-03-03', '10:00'))).toMatchObject({ ok: true, steps: [] });
  });

  it('says what each change does in the question', () => {
    const e = entry('e', '09:00', '11:00');
    expect(describeStep({ kind: 'trim', entry: e, end: at('2026-03-03', '10:30') }, zone)).toBe('ends at 10:30 instead of 11:00');
    expect(describeStep({ kind: 'delete', entry: e }, zone)).toBe('deleted');
  });

  it('whatever the cell and the target: described and approved entries survive, invoiced ones are untouched, and an accepted plan reaches the target', () => {
    const arbEntry = fc.record({
      startMin: fc.integer({ min: 0, max: 20 * 60 }),
      lengthMin: fc.integer({ min: 1, max: 180 }),
      seconds: fc.integer({ min: 0, max: 59 }),
      described: fc.boolean(),
      source: fc.constantFrom('manual', 'timer', 'activity', 'import') as fc.Arbitrary<CellEntry['source']>,
      status: fc.constantFrom('draft', 'draft', 'approved', 'synced', 'invoiced'),
    });
    fc.assert(
      fc.property(fc.array(arbEntry, { maxLength: 6 }), fc.integer({ min: 0, max: 12 * 60 }), (specs, targetMin) => {
        const dayStart = at('2026-03-03', '00:00');
        const cell: CellEntry[] = specs.map((s, i) => ({
          id: `e${i}`, start: dayStart + s.startMin * MIN, end: dayStart + (s.startMin + s.lengthMin) * MIN + s.seconds * 1000,
          source: s.source, status: s.status, description: s.described ? 'work' : '', version: 1,
        }));
        const total = cell.reduce((sum, e) => sum + e.end! - e.start, 0);
        const p = plan(cell, targetMin * MIN);
        if (!p.ok || targetMin * MIN >= total) return;
        const byId = new Map(cell.map((e) => [e.id, e]));
        let after = total;
        for (const step of p.steps) {
          if (step.kind === 'create') throw new Error('lowering created an entry');
          const e = byId.get(step.entry.id)!;
          expect(['draft', 'approved', 'synced']).toContain(e.status);
          if (step.kind === 'delete') {
            expect(e.status).toBe('draft');
            expect(e.description).toBe('');
            after -= e.end! - e.start;
          } else {
            expect(step.end).toBeLessThan(e.end!);
            expect(step.end - e.start).toBeGreaterThanOrEqual(e.description || e.status !== 'draft' ? Math.min(MIN, e.end! - e.start) : 1);
            after -= e.end! - step.end;
          }
        }
        if (p.steps.length > 0) expect(after).toBe(targetMin * MIN);
      }),
    );
  });
});
