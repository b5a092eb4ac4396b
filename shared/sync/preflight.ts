// Pre-flight: before every push, list what would stop each entry from reaching QuickBooks, in the
// words a bookkeeper uses, so nothing fails later with "Invalid Reference Id" (users.md). Blocking
// issues keep the entry out of the push; warnings are shown but the entry goes.
//
// The checks read only local data: the mapping, the rates, the mirror of QBO's name lists and the
// preferences. "Closed books" is checked against Preferences.AccountingInfoPrefs.BookCloseDate;
// QBO may still refuse (6210 Account Period Closed), which classify.ts turns into a flag in plain words.
import { MAX_DESCRIPTION_LENGTH, PUSHABLE_STATUSES, type TimeEntry } from '../entries/entry';
import { formatMoney } from '../money/money';
import { multiplyRate } from '../money/multiply';
import { resolveRate } from '../rates/resolve';
import { billedFarAboveRaw, billedTimes, describeBilledRule, type BilledTime } from '../rounding/billed';
import { entryLocalDate, toTimeActivities, TransformError, type TimeActivityDraft, type TransformContext } from '../qbo/transform';
import { formatDate, formatDateTime } from '../time/display';
import { formatDuration } from '../time/duration';
import type { QboMirror, QboPreferences } from '../qbo/types';

export type PreflightCode =
  | 'not_approved'
  | 'running'
  | 'deleted'
  | 'no_project'
  | 'unknown_project'
  | 'no_worker'
  | 'worker_missing'
  | 'worker_inactive'
  | 'customer_unmapped'
  | 'customer_missing'
  | 'customer_inactive'
  | 'item_unmapped'
  | 'item_missing'
  | 'item_inactive'
  | 'item_not_service'
  | 'class_required'
  | 'class_missing'
  | 'class_inactive'
  | 'class_tracking_off'
  | 'no_rate'
  | 'rate_currency'
  | 'books_closed'
  | 'billing_off'
  | 'customer_currency'
  | 'billed_above_raw'
  | 'future'
  | 'description_cut'
  | 'qbo_refused';

export interface PreflightIssue {
  entryId: string;
  blocking: boolean;
  code: PreflightCode;
  message: string;
}

/** Statuses that may be pushed: approved (first push or re-approved after an edit) and synced. */

/**
 * Issues for every entry, in entry order then check order. An entry with no blocking issue can be
 * transformed and pushed; `blockedEntryIds` gives the set to leave out.
 */
export interface PreflightOptions {
  /**
   * QuickBooks' own words from the last refusal of each entry (a flagged outbox row), e.g. a 6000
   * "books are closed" when BookCloseDate is not readable. Shown as a warning, not a block: the
   * bookkeeper may have fixed the cause in QuickBooks since, and the push is the only way to know.
   */
  lastRefusals?: ReadonlyMap<string, string>;
  /** The current time: entries that start after it are warned about (a mistyped date bills too). */
  now?: number;
}

export function preflight(
  entries: readonly TimeEntry[],
  ctx: TransformContext,
  mirror: QboMirror,
  prefs: QboPreferences,
  options: PreflightOptions = {},
): PreflightIssue[] {
  const projects = new Map(ctx.projects.map((p) => [p.id, p]));
  const tasks = new Map(ctx.tasks.map((t) => [t.id, t]));
  const customers = new Map(mirror.customers.map((c) => [c.Id, c]));
  const items = new Map(mirror.items.map((i) => [i.Id, i]));
  const classes = new Map(mirror.classes.map((c) => [c.Id, c]));
  const classTracking = prefs.AccountingInfoPrefs?.ClassTrackingPerTxn === true;
  const bookClose = prefs.AccountingInfoPrefs?.BookCloseDate;
  const homeCurrency = prefs.CurrencyPrefs?.HomeCurrency?.value;
  const multiCurrency = prefs.CurrencyPrefs?.MultiCurrencyEnabled === true;

  // The worker is the same for every entry: work it out once.
  const workerIssue = ((): Omit<PreflightIssue, 'entryId'> | null => {
    const w = ctx.worker;
    if (!w) return { blocking: true, code: 'no_worker', message: 'No employee or vendor is linked to you in QuickBooks; choose yours in the QuickBooks settings.' };
    const list = w.nameOf === 'Employee' ? mirror.employees : mirror.vendors;
    const person = list.find((p) => p.Id === w.id);
    const kind = w.nameOf === 'Employee' ? 'employee' : 'vendor';
    if (!person) return { blocking: true, code: 'worker_missing', message: `The QuickBooks ${kind} linked to you no longer exists; choose yours again in the QuickBooks settings.` };
    if (!person.Active) return { blocking: true, code: 'worker_inactive', message: `The ${kind} '${person.DisplayName}' is inactive in QuickBooks; reactivate it or choose another.` };
    return null;
  })();

  const billed = billedTimes(
    entries.filter((e): e is TimeEntry & { end: number } => e.end !== null),
    (id) => projects.get(id),
    ctx.workspaceRounding,
  );
  const issues: PreflightIssue[] = [];
  for (const e of entries) {
    const add = (blocking: boolean, code: PreflightCode, message: string) => issues.push({ entryId: e.id, blocking, code, message });
    if (e.deletedAt != null) add(true, 'deleted', 'This entry has been deleted.');
    if (!PUSHABLE_STATUSES.has(e.status)) {
      add(true, 'not_approved', e.status === 'draft' ? 'This entry is not approved yet.' : 'This entry is already on an invoice and is not sent again.');
    }
    if (e.end === null) add(true, 'running', 'This timer is still running; stop it before sending.');
    const refusal = options.lastRefusals?.get(e.id);
    if (refusal) add(false, 'qbo_refused', `Last attempt: ${refusal}`);
    if (options.now !== undefined && e.start > options.now) {
      add(false, 'future', `This entry starts in the future (${formatDateTime(e.start, e.zone)}); check its date before it is billed.`);
    }
    if (workerIssue) add(workerIssue.blocking, workerIssue.code, workerIssue.message);
    if (e.projectId === null) {
      add(true, 'no_project', 'This entry has no project; choose one so QuickBooks knows which customer it is for.');
      continue;
    }
    const project = projects.get(e.projectId);
    if (!project) {
      add(true, 'unknown_project', 'This entry belongs to a project that no longer exists; choose another project.');
      continue;
    }
    const name = project.name;
    const billable = e.billable && project.billable;
    const date = entryLocalDate(e);

    // Customer: required for every pushed entry, since untagged time is useless to a bookkeeper.
    const customerId = project.qbo.qboCustomerId;
    const customer = customerId ? customers.get(customerId) : undefined;
    if (!customerId) add(true, 'customer_unmapped', `Project '${name}' is not linked to a QuickBooks customer.`);
    else if (!customer) add(true, 'customer_missing', `The QuickBooks customer linked to project '${name}' no longer exists; link the project to another customer.`);
    else if (!customer.Active) add(true, 'customer_inactive', `Customer '${customer.FullyQualifiedName}' is inactive in QuickBooks; reactivate it or choose another.`);

    // Service item: the task's, else the project's. QBO's schema requires one on create (§3.1).
    const task = e.taskId === null ? undefined : tasks.get(e.taskId);
    const itemId = task?.qboItemId ?? project.qbo.qboItemId;
    const item = itemId ? items.get(itemId) : undefined;
    if (!itemId) add(true, 'item_unmapped', `Project '${name}' has no QuickBooks service item; choose one for the project${task ? ` or for task '${task.name}'` : ''}.`);
    else if (!item) add(true, 'item_missing', `The QuickBooks service item linked to project '${name}' no longer exists; choose another.`);
    else if (!item.Active) add(true, 'item_inactive', `Service item '${item.Name}' is inactive in QuickBooks; reactivate it or choose another.`);
    else if (item.Type !== 'Service') add(false, 'item_not_service', `Item '${item.Name}' is a ${item.Type} item, not a service; time is usually recorded against a service.`);

    // Class: only when QBO tracks classes per transaction.
    const classId = project.qbo.qboClassId;
    if (classTracking && !classId) {
      add(true, 'class_required', `Your QuickBooks company requires a class on each transaction; choose a class for project '${name}'.`);
    } else if (classId) {
      const cls = classes.get(classId);
      if (!classTracking) add(false, 'class_tracking_off', `Class tracking is off in QuickBooks, so the class set for project '${name}' will be ignored.`);
      else if (!cls) add(true, 'class_missing', `The QuickBooks class linked to project '${name}' no longer exists; choose another.`);
      else if (!cls.Active) add(true, 'class_inactive', `Class '${cls.FullyQualifiedName ?? cls.Name}' is inactive in QuickBooks; reactivate it or choose another.`);
    }

    if (billable) {
      const rate = resolveRate({ taskId: e.taskId, projectId: project.id, clientId: project.clientId, start: e.start, zone: e.zone }, ctx.rates);
      if (!rate) add(true, 'no_rate', `Billable time needs an hourly rate; set one for project '${name}' or its client.`);
      else if (rate.currency !== ctx.currency) {
        add(true, 'rate_currency', `The rate for project '${name}' is in ${rate.currency}, but QuickBooks records time in ${ctx.currency}; set a ${ctx.currency} rate.`);
      }
      const time = billed.get(e.id);
      if (time && billedFarAboveRaw(time)) add(false, 'billed_above_raw', billedAboveRawMessage(time, rate));
      if (prefs.TimeTrackingPrefs?.BillCustomers === false) {
        add(false, 'billing_off', 'Billable time is turned off in your QuickBooks time settings, so QuickBooks will not offer this time for invoicing until it is turned on.');
      }
      if (multiCurrency && customer?.CurrencyRef && homeCurrency && customer.CurrencyRef.value !== homeCurrency) {
        add(false, 'customer_currency', `Customer '${customer.FullyQualifiedName}' is billed in ${customer.CurrencyRef.value}, but time is recorded at ${homeCurrency} rates; check the invoice amounts.`);
      }
    }

    if (bookClose && date <= bookClose) add(true, 'books_closed', booksClosedMessage(bookClose, date));
  }
  return issues;
}

/**
 * QuickBooks refuses any create, change or delete of a transaction dated on or before the closing
 * date (fault 6210/6200, qbo-api.md §13.9), so the entry is held back with the way out.
 */
function booksClosedMessage(bookClose: string, date: string): string {
  return `The books are closed through ${formatDate(bookClose)} in QuickBooks; time dated on or before then cannot be sent or changed (this entry is dated ${formatDate(date)}). Ask your accountant to reopen the period, or move the time.`;
}

/** "Tracked 0:00:40 but billed 0:15 ($37.50 at $150.00/h): 15 min up, per entry (project rule)." */
function billedAboveRawMessage(time: BilledTime, rate: { rateMinor: number; currency: string } | null): string {
  const amount = rate
    ? ` (${formatMoney(multiplyRate(rate.rateMinor, time.billedMs, rate.currency))} at ${formatMoney({ amountMinor: rate.rateMinor, currency: rate.currency })}/h)`
    : '';
  return `Tracked ${formatClock(time.rawMs)} but billed ${formatDuration(time.billedMs)}${amount}: ${describeBilledRule(time)}. Check it is meant to bill that much.`;
}

/** h:mm:ss, so a 40-second entry does not read as 0:00. */
function formatClock(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * Descriptions QuickBooks would cut: the rendered Description (the template adds the project and
 * task, an aggregate joins its entries' descriptions) is over its limit. One warning per entry of
 * each such TimeActivity, saying by how much.
 */
function descriptionIssues(drafts: ReadonlyArray<Pick<TimeActivityDraft, 'entryIds' | 'descriptionCut'>>): PreflightIssue[] {
  return drafts.flatMap((d) => {
    if (!d.descriptionCut) return [];
    const whose = d.entryIds.length > 1 ? `These ${d.entryIds.length} entries' descriptions together, with the template,` : 'With the template, this description';
    const n = (x: number) => x.toLocaleString('en-US');
    const message = `${whose} would be ${n(MAX_DESCRIPTION_LENGTH + d.descriptionCut)} characters; QuickBooks keeps ${n(MAX_DESCRIPTION_LENGTH)}, so the last ${n(d.descriptionCut)} would be cut. Shorten the description.`;
    return d.entryIds.map((entryId) => ({ entryId, blocking: false, code: 'description_cut' as const, message }));
  });
}

/**
 * Pre-flight, then the payloads of the entries nothing blocks: what a push would send, with every
 * issue (pre-flight's, anything the transform still refuses, and descriptions QuickBooks would cut).
 */
export function preflightDrafts(
  entries: readonly TimeEntry[],
  ctx: TransformContext,
  mirror: QboMirror,
  prefs: QboPreferences,
  options: PreflightOptions = {},
): { drafts: TimeActivityDraft[]; issues: PreflightIssue[] } {
  let issues = preflight(entries, ctx, mirror, prefs, options);
  const sendable = () => {
    const blocked = blockedEntryIds(issues);
    return entries.filter((e) => !blocked.has(e.id));
  };
  let drafts: TimeActivityDraft[];
  try {
    drafts = toTimeActivities(sendable(), ctx);
  } catch (error) {
    if (!(error instanceof TransformError)) throw error;
    issues = [...issues, ...error.problems.map((p) => ({ entryId: p.entryId, blocking: true, code: p.code as PreflightCode, message: p.message }))];
    drafts = toTimeActivities(sendable(), ctx);
  }
  return { drafts, issues: [...issues, ...descriptionIssues(drafts)] };
}

/** Ids of entries with at least one blocking issue. */
export function blockedEntryIds(issues: readonly PreflightIssue[]): Set<string> {
  return new Set(issues.filter((i) => i.blocking).map((i) => i.entryId));
}
