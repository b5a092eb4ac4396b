// A year of a small firm's work as IndexedDB rows, for `npm run bench:reports` and the test that the
// reports agree with the timesheet, the invoices and the reconciliation. Three people (you and two
// people from an imported file), eight clients with two or three projects each, entries every day;
// older time invoiced in batches per project and mostly paid (each client pays at its own pace,
// some partly), recent time synced, approved or still draft. Deterministic: the same size and
// `today` give the same rows.
import { isWaiting } from '../../renderer/src/db/entry-rules';
import { multiplyRate } from '../../shared/money/multiply';
import { addLocalDays } from '../../shared/time/local-date';
import { zonedInstant } from '../../shared/time/zone';

export const YEAR_ZONE = 'UTC';
const COMPANY = 'primary';
const PEOPLE = [null, 'Dana Lee', 'Sam Ortiz'] as const;
const CLIENTS = ['Acme Corp', 'Globex', 'Initech', 'Umbrella', 'Stark Industries', 'Wayne Enterprises', 'Cyberdyne', 'Hooli'];
/** Days after the due date each client pays (negative: early). */
const LATENESS = [-3, 0, 4, 9, 15, 2, 25, 40];

export interface YearSize {
  entries: number;
  invoices: number;
}

interface Catalog {
  clients: Array<Record<string, unknown>>;
  projects: Array<{ id: string; clientId: string; rateMinor: number } & Record<string, unknown>>;
  tasks: Array<Record<string, unknown>>;
}

function catalog(now: number): Catalog {
  const clients = CLIENTS.map((name, i) => ({ id: `c${i}`, name, archived: false, qboCustomerId: String(100 + i), createdAt: now, updatedAt: now }));
  const projects = [];
  const tasks = [];
  for (let i = 0; i < 20; i++) {
    const id = `p${i}`;
    projects.push({
      id, clientId: `c${i % CLIENTS.length}`, name: `Project ${i + 1}`, color: '#2563eb', billable: true, defaultTaskId: null,
      rateMinor: 9000 + (i % 5) * 2500, currency: 'USD', rounding: i % 4 === 0 ? { incrementMinutes: 15, mode: 'up' } : null, archived: false,
      qboCustomerId: String(100 + (i % CLIENTS.length)), qboItemId: null, qboClassId: null, createdAt: now, updatedAt: now,
    });
    for (const [t, name] of ['Design', 'Development', 'Meetings'].entries()) {
      if (t < 2 || i % 3 === 0) tasks.push({ id: `${id}t${t}`, projectId: id, name, archived: false, qboItemId: null, createdAt: now, updatedAt: now });
    }
  }
  return { clients, projects, tasks };
}

type Status = 'draft' | 'approved' | 'synced' | 'invoiced' | 'paid';

/** Recent time is still on its way; billable time older than 40 days is invoiced (non-billable time stays synced). */
function statusFor(age: number, billable: boolean): Status {
  if (age < 7) return 'draft';
  if (age < 20) return 'approved';
  if (age < 40 || !billable) return 'synced';
  return 'invoiced';
}

interface EntryRowLike {
  id: string;
  projectId: string;
  localDate: string;
  start: number;
  end: number;
  billable: boolean;
  status: Status;
  [key: string]: unknown;
}

function entryRows(size: YearSize, today: string, projects: Catalog['projects'], now: number): EntryRowLike[] {
  const perDay = Math.ceil(size.entries / 365);
  const rows: EntryRowLike[] = [];
  const days = Array.from({ length: 365 }, (_, age) => addLocalDays(today, -age));
  const mornings = new Map<string, number>();
  for (let n = 0; n < size.entries; n++) {
    const age = 364 - Math.floor(n / perDay);
    const day = days[age]!;
    const slot = n % perDay;
    const p = projects[(n * 7 + Math.floor(n / 13)) % projects.length]!;
    const person = PEOPLE[n % PEOPLE.length]!;
    if (!mornings.has(day)) mornings.set(day, zonedInstant(day, '07:00', YEAR_ZONE));
    const start = mornings.get(day)! + (slot % 48) * 15 * 60_000 + (n % 5) * 60_000;
    const minutes = 10 + ((n * 37) % 71);
    const billable = n % 7 !== 3;
    rows.push({
      id: `e${n}`, projectId: p.id, taskId: `${p.id}t${n % 2}`, description: `Work item ${n}`, start, end: start + minutes * 60_000, zone: YEAR_ZONE,
      source: 'manual', billable, status: statusFor(age, billable), ...(isWaiting({ status: statusFor(age, billable), billable, deletedAt: null }) ? { waiting: 1 } : {}), version: 1, createdAt: now, updatedAt: now, deletedAt: null, localDate: day,
      ...(person ? { importKey: `year-${n}`, imported: { person, currency: null, rateMinor: null, amountMinor: null, costRateMinor: null, status: null } } : {}),
    });
  }
  return rows;
}

/** Minutes billed for an entry under its project's rule (15 min up, or whole minutes). */
export function billedMinutes(e: EntryRowLike, project: Catalog['projects'][number]): number {
  const raw = Math.round((e.end - e.start) / 60_000);
  return project['rounding'] ? Math.ceil(raw / 15) * 15 : raw;
}

const decimal = (minor: number) => minor / 100;

function invoiceRow(n: number, project: Catalog['projects'][number], members: EntryRowLike[], txnDate: string, now: number) {
  const client = Number(project.clientId.slice(1));
  const entryAmounts = members.map((e) => ({ entryId: e.id, amountMinor: multiplyRate(project.rateMinor, billedMinutes(e, project) * 60_000, 'USD').amountMinor }));
  const total = entryAmounts.reduce((s, a) => s + a.amountMinor, 0);
  const dueDate = addLocalDays(txnDate, 30);
  const qboId = String(5000 + n);
  return {
    id: `i${n}`, companyId: COMPANY, customerId: String(100 + client), customerName: CLIENTS[client]!, clientId: project.clientId, state: 'created', requestId: `r${n}`, attempts: 1,
    draft: {
      customerId: String(100 + client), currency: 'USD', exchangeRate: null, subtotalMinor: total, tax: [], taxMinor: 0, totalMinor: total, entryAmounts, payload: {}, notes: [],
      lines: [{ kind: 'time', description: `${project['name']} ${txnDate}`, projectId: project.id, amountMinor: total, timeActivityIds: [], parts: members.map((e) => ({ entryId: e.id, ms: e.end - e.start })) }],
    },
    entryIds: members.map((e) => e.id), links: [], qboId,
    qbo: { Id: qboId, SyncToken: '0', DocNumber: String(1001 + n), TxnDate: txnDate, DueDate: dueDate, CustomerRef: { value: String(100 + client) }, Line: [], TotalAmt: decimal(total), Balance: decimal(total) },
    createdAt: now, updatedAt: now,
  };
}

type InvoiceRowLike = ReturnType<typeof invoiceRow>;

/** Paid when the client's usual day has come (every seventh invoice only half); the balance follows. */
function paymentFor(inv: InvoiceRowLike, n: number, today: string, now: number) {
  const client = Number(inv.clientId.slice(1));
  const txnDate = addLocalDays(inv.qbo.DueDate, LATENESS[client]!);
  if (txnDate > today) return null;
  const amount = n % 7 === 0 ? Math.floor(inv.draft.totalMinor / 2) : inv.draft.totalMinor;
  inv.qbo.Balance = decimal(inv.draft.totalMinor - amount);
  const qboId = String(90000 + n);
  return {
    id: `${COMPANY}:${qboId}`, companyId: COMPANY, qboId, customerId: inv.customerId, customerName: inv.customerName, txnDate, currency: 'USD',
    totalMinor: amount, unappliedMinor: 0, applied: [{ invoiceQboId: inv.qboId, amountMinor: amount }], deleted: false, updatedAt: now,
  };
}

// Long because it is one pass: invoiced entries are batched per project into `size.invoices`
// invoices, each dated the day after its batch, and their payments decided, in one loop.
function invoicesFor(entries: EntryRowLike[], size: YearSize, today: string, projects: Catalog['projects'], now: number) {
  const invoiced = entries.filter((e) => e.status === 'invoiced');
  const byProject = new Map<string, EntryRowLike[]>();
  for (const e of invoiced) {
    const list = byProject.get(e.projectId) ?? [];
    list.push(e);
    byProject.set(e.projectId, list);
  }
  const perProject = Math.max(1, Math.ceil(size.invoices / Math.max(1, byProject.size)));
  const invoices: InvoiceRowLike[] = [];
  const payments = [];
  for (const project of projects) {
    const mine = byProject.get(project.id) ?? [];
    const batches = Math.min(perProject, mine.length);
    for (let b = 0; b < batches; b++) {
      const members = mine.slice(Math.floor((b * mine.length) / batches), Math.floor(((b + 1) * mine.length) / batches));
      const inv = invoiceRow(invoices.length, project, members, addLocalDays(members[members.length - 1]!.localDate, 1), now);
      const payment = paymentFor(inv, invoices.length, today, now);
      if (payment) payments.push(payment);
      if (inv.qbo.Balance === 0) for (const e of members) e.status = 'paid';
      invoices.push(inv);
    }
  }
  return { invoices, payments };
}

/** Every table's rows for a year ending on `today`. */
export function yearOfData(size: YearSize, today: string, now: number) {
  const { clients, projects, tasks } = catalog(now);
  const entries = entryRows(size, today, projects, now);
  const { invoices, payments } = invoicesFor(entries, size, today, projects, now);
  return { clients, projects, tasks, entries, invoices, payments };
}
