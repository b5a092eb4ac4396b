import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TimeEntry } from '../../../shared/entries/entry';
import { decimalToMinor } from '../../../shared/qbo/decimal';
import { payloadHash } from '../../../shared/qbo/hash';
import { approvedLines, entryKey, isAggregateKey, toTimeActivities, TransformError, type TransformContext } from '../../../shared/qbo/transform';
import { resolveRate } from '../../../shared/rates/resolve';
import type { RoundingPolicy } from '../../../shared/rounding/policy';
import { roundMs } from '../../../shared/rounding/round';
import { dayRange } from '../../../shared/time/ranges';
import { context, entry, MIN, support, website } from './fixtures';

describe('toTimeActivities: one entry', () => {
  it('builds the exact QBO payload', () => {
    const e = entry({ at: ['2026-03-16', '09:00', 'America/New_York'], minutes: 61, description: 'Homepage' });
    const [draft] = toTimeActivities([e], context());
    expect(draft).toEqual({
      key: `entry:${e.id}`,
      entryIds: [e.id],
      entryVersions: [1],
      payload: {
        TxnDate: '2026-03-16',
        NameOf: 'Employee',
        EmployeeRef: { value: '55' },
        CustomerRef: { value: 'C2' },
        ItemRef: { value: 'I1' },
        BillableStatus: 'Billable',
        HourlyRate: 123.45,
        Hours: 1,
        Minutes: 0, // 61 min to the nearest 6 → 60
        Description: 'Website: Homepage',
      },
      payloadHash: draft!.payloadHash,
    });
    expect(draft!.payloadHash).toBe(payloadHash(draft!.payload));
    expect(draft!.payloadHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps an entry that crosses midnight on its start date', () => {
    const e = entry({ at: ['2026-03-16', '23:30', 'America/New_York'], minutes: 60 });
    expect(toTimeActivities([e], context())[0]!.payload.TxnDate).toBe('2026-03-16');
  });

  it('counts real elapsed time across a DST change, dated by local start', () => {
    // 01:30 → 03:30 on the spring-forward night in New York is one hour.
    const ny = entry({ at: ['2026-03-08', '01:30', 'America/New_York'], minutes: 60 });
    // Lord Howe moves its clocks by 30 minutes; 01:45 on 2026-04-05 happens twice (first one kept).
    const lh = entry({ at: ['2026-04-05', '01:45', 'Australia/Lord_Howe'], minutes: 90 });
    const [a, b] = toTimeActivities([ny, lh], context()).map((d) => d.payload);
    expect(a).toMatchObject({ TxnDate: '2026-03-08', Hours: 1, Minutes: 0 });
    expect(b).toMatchObject({ TxnDate: '2026-04-05', Hours: 1, Minutes: 30 });
  });

  it('takes the task item and task rate; non-billable time has no rate', () => {
    const design = entry({ taskId: 'design', minutes: 45, description: 'Logo' });
    const free = entry({ billable: false, minutes: 30, description: 'Internal' });
    const [d1, d2] = toTimeActivities([design, free], context());
    expect(d1!.payload).toMatchObject({ ItemRef: { value: 'I2' }, HourlyRate: 150, BillableStatus: 'Billable', Description: 'Website — Design: Logo' });
    expect(d2!.payload.BillableStatus).toBe('NotBillable');
    expect(d2!.payload).not.toHaveProperty('HourlyRate');
  });

  it('makes time of a non-billable project NotBillable whatever the entry says', () => {
    const ctx = context({ projects: [{ ...website, billable: false }, support] });
    expect(toTimeActivities([entry()], ctx)[0]!.payload.BillableStatus).toBe('NotBillable');
  });

  it('records a contractor as a Vendor and carries the class', () => {
    const ctx = context({
      worker: { nameOf: 'Vendor', id: '70' },
      projects: [{ ...website, qbo: { ...website.qbo, qboClassId: 'K1' } }, support],
    });
    const p = toTimeActivities([entry()], ctx)[0]!.payload;
    expect(p).toMatchObject({ NameOf: 'Vendor', VendorRef: { value: '70' }, ClassRef: { value: 'K1' } });
    expect(p).not.toHaveProperty('EmployeeRef');
  });

  it('refuses billable time without a rate or customer, and running or unlinked entries', () => {
    const ctx = context({ rates: [], projects: [{ ...website, qbo: { ...website.qbo, qboCustomerId: null } }, support] });
    const running = entry({ end: null });
    try {
      toTimeActivities([entry(), running], ctx);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(TransformError);
      const codes = (err as TransformError).problems.map((p) => p.code).sort();
      expect(codes).toEqual(['no_customer', 'no_rate', 'running']);
    }
    expect(() => toTimeActivities([entry()], context({ worker: null }))).toThrow(/No employee or vendor is linked to you/);
    expect(() => toTimeActivities([entry()], context({ rates: [{ scope: 'default', scopeId: null, rateMinor: 100, currency: 'EUR', effectiveFrom: '2020-01-01' }] }))).toThrow(/EUR/);
  });
});

describe('toTimeActivities: aggregated projects', () => {
  it('makes one TimeActivity per project, task and local day, rounded per project-day', () => {
    const a = entry({ projectId: 'support', taskId: 'calls', at: ['2026-03-16', '09:00', 'America/New_York'], minutes: 7, description: 'Call Bob' });
    const b = entry({ projectId: 'support', taskId: 'calls', at: ['2026-03-16', '14:00', 'America/New_York'], minutes: 10, description: 'Call Ann' });
    const c = entry({ projectId: 'support', taskId: 'calls', at: ['2026-03-16', '16:00', 'America/New_York'], minutes: 5, description: 'Call Bob' });
    const next = entry({ projectId: 'support', taskId: 'calls', at: ['2026-03-17', '09:00', 'America/New_York'], minutes: 1, description: 'Call Cy' });
    const drafts = toTimeActivities([c, next, a, b], context());
    expect(drafts.map((d) => d.key)).toEqual(['agg:support:calls:2026-03-16:B', 'agg:support:calls:2026-03-17:B']);
    const day = drafts[0]!;
    // 22 raw minutes, rounded up to 30 once for the day (not 15 + 15 + 15).
    expect(day.payload).toMatchObject({ TxnDate: '2026-03-16', Hours: 0, Minutes: 30, HourlyRate: 123.45, Description: 'Support — Calls: Call Bob; Call Ann' });
    expect(day.entryIds).toEqual([a.id, b.id, c.id].sort());
    expect(drafts[1]!.payload.Minutes).toBe(15);
  });

  it('splits a day by billable status, since one TimeActivity has one status', () => {
    const a = entry({ projectId: 'support', minutes: 20 });
    const b = entry({ projectId: 'support', minutes: 20, billable: false, start: a.start + 3_600_000, end: a.start + 3_600_000 + 20 * MIN });
    expect(toTimeActivities([a, b], context()).map((d) => d.key)).toEqual(['agg:support:-:2026-03-16:B', 'agg:support:-:2026-03-16:N']);
  });
});

describe('entryKey', () => {
  // The outbox uses it to tell whether an entry still belongs to the key it was sent under, so it
  // must be the very key toTimeActivities gives the entry, also for entries that cannot be sent.
  it('is the key the entry is sent under, per entry or per aggregated project + task + day + status', () => {
    const ctx = context();
    const entries = [
      entry({ projectId: 'website', minutes: 30 }),
      entry({ projectId: 'support', taskId: 'calls', at: ['2026-03-16', '23:30', 'America/New_York'], minutes: 60 }),
      entry({ projectId: 'support', billable: false, minutes: 20 }),
    ];
    for (const e of entries) {
      const [draft] = toTimeActivities([e], ctx);
      expect(entryKey(e, ctx)).toBe(draft!.key);
    }
    expect(entries.map((e) => isAggregateKey(entryKey(e, ctx)!))).toEqual([false, true, true]);
  });

  it('follows the project, day and aggregation switch, needs no worker or rate, and is null without a project', () => {
    const ctx = context({ worker: null, rates: [] });
    const e = entry({ projectId: 'support', at: ['2026-03-16', '09:00', 'America/New_York'], minutes: 30 });
    expect(entryKey(e, ctx)).toBe('agg:support:-:2026-03-16:B');
    expect(entryKey({ ...e, start: e.start + 24 * 60 * MIN }, ctx)).toBe('agg:support:-:2026-03-17:B');
    expect(entryKey({ ...e, projectId: 'website' }, ctx)).toBe(`entry:${e.id}`);
    const unaggregated = { ...ctx, projects: ctx.projects.map((p) => ({ ...p, qbo: { ...p.qbo, aggregate: false } })) };
    expect(entryKey(e, unaggregated)).toBe(`entry:${e.id}`);
    expect(entryKey({ ...e, projectId: null }, ctx)).toBeNull();
    expect(entryKey({ ...e, projectId: 'gone' }, ctx)).toBeNull();
  });
});

// ---- Properties -----------------------------------------------------------------------------

const ZONES = ['America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Lord_Howe'] as const;
/** DST transition days of 2026 (Kolkata has none), plus ordinary days. */
const DAYS = ['2026-03-08', '2026-11-01', '2026-03-29', '2026-10-25', '2026-04-05', '2026-10-04', '2026-01-15', '2026-06-30', '2026-12-31'];

/** An independent oracle for the local date: Intl, not the code under test. */
function intlDate(instant: number, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

const arbPolicy: fc.Arbitrary<RoundingPolicy> = fc.record({
  incrementMinutes: fc.constantFrom(1, 6, 10, 15, 30) as fc.Arbitrary<RoundingPolicy['incrementMinutes']>,
  mode: fc.constantFrom('up', 'down', 'nearest') as fc.Arbitrary<RoundingPolicy['mode']>,
  scope: fc.constantFrom('entry', 'projectDay') as fc.Arbitrary<RoundingPolicy['scope']>,
});

function arbEntries(zones: fc.Arbitrary<string>) {
  return fc
    .array(
      fc.record({
        zone: zones,
        day: fc.constantFrom(...DAYS),
        offset: fc.double({ min: 0, max: 0.999, noNaN: true }),
        durationMs: fc.integer({ min: 0, max: 10 * 60 * MIN }),
        projectId: fc.constantFrom('website', 'support'),
        taskId: fc.constantFrom(null, 'design', 'calls'),
        billable: fc.boolean(),
        description: fc.constantFrom('', 'Work', 'Call', 'Review'),
      }),
      { minLength: 1, maxLength: 14 },
    )
    .map((specs) =>
      specs.map((s, i): TimeEntry => {
        const range = dayRange(s.day, s.zone);
        const start = range.start + Math.floor(s.offset * (range.end - range.start));
        return entry({ id: `p${i}`, zone: s.zone, start, end: start + s.durationMs, projectId: s.projectId, taskId: s.taskId, billable: s.billable, description: s.description });
      }),
    );
}

function ctxWith(rateMinor: number, policy: RoundingPolicy, aggregate: boolean): TransformContext {
  return context({
    projects: [
      { ...website, rounding: null },
      { ...support, rounding: null, qbo: { ...support.qbo, aggregate } },
    ],
    rates: [{ scope: 'default', scopeId: null, rateMinor, currency: 'USD', effectiveFrom: '2020-01-01' }],
    workspaceRounding: policy,
  });
}

describe('toTimeActivities properties', () => {
  it('dates every entry by its local start date and carries its rounded minutes and exact rate', () => {
    fc.assert(
      fc.property(arbEntries(fc.constantFrom(...ZONES)), fc.integer({ min: 1, max: 10 ** 9 }), arbPolicy, (entries, rateMinor, policy) => {
        const ctx = ctxWith(rateMinor, { ...policy, scope: 'entry' }, false);
        const drafts = new Map(toTimeActivities(entries, ctx).map((d) => [d.key, d]));
        expect(drafts.size).toBe(entries.length);
        for (const e of entries) {
          const p = drafts.get(`entry:${e.id}`)!.payload;
          expect(p.TxnDate).toBe(intlDate(e.start, e.zone));
          expect(p.Hours * 60 + p.Minutes).toBe(roundMs(e.end! - e.start, policy) / MIN);
          expect(p.Minutes).toBeLessThan(60);
          if (e.billable) {
            expect(decimalToMinor(p.HourlyRate!, 'USD')).toBe(rateMinor);
            expect(decimalToMinor(p.HourlyRate!, 'USD')).toBe(resolveRate({ ...e, clientId: 'acme' }, ctx.rates)!.rateMinor);
            expect((String(p.HourlyRate).split('.')[1] ?? '').length).toBeLessThanOrEqual(2);
          } else expect(p.HourlyRate).toBeUndefined();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('aggregates per project-day: day totals are the rounded raw sum, and equal the per-entry shares', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), arbPolicy, (zone, policy) =>
        fc.assert(
          fc.property(arbEntries(fc.constant(zone)), (entries) => {
            const ctx = ctxWith(10000, { ...policy, scope: 'projectDay' }, true);
            const drafts = toTimeActivities(entries, ctx);
            const lines = approvedLines(entries, ctx);
            for (const d of drafts) {
              const shares = lines.filter((l) => l.key === d.key).reduce((s, l) => s + l.minutes, 0);
              expect(d.payload.Hours * 60 + d.payload.Minutes).toBe(shares);
            }
            const supportDays = new Map<string, number>();
            for (const e of entries.filter((x) => x.projectId === 'support')) {
              const day = intlDate(e.start, zone);
              supportDays.set(day, (supportDays.get(day) ?? 0) + (e.end! - e.start));
            }
            for (const [day, raw] of supportDays) {
              const pushed = drafts.filter((d) => d.key.startsWith('agg:support:') && d.payload.TxnDate === day).reduce((s, d) => s + d.payload.Hours * 60 + d.payload.Minutes, 0);
              expect(pushed).toBe(roundMs(raw, policy) / MIN);
            }
          }),
          { numRuns: 8 },
        ),
      ),
      { numRuns: 20 },
    );
  });

  it('gives identical payloads and hashes whatever the input order', () => {
    fc.assert(
      fc.property(
        arbEntries(fc.constantFrom(...ZONES)).chain((entries) => fc.tuple(fc.constant(entries), fc.shuffledSubarray(entries, { minLength: entries.length }))),
        arbPolicy,
        fc.boolean(),
        ([entries, shuffled], policy, aggregate) => {
          const ctx = ctxWith(12345, policy, aggregate);
          expect(toTimeActivities(shuffled, ctx)).toEqual(toTimeActivities(entries, ctx));
        },
      ),
      { numRuns: 150 },
    );
  });
});
