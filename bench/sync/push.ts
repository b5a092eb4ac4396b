// The store side of `npm run bench:sync`: approve N entries through the real repositories and push
// them with the real engine through a QboPort. It imports nothing from Node, so the same code runs
// in Node over fake-indexeddb and in Chromium over its real IndexedDB (bench-page.ts).
import type { TrackNexusDb } from '../../renderer/src/db/database';
import { createRepos } from '../../renderer/src/db/repos';
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
  /** Called with the count of settled items as the engine reports progress. */
  onProgress: (done: number) => void;
}

export interface PushResult {
  engine: RunResult;
  seconds: number;
  /** The TxnDate range the entries fall in, for counting what QuickBooks holds. */
  from: string;
  to: string;
}

const DAY = 24 * 60 * 60 * 1000;

export async function pushEntries(db: TrackNexusDb, port: QboPort, o: PushOptions): Promise<PushResult> {
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
  await importMirror({ repos, port });
  const mirror = await repos.qboMirror.mirror();
  const customers = mirror.customers.filter((c) => c.Active);
  const item = mirror.items.find((i) => i.Active && i.Type === 'Service');
  const employee = mirror.employees.find((e) => e.Active);
  const klass = mirror.classes.find((c) => c.Active);
  if (!item || !employee || customers.length === 0) throw new Error('The company needs an active customer, service item and employee.');
  const prefs = await repos.qboMirror.preferences();
  const needsClass = prefs.AccountingInfoPrefs?.ClassTrackingPerTxn === true;
  const currency = prefs.CurrencyPrefs?.HomeCurrency?.value ?? 'USD';
  await repos.qboMirror.setState('worker', { nameOf: 'Employee', id: employee.Id });
  // A unique marker per entry (and so per key) in the Description lets us count duplicates from QBO.
  await repos.sync.saveSettings({ descriptionTemplate: '{project}: {description}' });
  const client = await repos.clients.create({ name: 'Bench', qboCustomerId: null });
  const projects: { id: string }[] = [];
  for (let i = 0; i < Math.min(8, customers.length); i++) {
    projects.push(
      await repos.projects.create({
        clientId: client.id,
        name: `Bench ${i}`,
        color: '#336699',
        billable: true,
        defaultTaskId: null,
        rateMinor: 9_000 + i * 250,
        currency,
        rounding: null,
        qboCustomerId: customers[i]!.Id,
        qboItemId: item.Id,
        qboClassId: needsClass && klass ? klass.Id : null,
      }),
    );
  }
  await repos.settings.set('currency', currency);
  const first = Date.UTC(2026, 0, 5, 14, 0);
  const perDay = 24;
  const rows = Array.from({ length: o.entries }, (_, i) => {
    const start = first + Math.floor(i / perDay) * DAY + (i % perDay) * 30 * 60_000;
    return { projectId: projects[i % projects.length]!.id, description: `[tn:${o.run}-${i}]`, start, end: start + (10 + (i % 7) * 5) * 60_000, zone: 'UTC', importKey: `${o.run}-${i}` };
  });
  const t0 = Date.now();
  const imported = await repos.entries.importMany(rows);
  const approved = await repos.entries.approve(imported.importedIds);
  o.log(`${o.entries} entries created and approved in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${approved.planned} outbox rows, ${approved.issues.filter((i) => i.blocking).length} blocked`);

  await o.beforeSend();
  if (o.profile) timed(port, ['batch'], 'port.');
  const engine = createSyncEngine({ repos, port, concurrency: o.concurrency, retryScale: o.timeScale, onProgress: (p) => o.onProgress(p.done) });
  const started = Date.now();
  const result = await engine.run();
  const seconds = (Date.now() - started) / 1000;
  for (const [k, v] of Object.entries(times)) o.log(`  ${k}: ${v.length} calls, ${(v.reduce((a, b) => a + b, 0) / v.length).toFixed(1)} ms average`);
  return {
    engine: result,
    seconds,
    from: new Date(first).toISOString().slice(0, 10),
    to: new Date(first + Math.ceil(o.entries / perDay) * DAY).toISOString().slice(0, 10),
  };
}
