// The body of `npm run bench:sync` (scripts/bench-sync.ts loads it at runtime: renderer/ is not part
// of the scripts' TypeScript project). Approves N entries in a fake-indexeddb database through the
// real repositories, pushes them with the real engine through main's real client (limiter, token
// keeper, intuit-oauth refresh), with faults on, then counts from QuickBooks' own query answers.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openDatabase } from '../../../renderer/src/db/database';
import { createRepos } from '../../../renderer/src/db/repos';
import { createSyncEngine } from '../../../renderer/src/sync/engine';
import { importMirror } from '../../../renderer/src/sync/import-mirror';
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SyncBenchResult } from '../../../shared/bench/sync-bench';
import { connectInProcess, type InProcessConnection } from './in-process-port';
import { connect, control, startWorldSandbox } from './setup';

export interface BenchOptions {
  entries: number;
  timeScale: number;
  concurrency: number;
  env: Record<string, string | undefined>;
  log: (line: string) => void;
  /** Log the average time of each storage step of the engine. */
  profile?: boolean;
  /** Run the sandbox inside this process instead of its own (it then competes for this CPU). */
  inProcessSandbox?: boolean;
}

export type BenchResult = SyncBenchResult;

const DAY = 24 * 60 * 60 * 1000;

/** `npm run sandbox` as a child process (its own CPU, like a real endpoint), on a free port. */
async function sandboxProcess(timeScale: number): Promise<{ url: string; close: () => Promise<void> }> {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(root, 'tests/qbo-sandbox/cli.ts'), '--port', '0', '--time-scale', String(timeScale)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/[\d.:]+)/.exec(out);
      if (m) ok(m[1]!);
    });
    child.on('exit', (code) => fail(new Error(`sandbox exited (${code}): ${out}`)));
  });
  return {
    url,
    close: () =>
      new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

export async function runSyncBench(o: BenchOptions): Promise<BenchResult> {
  const external = Boolean(o.env['QBO_API_BASE']);
  let sandbox: { url: string; close: () => Promise<void> } | null = null;
  let conn: InProcessConnection;
  const timeScale = external ? 1 : o.timeScale;
  if (external) {
    for (const k of ['QBO_API_BASE', 'QBO_OAUTH_BASE', 'QBO_CLIENT_ID', 'QBO_CLIENT_SECRET', 'QBO_REFRESH_TOKEN', 'QBO_REALM_ID']) {
      if (!o.env[k]) throw new Error(`${k} must be set along with QBO_API_BASE`);
    }
    o.log(`endpoint ${o.env['QBO_API_BASE']} (from the environment); no control routes, so no fault injection`);
    conn = await connectInProcess({
      apiBase: o.env['QBO_API_BASE']!,
      oauthBase: o.env['QBO_OAUTH_BASE']!,
      clientId: o.env['QBO_CLIENT_ID']!,
      clientSecret: o.env['QBO_CLIENT_SECRET']!,
      refreshToken: o.env['QBO_REFRESH_TOKEN']!,
      realmId: o.env['QBO_REALM_ID']!,
    });
  } else {
    sandbox = o.inProcessSandbox ? await startWorldSandbox(timeScale) : await sandboxProcess(timeScale);
    o.log(`local sandbox ${sandbox.url} (${o.inProcessSandbox ? 'in this process' : 'own process'}), limits on, time scale ${timeScale} (a minute lasts ${(60 / timeScale).toFixed(1)} s)`);
    conn = await connect(sandbox, timeScale);
  }
  try {
    const db = await openDatabase('bench-sync', { indexedDB: new IDBFactory(), IDBKeyRange });
    const repos = createRepos(db);
    const times: Record<string, number[]> = {};
    if (o.profile) {
      const sync = repos.sync as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
      for (const k of ['planApproved', 'persistPlan', 'applyAnswer', 'applyFailure', 'engineView', 'plan', 'rebase']) {
        const f = sync[k]!;
        sync[k] = async (...a: unknown[]) => {
          const t = performance.now();
          try {
            return await f(...a);
          } finally {
            (times[k] ??= []).push(performance.now() - t);
          }
        };
      }
    }
    await importMirror({ repos, port: conn.port });
    const mirror = await repos.qboMirror.mirror();
    const customers = mirror.customers.filter((c) => c.Active);
    const item = mirror.items.find((i) => i.Active && i.Type === 'Service');
    const employee = mirror.employees.find((e) => e.Active);
    const klass = mirror.classes.find((c) => c.Active);
    if (!item || !employee || customers.length === 0) throw new Error('The company needs an active customer, service item and employee.');
    const prefs = await repos.qboMirror.preferences();
    const needsClass = prefs.AccountingInfoPrefs?.ClassTrackingPerTxn === true;
    const run = `b${Date.now().toString(36)}`;
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
          currency: prefs.CurrencyPrefs?.HomeCurrency?.value ?? 'USD',
          rounding: null,
          qboCustomerId: customers[i]!.Id,
          qboItemId: item.Id,
          qboClassId: needsClass && klass ? klass.Id : null,
        }),
      );
    }
    await repos.settings.set('currency', prefs.CurrencyPrefs?.HomeCurrency?.value ?? 'USD');
    const first = Date.UTC(2026, 0, 5, 14, 0);
    const perDay = 24;
    const rows = Array.from({ length: o.entries }, (_, i) => {
      const start = first + Math.floor(i / perDay) * DAY + (i % perDay) * 30 * 60_000;
      return { projectId: projects[i % projects.length]!.id, description: `[tn:${run}-${i}]`, start, end: start + (10 + (i % 7) * 5) * 60_000, zone: 'UTC', importKey: `${run}-${i}` };
    });
    const from = new Date(first).toISOString().slice(0, 10);
    const to = new Date(first + Math.ceil(o.entries / perDay) * DAY).toISOString().slice(0, 10);
    const t0 = Date.now();
    const imported = await repos.entries.importMany(rows);
    const approved = await repos.sync.approve(imported.importedIds);
    o.log(`${o.entries} entries created and approved in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${approved.planned} outbox rows, ${approved.issues.filter((i) => i.blocking).length} blocked`);

    if (sandbox) {
      await control(sandbox, 'faults', { errorRate: 0.05, dropAfterCommitRate: 0.02, seed: 42 });
      o.log('faults on: 5% of requests answered 503, 2% of connections dropped after the write committed; access token expired at 1/3 and 2/3');
    }
    const expiries = [Math.floor(o.entries / 3), Math.floor((2 * o.entries) / 3)];
    let expired = 0;
    const refreshesBefore = conn.keeper.refreshes;
    const engine = createSyncEngine({
      repos,
      port: conn.port,
      concurrency: o.concurrency,
      retryScale: timeScale,
      onProgress: (p) => {
        if (sandbox && expired < expiries.length && p.done >= expiries[expired]!) {
          expired++;
          void control(sandbox, 'faults', { expireAccessTokens: true });
        }
      },
    });
    if (o.profile) {
      const port = conn.port as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
      const f = port['batch']!;
      port['batch'] = async (...a: unknown[]) => {
        const t = performance.now();
        try {
          return await f(...a);
        } finally {
          (times['port.batch'] ??= []).push(performance.now() - t);
        }
      };
    }
    const started = Date.now();
    const result = await engine.run();
    const seconds = (Date.now() - started) / 1000;
    const limiter = conn.limiters.forRealm(conn.realmId);
    o.log(`main's realm limiter: ${JSON.stringify(limiter.stats())}, paused now ${limiter.pausedFor()} ms`);
    o.log(`engine: ${result.status}, ${result.done} done, ${result.failed} failed, ${result.batches} batch requests, ${result.remaining} left, ${seconds.toFixed(1)} s; token refreshes ${conn.keeper.refreshes - refreshesBefore}`);
    for (const [k, v] of Object.entries(times)) o.log(`  ${k}: ${v.length} calls, ${(v.reduce((a, b) => a + b, 0) / v.length).toFixed(1)} ms average`);
    if (sandbox) await control(sandbox, 'faults', { errorRate: 0, dropAfterCommitRate: 0 });

    // Count from QuickBooks' own answers (STARTPOSITION paging, 1-based offsets).
    const held = await conn.port.queryAll('TimeActivity', `TxnDate >= '${from}' and TxnDate <= '${to}'`);
    const byMarker = new Map<string, number>();
    for (const ta of held) {
      const m = new RegExp(`\\[tn:${run}-(\\d+)\\]`).exec(String(ta['Description'] ?? ''))?.[1];
      if (m !== undefined) byMarker.set(m, (byMarker.get(m) ?? 0) + 1);
    }
    const created = [...byMarker.values()].reduce((a, b) => a + b, 0);
    const duplicates = [...byMarker.values()].reduce((a, n) => a + Math.max(0, n - 1), 0);
    const missing = o.entries - byMarker.size;
    // QBO allows 500 requests and 40 batches (of ≤30 writes) per minute: the binding limit is
    // min(500, 40) batches × 30 items per minute, scaled by the sandbox's time scale.
    const maxItemsPerSecond = (Math.min(500, 40) * 30 * timeScale) / 60;
    const throughputRatio = o.entries / seconds / maxItemsPerSecond;
    if (sandbox) {
      const state = (await (await fetch(`${sandbox.url}/_sandbox/state`)).json()) as { counters: Record<string, number> };
      o.log(`sandbox counters: ${JSON.stringify(state.counters)}`);
    }
    o.log(`QuickBooks holds ${created} TimeActivities for ${o.entries} entries: ${duplicates} duplicates, ${missing} missing`);
    o.log(`throughput ${(o.entries / seconds).toFixed(1)} items/s of a maximum ${maxItemsPerSecond.toFixed(1)} items/s = ${(throughputRatio * 100).toFixed(1)}%`);
    return { entries: o.entries, created, duplicates, missing, throughputRatio: Number(throughputRatio.toFixed(3)), seconds: Number(seconds.toFixed(1)) };
  } finally {
    await sandbox?.close();
  }
}
