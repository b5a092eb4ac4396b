// npm run bench:invoice -- [--entries 2000] [--customers 20] [--time-scale 10] [--seed 42]
// Invoices N approved and synced entries (C customers, 2 projects of 2 tasks each) per client with one
// line per task per day, against the local sandbox with its limits and faults on (5% 503s, 2% drops
// after commit, one token expiry), and counts from QuickBooks' own answers. With QBO_API_BASE,
// QBO_OAUTH_BASE, QBO_CLIENT_ID, QBO_CLIENT_SECRET, QBO_REFRESH_TOKEN and QBO_REALM_ID set it uses
// that endpoint instead (no fault injection there).
// The last line is one JSON object: {"entries","invoices","duplicates","lineDifferences","unbilled","centsDifference","seconds"}.
import { runInvoiceBench } from './invoice/run';
import { numberOption } from './options';

const arg = (name: string, fallback: number) => numberOption(name, fallback, { whole: true });

async function main() {
  const result = await runInvoiceBench({ entries: arg('entries', 2000), customers: arg('customers', 20), timeScale: arg('time-scale', 10), seed: arg('seed', 42), env: process.env, log: (l) => console.log(l) });
  const { complete, ...line } = result;
  const ok = complete && line.duplicates === 0 && line.lineDifferences === 0 && line.unbilled === 0 && line.centsDifference === 0;
  console.log(`targets (every customer invoiced; 0 duplicates, 0 line differences, 0 unbilled, 0 cents apart): ${ok ? 'met' : 'NOT met'}`);
  if (!ok) process.exitCode = 1;
  console.log(JSON.stringify(line));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
