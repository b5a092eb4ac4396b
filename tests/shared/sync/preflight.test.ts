import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toTimeActivities, TransformError, type TransformContext } from '../../../shared/qbo/transform';
import type { QboMirror, QboPreferences } from '../../../shared/qbo/types';
import { blockedEntryIds, preflight, preflightDrafts } from '../../../shared/sync/preflight';
import { context, entry, mirror, prefs, support, website } from '../qbo/fixtures';

const withWebsite = (qbo: Partial<typeof website.qbo>, over: Partial<typeof website> = {}) =>
  context({ projects: [{ ...website, ...over, qbo: { ...website.qbo, ...qbo } }, support] });

type Case = {
  name: string;
  ctx?: TransformContext;
  mirror?: QboMirror;
  prefs?: QboPreferences;
  entry?: Parameters<typeof entry>[0];
  code: string;
  blocking: boolean;
  message: string | RegExp;
};

const cases: Case[] = [
  { name: 'project not linked', ctx: withWebsite({ qboCustomerId: null }), code: 'customer_unmapped', blocking: true, message: "Project 'Website' is not linked to a QuickBooks customer." },
  {
    name: 'inactive customer, by its full name',
    mirror: mirror({ customers: [{ Id: 'C2', DisplayName: 'Website', FullyQualifiedName: 'Acme Corp:Website', Active: false }] }),
    code: 'customer_inactive',
    blocking: true,
    message: "Customer 'Acme Corp:Website' is inactive in QuickBooks; reactivate it or choose another.",
  },
  { name: 'customer gone from QBO', mirror: mirror({ customers: [] }), code: 'customer_missing', blocking: true, message: /no longer exists/ },
  {
    name: 'inactive service item',
    mirror: mirror({ items: [{ Id: 'I1', Name: 'Design', Type: 'Service', Active: false }] }),
    code: 'item_inactive',
    blocking: true,
    message: "Service item 'Design' is inactive in QuickBooks; reactivate it or choose another.",
  },
  { name: 'no service item', ctx: withWebsite({ qboItemId: null }), code: 'item_unmapped', blocking: true, message: "Project 'Website' has no QuickBooks service item; choose one for the project." },
  {
    name: 'non-service item is only a warning',
    mirror: mirror({ items: [{ Id: 'I1', Name: 'Widgets', Type: 'NonInventory', Active: true }] }),
    code: 'item_not_service',
    blocking: false,
    message: /not a service/,
  },
  { name: 'billable time without a rate', ctx: context({ rates: [] }), code: 'no_rate', blocking: true, message: "Billable time needs an hourly rate; set one for project 'Website' or its client." },
  {
    name: 'class required by the company',
    prefs: { ...prefs, AccountingInfoPrefs: { ClassTrackingPerTxn: true } },
    code: 'class_required',
    blocking: true,
    message: "Your QuickBooks company requires a class on each transaction; choose a class for project 'Website'.",
  },
  {
    name: 'inactive class',
    ctx: withWebsite({ qboClassId: 'K1' }),
    prefs: { ...prefs, AccountingInfoPrefs: { ClassTrackingPerTxn: true } },
    mirror: mirror({ classes: [{ Id: 'K1', Name: 'Consulting', Active: false }] }),
    code: 'class_inactive',
    blocking: true,
    message: "Class 'Consulting' is inactive in QuickBooks; reactivate it or choose another.",
  },
  { name: 'class set while tracking is off', ctx: withWebsite({ qboClassId: 'K1' }), code: 'class_tracking_off', blocking: false, message: /will be ignored/ },
  {
    name: 'closed books',
    prefs: { ...prefs, AccountingInfoPrefs: { BookCloseDate: '2026-03-31' } },
    entry: { at: ['2026-03-15', '10:00', 'America/New_York'] },
    code: 'books_closed',
    blocking: true,
    message: 'The books are closed through 31 Mar 2026 in QuickBooks; time dated on or before then cannot be sent or changed (this entry is dated 15 Mar 2026). Ask your accountant to reopen the period, or move the time.',
  },
  {
    name: 'closed books use the local date (a late-evening entry in New York is already the next day in UTC)',
    prefs: { ...prefs, AccountingInfoPrefs: { BookCloseDate: '2026-03-31' } },
    entry: { at: ['2026-03-31', '22:30', 'America/New_York'] },
    code: 'books_closed',
    blocking: true,
    message: /dated 31 Mar 2026\)/,
  },
  { name: 'no worker linked', ctx: context({ worker: null }), code: 'no_worker', blocking: true, message: /^No employee or vendor is linked to you/ },
  {
    name: 'inactive employee',
    mirror: mirror({ employees: [{ Id: '55', DisplayName: 'Emily Platt', Active: false }] }),
    code: 'worker_inactive',
    blocking: true,
    message: "The employee 'Emily Platt' is inactive in QuickBooks; reactivate it or choose another.",
  },
  { name: 'billing off in QBO is a warning', prefs: { ...prefs, TimeTrackingPrefs: { BillCustomers: false } }, code: 'billing_off', blocking: false, message: /Billable time is turned off/ },
  {
    name: 'customer in a foreign currency is a warning',
    prefs: { ...prefs, CurrencyPrefs: { MultiCurrencyEnabled: true, HomeCurrency: { value: 'USD' } } },
    mirror: mirror({ customers: [{ Id: 'C2', DisplayName: 'Website', FullyQualifiedName: 'Acme Corp:Website', Active: true, CurrencyRef: { value: 'EUR' } }] }),
    code: 'customer_currency',
    blocking: false,
    message: "Customer 'Acme Corp:Website' is billed in EUR, but time is recorded at USD rates; check the invoice amounts.",
  },
  { name: 'running timer', entry: { end: null }, code: 'running', blocking: true, message: /still running/ },
  { name: 'draft entry', entry: { status: 'draft' }, code: 'not_approved', blocking: true, message: 'This entry is not approved yet.' },
  { name: 'no project', entry: { projectId: null }, code: 'no_project', blocking: true, message: /has no project/ },
];

describe('preflight', () => {
  it.each(cases)('$name', (c) => {
    const e = entry(c.entry);
    const issues = preflight([e], c.ctx ?? context(), c.mirror ?? mirror(), c.prefs ?? prefs);
    const issue = issues.find((i) => i.code === c.code);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue!.entryId).toBe(e.id);
    expect(issue!.blocking).toBe(c.blocking);
    if (typeof c.message === 'string') expect(issue!.message).toBe(c.message);
    else expect(issue!.message).toMatch(c.message);
    expect(blockedEntryIds(issues).has(e.id)).toBe(issues.some((i) => i.blocking));
  });

  it('repeats QuickBooks’ last refusal as a warning, so a fixed cause can be retried', () => {
    const e = entry();
    const issues = preflight([e], context(), mirror(), prefs, { lastRefusals: new Map([[e.id, 'QuickBooks refused this entry: The books are closed.']]) });
    expect(issues).toEqual([{ entryId: e.id, blocking: false, code: 'qbo_refused', message: 'Last attempt: QuickBooks refused this entry: The books are closed.' }]);
  });

  it('passes a correctly mapped entry with no issues at all', () => {
    expect(preflight([entry(), entry({ taskId: 'design' }), entry({ billable: false })], context(), mirror(), prefs)).toEqual([]);
  });

  it('does not ask for a rate on non-billable time', () => {
    expect(preflight([entry({ billable: false })], context({ rates: [] }), mirror(), prefs)).toEqual([]);
  });

  it('names the task when the task has no item of its own', () => {
    const ctx = withWebsite({ qboItemId: null });
    const [issue] = preflight([entry({ taskId: 'calls', projectId: 'website' })], ctx, mirror(), prefs);
    expect(issue!.message).toBe("Project 'Website' has no QuickBooks service item; choose one for the project or for task 'Calls'.");
  });

  it('lists every problem of every entry, and blocks only those entries', () => {
    const ok = entry();
    const bad = entry({ projectId: 'support' });
    const ctx = context({ projects: [website, { ...support, qbo: { ...support.qbo, qboCustomerId: null, qboItemId: null } }] });
    const issues = preflight([ok, bad], ctx, mirror(), prefs);
    expect(issues.map((i) => [i.entryId, i.code])).toEqual([
      [bad.id, 'customer_unmapped'],
      [bad.id, 'item_unmapped'],
    ]);
    expect([...blockedEntryIds(issues)]).toEqual([bad.id]);
  });
});

describe('warnings before time bills', () => {
  it('a 40-second entry billed as 15 minutes at the client’s rate is named with the amount and the rule (en-GB writes US$)', () => {
    const quarter = { ...website, rounding: { incrementMinutes: 15 as const, mode: 'up' as const } };
    const e = entry({ start: entry().start, end: entry().start + 40_000 });
    const issues = preflight([e], context({ projects: [quarter, support] }), mirror(), prefs);
    expect(issues).toEqual([{
      entryId: e.id,
      blocking: false,
      code: 'billed_above_raw',
      message: 'Tracked 0:00:40 but billed 0:15 (US$30.86 at US$123.45/h): 15 min up, per entry (project rule). Check it is meant to bill that much.',
    }]);
    // An hour billed as an hour is not questioned.
    expect(preflight([entry()], context({ projects: [quarter, support] }), mirror(), prefs)).toEqual([]);
  });

  it('an entry in the future is warned about, not blocked', () => {
    const e = entry({ at: ['2026-03-20', '09:00', 'America/New_York'] });
    const issues = preflight([e], context(), mirror(), prefs, { now: entry({ at: ['2026-03-16', '12:00', 'America/New_York'] }).start });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'future', blocking: false });
    expect(issues[0]!.message).toMatch(/^This entry starts in the future \(20 Mar 2026, 09:00\); check its date before it is billed\.$/);
    expect(preflight([e], context(), mirror(), prefs, { now: e.start })).toEqual([]);
  });

  it('says which descriptions QuickBooks would cut once the template adds the project and task', () => {
    const fits = entry({ description: 'x'.repeat(4000 - 'Website: '.length) });
    const over = entry({ description: 'y'.repeat(4000), taskId: 'design' });
    const { drafts, issues } = preflightDrafts([fits, over], context(), mirror(), prefs);
    expect(drafts).toHaveLength(2);
    expect(issues).toEqual([{
      entryId: over.id,
      blocking: false,
      code: 'description_cut',
      message: 'With the template, this description would be 4,018 characters; QuickBooks keeps 4,000, so the last 18 would be cut. Shorten the description.',
    }]);
  });

  it('an aggregate’s joined descriptions are counted together', () => {
    const day: [string, string, string] = ['2026-03-16', '09:00', 'America/New_York'];
    const a = entry({ projectId: 'support', at: day, description: 'a'.repeat(2500) });
    const b = entry({ projectId: 'support', at: ['2026-03-16', '11:00', 'America/New_York'], description: 'b'.repeat(2500) });
    const { issues } = preflightDrafts([a, b], context(), mirror(), prefs);
    expect(issues.map((i) => i.entryId).sort()).toEqual([a.id, b.id].sort());
    expect(issues[0]!.message).toMatch(/^These 2 entries' descriptions together, with the template, would be 5,011 characters/);
  });
});

describe('preflight and transform agree', () => {
  it('whatever passes pre-flight transforms, and whatever the transform refuses is blocked', () => {
    const arb = fc.record({
      customer: fc.constantFrom<string | null>('C2', null),
      withRates: fc.boolean(),
      worker: fc.boolean(),
      specs: fc.array(
        fc.record({ project: fc.constantFrom<string | null>('website', 'support', null), billable: fc.boolean(), running: fc.boolean(), task: fc.constantFrom<string | null>(null, 'design') }),
        { minLength: 1, maxLength: 6 },
      ),
    });
    fc.assert(
      fc.property(arb, ({ customer, withRates, worker, specs }) => {
        const ctx = context({
          projects: [{ ...website, qbo: { ...website.qbo, qboCustomerId: customer } }, support],
          ...(withRates ? {} : { rates: [] }),
          ...(worker ? {} : { worker: null }),
        });
        const entries = specs.map((s) => entry({ projectId: s.project, billable: s.billable, taskId: s.task, ...(s.running ? { end: null } : {}) }));
        const blocked = blockedEntryIds(preflight(entries, ctx, mirror(), prefs));
        const passing = entries.filter((e) => !blocked.has(e.id));
        expect(() => toTimeActivities(passing, ctx)).not.toThrow();
        try {
          toTimeActivities(entries, ctx);
        } catch (err) {
          expect(err).toBeInstanceOf(TransformError);
          for (const p of (err as TransformError).problems) expect(blocked.has(p.entryId)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
