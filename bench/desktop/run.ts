// The body of `npm run bench:desktop` (bench/bench-desktop.ts): N entries approved through the real
// repositories and pushed by the real sync engine to a QuickBooks Desktop company through the app's
// own path: the engine's QboPort → main's qbo:* data handlers → the Desktop company's journal →
// the Web Connector service on its loopback endpoint → the simulated Web Connector's sessions on a
// schedule, with faults on → the simulated company file, which checks every qbXML document against
// Intuit's schema. Then a tenth of the entries are edited and pushed again (TimeTrackingMod, where a
// QuickBooks user's edit in between makes the app's EditSequence stale). Counted from the company
// file itself: time entries added, entries held twice, entries missing, edits that arrived.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../renderer/src/db/database';
import { createRepos, type Repos } from '../../renderer/src/db/repos';
import { createSyncEngine } from '../../renderer/src/features/quickbooks/engine/engine';
import { importMirror } from '../../renderer/src/features/quickbooks/engine/import-mirror';
import { ipcQboPort, type QboPort } from '../../renderer/src/features/quickbooks/engine/qbo-port';
import { IpcRouter } from '../../electron/main/ipc/router';
import { registerQboDataHandlers } from '../../electron/main/qbo/handlers';
import { openDesktopCompany, type DesktopCompany } from '../../electron/main/qbd/desktop-company';
import { createQbwcService } from '../../electron/main/qbd/qbwc-service';
import { startQbwcServer, type QbwcServer } from '../../electron/main/qbd/qbwc-server';
import { createCompany, type Company } from '../../electron/qbd-sim/company';
import type { WebConnectorFault } from '../../electron/qbd-sim/qbwc';
import { DEFAULT_FAULT_ODDS, runWebConnector, type SessionReport } from '../../electron/qbd-sim/schedule';
import type { RendererApi } from '../../shared/ipc/contract';
import { PRIMARY_COMPANY } from '../../shared/qbo/company';

export interface DesktopBenchOptions {
  entries: number;
  /** Milliseconds between the simulated Web Connector's sessions. */
  everyMs: number;
  faults: boolean;
  seed: number;
  log: (line: string) => void;
}

/** The last line of `npm run bench:desktop`. */
export interface DesktopBenchResult {
  entries: number;
  added: number;
  duplicates: number;
  missing: number;
  sessions: number;
  seconds: number;
  edited: number;
  editsArrived: number;
  faults: Record<string, number>;
}

const USER = 'tracknexus';
const PASSWORD = 'bench-password';
const FIRST = Date.UTC(2026, 0, 5, 14, 0);
const DAY = 24 * 60 * 60 * 1000;
const PER_DAY = 20;

/** The app's side: a Desktop company in a temporary folder, its endpoint on a free loopback port, and the engine's port to it. */
async function openApp(dir: string): Promise<{ desktop: DesktopCompany; server: QbwcServer; port: QboPort }> {
  const desktop = await openDesktopCompany({ file: join(dir, 'desktop.json'), name: 'Bench Books', now: () => Date.now(), onChange: () => undefined });
  const service = createQbwcService({
    appVersion: 'Track Nexus bench',
    verify: async (user, password) => user === USER && password === PASSWORD,
    work: desktop.work,
    onEvent: (e) => desktop.noteEvent(e),
    newTicket: randomUUID,
    now: () => Date.now(),
  });
  const server = await startQbwcServer(service, { port: 0, path: '/qbwc' });
  const router = new IpcRouter();
  registerQboDataHandlers(router, () => desktop.client);
  const invoke = ((channel: string, payload?: unknown) => router.dispatch(channel, payload)) as RendererApi['invoke'];
  const port: QboPort = {
    ...ipcQboPort({ invoke }, PRIMARY_COMPANY),
    status: async () => ({ companyId: PRIMARY_COMPANY, state: 'connected', environment: 'desktop', realmId: null, companyName: 'Bench Books', message: null, connectedAt: 0, awaitingBrowser: false }),
  };
  return { desktop, server, port };
}

/** Twelve customers with a job each, one service item, one employee: what the entries are mapped to. */
function seededCompany(): Company {
  const customers = Array.from({ length: 6 }, (_, i) => [`Client ${i + 1}`, `Client ${i + 1}:Job ${i + 1}`]).flat();
  return createCompany({ customers, employees: ['Bench Person'], items: ['Consulting'], vendors: [], otherNames: [], classes: [] });
}

/** Maps a client's projects to the company's customers and jobs, as a person would on the mapping screen. */
async function mapProjects(repos: Repos, port: QboPort): Promise<string[]> {
  await importMirror({ repos, port });
  const mirrorRepo = repos.mirrorOf(port.companyId);
  const mirror = await mirrorRepo.mirror();
  const item = mirror.items.find((i) => i.Active);
  const employee = mirror.employees.find((e) => e.Active);
  if (!item || !employee || mirror.customers.length === 0) throw new Error('The first session did not bring the lists: nothing to map to.');
  await mirrorRepo.setState('worker', { nameOf: 'Employee', id: employee.Id });
  const client = await repos.clients.create({ name: 'Bench client', qboCustomerId: null });
  const ids: string[] = [];
  for (const [i, customer] of mirror.customers.entries()) {
    const project = await repos.projects.create({
      clientId: client.id, name: `Bench ${i}`, color: '#336699', billable: true, defaultTaskId: null, rateMinor: 9_000, currency: 'USD',
      rounding: null, qboCustomerId: customer.Id, qboItemId: item.Id, qboClassId: null,
    });
    ids.push(project.id);
  }
  return ids;
}

/** Approves `count` entries, each marked `[tn:<run>-<i>]` so the company file can be counted. */
async function approveEntries(repos: Repos, projectIds: string[], run: string, count: number): Promise<string[]> {
  await repos.sync.saveSettings({ descriptionTemplate: '{description}' });
  const rows = Array.from({ length: count }, (_, i) => {
    const start = FIRST + Math.floor(i / PER_DAY) * DAY + (i % PER_DAY) * 25 * 60_000;
    return { projectId: projectIds[i % projectIds.length]!, description: `[tn:${run}-${i}]`, start, end: start + (15 + (i % 5) * 5) * 60_000, zone: 'UTC', importKey: `${run}-${i}` };
  });
  const imported = await repos.entries.importMany(rows);
  await repos.entries.approve(imported.importedIds);
  return imported.importedIds;
}

interface Count { added: number; duplicates: number; missing: number; editsArrived: number }

/** What the company file holds, by each entry's marker. */
function countCompany(company: Company, run: string, entries: number, edited: ReadonlySet<number>): Count {
  const seen = new Map<number, number>();
  let editsArrived = 0;
  for (const t of company.timeTracking()) {
    const m = new RegExp(`\\[tn:${run}-(\\d+)\\]`).exec(t.notes ?? '');
    if (!m) continue;
    const i = Number(m[1]);
    seen.set(i, (seen.get(i) ?? 0) + 1);
    if (edited.has(i) && t.notes!.includes('(edited)')) editsArrived++;
  }
  let duplicates = 0;
  for (const n of seen.values()) duplicates += Math.max(0, n - 1);
  return { added: company.timeTracking().length, duplicates, missing: entries - seen.size, editsArrived };
}

type Schedule = (options: { until: () => Promise<boolean>; sessions?: number; faults?: Partial<Record<WebConnectorFault, number>> }) => Promise<SessionReport[]>;

/**
 * Plays the Web Connector's schedule and, after each update, runs the engine as the app does when an
 * update ends (renderer useDesktopUpdates), until the engine has nothing left and nothing waits. The
 * updates in `first` play those faults for certain, so every fault meets real work; then the odds decide.
 */
async function pushThroughUpdates(repos: Repos, app: { desktop: DesktopCompany; port: QboPort }, schedule: Schedule, first: readonly WebConnectorFault[]): Promise<SessionReport[]> {
  const engine = createSyncEngine({ repos, port: app.port, concurrency: 4, retryScale: 60 });
  const settled = async () => {
    const result = await engine.run();
    return result.remaining === 0 && app.desktop.summary().pending === 0;
  };
  await engine.run();
  const reports: SessionReport[] = [];
  for (const fault of first) reports.push(...(await schedule({ until: settled, sessions: 1, faults: { [fault]: 1 } })));
  reports.push(...(await schedule({ until: settled })));
  return reports;
}

/** Edits every tenth entry's description after it reached QuickBooks (confirmed, as a person does). */
async function editEveryTenth(repos: Repos, ids: readonly string[]): Promise<Set<number>> {
  const edited = new Set<number>();
  for (let i = 0; i < ids.length; i += 10) {
    const entry = await repos.entries.get(ids[i]!);
    if (!entry) continue;
    await repos.entries.update(entry.id, { description: `${entry.description} (edited)` }, { confirmed: true });
    edited.add(i);
  }
  return edited;
}

// Long because it is the benchmark's story in order: set up, first update, map, push, edit, push, count.
export async function runDesktopBench(o: DesktopBenchOptions): Promise<DesktopBenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'tn-desktop-'));
  const company = seededCompany();
  const app = await openApp(dir);
  const db = await openDatabase('bench-desktop', { indexedDB: new IDBFactory(), IDBKeyRange });
  const repos = createRepos(db);
  const run = `d${o.seed}`;
  const session = { url: app.server.url, userName: USER, password: PASSWORD, company };
  const faults = o.faults ? DEFAULT_FAULT_ODDS : {};
  const schedule = (seed: number): Schedule => (options) => runWebConnector({ session, everyMs: o.everyMs, faults, seed: seed++, ...options });
  const started = Date.now();
  try {
    const reports = await runWebConnector({ session, everyMs: 0, sessions: 1, seed: o.seed });
    const projectIds = await mapProjects(repos, app.port);
    const ids = await approveEntries(repos, projectIds, run, o.entries);
    o.log(`${o.entries} entries approved; the Web Connector calls every ${o.everyMs} ms${o.faults ? ' with faults on' : ''}`);
    reports.push(...(await pushThroughUpdates(repos, app, schedule(o.seed * 100), o.faults ? ['dropAfterApply', 'busy', 'companyClosed'] : [])));
    o.log(`all ${o.entries} settled after ${reports.length} updates`);
    const edited = await editEveryTenth(repos, ids);
    o.log(`${edited.size} entries edited after they reached QuickBooks`);
    reports.push(...(await pushThroughUpdates(repos, app, schedule(o.seed * 100 + 50), o.faults ? ['staleEditSequence', 'dropAfterApply'] : [])));
    const tally: Record<string, number> = {};
    for (const r of reports) if (r.fault) tally[r.fault] = (tally[r.fault] ?? 0) + 1;
    const seconds = Math.round((Date.now() - started) / 100) / 10;
    return { entries: o.entries, ...countCompany(company, run, o.entries, edited), sessions: reports.length, seconds, edited: edited.size, faults: tally };
  } finally {
    await app.server.close();
    await app.desktop.close();
    db.close();
    await rm(dir, { recursive: true, force: true });
  }
}
