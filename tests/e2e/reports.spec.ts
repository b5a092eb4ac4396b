// Reports as a consultant uses them at the end of a quarter: a year of the firm's work (three people,
// eight clients, invoices and payments; bench/reports/year-data.ts) in the app, a contractor's cost
// set in Settings, then each report read from its pictures and table: the numbers on screen are the
// ones worked out here from the same rows, By and Compare change what they should, the chart speaks
// under the keyboard, a row's link opens the screen that fixes it, and the CSV and PDF come out.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { PUT_ROWS } from '../../bench/chromium-page';
import { billedMinutes, yearOfData } from '../../bench/reports/year-data';
import { multiplyRate } from '../../shared/money/multiply';
import { addLocalDays } from '../../shared/time/local-date';
import { artifactsDir, expect, pageLocal, test } from './fixtures';

/** "US$1,234.56" → 123456; "−$5.00" → -500. */
const cents = (text: string) => (/[-−]/.test(text) ? -1 : 1) * Number(text.replace(/[^0-9]/g, ''));
/** "1,234:05" → ms. */
const hoursMs = (text: string) => {
  const [h, m] = text.replace(/,/g, '').split(':').map(Number);
  return (h! * 60 + m!) * 60_000;
};

async function seedYear(app: Page) {
  const { date: today } = await pageLocal(app, Date.now());
  const year = yearOfData({ entries: 3_650, invoices: 60 }, today, Date.now());
  const { clients, projects, tasks, entries, invoices, payments } = year;
  await app.evaluate(`(${PUT_ROWS})(${JSON.stringify({ clients, projects, tasks, entries, invoices, payments })})`);
  await app.reload();
  await expect(app.getByRole('navigation', { name: 'Main' })).toBeVisible();
  return { year, today };
}

const figure = (app: Page, label: string) => app.locator('.rep-figure').filter({ has: app.locator('.rep-figure-label', { hasText: new RegExp(`^${label}$`) }) }).locator('.rep-figure-value');

test('a quarter of reports: the numbers are the firm’s, the pictures speak, the links fix, the exports come out', async ({ app }) => {
  test.setTimeout(120_000);
  // Tall enough that a screenshot holds a whole report (the app scrolls inside its main area).
  await app.setViewportSize({ width: 1280, height: 2600 });
  const { year, today } = await seedYear(app);
  const from = addLocalDays(today, -89);
  const inRange = year.entries.filter((e) => e.localDate >= from && e.localDate <= today);
  const project = new Map(year.projects.map((p) => [p.id, p]));
  const hours = inRange.reduce((s, e) => s + (e.end - e.start), 0);
  const revenue = inRange.filter((e) => e.billable).reduce((s, e) => s + multiplyRate(project.get(e.projectId)!.rateMinor, billedMinutes(e, project.get(e.projectId)!) * 60_000, 'USD').amountMinor, 0);
  const dana = inRange.filter((e) => (e['imported'] as { person?: string } | undefined)?.person === 'Dana Lee');
  const danaCost = dana.reduce((s, e) => s + multiplyRate(6_000, e.end - e.start, 'USD').amountMinor, 0);

  // Dana is a contractor at $60 an hour, set where a bookkeeper would set it.
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const people = app.getByRole('group', { name: 'Dana Lee' });
  await people.getByLabel('Works as').selectOption('contractor');
  await people.getByLabel('Cost from').fill(addLocalDays(today, -400));
  await people.getByLabel('Cost per hour (USD)').fill('60');
  await people.getByRole('button', { name: 'Add cost' }).click();
  await expect(people.getByRole('table', { name: 'Cost per hour for Dana Lee' })).toContainText('60.00');
  await app.getByRole('region', { name: 'People and costs' }).screenshot({ path: `${artifactsDir}/reports-people-settings.png` });

  // Profitability over the last 90 days.
  await app.keyboard.press('Control+6');
  const root = app.locator('[data-screen="reports"] .reports');
  await expect(root).toHaveAttribute('data-report-ready', 'profitability');
  await app.getByLabel('Period', { exact: true }).selectOption('custom');
  await app.getByLabel('From', { exact: true }).fill(from);
  await app.getByLabel('To', { exact: true }).fill(today);
  await expect(root).toHaveAttribute('data-report-ready', 'profitability');
  expect(cents(await figure(app, 'Revenue').innerText())).toBe(revenue);
  expect(cents(await figure(app, 'Cost').innerText())).toBe(danaCost);
  expect(hoursMs(await figure(app, 'Hours').innerText())).toBe(hours);
  await expect(app.getByText(/has no cost rate|have no cost rate/)).toBeVisible();
  const table = app.getByRole('table', { name: /by client/i }).first();
  await expect(table.locator('tbody tr')).toHaveCount(8);
  await app.screenshot({ path: `${artifactsDir}/reports-profitability.png`, fullPage: true });

  // The first chart under the keyboard: each client read out with its numbers.
  const chart = app.locator('figure[data-chart]').first();
  await expect(chart.locator('canvas').first()).toBeVisible();
  await chart.focus();
  await app.keyboard.press('Home');
  await expect(chart.locator('[aria-live="polite"]')).toContainText(/^[A-Z][\w ]+: Cost .*Margin/);

  // By project, then compared with the 90 days before.
  await app.getByLabel('By', { exact: true }).selectOption('project');
  await expect(app.getByRole('table', { name: /by project/i }).first().locator('tbody tr')).toHaveCount(20);
  await app.getByRole('checkbox', { name: 'Compare with previous period' }).check();
  await expect(root).toHaveAttribute('data-report-ready', 'profitability');
  await expect(app.locator('.rep-change').first()).toContainText(/vs /);

  // The exports: the CSV carries the same revenue; the PDF is a PDF.
  const [csv] = await Promise.all([app.waitForEvent('download'), app.getByRole('button', { name: 'Export CSV' }).click()]);
  const text = await readFile((await csv.path())!, 'utf8');
  expect(text).toContain((revenue / 100).toFixed(2));
  const [pdf] = await Promise.all([app.waitForEvent('download'), app.getByRole('button', { name: 'Export PDF' }).click()]);
  expect(pdf.suggestedFilename()).toMatch(/^track-nexus-profitability-.*\.pdf$/);
  expect((await readFile((await pdf.path())!)).subarray(0, 5).toString()).toBe('%PDF-');
  await pdf.saveAs(`${artifactsDir}/reports-profitability.pdf`);

  // The tax-time summary counts Dana's hours as a contractor's.
  await app.getByRole('tab', { name: /^Tax-time summary/ }).click();
  await expect(root).toHaveAttribute('data-report-ready', 'taxSummary');
  await app.getByLabel('Period', { exact: true }).selectOption('custom');
  await app.getByLabel('From', { exact: true }).fill(from);
  await app.getByLabel('To', { exact: true }).fill(today);
  await expect(root).toHaveAttribute('data-report-ready', 'taxSummary');
  expect(hoursMs(await figure(app, 'Contractor hours').innerText())).toBe(dana.reduce((s, e) => s + (e.end - e.start), 0));
  await app.screenshot({ path: `${artifactsDir}/reports-tax-summary.png`, fullPage: true });

  // Utilization over the same days: a line per person against the target.
  await app.getByRole('tab', { name: /^Utilization/ }).click();
  await expect(root).toHaveAttribute('data-report-ready', 'utilization');
  await expect(app.locator('figure[data-chart]')).toHaveCount(3);
  await app.screenshot({ path: `${artifactsDir}/reports-utilization.png`, fullPage: true });

  // Receivables: what is owed is what the invoices' balances add up to.
  await app.getByRole('tab', { name: /^Receivables/ }).click();
  await expect(root).toHaveAttribute('data-report-ready', 'receivables');
  const owed = year.invoices.reduce((s, i) => s + Math.round(i.qbo.Balance * 100), 0);
  expect(cents(await figure(app, 'Owed').innerText())).toBe(owed);
  await app.screenshot({ path: `${artifactsDir}/reports-receivables.png`, fullPage: true });

  // Unbilled work: the drafts' row opens the day to approve.
  await app.getByRole('tab', { name: /^Unbilled work/ }).click();
  await expect(root).toHaveAttribute('data-report-ready', 'leakage');
  await app.screenshot({ path: `${artifactsDir}/reports-leakage.png`, fullPage: true });
  const approve = app.getByRole('button', { name: /^Approve on / }).first();
  await approve.click();
  await expect(app).toHaveURL(/#\/today\/\d{4}-\d{2}-\d{2}$/);
  await expect(app.getByRole('list', { name: /entries/i })).toBeVisible();

  // And the forecast, in the dark.
  await app.emulateMedia({ colorScheme: 'dark' });
  await app.keyboard.press('Control+6');
  await app.getByRole('tab', { name: /^Cash forecast/ }).click();
  await expect(root).toHaveAttribute('data-report-ready', 'forecast');
  await app.screenshot({ path: `${artifactsDir}/reports-forecast-dark.png`, fullPage: true });
});
