// Approved entries → TimeActivity payloads. Pure and deterministic: the same entries (in any
// order) with the same context always give the same payloads and hashes, which is what lets the
// outbox tell "nothing changed" from "send an update" by comparing hashes.
//
// Rules:
// - TxnDate is the local date the entry STARTED on, in the zone it was recorded in (an entry
//   23:30–00:30 in New York stays on its start date; DST days need no special case because the
//   date comes from the zone's calendar, not from adding hours).
// - Hours/Minutes are the billed duration (shared/rounding/billed: the project's policy over the
//   workspace default). Per-project-day rounding groups entries by project, zone and local start
//   date (entries are grouped per zone because a "day" only exists within a zone), then each
//   entry gets its whole-minute share of the rounded day total.
// - HourlyRate is the base rate from shared/rates (task > project > client > default on the
//   entry's local date) written with exactly the currency's minor digits. Overtime/holiday
//   multipliers are NOT applied: a TimeActivity has one rate, and a multiplied rate is often not
//   representable in minor units (123.45 × 1.5). NotBillable time carries no HourlyRate.
// - Billable = the entry is billable AND its project is billable. Billable time needs a rate and a
//   customer; the transform refuses entries pre-flight would block (see TransformError).
// - Aggregated projects: one TimeActivity per project + task + local day (+ billable status,
//   since one TimeActivity has one status). Minutes are summed from the entries' rounded shares,
//   descriptions are the distinct non-empty descriptions in start order joined with "; ".
import type { TimeEntry } from '../entries/entry';
import { groupBy } from '../group-by';
import { billedTimes, type BillableSpan } from '../rounding/billed';
import type { RoundingPolicy } from '../rounding/policy';
import { resolveRate, type RateRecord } from '../rates/resolve';
import { localDate } from '../time/zone';
import { minorToDecimalNumber } from './decimal';
import { PRIMARY_COMPANY, scopedName } from './company';
import { payloadHash } from './hash';
import { DEFAULT_DESCRIPTION_TEMPLATE, renderDescriptionMeasured } from './template';
import type { TimeActivityPayload } from './types';

interface ProjectQboMapping {
  /** The QBO Customer (or job / sub-customer / project) Id the project's time goes to. */
  qboCustomerId: string | null;
  /** Default Service item for the project's time; a task's item overrides it. */
  qboItemId: string | null;
  qboClassId: string | null;
  /** One TimeActivity per project + task + local day instead of one per entry. */
  aggregate: boolean;
  /** The QuickBooks company the project's time goes to (shared/qbo/company.ts); absent: the primary one. */
  companyId?: string;
}

export interface TransformProject {
  id: string;
  name: string;
  clientId: string | null;
  clientName: string | null;
  /** A non-billable project makes all its time NotBillable whatever the entry says. */
  billable: boolean;
  /** Project override of the workspace rounding; fields left out fall back to the workspace. */
  rounding?: Partial<RoundingPolicy> | null;
  qbo: ProjectQboMapping;
}

export interface TransformTask {
  id: string;
  projectId: string;
  name: string;
  qboItemId: string | null;
}

export interface WorkerMapping {
  nameOf: 'Employee' | 'Vendor';
  /** QBO Employee or Vendor Id. */
  id: string;
}

export interface TransformContext {
  projects: readonly TransformProject[];
  tasks: readonly TransformTask[];
  /** Who the time is recorded for in QBO; null until the user links themselves. */
  worker: WorkerMapping | null;
  rates: readonly RateRecord[];
  workspaceRounding: RoundingPolicy;
  /** The QBO home currency: HourlyRate is in it, and rates in another currency are refused. */
  currency: string;
  /** See shared/qbo/template.ts; defaults to DEFAULT_DESCRIPTION_TEMPLATE. */
  descriptionTemplate?: string;
}

/** One TimeActivity to send, with what it was built from. */
export interface TimeActivityDraft {
  /**
   * Stable identity across edits: `entry:<entryId>` or `agg:<projectId>:<taskId|->:<date>:<B|N>`,
   * with `@<companyId>` for a company other than the primary one (shared/qbo/company.ts).
   */
  key: string;
  /** Sorted. */
  entryIds: string[];
  /** Versions of `entryIds`, same order. */
  entryVersions: number[];
  /** No Id/SyncToken: those are added per operation by the outbox. */
  payload: TimeActivityPayload;
  /** payloadHash(payload): SHA-256 of the canonical JSON. */
  payloadHash: string;
  /** Characters QuickBooks' Description limit cut from what the template rendered (pre-flight warns). */
  descriptionCut?: number;
}

/** Per-entry figures the payloads were built from (also the "approved" side of the report). */
export interface ApprovedLine {
  entryId: string;
  key: string;
  customerId: string | null;
  date: string;
  minutes: number;
  billable: boolean;
  /** Base rate in minor units of `currency`; null for NotBillable time. */
  rateMinor: number | null;
  currency: string;
}

type TransformProblemCode = 'running' | 'deleted' | 'no_project' | 'unknown_project' | 'no_worker' | 'no_customer' | 'no_rate' | 'rate_currency';

export interface TransformProblem {
  entryId: string;
  code: TransformProblemCode;
  message: string;
}

/** Thrown when an entry cannot become a valid payload; run `preflight` first to avoid it. */
export class TransformError extends Error {
  constructor(readonly problems: TransformProblem[]) {
    super(problems.map((p) => `${p.entryId}: ${p.message}`).join('\n'));
    this.name = 'TransformError';
  }
}

const MINUTE = 60_000;
const byStartThenId = (a: TimeEntry, b: TimeEntry) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Local start dates of the entries, the date every rule (TxnDate, rates, day rounding) uses. */
export function entryLocalDate(entry: Pick<TimeEntry, 'start' | 'zone'>): string {
  return localDate(entry.start, entry.zone);
}

interface Prepared {
  entry: TimeEntry;
  project: TransformProject;
  task: TransformTask | null;
  date: string;
  minutes: number;
  billable: boolean;
  rateMinor: number | null;
}

/**
 * The per-entry figures (date, rounded minutes, billable, rate). Throws TransformError listing
 * every entry that cannot be sent. Exposed so the reconciliation report and previews use the
 * very numbers the payloads carry.
 */
export function approvedLines(entries: readonly TimeEntry[], ctx: TransformContext): ApprovedLine[] {
  return prepare(entries, ctx).map((p) => ({
    entryId: p.entry.id,
    key: keyFor(p),
    customerId: p.project.qbo.qboCustomerId,
    date: p.date,
    minutes: p.minutes,
    billable: p.billable,
    rateMinor: p.rateMinor,
    currency: ctx.currency,
  }));
}

function prepare(entries: readonly TimeEntry[], ctx: TransformContext): Prepared[] {
  const projects = new Map(ctx.projects.map((p) => [p.id, p]));
  const tasks = new Map(ctx.tasks.map((t) => [t.id, t]));
  const ordered = [...entries].sort(byStartThenId);
  const problems: TransformProblem[] = [];
  const problem = (entryId: string, code: TransformProblemCode, message: string) => problems.push({ entryId, code, message });

  if (!ctx.worker) for (const e of ordered) problem(e.id, 'no_worker', 'No employee or vendor is linked to you in QuickBooks.');

  const finished: BillableSpan[] = [];
  for (const e of ordered) {
    if (e.deletedAt != null) problem(e.id, 'deleted', 'This entry has been deleted.');
    if (e.end === null) problem(e.id, 'running', 'This timer is still running; stop it before sending.');
    if (e.projectId === null) problem(e.id, 'no_project', 'This entry has no project.');
    else if (!projects.has(e.projectId)) problem(e.id, 'unknown_project', 'This entry belongs to a project that no longer exists.');
    if (e.projectId !== null && projects.has(e.projectId) && e.end !== null) finished.push({ ...e, end: e.end });
  }
  // Rounded minutes per entry: shared/rounding/billed, the figures every screen shows.
  const billed = billedTimes(finished, (id) => projects.get(id), ctx.workspaceRounding);
  const minutes = new Map([...billed].map(([id, b]) => [id, b.billedMs / MINUTE]));

  const prepared: Prepared[] = [];
  for (const e of ordered) {
    const project = e.projectId === null ? undefined : projects.get(e.projectId);
    const m = minutes.get(e.id);
    if (!project || m === undefined) continue;
    const task = e.taskId === null ? null : (tasks.get(e.taskId) ?? null);
    const date = entryLocalDate(e);
    const billable = e.billable && project.billable;
    let rateMinor: number | null = null;
    if (billable) {
      if (!project.qbo.qboCustomerId) problem(e.id, 'no_customer', `Project '${project.name}' is not linked to a QuickBooks customer.`);
      const rate = resolveRate({ taskId: e.taskId, projectId: project.id, clientId: project.clientId, start: e.start, zone: e.zone }, ctx.rates);
      if (!rate) problem(e.id, 'no_rate', `Billable time needs an hourly rate; set one for project '${project.name}' or its client.`);
      else if (rate.currency !== ctx.currency) {
        problem(e.id, 'rate_currency', `The rate for project '${project.name}' is in ${rate.currency}, but QuickBooks records time in ${ctx.currency}.`);
      } else rateMinor = rate.rateMinor;
    }
    prepared.push({ entry: e, project, task, date, minutes: m, billable, rateMinor });
  }
  if (problems.length > 0) throw new TransformError(problems);
  return prepared;
}

function keyFor(p: Prepared): string {
  return keyOf(p.entry, p.project, p.date, p.billable);
}

function keyOf(entry: Pick<TimeEntry, 'id' | 'taskId'>, project: TransformProject, date: string, billable: boolean): string {
  const key = project.qbo.aggregate ? `agg:${project.id}:${entry.taskId ?? '-'}:${date}:${billable ? 'B' : 'N'}` : `entry:${entry.id}`;
  return scopedName(key, project.qbo.companyId ?? PRIMARY_COMPANY);
}

/** Whether a key is an aggregate's (project + task + day) rather than one entry's. */
export function isAggregateKey(key: string): boolean {
  return key.startsWith('agg:');
}

/**
 * The key an entry's time belongs to now, from its project, task, day and billable flag alone (no
 * rates, worker or status checks), or null when it has no known project. Lets the outbox tell
 * whether an entry recorded under a key still belongs there after an edit moved it (another
 * project or day, or its project's aggregation switched), even when it cannot be sent right now.
 */
export function entryKey(entry: Pick<TimeEntry, 'id' | 'projectId' | 'taskId' | 'start' | 'zone' | 'billable'>, ctx: Pick<TransformContext, 'projects'>): string | null {
  const project = entry.projectId === null ? undefined : ctx.projects.find((p) => p.id === entry.projectId);
  if (!project) return null;
  return keyOf(entry, project, entryLocalDate(entry), entry.billable && project.billable);
}

/**
 * Builds the TimeActivity drafts for `entries`, sorted by key. For aggregated projects pass every
 * approved entry of the affected project-days, or the aggregate will be built from a subset.
 */
export function toTimeActivities(entries: readonly TimeEntry[], ctx: TransformContext): TimeActivityDraft[] {
  const prepared = prepare(entries, ctx);
  const groups = groupBy(prepared, keyFor);
  const template = ctx.descriptionTemplate ?? DEFAULT_DESCRIPTION_TEMPLATE;
  const worker = ctx.worker!;
  const drafts: TimeActivityDraft[] = [];
  for (const [key, members] of groups) {
    // Members are already in start-then-id order (prepare sorted them).
    const first = members[0]!;
    const totalMinutes = members.reduce((sum, p) => sum + p.minutes, 0);
    const descriptions = members.map((p) => p.entry.description.trim()).filter((d, i, all) => d !== '' && all.indexOf(d) === i);
    const itemId = first.task?.qboItemId ?? first.project.qbo.qboItemId;
    const payload: TimeActivityPayload = {
      TxnDate: first.date,
      NameOf: worker.nameOf,
      ...(worker.nameOf === 'Employee' ? { EmployeeRef: { value: worker.id } } : { VendorRef: { value: worker.id } }),
      ...(first.project.qbo.qboCustomerId ? { CustomerRef: { value: first.project.qbo.qboCustomerId } } : {}),
      ...(itemId ? { ItemRef: { value: itemId } } : {}),
      ...(first.project.qbo.qboClassId ? { ClassRef: { value: first.project.qbo.qboClassId } } : {}),
      BillableStatus: first.billable ? 'Billable' : 'NotBillable',
      ...(first.billable && first.rateMinor !== null ? { HourlyRate: minorToDecimalNumber(first.rateMinor, ctx.currency) } : {}),
      Hours: Math.floor(totalMinutes / 60),
      Minutes: totalMinutes % 60,
    };
    const { text: description, cut } = renderDescriptionMeasured(template, {
      client: first.project.clientName,
      project: first.project.name,
      task: first.task?.name,
      description: descriptions.join('; '),
      date: first.date,
    });
    if (description !== '') payload.Description = description;
    const byId = [...members].sort((a, b) => compareStrings(a.entry.id, b.entry.id));
    drafts.push({
      key,
      entryIds: byId.map((p) => p.entry.id),
      entryVersions: byId.map((p) => p.entry.version),
      payload,
      payloadHash: payloadHash(payload),
      ...(cut > 0 ? { descriptionCut: cut } : {}),
    });
  }
  return drafts.sort((a, b) => compareStrings(a.key, b.key));
}
