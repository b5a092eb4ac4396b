// The store side of `npm run bench:sync`: approve N entries per company through the real
// repositories and push them with the real engines, one per company, each through its QboPort. It imports nothing from Node, so the same code runs
// in Node over fake-indexeddb and in Chromium over its real IndexedDB (bench-page.ts).
import { PRIMARY_COMPANY } from '../../shared/qbo/company';
import type { TrackNexusDb } from '../../renderer/src/db/database';
import { createRepos, type Repos } from '../../renderer/src/db/repos';
import { createSyncEngine, type RunResult } from '../../renderer/src/features/quickbooks/engine/engine';
import { importMirror } from '../../renderer/src/features/quickbooks/engine/import-mirror';
import type { QboPort } from '../../renderer/src/features/quickbooks/engine/qbo-port';

export interface PushOptions {
  entries: number;
  /** A marker unique to this run: each entry's Description carries `[tn:<run>-<i>]`. */
  run: string;
  timeScale: number;
  concurrency: number;
  /** Log the average time of each storage step of the engine. */
  profile: boolean;
  log: (line: string) => void;
  /** Called once the entries are approved, before the engine sends anything (faults go on here). */
  beforeSend: () => Promise<void>;
  /** Called with the count of settled items as the engine of the company at `index` reports progress. */
  onProgress: (index: number, done: number) => void;
}

interface CompanyPush {
  companyId: string;
  engine: RunResult;
  seconds: number;
}

export interface PushResult {
  /** One per port, in the order of the ports. */
  companies: CompanyPush[];
  /** The TxnDate range the entries fall in, for counting what QuickBooks holds. */
  from: string;
  to: string;
}

const DAY = 24 * 60 * 60 * 1000;
const FIRST = Date.UTC(2026, 0, 5, 14, 0);
const PER_DAY = 24;

/** What every marker of the company at `index` starts with; entry `i`'s marker ends with `i`. */
export const markerPrefix = (run: string, index: number) => `${run}-${index}-`;

/** Imports the port's company and gives it a client with up to 8 projects mapped to its lists. */
async function prepareCompany(repos: Repos, port: QboPort, index: number): Promise<{ projectIds: string[]; currency: string }> {
  await importMirror({ repos, port });
  const mirrorRepo = repos.mirrorOf(port.companyId);
  const mirror = await mirrorRepo.mirror();
  const customers = mirror.customers.filter((c) => c.Active);
  const item = mirror.items.find((i) => i.Active && i.Type === 'Service');
  const employee = mirror.employees.find((e) => e.Active);
  const klass = mirror.classes.find((c) => c.Active);
  if (!item || !employee || customers.length === 0) throw new Error('The company needs an active customer, service item and employee.');
  const prefs = await mirrorRepo.preferences();
  const needsClass = prefs.AccountingInfoPrefs?.ClassTrackingPerTxn === true;
  const currency = prefs.CurrencyPrefs?.HomeCurrency?.value ?? 'USD';
  await mirrorRepo.setState('worker', { nameOf: 'Employee', id: employee.Id });
  const client = await repos.clients.create({ name: `Bench ${index}`, qboCustomerId: null });
  if (port.companyId !== PRIMARY_COMPANY) await repos.sync.moveToCompany({ clientId: client.id }, port.companyId);
  const projectIds: string[] = [];
  for (let i = 0; i < Math.min(8, customers.length); i++) {
    const project = await repos.projects.create({
      clientId: client.id,
      name: `Bench ${index}.${i}`,
      color: '#336699',
      billable: true,
      defaultTaskId: null,
      rateMinor: 9_000 + i * 250,
      currency,
      rounding: null,
      qboCustomerId: customers[i]!.Id,
      qboItemId: item.Id,
      qboClassId: needsClass && klass ? klass.Id : null,
    });
    projectIds.push(project.id);
  }
  return { projectIds, currency };
}

/** `o.entries` entries for each port's company, approved; then every company's engine pushes at once, as the app's do. */
export async function pushEntries(db: TrackNexusDb, ports: readonly QboPort[], o: PushOptions): Promise<PushResult> {
  const repos = createRepos(db);
  const times: Record<string, number[]> = {};
  const timed = (target: object, names: string[], prefix = '') => {
    const methods = target as Record<string, (...a: unknown[]) => Promise<unknown>>;
    for (const k of names) {
      const f = methods[k]!;
      methods[k] = async (...a: unknown[]) => {
        const t = performance.now();
        try {
          return await f(...a);
        } finally {
          (times[prefix + k] ??= []).push(performance.now() - t);
        }
      };
    }
  };
  if (o.profile) timed(repos.sync, ['planApproved', 'persistPlan', 'applyAnswer', 'applyFailure', 'engineView', 'plan', 'rebase']);
  // A unique marker per entry (and so per key) in the Description lets us count duplicates from QBO.
  await repos.sync.saveSettings({ descriptionTemplate: '{project}: {description}' });
  const rows = [];
  for (const [index, port] of ports.entries()) {
    const { projectIds, currency } = await prepareCompany(repos, port, index);
    await repos.settings.set('currency', currency);
    for (let i = 0; i < o.entries; i++) {
      const start = FIRST + Math.floor(i / PER_DAY) * DAY + (i % PER_DAY) * 30 * 60_000;
      const marker = `${markerPrefix(o.run, index)}${i}`;
      rows.push({ projectId: projectIds[i % projectIds.length]!, description: `[tn:${marker}]`, start, end: start + (10 + (i % 7) * 5) * 60_000, zone: 'UTC', importKey: marker });
    }
  }
  const t0 = Date.now();
  const imported = await repos.entries.importMany(rows);
  const approved = await repos.entries.approve(imported.importedIds);
  o.log(`${rows.length} entries created and approved in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${approved.planned} outbox rows, ${approved.issues.filter((i) => i.blocking).length} blocked`);

  await o.beforeSend();
  if (o.profile) for (const port of ports) timed(port, ['batch'], 'port.');
  const companies = await Promise.all(
    ports.map(async (port, index): Promise<CompanyPush> => {
      const engine = createSyncEngine({ repos, port, concurrency: o.concurrency, retryScale: o.timeScale, onProgress: (p) => o.onProgress(index, p.done) });
      const started = Date.now();
      const result = await engine.run();
      return { companyId: port.companyId, engine: result, seconds: (Date.now() - started) / 1000 };
    }),
  );
  for (const [k, v] of Object.entries(times)) o.log(`  ${k}: ${v.length} calls, ${(v.reduce((a, b) => a + b, 0) / v.length).toFixed(1)} ms average`);
  return {
    companies,
    from: new Date(FIRST).toISOString().slice(0, 10),
    to: new Date(FIRST + Math.ceil(o.entries / PER_DAY) * DAY).toISOString().slice(0, 10),
  };
}
