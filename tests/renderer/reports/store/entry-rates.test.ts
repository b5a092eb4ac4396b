// The reports ask the rate resolution once per task, project and rate period, not once per entry:
// whatever the rate cards and the days, every entry must get exactly the rate resolveRate gives it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EntryRow, ProjectRow } from '../../../../renderer/src/db/schema';
import { reportEntries } from '../../../../renderer/src/features/reports/store/entries';
import { resolveRate, type RateRecord } from '../../../../shared/rates/resolve';
import { addLocalDays } from '../../../../shared/time/local-date';

const PROJECTS = ['p0', 'p1', 'p2'];
const project = (id: string, i: number): ProjectRow => ({ id, clientId: i === 2 ? null : `c${i % 2}`, name: id, color: '', billable: true, defaultTaskId: null, rateMinor: null,
  currency: 'USD', rounding: null, archived: false, qboCustomerId: null, qboItemId: null, qboClassId: null, createdAt: 0, updatedAt: 0 });
const projects = PROJECTS.map(project);

const day = fc.integer({ min: 0, max: 120 }).map((n) => addLocalDays('2026-01-01', n));
const rate: fc.Arbitrary<RateRecord> = fc.record({
  scope: fc.constantFrom('task', 'project', 'client', 'default' as const),
  n: fc.integer({ min: 0, max: 2 }),
  rateMinor: fc.integer({ min: 0, max: 500_00 }),
  currency: fc.constantFrom('USD', 'USD', 'EUR'),
  effectiveFrom: day,
}).map(({ scope, n, ...r }) => ({ ...r, scope, scopeId: scope === 'default' ? null : scope === 'task' ? `t${n}` : scope === 'client' ? `c${n % 2}` : `p${n}` }));
const entry = fc.record({ d: day, p: fc.integer({ min: 0, max: 2 }), t: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }), minutes: fc.integer({ min: 1, max: 600 }) });

describe('report entry rates', () => {
  it('are resolveRate’s for every entry, in the home currency only', () => {
    fc.assert(fc.property(fc.array(rate, { maxLength: 12 }), fc.array(entry, { minLength: 1, maxLength: 40 }), (rates, specs) => {
      const rows: EntryRow[] = specs.map((s, i) => {
        const start = Date.parse(`${s.d}T10:00:00Z`);
        return { id: `e${i}`, projectId: `p${s.p}`, taskId: s.t === null ? null : `t${s.t}`, description: '', start, end: start + s.minutes * 60_000, zone: 'UTC', source: 'manual',
          billable: true, status: 'draft', version: 1, createdAt: 0, updatedAt: 0, localDate: s.d, deletedAt: null };
      });
      const { entries, otherCurrencyEntries } = reportEntries(rows, rows, { currency: 'USD', rounding: { incrementMinutes: 1, mode: 'nearest', scope: 'entry' }, projects, rates, shares: new Map() });
      const expected = rows.map((e) => resolveRate({ taskId: e.taskId, projectId: e.projectId, clientId: projects.find((p) => p.id === e.projectId)!.clientId, start: e.start, zone: e.zone }, rates));
      expect(entries.map((e) => e.rateMinor)).toEqual(expected.map((r) => (r && r.currency === 'USD' ? r.rateMinor : null)));
      expect(otherCurrencyEntries).toBe(expected.filter((r) => r && r.currency !== 'USD').length);
    }), { numRuns: 300 });
  });
});
