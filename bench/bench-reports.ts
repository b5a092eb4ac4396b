// npm run bench:reports — a year of a small firm's data (100,000 entries, 2,000 invoices and their
// payments; bench/reports/year-data.ts) in Chromium's IndexedDB through the browser harness, then
// each report opened on the Reports screen, timed from asking (the tab's click) to the report drawn
// by the screen's own `report:<id>` performance measure:
// - `reports`: computing and drawing each report (every figure, chart and table built, every chart
//   painted) from data already read, as when moving between reports and periods. Target: under
//   300 ms each. Each report is opened --reps times (default 3) after another one; the slowest counts.
// - `firstOpenMs`: each report's first opening after a reload, in the screen's order, which adds
//   reading IndexedDB when its period has not been read yet (profitability reads the month,
//   utilization the quarter, the tax-time summary the year; the others reuse the month's read).
//
// The last line of output is one JSON object:
//   {"entries", "invoices", "payments", "reports": {name: ms}, "slowestMs", "firstOpenMs": {name: ms}, "load"}
// Options: --entries=N --invoices=N (defaults 100000 and 2000), --reps=N.
import { chromium, type Page } from '@playwright/test';
import { loadavg } from 'node:os';
import { startHarness } from '../electron/harness/harness';
import { REPORTS } from '../shared/reports/index';
import { localDate } from '../shared/time/zone';
import { chromiumArgs, chromiumPath, PUT_ROWS, until } from './chromium-page';
import { YEAR_ZONE, yearOfData } from './reports/year-data';

const TARGET_MS = 300;
const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string | undefined]));
const size = { entries: Number(args.get('entries') ?? 100_000), invoices: Number(args.get('invoices') ?? 2_000) };
const reps = Number(args.get('reps') ?? 3);

async function seed(page: Page, data: ReturnType<typeof yearOfData>): Promise<void> {
  const { entries, invoices, payments, ...rest } = data;
  await page.evaluate(`(${PUT_ROWS})(${JSON.stringify(rest)})`);
  for (let i = 0; i < entries.length; i += 10_000) await page.evaluate(`(${PUT_ROWS})(${JSON.stringify({ entries: entries.slice(i, i + 10_000) })})`);
  for (let i = 0; i < invoices.length; i += 500) await page.evaluate(`(${PUT_ROWS})(${JSON.stringify({ invoices: invoices.slice(i, i + 500) })})`);
  await page.evaluate(`(${PUT_ROWS})(${JSON.stringify({ payments })})`);
}

/** Opens the report's tab and waits until the screen says it is drawn; the screen's own measure of it, in ms. */
async function open(page: Page, id: string, title: string): Promise<number> {
  await page.evaluate('performance.clearMeasures()');
  await page.getByRole('tab', { name: new RegExp(`^${title}`) }).click();
  await until(page, `document.querySelector('[data-report-ready="${id}"]') !== null && performance.getEntriesByName('report:${id}', 'measure').length > 0`);
  return page.evaluate(`Math.max(...performance.getEntriesByName('report:${id}', 'measure').map((m) => m.duration))`) as Promise<number>;
}

async function main() {
  const load = [loadavg()[0]!];
  const harness = await startHarness({ testControls: true });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
  try {
    const context = await browser.newContext({ timezoneId: YEAR_ZONE, locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(harness.appUrl);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    const now = Date.now();
    const data = yearOfData(size, localDate(now, YEAR_ZONE), now);
    await seed(page, data);
    await page.reload();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();

    const reports: Record<string, number> = {};
    const firstOpenMs: Record<string, number> = {};
    for (const r of REPORTS) firstOpenMs[r.id] = Math.round(await open(page, r.id, r.title));
    for (const r of REPORTS) {
      const times = [];
      for (let i = 0; i < reps; i++) {
        await open(page, REPORTS[(REPORTS.indexOf(r) + 1) % REPORTS.length]!.id, REPORTS[(REPORTS.indexOf(r) + 1) % REPORTS.length]!.title);
        times.push(await open(page, r.id, r.title));
      }
      reports[r.id] = Math.round(Math.max(...times));
    }
    const slowestMs = Math.max(...Object.values(reports));
    load.push(loadavg()[0]!);
    console.log(`\nbench:reports — ${data.entries.length} entries, ${data.invoices.length} invoices, ${data.payments.length} payments; slowest of ${reps} openings, target < ${TARGET_MS} ms`);
    for (const [name, ms] of Object.entries(reports)) console.log(`  ${name.padEnd(16)} ${String(ms).padStart(5)} ms   ${ms < TARGET_MS ? 'ok' : 'OVER'}   first opening, reading included: ${firstOpenMs[name]} ms`);
    console.log(`  load average (1 min) at start and end: ${load.map((l) => l.toFixed(2)).join(', ')}`);
    console.log(JSON.stringify({ entries: data.entries.length, invoices: data.invoices.length, payments: data.payments.length, reports, slowestMs, firstOpenMs, load }));
  } finally {
    await browser.close();
    await harness.close();
  }
}

await main();
