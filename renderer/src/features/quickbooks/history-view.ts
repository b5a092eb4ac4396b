// The QuickBooks history in a person's words: which time an audit row or a conflict is about (date,
// client · project, start–end, billed and measured duration, amount), what happened to it, and
// what changed in QuickBooks field by field ("QuickBooks has 2:00, Track Nexus has 0:45"). Pure:
// history-read-model.ts loads the book (names, entry snapshots, payloads) these functions read.
import { decimalToMinor, amountForMinutes, minorToDecimalString } from '../../../../shared/qbo/decimal';
import type { QboMirror, TimeActivityPayload } from '../../../../shared/qbo/types';
import { billedTimes } from '../../../../shared/rounding/billed';
import type { RoundingPolicy } from '../../../../shared/rounding/policy';
import type { AuditReadable, AuditRecord } from '../../../../shared/sync/audit';
import { QBO_FIELD_WORDS, type FieldDiff } from '../../../../shared/sync/reconcile';
import { formatDate, formatDayShort, formatTimeRange } from '../../../../shared/time/display';
import { formatDuration } from '../../../../shared/time/duration';
import { localDate, localTime } from '../../../../shared/time/zone';
import type { ClientRow, ProjectRow, TaskRow, TimeEntry } from '../../db/schema';
import { projectLabelById } from '../../../../shared/entries/project-label';
import { formatMoney } from './mirror-hooks';

/** An entry as it was at one version: enough to name it. */
export type EntrySnapshot = Pick<TimeEntry, 'id' | 'projectId' | 'taskId' | 'start' | 'end' | 'zone' | 'billable'>;

/** What the history reads instead of ids. */
export interface HistoryBook {
  /** QuickBooks' home currency: HourlyRate is in it. */
  currency: string;
  projects: ReadonlyMap<string, ProjectRow>;
  clients: ReadonlyMap<string, Pick<ClientRow, 'name'>>;
  tasks: ReadonlyMap<string, Pick<TaskRow, 'name'>>;
  mirror: QboMirror;
  workspaceRounding: RoundingPolicy;
  /** The entry as it was at `version` (the nearest version known), deleted entries included. */
  entryAt(id: string, version: number): EntrySnapshot | undefined;
  /** What a write with this payload hash sent, when a record, an outbox row or another audit row kept it. */
  payloadOf(hash: string): TimeActivityPayload | undefined;
}

/** The time an audit row or a conflict is about, as a person knows it. */
export interface TimeFacts {
  /** TxnDate, 'YYYY-MM-DD'; null when neither a payload nor an entry is known. */
  date: string | null;
  client: string;
  project: string;
  task: string;
  /** "Cool Cars · Showroom Landscaping (Design)". */
  label: string;
  entries: number;
  /** Only for one entry whose times are known. */
  span?: { start: number; end: number; zone: string };
  /** As sent (or, without the payload, as shared/rounding bills it). */
  billedMinutes?: number;
  measuredMs?: number;
  /** In `currency` minor units; absent for time that is not billable or when the rate is unknown. */
  amountMinor?: number;
  billable?: boolean;
}

const MINUTE = 60_000;

/** The one project mapped to this QuickBooks customer, when exactly one is. */
function projectForCustomer(customerId: string, book: HistoryBook): ProjectRow | undefined {
  const mapped = [...book.projects.values()].filter((p) => p.qboCustomerId === customerId);
  return mapped.length === 1 ? mapped[0] : undefined;
}

/** A QuickBooks customer by the project it is mapped to, else by its QuickBooks name. */
function customerName(id: string, book: HistoryBook): string {
  const project = projectForCustomer(id, book);
  if (project) return projectLabelById(project.id, book.projects, book.clients);
  const c = book.mirror.customers.find((x) => x.Id === id);
  return c ? c.FullyQualifiedName || c.DisplayName : `a customer not imported from QuickBooks (Id ${id})`;
}

const itemName = (id: string, book: HistoryBook) => {
  const item = book.mirror.items.find((x) => x.Id === id);
  return item ? (item.FullyQualifiedName ?? item.Name) : `a service item not imported from QuickBooks (Id ${id})`;
};

export function timeFacts(entryIds: readonly string[], entryVersions: readonly number[], payload: TimeActivityPayload | undefined, book: HistoryBook): TimeFacts {
  const snaps = entryIds.map((id, i) => book.entryAt(id, entryVersions[i] ?? Number.POSITIVE_INFINITY)).filter((s): s is EntrySnapshot => s !== undefined);
  const first = snaps[0];
  const projectId = first ? first.projectId : payload?.CustomerRef ? (projectForCustomer(payload.CustomerRef.value, book)?.id ?? null) : null;
  const project = projectId ? book.projects.get(projectId) : undefined;
  const client = project?.clientId ? (book.clients.get(project.clientId)?.name ?? '') : '';
  const task = first?.taskId ? (book.tasks.get(first.taskId)?.name ?? '') : !first && payload?.ItemRef ? itemName(payload.ItemRef.value, book) : '';
  const base = project || first ? projectLabelById(projectId, book.projects, book.clients) : payload?.CustomerRef ? customerName(payload.CustomerRef.value, book) : 'No customer';
  const facts: TimeFacts = {
    date: payload?.TxnDate ?? (first ? localDate(first.start, first.zone) : null),
    client,
    project: project?.name ?? '',
    task,
    label: task ? `${base} (${task})` : base,
    entries: entryIds.length,
  };
  const finished = snaps.length === entryIds.length && snaps.every((s) => s.end !== null);
  if (finished && snaps.length === 1) facts.span = { start: first!.start, end: first!.end!, zone: first!.zone };
  if (finished && snaps.length > 0) {
    const spans = snaps.map((s) => ({ id: s.id, projectId: s.projectId, start: s.start, end: s.end!, zone: s.zone }));
    facts.measuredMs = spans.reduce((sum, s) => sum + (s.end - s.start), 0);
    // Without the payload, the duration it was billed at is the one computation's (shared/rounding).
    if (!payload) facts.billedMinutes = Math.round([...billedTimes(spans, (id) => book.projects.get(id), book.workspaceRounding).values()].reduce((sum, b) => sum + b.billedMs, 0) / MINUTE);
  }
  if (payload) {
    facts.billedMinutes = payload.Hours * 60 + payload.Minutes;
    facts.billable = payload.BillableStatus !== 'NotBillable';
    if (facts.billable && payload.HourlyRate !== undefined) facts.amountMinor = amountForMinutes(payload.HourlyRate, facts.billedMinutes, book.currency);
  } else if (first) facts.billable = first.billable;
  return facts;
}

/** "Thu 3 Dec, Cool Cars · Showroom Landscaping (Design), 09:00–10:30" (or ", 3 entries"). */
export function timeLine(f: TimeFacts): string {
  const parts = [f.date ? formatDayShort(f.date) : null, f.label];
  if (f.entries > 1) parts.push(`${f.entries} entries`);
  else if (f.span) parts.push(formatTimeRange(f.span.start, f.span.end, f.span.zone));
  return parts.filter((p): p is string => p !== null).join(', ');
}

/** "1:30", or "1:45 billed (1:38 measured)" when rounding made a difference. */
export function durationText(f: TimeFacts): string {
  const billed = f.billedMinutes === undefined ? null : formatDuration(f.billedMinutes * MINUTE);
  const measured = f.measuredMs === undefined ? null : formatDuration(f.measuredMs);
  if (billed && measured && billed !== measured) return `${billed} billed (${measured} measured)`;
  return billed ?? measured ?? '—';
}

export function amountText(f: TimeFacts, currency: string): string {
  if (f.amountMinor !== undefined) return formatMoney(f.amountMinor, currency);
  return f.billable === false ? 'Not billable' : '—';
}

/** What happened, in words: a title and, where there is one, the reason. */
export interface AuditEvent {
  title: string;
  detail?: string;
}

const OK_TITLES = { create: 'Sent to QuickBooks', update: 'Updated in QuickBooks', delete: 'Removed from QuickBooks', reconcile: 'Checked against QuickBooks' } as const;

/** A changed field in a list of them: hours and minutes are one duration. */
const fieldWord = (field: string) => (field === 'Hours' || field === 'Minutes' ? 'duration' : (QBO_FIELD_WORDS[field] ?? field));

const sentence = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** What reconciliation wrote (sync-repo's messages), as a title and the rest in words. */
function reconcileEvent(message: string): AuditEvent {
  const changed = /^Changed in QuickBooks: (.+)$/.exec(message);
  if (changed) return { title: 'Changed in QuickBooks', detail: sentence([...new Set(changed[1]!.split(', ').map(fieldWord))].join(', ')) };
  const deleted = /^Deleted in QuickBooks(?:; (.*))?$/s.exec(message);
  if (deleted) return { title: 'Deleted in QuickBooks', ...(deleted[1] ? { detail: sentence(deleted[1]) } : {}) };
  const taken = /^Changed in QuickBooks; (.*)$/s.exec(message);
  return { title: 'Changed in QuickBooks', detail: sentence(taken ? taken[1]! : message) };
}

export function auditEvent(r: AuditRecord): AuditEvent {
  const message = r.message ?? '';
  const withDetail = (title: string, detail: string): AuditEvent => (detail ? { title, detail } : { title });
  switch (r.outcome) {
    case 'ok':
      return withDetail(OK_TITLES[r.op], message);
    case 'failed':
      return withDetail('QuickBooks refused it', message.replace(/^QuickBooks refused this entry: /, ''));
    case 'retrying':
      // An auth failure waits for the user, not for a timer (classify's pause_auth messages).
      return withDetail(/reconnect/i.test(message) ? 'Waiting for a reconnect' : 'Will retry', message);
    case 'conflict':
      return r.op === 'reconcile' ? reconcileEvent(message) : withDetail('Changed in QuickBooks while sending', message);
  }
}

/** The CSV's readable columns: ISO-like dates and HH:mm, as exports keep them. */
export function csvReadable(event: AuditEvent, f: TimeFacts, currency: string): AuditReadable {
  return {
    event: event.title,
    date: f.date ?? '',
    client: f.client,
    project: f.project,
    task: f.task,
    start: f.span ? localTime(f.span.start, f.span.zone) : '',
    end: f.span ? localTime(f.span.end, f.span.zone) : '',
    entries: f.entries,
    duration: f.billedMinutes === undefined ? '' : formatDuration(f.billedMinutes * MINUTE),
    measured: f.measuredMs === undefined ? '' : formatDuration(f.measuredMs),
    amount: f.amountMinor === undefined ? '' : minorToDecimalString(f.amountMinor, currency),
    currency: f.amountMinor === undefined ? '' : currency,
  };
}

// ---- Conflicts -------------------------------------------------------------------------------

/** One field changed in QuickBooks: "Duration" — "QuickBooks has 2:00, Track Nexus has 0:45". */
export interface ChangeLine {
  field: string;
  text: string;
}

const FIELD_TITLES: Record<string, string> = {
  TxnDate: 'Date',
  CustomerRef: 'Customer',
  ItemRef: 'Service item',
  ClassRef: 'Class',
  EmployeeRef: 'Employee',
  VendorRef: 'Vendor',
  NameOf: 'Recorded for',
  BillableStatus: 'Billable',
  HourlyRate: 'Hourly rate',
  Description: 'Description',
};

const BILLABLE_WORDS: Record<string, string> = { Billable: 'billable', NotBillable: 'not billable', HasBeenBilled: 'billed' };

const isBlank = (v: unknown) => v === undefined || v === null || v === '';

/** One field's value in the user's units. */
function valueText(field: string, v: unknown, book: HistoryBook): string {
  if (isBlank(v)) return field === 'Description' ? 'no description' : field === 'HourlyRate' ? 'no rate' : 'none';
  const s = String(v);
  switch (field) {
    case 'TxnDate':
      return /^\d{4}-\d{2}-\d{2}$/.test(s) ? formatDate(s) : s;
    case 'CustomerRef':
      return customerName(s, book);
    case 'ItemRef':
      return itemName(s, book);
    case 'ClassRef': {
      const k = book.mirror.classes.find((x) => x.Id === s);
      return k ? (k.FullyQualifiedName ?? k.Name) : `a class not imported from QuickBooks (Id ${s})`;
    }
    case 'EmployeeRef':
    case 'VendorRef': {
      const p = [...book.mirror.employees, ...book.mirror.vendors].find((x) => x.Id === s);
      return p ? p.DisplayName : `someone not imported from QuickBooks (Id ${s})`;
    }
    case 'NameOf':
      return s === 'Vendor' ? 'a vendor' : 'an employee';
    case 'BillableStatus':
      return BILLABLE_WORDS[s] ?? s;
    case 'HourlyRate': {
      const minor = typeof v === 'number' ? decimalToMinor(v, book.currency) : null;
      return `${minor === null ? `${s} ${book.currency}` : formatMoney(minor, book.currency)} an hour`;
    }
    case 'Description':
      return `“${s}”`;
    default:
      return s;
  }
}

const said = (inQbo: string, sent: string) => `QuickBooks has ${inQbo}, Track Nexus has ${sent}`;

/**
 * What changed in QuickBooks, field by field, QuickBooks' value first. Hours and Minutes are one
 * duration, from the whole payloads when they are known (a diff of 0:45 → 2:45 has no Minutes).
 */
export function conflictChanges(diffs: readonly FieldDiff[], book: HistoryBook, sides: { sent?: TimeActivityPayload; inQbo?: TimeActivityPayload } = {}): ChangeLine[] {
  const out: ChangeLine[] = [];
  let durationDone = false;
  for (const d of diffs) {
    if (d.field === 'Hours' || d.field === 'Minutes') {
      if (durationDone) continue;
      durationDone = true;
      const { sent, inQbo } = sides;
      if (sent && inQbo) {
        out.push({ field: 'Duration', text: said(formatDuration((inQbo.Hours * 60 + inQbo.Minutes) * MINUTE), formatDuration((sent.Hours * 60 + sent.Minutes) * MINUTE)) });
      } else {
        // Without the payloads, only the parts that differ are known.
        const parts = (side: 'inQbo' | 'sent') => diffs.filter((x) => x.field === 'Hours' || x.field === 'Minutes').map((x) => `${String(x[side])} ${x.field === 'Hours' ? 'h' : 'min'}`).join(' ');
        out.push({ field: 'Duration', text: said(parts('inQbo'), parts('sent')) });
      }
      continue;
    }
    out.push({ field: FIELD_TITLES[d.field] ?? d.field, text: said(valueText(d.field, d.inQbo, book), valueText(d.field, d.sent, book)) });
  }
  return out;
}
