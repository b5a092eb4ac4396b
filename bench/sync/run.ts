// The body of `npm run bench:sync` (bench/bench-sync.ts). Approves N entries per company through the
// real repositories and pushes them with the real engines (one per company, at once) through main's
// real client (limiter per realm, token keeper, intuit-oauth refresh), with faults on, then counts
// each company from its own QuickBooks' query answers. The store side
// (push.ts) runs here over fake-indexeddb, or with --store chromium in Chromium's IndexedDB.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { openDatabase } from '../../renderer/src/db/database';
import { bundlePage, chromiumArgs, chromiumPath, servePage } from '../chromium-page';
import type { PagePushOptions } from './page';
import { markerPrefix, pushEntries, type PushOptions, type PushResult } from './push';
import { connect, connectInProcess, type InProcessConnection } from './in-process-port';
import { RateLimiterRegistry } from '../../electron/main/qbo/rate-limiter';
import { startSandbox } from '../../electron/qbo-sandbox/index';
import { PRIMARY_COMPANY } from '../../shared/qbo/company';
import { control } from '../../electron/qbo-sandbox/control-client';

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
  /** Where the repositories and the engine run: Node over fake-indexeddb, or Chromium's IndexedDB. */
  store?: 'node' | 'chromium';
  /** Companies pushed at once, each its own sandbox and realm, `entries` each (default 1). */
  companies?: number;
}

/** One company's count, from its own QuickBooks' answers. */
interface CompanyResult {
  companyId: string;
  realmId: string;
  created: number;
  duplicates: number;
  missing: number;
  throughputRatio: number;
  seconds: number;
}

/**
 * The last line of `npm run bench:sync`: totals over every company (throughputRatio and seconds:
 * the slowest company's), and with several companies each one's own count.
 */
export interface BenchResult {
  entries: number;
  created: number;
  duplicates: number;
  missing: number;
  throughputRatio: number;
  seconds: number;
  companies?: number;
  perCompany?: CompanyResult[];
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Company k of the workspace: the first is the primary one. */
const companyIdOf = (k: number) => (k === 0 ? PRIMARY_COMPANY : `co-${k.toString(16).padStart(8, '0')}`);
/** Its sandbox's realm: the sample realm for the first, distinct ones after it. */
const realmOf = (k: number) => (k === 0 ? undefined : `9130${String(k).padStart(12, '0')}`);

async function pushInNode(conns: readonly InProcessConnection[], push: PushOptions): Promise<PushResult> {
  const db = await openDatabase('bench-sync', { indexedDB: new IDBFactory(), IDBKeyRange });
  return pushEntries(db, conns.map((c) => c.port), push);
}

/**
 * The store side in Chromium (a disk-backed profile, like the app's), its QuickBooks calls carried
 * to Node and dispatched by the named company's IPC router to main's client: the app's path, with
 * Playwright's exposed functions in place of Electron's IPC.
 */
async function pushInChromium(conns: readonly InProcessConnection[], push: PushOptions): Promise<PushResult> {
  const { server, url } = await servePage(await bundlePage(root, 'bench/sync/page.ts'), 'bench:sync');
  const profile = await mkdtemp(join(tmpdir(), 'bench-sync-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, headless: true, args: chromiumArgs });
  const routerOf = (payload: unknown) => (conns.find((c) => c.port.companyId === (payload as { companyId?: string } | undefined)?.companyId) ?? conns[0]!).router;
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => push.log(`page error: ${e.message}`));
    await page.exposeFunction('benchInvoke', (channel: string, payload: unknown) => routerOf(payload).dispatch(channel, payload));
    await page.exposeFunction('syncBenchLog', (line: string) => push.log(line));
    await page.exposeFunction('benchBeforeSend', () => push.beforeSend());
    await page.exposeFunction('benchProgress', (index: number, done: number) => push.onProgress(index, done));
    await page.goto(url);
    await page.waitForFunction(() => typeof window.runSyncPush === 'function');
    const options: PagePushOptions = { entries: push.entries, run: push.run, timeScale: push.timeScale, concurrency: push.concurrency, profile: push.profile, companyIds: conns.map((c) => c.port.companyId) };
    return await page.evaluate((o) => window.runSyncPush(o), options);
  } finally {
    await context.close().catch(() => {});
    server.close();
    await rm(profile, { recursive: true, force: true });
  }
}

/** `npm run sandbox` as a child process (its own CPU, like a real endpoint), on a free port. */
export async function sandboxProcess(timeScale: number, realmId: string | undefined): Promise<{ url: string; close: () => Promise<void> }> {
  const args = ['--import', 'tsx', resolve(root, 'electron/qbo-sandbox/cli.ts'), '--port', '0', '--time-scale', String(timeScale), ...(realmId ? ['--realm', realmId] : [])];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
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

type Sandbox = { url: string; close: () => Promise<void> };

/** The endpoint from the environment (one company, no fault injection). */
export async function externalConnection(o: Pick<BenchOptions, 'env' | 'log' | 'companies'>): Promise<InProcessConnection> {
  for (const k of ['QBO_API_BASE', 'QBO_OAUTH_BASE', 'QBO_CLIENT_ID', 'QBO_CLIENT_SECRET', 'QBO_REFRESH_TOKEN', 'QBO_REALM_ID']) {
    if (!o.env[k]) throw new Error(`${k} must be set along with QBO_API_BASE`);
  }
  if ((o.companies ?? 1) !== 1) throw new Error('--companies needs the local sandbox: the environment names one company');
  o.log(`endpoint ${o.env['QBO_API_BASE']} (from the environment); no control routes, so no fault injection`);
  return connectInProcess({
    apiBase: o.env['QBO_API_BASE']!,
    oauthBase: o.env['QBO_OAUTH_BASE']!,
    clientId: o.env['QBO_CLIENT_ID']!,
    clientSecret: o.env['QBO_CLIENT_SECRET']!,
    refreshToken: o.env['QBO_REFRESH_TOKEN']!,
    realmId: o.env['QBO_REALM_ID']!,
  });
}

/**
 * Faults for the push, per company: 5% 503s and 2% dropped-after-commit connections from the
 * start, and the access token expired at a third and two thirds of the company's items. An expiry
 * waits until the previous one was refreshed past and a batch has gone through since: one landing
 * between a refresh and the new token's first use looks like QuickBooks rejecting a fresh token,
 * which rightly asks the user to reconnect. (Short runs only.)
 */
function faultPlan(o: BenchOptions, sandboxes: readonly Sandbox[], conns: readonly InProcessConnection[]) {
  const expiries = [Math.floor(o.entries / 3), Math.floor((2 * o.entries) / 3)];
  const state = conns.map((c) => ({ expired: 0, recoveredAt: -1 as number | null, refreshesBefore: c.keeper.refreshes, expiring: Promise.resolve() as Promise<unknown> }));
  return {
    state,
    beforeSend: async () => {
      if (sandboxes.length === 0) return;
      for (const sandbox of sandboxes) await control(sandbox, 'faults', { errorRate: 0.05, dropAfterCommitRate: 0.02, seed: 42 });
      o.log('faults on: 5% of requests answered 503, 2% of connections dropped after the write committed; access token expired at 1/3 and 2/3');
    },
    onProgress: (index: number, done: number) => {
      const sandbox = sandboxes[index];
      const s = state[index]!;
      if (!sandbox) return;
      if (s.recoveredAt === null && conns[index]!.keeper.refreshes - s.refreshesBefore >= s.expired) s.recoveredAt = done;
      if (s.expired < expiries.length && done >= expiries[s.expired]! && s.recoveredAt !== null && done > s.recoveredAt) {
        s.expired++;
        s.recoveredAt = null;
        s.expiring = control(sandbox, 'faults', { expireAccessTokens: true });
      }
    },
  };
}

/** Counts one company's TimeActivities from its own query answers (STARTPOSITION paging, 1-based offsets). */
async function countCompany(o: BenchOptions, run: string, index: number, conn: InProcessConnection, pushed: PushResult, timeScale: number): Promise<CompanyResult> {
  const { engine: result, seconds } = pushed.companies[index]!;
  const held = await conn.port.queryAll('TimeActivity', `TxnDate >= '${pushed.from}' and TxnDate <= '${pushed.to}'`);
  const byMarker = new Map<string, number>();
  const pattern = new RegExp(`\\[tn:${markerPrefix(run, index)}(\\d+)\\]`);
  for (const ta of held) {
    const m = pattern.exec(String(ta['Description'] ?? ''))?.[1];
    if (m !== undefined) byMarker.set(m, (byMarker.get(m) ?? 0) + 1);
  }
  const created = [...byMarker.values()].reduce((a, b) => a + b, 0);
  const duplicates = [...byMarker.values()].reduce((a, n) => a + Math.max(0, n - 1), 0);
  // QBO allows 500 requests and 40 batches (of ≤30 writes) per minute and realm: the binding limit
  // is min(500, 40) batches × 30 items per minute, scaled by the sandbox's time scale.
  const maxItemsPerSecond = (Math.min(500, 40) * 30 * timeScale) / 60;
  const throughputRatio = o.entries / seconds / maxItemsPerSecond;
  const limiter = conn.limiters.forRealm(conn.realmId);
  const who = `company ${conn.port.companyId} (realm ${conn.realmId})`;
  o.log(`${who}: main's realm limiter ${JSON.stringify(limiter.stats())}; engine ${result.status}, ${result.done} done, ${result.failed} failed, ${result.batches} batch requests, ${result.remaining} left, ${seconds.toFixed(1)} s`);
  o.log(`${who}: QuickBooks holds ${created} TimeActivities for ${o.entries} entries: ${duplicates} duplicates, ${o.entries - byMarker.size} missing; throughput ${(o.entries / seconds).toFixed(1)} items/s of a maximum ${maxItemsPerSecond.toFixed(1)} items/s = ${(throughputRatio * 100).toFixed(1)}%`);
  return { companyId: conn.port.companyId, realmId: conn.realmId, created, duplicates, missing: o.entries - byMarker.size, throughputRatio: Number(throughputRatio.toFixed(3)), seconds: Number(seconds.toFixed(1)) };
}

/** Totals over the companies; the slowest company's throughput and time. */
function total(o: BenchOptions, per: readonly CompanyResult[]): BenchResult {
  const sum = (k: 'created' | 'duplicates' | 'missing') => per.reduce((a, c) => a + c[k], 0);
  const base = { entries: o.entries * per.length, created: sum('created'), duplicates: sum('duplicates'), missing: sum('missing'), throughputRatio: Math.min(...per.map((c) => c.throughputRatio)), seconds: Math.max(...per.map((c) => c.seconds)) };
  return per.length === 1 ? base : { ...base, companies: per.length, perCompany: [...per] };
}

export async function runSyncBench(o: BenchOptions): Promise<BenchResult> {
  const external = Boolean(o.env['QBO_API_BASE']);
  const n = o.companies ?? 1;
  const timeScale = external ? 1 : o.timeScale;
  const sandboxes: Sandbox[] = [];
  try {
    let conns: InProcessConnection[];
    if (external) conns = [await externalConnection(o)];
    else {
      // One limiter registry for every company, as main keeps: one limiter per realm.
      const limiters = new RateLimiterRegistry({ timeScale });
      conns = [];
      for (let k = 0; k < n; k++) {
        const sandbox = o.inProcessSandbox ? await startSandbox({ port: 0, controlRoutes: true, limits: { enabled: true, timeScale }, ...(realmOf(k) ? { realmId: realmOf(k)! } : {}) }) : await sandboxProcess(timeScale, realmOf(k));
        sandboxes.push(sandbox);
        conns.push(await connect(sandbox, timeScale, { companyId: companyIdOf(k), limiters }));
      }
      o.log(`${n} local sandbox${n === 1 ? '' : 'es'} (${o.inProcessSandbox ? 'in this process' : 'own processes'}), limits on, time scale ${timeScale} (a minute lasts ${(60 / timeScale).toFixed(1)} s)`);
    }
    const run = `b${Date.now().toString(36)}`;
    const faults = faultPlan(o, sandboxes, conns);
    const push: PushOptions = { entries: o.entries, run, timeScale, concurrency: o.concurrency, profile: Boolean(o.profile), log: o.log, beforeSend: faults.beforeSend, onProgress: faults.onProgress };
    const pushed = o.store === 'chromium' ? await pushInChromium(conns, push) : await pushInNode(conns, push);
    await Promise.all(faults.state.map((s) => s.expiring)); // landed before the count below, not in the middle of its refresh
    o.log(`store: ${o.store === 'chromium' ? "Chromium's IndexedDB" : 'fake-indexeddb'}; token refreshes ${conns.map((c, i) => c.keeper.refreshes - faults.state[i]!.refreshesBefore).join(', ')}`);
    for (const sandbox of sandboxes) await control(sandbox, 'faults', { errorRate: 0, dropAfterCommitRate: 0 });
    const per: CompanyResult[] = [];
    for (const [k, conn] of conns.entries()) per.push(await countCompany(o, run, k, conn, pushed, timeScale));
    for (const sandbox of sandboxes) {
      const state = (await (await fetch(`${sandbox.url}/_sandbox/state`)).json()) as { counters: Record<string, number> };
      o.log(`sandbox ${sandbox.url} counters: ${JSON.stringify(state.counters)}`);
    }
    return total(o, per);
  } finally {
    for (const sandbox of sandboxes) await sandbox.close();
  }
}
