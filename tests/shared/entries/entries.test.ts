import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateEntry, type TimeEntry } from '../../../shared/entries/entry';
import { canEdit, crossesLocalMidnight, duplicateEntry, findOverlaps, mergeEntries, splitAtMidnight, splitEntry } from '../../../shared/entries/operations';
import { localDate, zonedInstant } from '../../../shared/time/zone';

const HOUR = 3_600_000;
const zone = 'Europe/Berlin';
const at = (time: string, date = '2024-05-02') => zonedInstant(date, time, zone);
const entry = (over: Partial<TimeEntry> = {}): TimeEntry => ({
  id: 'e1', projectId: 'p1', taskId: null, description: 'Design review', start: at('09:00'), end: at('10:00'), zone,
  source: 'manual', billable: true, status: 'draft', version: 1, createdAt: at('08:00'), updatedAt: at('08:00'), ...over,
});
const NOW = at('18:00');

describe('validateEntry', () => {
  it('accepts a normal entry and a running one', () => {
    expect(validateEntry(entry())).toEqual([]);
    expect(validateEntry(entry({ end: null }), { now: at('12:00') })).toEqual([]);
  });
  it('explains what is wrong', () => {
    expect(validateEntry(entry({ end: at('08:00') }))).toEqual([{ field: 'end', message: 'The end must be after the start.' }]);
    expect(validateEntry(entry({ end: at('09:00') }))[0]?.message).toMatch(/after the start/);
    expect(validateEntry(entry({ end: at('10:00', '2024-05-03') }))[0]?.message).toBe('An entry can be at most 24 hours long; this one is 25:00.');
    expect(validateEntry(entry({ zone: 'Europe/Paris ' }))[0]).toMatchObject({ field: 'zone' });
    expect(validateEntry(entry({ end: null }), { now: at('10:00', '2024-05-03') })[0]?.message).toMatch(/running for more than 24 hours/);
    expect(validateEntry({ ...entry(), status: 'archived' })[0]?.field).toBe('status');
  });
  it('holds a description to QuickBooks’ 4,000 characters and says by how much it is over', () => {
    expect(validateEntry(entry({ description: 'x'.repeat(4000) }))).toEqual([]);
    expect(validateEntry(entry({ description: 'x'.repeat(4012) }))).toEqual([
      { field: 'description', message: 'The description is 4,012 characters long; QuickBooks keeps at most 4,000. Shorten it by 12.' },
    ]);
  });
  it('accepts exactly 24 hours', () => {
    expect(validateEntry(entry({ start: Date.UTC(2024, 4, 2), end: Date.UTC(2024, 4, 3) }))).toEqual([]);
  });
});

describe('locking', () => {
  it('locks approved and later entries with a reason', () => {
    expect(canEdit(entry())).toEqual({ ok: true });
    for (const status of ['approved', 'synced', 'invoiced', 'paid'] as const) {
      const check = canEdit(entry({ status }));
      expect(check.ok).toBe(false);
    }
    expect(canEdit(entry({ status: 'approved' }))).toEqual({ ok: false, reason: 'This entry is approved and locked. Reopen it to make changes.' });
  });
});

describe('findOverlaps', () => {
  it('finds overlapping pairs, ignores touching and deleted entries, and treats running as open-ended', () => {
    const entries = [
      entry({ id: 'a', start: at('09:00'), end: at('10:00') }),
      entry({ id: 'b', start: at('10:00'), end: at('11:00') }), // touches a
      entry({ id: 'c', start: at('10:30'), end: at('10:45') }), // inside b
      entry({ id: 'd', start: at('09:30'), end: at('12:00'), deletedAt: NOW }),
      entry({ id: 'e', start: at('11:50'), end: null }),
    ];
    expect(findOverlaps(entries, at('12:00'))).toEqual([{ a: 'b', b: 'c', overlapMs: HOUR / 4 }]);
    expect(findOverlaps([...entries, entry({ id: 'f', start: at('13:00'), end: at('14:00') })])).toEqual([
      { a: 'b', b: 'c', overlapMs: HOUR / 4 },
      { a: 'e', b: 'f', overlapMs: HOUR },
    ]);
  });
  it('agrees with a pairwise check', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 30 })), { maxLength: 15 }), (spans) => {
        const entries = spans.map(([s, len], i) => entry({ id: `e${i}`, start: s * 60_000, end: (s + len) * 60_000 }));
        const expected = new Set<string>();
        entries.forEach((x, i) => entries.forEach((y, j) => {
          if (i < j && x.start < y.end! && y.start < x.end!) expected.add([x.id, y.id].sort().join());
        }));
        expect(new Set(findOverlaps(entries).map((o) => [o.a, o.b].sort().join()))).toEqual(expected);
      }),
    );
  });
});

describe('split, merge, duplicate', () => {
  it('splits into two entries that cover the original exactly', () => {
    const result = splitEntry(entry({ importKey: 'k' }), at('09:20'), { newId: 'e2', now: NOW });
    if (!result.ok) throw new Error(result.reason);
    const [first, second] = result.entries;
    expect([first.id, first.start, first.end, first.version]).toEqual(['e1', at('09:00'), at('09:20'), 2]);
    expect([second.id, second.start, second.end, second.version, second.importKey]).toEqual(['e2', at('09:20'), at('10:00'), 1, undefined]);
    expect(splitEntry(entry(), at('10:00'), { newId: 'x', now: NOW })).toEqual({ ok: false, reason: 'The split time must be inside the entry.' });
  });
  it('keeps the timer running in the second part when splitting a running entry', () => {
    const result = splitEntry(entry({ end: null }), at('09:20'), { newId: 'e2', now: NOW });
    expect(result.ok && result.entries.map((e) => [e.start, e.end])).toEqual([[at('09:00'), at('09:20')], [at('09:20'), null]]);
  });
  it('merges touching or overlapping entries of one project', () => {
    const a = entry({ id: 'a', start: at('09:00'), end: at('10:00'), description: 'Design' });
    const b = entry({ id: 'b', start: at('09:30'), end: at('11:00'), description: 'Review' });
    expect(mergeEntries(b, a, NOW)).toMatchObject({ ok: true, removedId: 'b', entry: { id: 'a', start: at('09:00'), end: at('11:00'), description: 'Design; Review', version: 2 } });
    const same = mergeEntries(a, entry({ id: 'c', start: at('10:00'), end: at('10:30'), description: 'Design' }), NOW);
    expect(same.ok && same.entry.description).toBe('Design');
  });
  it('refuses merges across projects, across gaps, or of locked entries', () => {
    const a = entry({ id: 'a' });
    expect(mergeEntries(a, entry({ id: 'b', projectId: 'p2' }), NOW)).toMatchObject({ ok: false, reason: /same project/ });
    expect(mergeEntries(a, entry({ id: 'b', start: at('10:01'), end: at('11:00') }), NOW)).toMatchObject({ ok: false, reason: /touch or overlap/ });
    expect(mergeEntries(a, entry({ id: 'b', status: 'approved' }), NOW)).toMatchObject({ ok: false, reason: /locked/ });
  });
  it('duplicates as a fresh manual draft', () => {
    const copy = duplicateEntry(entry({ status: 'invoiced', source: 'timer', version: 7, importKey: 'k' }), { newId: 'n', now: NOW });
    expect(copy).toMatchObject({ id: 'n', status: 'draft', source: 'manual', version: 1, createdAt: NOW, start: at('09:00'), end: at('10:00') });
    expect(copy.importKey).toBeUndefined();
  });
});

describe('local midnight', () => {
  it('detects crossing in the entry zone; ending exactly at midnight does not cross', () => {
    expect(crossesLocalMidnight(entry({ start: at('22:00'), end: at('00:00', '2024-05-03') }))).toBe(false);
    expect(crossesLocalMidnight(entry({ start: at('22:00'), end: at('01:00', '2024-05-03') }))).toBe(true);
    expect(crossesLocalMidnight(entry({ start: at('22:00'), end: null }))).toBe(false);
  });
  it('splits into one entry per local day, keeping the first id', () => {
    const ids = ['n1'];
    const result = splitAtMidnight(entry({ start: at('22:00'), end: at('01:30', '2024-05-03') }), { nextId: () => ids.shift()!, now: NOW });
    if (!result.ok) throw new Error(result.reason);
    expect(result.entries.map((e) => [e.id, localDate(e.start, zone), (e.end! - e.start) / HOUR])).toEqual([['e1', '2024-05-02', 2], ['n1', '2024-05-03', 1.5]]);
  });
});
