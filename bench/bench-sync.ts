// npm run bench:sync -- --entries 5000 [--companies N] [--time-scale 10] [--concurrency 4] [--store node|chromium] [--profile] [--in-process-sandbox]
// Approves N entries and pushes them to a QuickBooks-compatible endpoint with faults on (5% 503s,
// 2% connections dropped after the write committed, the access token expired twice), then reports
// from QuickBooks' own query answers: TimeActivities created, duplicates, missing entries, and the
// throughput as a fraction of what the limits allow. By default it starts the local sandbox with its
// limits on and a time scale; with QBO_API_BASE, QBO_OAUTH_BASE, QBO_CLIENT_ID, QBO_CLIENT_SECRET,
// QBO_REFRESH_TOKEN and QBO_REALM_ID set it uses that endpoint instead (no fault injection there).
// --store chromium runs the repositories and the engine in Chromium's IndexedDB (the app's store)
// instead of fake-indexeddb in Node; QuickBooks calls then cross main's IPC router as in the app.
// --companies N pushes N companies at once (N sandboxes with realms of their own, `--entries` each,
// one workspace, one engine per company, main's one limiter per realm) and checks every company.
// The last line is one JSON object: {"entries","created","duplicates","missing","throughputRatio","seconds"},
// totals over the companies (the slowest company's throughput and time), plus "companies" and
// "perCompany" (each company's own count) when N > 1.
import { numberOption as arg, option } from './options';
import { runSyncBench } from './sync/run';

async function main() {
  const entries = arg('entries', 5000);
  const timeScale = arg('time-scale', 10);
  const concurrency = arg('concurrency', 4);
  const companies = arg('companies', 1);
  if (!Number.isInteger(companies)) throw new Error('--companies needs a whole number');
  const store = option('store') ?? 'node';
  if (store !== 'node' && store !== 'chromium') throw new Error('--store must be node or chromium');
  const result = await runSyncBench({ entries, timeScale, concurrency, env: process.env, log: (l) => console.log(l), profile: process.argv.includes('--profile'), inProcessSandbox: process.argv.includes('--in-process-sandbox'), store, companies });
  const each = result.perCompany ?? [result];
  const ok = each.every((c) => c.duplicates === 0 && c.missing === 0 && c.throughputRatio >= 0.9);
  console.log(`targets (0 duplicates, 0 missing, throughputRatio ≥ 0.9${result.perCompany ? ', for every company' : ''}): ${ok ? 'met' : 'NOT met'}`);
  console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
