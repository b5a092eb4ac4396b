// npm run bench:store — a year of data (≥100,000 entries, ≥300,000 activity segments) in
// fake-indexeddb (Node) and in Chromium's IndexedDB, then the median time to load the Today, week and
// month views' data and the timesheet totals, and the database's size. The last line of output is one
// JSON object: the Chromium run's numbers, with the fake-indexeddb run nested under "fakeIndexedDb".
//
// Options: --runs=N (default 15), --only=node|chromium, --small (a tenth of the data, for a quick check).
// Target: day and week under 50 ms with a year of data.
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { loadavg } from 'node:os';
import { runInChromium } from './store/chromium';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runStoreBench } from './store/run';
import type { BenchResult } from './store/types';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string | undefined]));
const runs = Number(args.get('runs') ?? 15);
const only = args.get('only');
const shape = args.has('small')
  ? { entriesPerWeekday: 37, entriesPerWeekendDay: 5, segmentsPerWeekday: 110, segmentsPerWeekendDay: 20 }
  : {};
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const log = (where: string) => (line: string) => console.log(`[${where}] ${line}`);
const TARGET_MS = 50;

async function runInNode(): Promise<BenchResult> {
  return runStoreBench({ indexedDB, IDBKeyRange, runs, shape, log: log('fake-indexeddb') });
}

function table(title: string, r: BenchResult, extra: [string, string][] = []): string {
  const ok = (ms: number) => (ms < TARGET_MS ? 'ok' : `over ${TARGET_MS} ms`);
  const rows: [string, string][] = [
    ['entries / segments / audit rows', `${r.entries} / ${r.segments} / ${r.auditRows}`],
    ['seed time', `${(r.seedMs / 1000).toFixed(1)} s`],
    [`Today (day) load, median of ${r.runs}`, `${r.dayMs} ms  (${r.rowsPerLoad.day} rows)  ${ok(r.dayMs)}`],
    [`week load, median of ${r.runs}`, `${r.weekMs} ms  (${r.rowsPerLoad.week} entries)  ${ok(r.weekMs)}`],
    [`month load, median of ${r.runs}`, `${r.monthMs} ms  (${r.rowsPerLoad.month} entries)`],
    [`timesheet totals, median of ${r.runs}`, `${r.timesheetMs} ms`],
    ['database size', `${r.dbMB} MB  (${r.sizeMethod})`],
    ...extra,
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return [`\n${title}`, ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)].join('\n');
}

const pickKeys = (r: BenchResult) => ({
  entries: r.entries,
  segments: r.segments,
  dayMs: r.dayMs,
  weekMs: r.weekMs,
  monthMs: r.monthMs,
  timesheetMs: r.timesheetMs,
  dbMB: r.dbMB,
});

// The machine may be shared: print its load so a slow run can be told apart from a slow store.
const load = () => loadavg().map((n) => n.toFixed(1)).join(' ');
const started = performance.now();
const loadAtStart = loadavg();
console.log(`load average at start: ${load()}`);
const node = only === 'chromium' ? null : await runInNode();
if (node) console.log(table('fake-indexeddb (Node)', node));
const browser = only === 'node' ? null : await runInChromium(root, { runs, shape }, log('chromium'));
if (browser) console.log(table('Chromium IndexedDB', browser, [['IndexedDB folder on disk', `${browser.diskMB} MB`]]));
console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(0)} s; load average at end: ${load()}`);

const primary = browser ?? node!;
// The 1-minute load average at the start and the end, beside the numbers it may have inflated.
const loadAverage = { start: Number(loadAtStart[0]!.toFixed(1)), end: Number(loadavg()[0]!.toFixed(1)) };
console.log(JSON.stringify({ ...pickKeys(primary), ...(browser && node ? { fakeIndexedDb: pickKeys(node) } : {}), loadAverage }));
