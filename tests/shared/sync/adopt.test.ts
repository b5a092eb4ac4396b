// "QuickBooks wins" on an edit: the entry takes QuickBooks' duration, date, description, billable
// flag and (when unambiguous) project/task; what an entry cannot hold is reported, not dropped.
import { describe, expect, it } from 'vitest';
import type { TimeEntry } from '../../../shared/entries/entry';
import { renderDescription } from '../../../shared/qbo/template';
import { toTimeActivities, type TransformContext } from '../../../shared/qbo/transform';
import type { QboTimeActivity } from '../../../shared/qbo/types';
import { adoptIntoEntry, descriptionFromTemplate, moveToDate, qboMinutes, qboSpan } from '../../../shared/sync/adopt';
import { diffPayloads, payloadFromQbo } from '../../../shared/sync/reconcile';
import { localDate, localTime, zonedInstant } from '../../../shared/time/zone';
import { context, entry, MIN, support, website } from '../qbo/fixtures';

const NY = 'America/New_York';

/** The entry as sent, then QuickBooks' copy with `edit` applied, and the diffs reconcile would find. */
function changed(e: TimeEntry, edit: Partial<QboTimeActivity>, ctx: TransformContext = context()) {
  const [draft] = toTimeActivities([e], ctx);
  const current: QboTimeActivity = { ...draft!.payload, Id: '9', SyncToken: '1', ...edit };
  return { diffs: diffPayloads(draft!.payload, payloadFromQbo(current)), current };
}

describe('adoptIntoEntry', () => {
  it('takes a new duration as end = start + duration, keeping the start', () => {
    const e = entry({ at: ['2026-03-16', '09:00', NY], minutes: 60 });
    const a = adoptIntoEntry(e, changed(e, { Hours: 2, Minutes: 15 }), context());
    expect(a.patch).toEqual({ end: e.start + 135 * MIN });
    expect(a.applied).toEqual(['duration → 2:15']);
    expect(a.notApplied).toEqual([]);
  });

  it('moves the entry to the new TxnDate at the same local time, across a DST change', () => {
    const e = entry({ at: ['2026-03-06', '09:30', NY], minutes: 45 });
    const a = adoptIntoEntry(e, changed(e, { TxnDate: '2026-03-09' }), context());
    expect(localDate(a.patch.start!, NY)).toBe('2026-03-09');
    expect(localTime(a.patch.start!, NY)).toBe('09:30');
    // 8 March 2026 is the spring-forward day in New York: three calendar days are 71 hours.
    expect(a.patch.start! - e.start).toBe(71 * 60 * MIN);
    expect(a.patch.end! - a.patch.start!).toBe(45 * MIN);
    expect(a.applied).toEqual(['date → 2026-03-09']);
  });

  it('recovers the entry text through the description template, or takes QuickBooks text whole', () => {
    const e = entry({ description: 'Homepage' });
    const shaped = adoptIntoEntry(e, changed(e, { Description: 'Website: Homepage and footer' }), context());
    expect(shaped.patch).toEqual({ description: 'Homepage and footer' });
    expect(shaped.notApplied).toEqual([]);
    const free = adoptIntoEntry(e, changed(e, { Description: 'typed in QuickBooks' }), context());
    expect(free.patch).toEqual({ description: 'typed in QuickBooks' });
    expect(free.notApplied[0]).toMatch(/does not follow the description template/);
  });

  it('maps BillableStatus to the billable flag', () => {
    const e = entry();
    expect(adoptIntoEntry(e, changed(e, { BillableStatus: 'NotBillable', HourlyRate: undefined }), context()).patch).toEqual({ billable: false });
  });

  it('changes project/task only when customer and item map back to exactly one pair', () => {
    const e = entry({ projectId: 'website', taskId: null });
    // I2 under C2: website/design, support and support/calls all send that: ambiguous.
    const perEntry = context({ projects: [website, { ...support, qbo: { ...support.qbo, aggregate: false } }] });
    const ambiguous = adoptIntoEntry(e, changed(e, { ItemRef: { value: 'I2' } }, perEntry), perEntry);
    expect(ambiguous.patch).toEqual({});
    expect(ambiguous.notApplied[0]).toMatch(/more than one project\/task.*left as it was/);
    // Support aggregates its time: an entry with its own TimeActivity is never moved into it.
    const single = adoptIntoEntry(e, changed(e, { ItemRef: { value: 'I2' } }), context());
    expect(single.patch).toEqual({ taskId: 'design' });
    expect(single.applied).toEqual(['task → Design']);
    const ctx = context({ projects: [website] });
    const none = adoptIntoEntry(e, changed(e, { CustomerRef: { value: 'C9' } }, ctx), ctx);
    expect(none.patch).toEqual({});
    expect(none.notApplied[0]).toMatch(/matches no project/);
  });

  it('reports what an entry cannot hold, and refuses a duration over 24 hours', () => {
    const e = entry();
    const a = adoptIntoEntry(e, changed(e, { Hours: 30, Minutes: 0, HourlyRate: 99 }), context());
    expect(a.patch).toEqual({});
    expect(a.notApplied.join(' | ')).toMatch(/30:00 cannot be one entry.*\| the hourly rate/);
  });

  it('takes StartTime/EndTime (less the break) as the exact instants', () => {
    const e = entry({ at: ['2026-03-16', '09:00', NY], minutes: 60 });
    const edit = { Hours: undefined, Minutes: undefined, StartTime: '2026-03-16T10:00:00-04:00', EndTime: '2026-03-16T12:30:00-04:00', BreakMinutes: 30 } as unknown as Partial<QboTimeActivity>;
    const a = adoptIntoEntry(e, changed(e, edit), context());
    expect(a.patch).toEqual({ start: zonedInstant('2026-03-16', '10:00', NY), end: zonedInstant('2026-03-16', '12:00', NY) });
  });
});

describe('helpers', () => {
  it('descriptionFromTemplate inverts templates with several or conditional placeholders', () => {
    const values = { project: 'P0', task: 'Design' };
    for (const template of ['{project}: {description} [tn:{description}]', '{project}{task? — task}{description? : description}', '{description}']) {
      for (const d of ['', 'x', 'fix [tn:] bug', 'a: b']) {
        expect(descriptionFromTemplate(template, values, renderDescription(template, { ...values, description: d }))).toBe(d);
      }
    }
    expect(descriptionFromTemplate('{project}: {description}', values, 'P1: other project')).toBeNull();
    expect(descriptionFromTemplate('{project}', values, 'P0 changed')).toBeNull();
  });

  it('qboMinutes reads Hours/Minutes, else the span; qboSpan accepts bare times on the TxnDate', () => {
    expect(qboMinutes({ TxnDate: '2026-03-16', Hours: 1, Minutes: 5 })).toBe(65);
    const span = { TxnDate: '2026-03-16', StartTime: '08:00:00-08:00', EndTime: '17:00:00-08:00' } as unknown as QboTimeActivity;
    expect(qboSpan(span)).toEqual({ start: Date.parse('2026-03-16T08:00:00-08:00'), end: Date.parse('2026-03-16T17:00:00-08:00'), breakMs: 0 });
    expect(qboMinutes(span)).toBe(540);
    expect(qboSpan({ ...span, EndTime: 'soon' })).toBeNull();
  });

  it('moveToDate keeps the time of day and its seconds', () => {
    const start = zonedInstant('2026-11-02', '00:30', NY) + 17_000;
    expect(moveToDate(start, NY, '2026-11-01') - zonedInstant('2026-11-01', '00:30', NY)).toBe(17_000);
  });
});
