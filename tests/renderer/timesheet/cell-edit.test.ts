import { describe, expect, it } from 'vitest';
import { planCellEdit, type CellEntry } from '../../../renderer/src/features/timesheet/cell-edit';
import { zonedInstant } from '../../../shared/time/zone';

const zone = 'America/New_York';
const at = (date: string, time: string) => zonedInstant(date, time, zone);
const H = 3_600_000;
const entry = (id: string, date: string, from: string, to: string, source = 'manual', status = 'draft'): CellEntry => ({
  id, start: at(date, from), end: at(date, to), source, status,
});

describe('typing a duration into a timesheet cell', () => {
  it('adds the difference as a manual entry at 09:00 on an empty day', () => {
    const plan = planCellEdit({ date: '2026-03-03', zone, cell: [], day: [], targetMs: 1.5 * H, now: 0 });
    expect(plan).toEqual({ ok: true, steps: [{ kind: 'create', start: at('2026-03-03', '09:00'), end: at('2026-03-03', '10:30') }] });
  });

  it('places new time after the day’s last entry so it does not overlap other work', () => {
    const day = [entry('a', '2026-03-03', '09:00', '12:00', 'timer'), entry('b', '2026-03-03', '13:00', '14:00', 'timer')];
    const plan = planCellEdit({ date: '2026-03-03', zone, cell: [day[0]!], day, targetMs: 4 * H, now: 0 });
    expect(plan).toEqual({ ok: true, steps: [{ kind: 'create', start: at('2026-03-03', '14:00'), end: at('2026-03-03', '15:00') }] });
  });

  it('keeps new time inside its day even when the day is nearly full', () => {
    const day = [entry('a', '2026-03-03', '09:00', '23:00', 'timer')];
    const plan = planCellEdit({ date: '2026-03-03', zone, cell: [], day, targetMs: 2 * H, now: 0 });
    expect(plan.ok && plan.steps[0]).toEqual({ kind: 'create', start: at('2026-03-03', '22:00'), end: at('2026-03-04', '00:00') });
  });

  it('on the spring-forward day a 2-hour cell is 2 real hours', () => {
    const plan = planCellEdit({ date: '2026-03-08', zone, cell: [], day: [], targetMs: 2 * H, now: 0 });
    expect(plan.ok && plan.steps[0]).toEqual({ kind: 'create', start: at('2026-03-08', '09:00'), end: at('2026-03-08', '11:00') });
  });

  it('lowers a cell by trimming manual drafts, latest first', () => {
    const cell = [entry('early', '2026-03-03', '09:00', '10:00'), entry('late', '2026-03-03', '14:00', '16:00')];
    const plan = planCellEdit({ date: '2026-03-03', zone, cell, day: cell, targetMs: 1.5 * H, now: 0 });
    expect(plan).toEqual({ ok: true, steps: [{ kind: 'setEnd', id: 'late', end: at('2026-03-03', '14:30') }] });
    const cleared = planCellEdit({ date: '2026-03-03', zone, cell, day: cell, targetMs: 0, now: 0 });
    expect(cleared).toEqual({ ok: true, steps: [{ kind: 'delete', id: 'late' }, { kind: 'delete', id: 'early' }] });
  });

  it('never cuts timer-tracked or approved time, and says where to do it', () => {
    const cell = [entry('t', '2026-03-03', '09:00', '11:00', 'timer'), entry('a', '2026-03-03', '12:00', '13:00', 'manual', 'approved')];
    const plan = planCellEdit({ date: '2026-03-03', zone, cell, day: cell, targetMs: 1 * H, now: 0 });
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.message).toMatch(/Today screen/);
  });

  it('does nothing when the value is unchanged, counting a running timer up to now', () => {
    const running: CellEntry = { id: 'r', start: at('2026-03-03', '09:00'), end: null, source: 'timer', status: 'draft' };
    const plan = planCellEdit({ date: '2026-03-03', zone, cell: [running], day: [running], targetMs: 1 * H, now: at('2026-03-03', '10:00') });
    expect(plan).toEqual({ ok: true, steps: [] });
  });
});
