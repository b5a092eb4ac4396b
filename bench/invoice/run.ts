// The body of `npm run bench:invoice` (bench/bench-invoice.ts). Builds a workspace of C clients (one
// QuickBooks customer each) with two projects of two tasks each, approves N entries and syncs them
// (faults off: that is bench:sync's job), then invoices every client per client with one line per
// task per day through the real invoice service, with faults on (5% 503s, 2% connections dropped after
// the write committed, the access token expired once halfway). It then counts from QuickBooks' own
// query answers: invoices made, duplicates, lines whose amount differs from the app's, TimeActivities
// left unbilled, the total difference in cents, and the seconds invoicing took.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openDatabase } from '../../renderer/src/db/database';
import { createRepos, type Repos } from '../../renderer/src/db/repos';
import { createInvoiceService } from '../../renderer/src/features/invoices/engine/service';
import type { InvoiceOverrides } from '../../renderer/src/features/invoices/invoice-service';
import { createSyncEngine } from '../../renderer/src/features/quickbooks/engine/engine';
import { importMirror } from '../../renderer/src/features/quickbooks/engine/import-mirror';
import type { QboPort } from '../../renderer/src/features/quickbooks/engine/qbo-port';
import { decimalToMinor } from '../../shared/qbo/decimal';
import { control } from '../../electron/qbo-sandbox/control-client';
import { connect, type InProcessConnection } from '../sync/in-process-port';
import { externalConnection, sandboxProcess } from '../sync/run';

export interface InvoiceBenchOptions {
  entries: number;
  customers: number;
  timeScale: number;
  /** Seeds the sandbox's fault injector (which requests fail). */
  seed: number;
  env: Record<string, string | undefined>;
  log: (line: string) => void;
}

export interface InvoiceBenchResult {
  entries: number;
  /** Every entry has its TimeActivity and every customer its invoice (not in the JSON line). */
  complete: boolean;
  invoices: number;
  duplicates: number;
  lineDifferences: number;
  unbilled: number;
  centsDifference: number;
  seconds: number;
}

const DAY = 24 * 60 * 60 * 1000;
const FIRST = Date.UTC(2026, 9, 1, 13, 0);
const RANGE = { from: '2026-10-01', to: '2026-11-30' };
const TODAY = '2026-12-01';

/** C clients, each on its own QuickBooks customer, with 2 projects of 2 tasks; returns the project/task pairs. */
async function prepare(repos: Repos, port: QboPort, customers: number): Promise<Array<{ projectId: string; taskId: string }>> {
  await importMirror({ repos, port });
  const mirror = await repos.qboMirror.mirror();
  const active = mirror.customers.filter((c) => c.Active && !c.ParentRef);
  const item = mirror.items.find((i) => i.Active && i.Type === 'Service' && i.IncomeAccountRef);
  const employee = mirror.employees.find((e) => e.Active);
  if (active.length < customers || !item || !employee) throw new Error(`The company needs ${customers} active customers, a service item and an employee.`);
  await repos.qboMirror.setState('worker', { nameOf: 'Employee', id: employee.Id });
  const needsClass = (await repos.qboMirror.preferences()).AccountingInfoPrefs?.ClassTrackingPerTxn === true;
  const classId = needsClass ? (mirror.classes.find((c) => c.Active)?.Id ?? null) : null;
  await repos.sync.saveSettings({ descriptionTemplate: '{project}: {description}' });
  const pairs: Array<{ projectId: string; taskId: string }> = [];
  for (let c = 0; c < customers; c++) {
    const client = await repos.clients.create({ name: `Client ${c}`, qboCustomerId: active[c]!.Id });
    for (let p = 0; p < 2; p++) {
      const project = await repos.projects.create({ clientId: client.id, name: `Client ${c} project ${p}`, color: '#336699', billable: true, defaultTaskId: null, rateMinor: 8_000 + c * 475 + p * 125, currency: 'USD', rounding: null, qboCustomerId: active[c]!.Id, qboItemId: item.Id, qboClassId: classId });
      for (const name of ['Design', 'Build']) pairs.push({ projectId: project.id, taskId: (await repos.tasks.create({ projectId: project.id, name })).id });
    }
  }
  return pairs;
}

/** N entries over the pairs, 8 a day per pair slot, approved and synced. */
async function syncEntries(repos: Repos, port: QboPort, pairs: ReadonlyArray<{ projectId: string; taskId: string }>, n: number, timeScale: number, log: (l: string) => void): Promise<void> {
  const rows = Array.from({ length: n }, (_, i) => {
    const pair = pairs[i % pairs.length]!;
    const slot = Math.floor(i / pairs.length);
    const start = FIRST + Math.floor(slot / 4) * DAY + (slot % 4) * 2 * 60 * 60_000;
    return { projectId: pair.projectId, taskId: pair.taskId, description: `Work ${i}`, start, end: start + (20 + (i % 9) * 10) * 60_000, zone: 'America/New_York', importKey: `bench-invoice-${i}` };
  });
  const { importedIds } = await repos.entries.importMany(rows);
  const approved = await repos.entries.approve(importedIds);
  const blocked = approved.issues.filter((i) => i.blocking);
  if (blocked.length > 0) throw new Error(`Pre-flight holds back ${blocked.length} entries: ${blocked[0]!.message}`);
  const started = Date.now();
  const result = await createSyncEngine({ repos, port, concurrency: 4, retryScale: timeScale }).run();
  log(`${n} entries approved and synced in ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.done} done, ${result.failed} failed, ${result.remaining} left`);
}

/** Expires the access token once, when half the invoices have been sent. */
function expireHalfway(port: QboPort, sandbox: { url: string } | null, total: number): QboPort {
  let sent = 0;
  return {
    ...port,
    async createInvoice(requestId, body) {
      if (++sent === Math.ceil(total / 2) && sandbox) await control(sandbox, 'faults', { expireAccessTokens: true });
      return port.createInvoice(requestId, body);
    },
  };
}

interface Counted {
  /** Our TimeActivities in QuickBooks (one per entry): every one must end up billed. */
  timeActivities: number;
  invoices: number;
  duplicates: number;
  lineDifferences: number;
  unbilled: number;
  centsDifference: number;
}

/** Counts from QuickBooks' answers: our invoices (by the run's memo), their lines, and the TimeActivities still unbilled. */
async function count(repos: Repos, port: QboPort, marker: string): Promise<Counted> {
  const ours = (await port.queryAll('Invoice', `TxnDate = '${TODAY}'`)).filter((i) => String(i['PrivateNote'] ?? '').includes(marker));
  const rows = (await repos.invoices.list(port.companyId)).filter((r) => r.state === 'created');
  const byCustomer = new Map<string, number>();
  for (const inv of ours) byCustomer.set(String((inv['CustomerRef'] as { value: string }).value), (byCustomer.get(String((inv['CustomerRef'] as { value: string }).value)) ?? 0) + 1);
  const linked = ours.flatMap((i) => ((i['Line'] ?? []) as Array<{ LinkedTxn?: Array<{ TxnId: string }> }>).flatMap((l) => (l.LinkedTxn ?? []).map((t) => t.TxnId)));
  const duplicates = [...byCustomer.values()].reduce((s, n) => s + n - 1, 0) + (linked.length - new Set(linked).size);
  let lineDifferences = 0;
  let centsDifference = 0;
  for (const row of rows) {
    const inv = ours.find((i) => i['Id'] === row.qboId);
    if (!inv) continue;
    const theirs = ((inv['Line'] ?? []) as Array<{ DetailType: string; Amount: number }>).filter((l) => l.DetailType === 'SalesItemLineDetail').map((l) => decimalToMinor(l.Amount, row.draft.currency));
    const mine = row.draft.lines.filter((l) => l.kind === 'time').map((l) => l.amountMinor);
    lineDifferences += Math.abs(theirs.length - mine.length) + mine.filter((m, k) => theirs[k] !== m).length;
    centsDifference += Math.abs((decimalToMinor(Number(inv['TotalAmt']), row.draft.currency) ?? 0) - row.draft.totalMinor);
  }
  const time = await port.queryAll('TimeActivity', `TxnDate >= '${RANGE.from}' and TxnDate <= '${RANGE.to}'`);
  const mine = time.filter((t) => /^Client \d+ project/.test(String(t.Description ?? '')));
  const unbilled = mine.filter((t) => t.BillableStatus !== 'HasBeenBilled').length;
  return { timeActivities: mine.length, invoices: ours.length, duplicates, lineDifferences, unbilled, centsDifference };
}

/** Invoices every client once, per client with one line per task per day; the run's marker goes in the memo. */
async function invoiceAll(repos: Repos, port: QboPort, marker: string, log: (l: string) => void): Promise<number> {
  const service = createInvoiceService({ repos, port, today: () => TODAY, sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 2_000))) });
  await repos.settings.set('invoiceLayouts', { defaultLayout: { grouping: 'perClient', detail: 'taskDay', descriptionTemplate: '{project}{task? — task}' }, byClient: {} });
  const started = Date.now();
  const lap = (what: string, since: number) => log(`  ${what}: ${((Date.now() - since) / 1000).toFixed(1)} s`);
  const customers = (await service.unbilled(RANGE)).customers.map((c) => c.customerId);
  lap('unbilled time read', started);
  const overrides: Record<string, InvoiceOverrides> = Object.fromEntries(customers.map((id) => [id, { header: { memo: marker } }]));
  const previewed = Date.now();
  const previews = await service.preview(customers, RANGE, overrides);
  lap('previews built (with pre-flight asking QuickBooks)', previewed);
  const blocked = previews.flatMap((p) => p.issues.filter((i) => i.blocking).map((i) => i.message));
  if (blocked.length > 0) log(`blocked: ${blocked.join(' | ')}`);
  const creating = Date.now();
  const result = await service.create(previews);
  lap('invoices created', creating);
  const refreshing = Date.now();
  await service.refresh();
  lap('refreshed from QuickBooks', refreshing);
  log(`${previews.length} invoices previewed, ${result.created.length} created, ${result.failed.length} not yet (${result.failed.map((f) => f.lastError).join('; ')})`);
  return (Date.now() - started) / 1000;
}

export async function runInvoiceBench(o: InvoiceBenchOptions): Promise<InvoiceBenchResult> {
  const external = Boolean(o.env['QBO_API_BASE']);
  const timeScale = external ? 1 : o.timeScale;
  const sandbox = external ? null : await sandboxProcess(timeScale, undefined);
  try {
    let conn: InProcessConnection;
    if (sandbox) {
      await control(sandbox, 'reset', { extraCustomers: Math.max(0, o.customers) });
      conn = await connect(sandbox, timeScale);
      o.log(`local sandbox, limits on, time scale ${timeScale}`);
    } else conn = await externalConnection(o);
    const repos = createRepos(await openDatabase('bench-invoice', { indexedDB: new IDBFactory(), IDBKeyRange }));
    await syncEntries(repos, conn.port, await prepare(repos, conn.port, o.customers), o.entries, timeScale, o.log);
    if (sandbox) {
      await control(sandbox, 'faults', { errorRate: 0.05, dropAfterCommitRate: 0.02, seed: o.seed });
      o.log('faults on: 5% of requests answered 503, 2% of connections dropped after the write committed; access token expired once halfway');
    }
    const marker = `[tn-bench:${Date.now().toString(36)}]`;
    const seconds = await invoiceAll(repos, expireHalfway(conn.port, sandbox, o.customers), marker, o.log);
    if (sandbox) {
      await control(sandbox, 'faults', { errorRate: 0, dropAfterCommitRate: 0 });
      const state = (await (await fetch(`${sandbox.url}/_sandbox/state`)).json()) as { counters: Record<string, number> };
      o.log(`sandbox counters over the whole run (sync included): ${JSON.stringify(state.counters)}; token refreshes ${conn.keeper.refreshes}`);
    }
    const counted = await count(repos, conn.port, marker);
    const { timeActivities, ...rest } = counted;
    o.log(`QuickBooks holds ${timeActivities} TimeActivities for ${o.entries} entries and ${rest.invoices} invoices for ${o.customers} customers: ${rest.duplicates} duplicates, ${rest.lineDifferences} lines differing, ${rest.unbilled} TimeActivities unbilled, ${rest.centsDifference} cents apart`);
    if (timeActivities !== o.entries || rest.invoices !== o.customers) o.log(`NOT every entry reached an invoice: ${timeActivities} TimeActivities, ${rest.invoices} invoices`);
    return { entries: o.entries, ...rest, seconds: Number(seconds.toFixed(1)), complete: timeActivities === o.entries && rest.invoices === o.customers };
  } finally {
    await sandbox?.close();
  }
}
