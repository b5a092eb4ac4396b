// The body of `npm run bench:sync` (bench/bench-sync.ts). Approves N entries through the real repositories and pushes
// them with the real engine through main's real client (limiter, token keeper, intuit-oauth
// refresh), with faults on, then counts from QuickBooks' own query answers. The store side
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
import { pushEntries, type PushOptions, type PushResult } from './push';
import { connect, connectInProcess, startWorldSandbox, type InProcessConnection } from './in-process-port';
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
}

/** The last line of `npm run bench:sync`. */
export interface BenchResult {
  entries: number;
  created: number;
  duplicates: number;
  missing: number;
  throughputRatio: number;
  seconds: number;
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

async function pushInNode(conn: InProcessConnection, push: PushOptions): Promise<PushResult> {
  const db = await openDatabase('bench-sync', { indexedDB: new IDBFactory(), IDBKeyRange });
  return pushEntries(db, conn.port, push);
}

/**
 * The store side in Chromium (a disk-backed profile, like the app's), its QuickBooks calls carried
 * to Node and dispatched by the connection's IPC router to main's client: the app's path, with Playwright's
 * exposed functions in place of Electron's IPC.
 */
async function pushInChromium(conn: InProcessConnection, push: PushOptions): Promise<PushResult> {
  const { server, url } = await servePage(await bundlePage(root, 'bench/sync/page.ts'), 'bench:sync');
  const profile = await mkdtemp(join(tmpdir(), 'bench-sync-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, headless: true, args: chromiumArgs });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => push.log(`page error: ${e.message}`));
    await page.exposeFunction('benchInvoke', (channel: string, payload: unknown) => conn.router.dispatch(channel, payload));
    await page.exposeFunction('syncBenchLog', (line: string) => push.log(line));
    await page.exposeFunction('benchBeforeSend', () => push.beforeSend());
    await page.exposeFunction('benchProgress', (done: number) => push.onProgress(done));
    await page.goto(url);
    await page.waitForFunction(() => typeof window.runSyncPush === 'function');
    const options: PagePushOptions = { entries: push.entries, run: push.run, timeScale: push.timeScale, concurrency: push.concurrency, profile: push.profile };
    return await page.evaluate((o) => window.runSyncPush(o), options);
  } finally {
    await context.close().catch(() => {});
    server.close();
    await rm(profile, { recursive: true, force: true });
  }
}

/** `npm run sandbox` as a child process (its own CPU, like a real endpoint), on a free port. */
async function sandboxProcess(timeScale: number): Promise<{ url: string; close: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(root, 'electron/qbo-sandbox/cli.ts'), '--port', '0', '--time-scale', String(timeScale)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
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
    const run = `b${Date.now().toString(36)}`;
    const expiries = [Math.floor(o.entries / 3), Math.floor((2 * o.entries) / 3)];
    let expired = 0;
    let expiring: Promise<unknown> = Promise.resolve();
    /** The count of settled items when the last expiry was seen refreshed past; null until then. */
    let recoveredAt: number | null = -1;
    const refreshesBefore = conn.keeper.refreshes;
    const push: PushOptions = {
      entries: o.entries,
      run,
      timeScale,
      concurrency: o.concurrency,
      profile: Boolean(o.profile),
      log: o.log,
      beforeSend: async () => {
        if (!sandbox) return;
        await control(sandbox, 'faults', { errorRate: 0.05, dropAfterCommitRate: 0.02, seed: 42 });
        o.log('faults on: 5% of requests answered 503, 2% of connections dropped after the write committed; access token expired at 1/3 and 2/3');
      },
      onProgress: (done) => {
        if (!sandbox) return;
        if (recoveredAt === null && conn.keeper.refreshes - refreshesBefore >= expired) recoveredAt = done;
        // An expiry waits until the previous one was refreshed past and a batch has gone through
        // since: one landing between a refresh and the new token's first use looks like QuickBooks
        // rejecting a fresh token, which rightly asks the user to reconnect. (Short runs only.)
        if (expired < expiries.length && done >= expiries[expired]! && recoveredAt !== null && done > recoveredAt) {
          expired++;
          recoveredAt = null;
          expiring = control(sandbox, 'faults', { expireAccessTokens: true });
        }
      },
    };
    const pushed = o.store === 'chromium' ? await pushInChromium(conn, push) : await pushInNode(conn, push);
    await expiring; // landed before the count below, not in the middle of its refresh
    const { engine: result, seconds, from, to } = pushed;
    const limiter = conn.limiters.forRealm(conn.realmId);
    o.log(`main's realm limiter: ${JSON.stringify(limiter.stats())}, paused now ${limiter.pausedFor()} ms`);
    o.log(`engine (${o.store === 'chromium' ? "Chromium's IndexedDB" : 'fake-indexeddb'}): ${result.status}, ${result.done} done, ${result.failed} failed, ${result.batches} batch requests, ${result.remaining} left, ${seconds.toFixed(1)} s; token refreshes ${conn.keeper.refreshes - refreshesBefore}`);
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
