// The QuickBooks Desktop story, end to end in Chromium against the browser harness, with the
// simulated Web Connector and company file (electron/qbd-sim) in this test's process playing
// QuickBooks on the same computer: add a Desktop connection, download the .QWC and read the
// Web Connector's address and user from it, let the Web Connector update (the name lists arrive),
// map the project, its task and yourself, approve two entries, and after the next update find
// exactly those two time entries in the company file; edit one and see QuickBooks' entry change;
// reconciliation finds the company file holding exactly what was sent.
import { createServer } from 'node:net';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { createCompany, type Company } from '../../electron/qbd-sim/company';
import { runWebConnectorSession, type WebConnectorOutcome } from '../../electron/qbd-sim/qbwc';
import { artifactsDir, expect, test } from './fixtures';
import { approveBothOnToday, editSentEntryEnd, seedShowroomDay, tab } from './qbo-helpers';

const PASSWORD = 'showroom-books-2026';

/** A port nothing listens on now, for the connection's local service. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Fills the setup form as a bookkeeper does and waits for the card of the new connection. */
async function addDesktopConnection(app: Page, port: number) {
  await app.getByRole('link', { name: 'QuickBooks' }).click();
  await app.getByRole('button', { name: 'Add QuickBooks Desktop…' }).first().click();
  const form = app.getByRole('region', { name: 'Add QuickBooks Desktop' });
  await form.getByLabel('Company file').fill('Cool Cars Books');
  await form.getByLabel('Port for the local service').fill(String(port));
  await form.getByLabel('Update every (minutes)').fill('15');
  await form.getByLabel('Password for the Web Connector').fill(PASSWORD);
  await form.getByLabel('Type the password again').fill(PASSWORD);
  await form.getByRole('button', { name: 'Add QuickBooks Desktop' }).click();
  const card = app.getByRole('region', { name: 'Cool Cars Books (QuickBooks Desktop)' });
  await expect(card.getByRole('definition').filter({ hasText: `Listening on localhost:${port}` })).toBeVisible();
  await app.screenshot({ path: `${artifactsDir}/qbd-setup.png`, fullPage: true });
  return card;
}

/** Downloads the .QWC from the card's first step and reads what the Web Connector would. */
async function downloadQwc(app: Page, card: ReturnType<Page['getByRole']>): Promise<{ url: string; userName: string; text: string }> {
  const download = app.waitForEvent('download');
  await card.getByRole('button', { name: 'Download the .QWC file' }).first().click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('Track Nexus - Cool Cars Books.qwc');
  const text = await readFile((await file.path())!, 'utf8');
  const tag = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(text)?.[1] ?? '';
  return { url: tag('AppURL'), userName: tag('UserName'), text };
}

/** One Web Connector update, as QBWC plays it against the app's local service. */
async function update(qwc: { url: string; userName: string }, company: Company): Promise<WebConnectorOutcome> {
  const outcome = await runWebConnectorSession({ url: qwc.url, userName: qwc.userName, password: PASSWORD, company });
  expect(outcome.error).toBeUndefined();
  return outcome;
}

/** Mapping: the Desktop company's names arrived with the first update; apply the sure suggestions. */
async function mapFromDesktopLists(app: Page) {
  await tab(app, 'Mapping').click();
  await expect(app.getByRole('list', { name: 'Suggestions for Cool Cars · Showroom Landscaping', exact: true })).toContainText('Use Cool Cars:Showroom Landscaping');
  await app.getByLabel('Your name in QuickBooks (for suggestions)').fill('Emily Platt');
  await app.getByRole('button', { name: 'Apply suggestions above 90%' }).click();
  await expect(app.getByLabel('Customer for Cool Cars · Showroom Landscaping', { exact: true }).locator('option:checked')).toHaveText('Cool Cars:Showroom Landscaping');
  await expect(app.getByLabel('Time is recorded for').locator('option:checked')).toHaveText('Emily Platt');
  await expect(app.getByText('Everything linked')).toBeVisible();
  await app.screenshot({ path: `${artifactsDir}/qbd-mapping.png`, fullPage: true });
}

/** What the company file holds, in the terms the story checks. */
const timeIn = (company: Company) => company.timeTracking().map((t) => ({
  customer: t.customer?.fullName, item: t.item?.fullName, person: t.entity.fullName, duration: t.duration, date: t.txnDate, notes: t.notes, billable: t.billableStatus,
})).sort((a, b) => String(a.notes).localeCompare(String(b.notes)));

test('a bookkeeper sends approved time to QuickBooks Desktop through the Web Connector, exactly once, and an edit follows', async ({ app }) => {
  test.setTimeout(120_000);
  const { today } = await seedShowroomDay(app);
  const company = createCompany();
  const card = await addDesktopConnection(app, await freePort());
  const qwc = await downloadQwc(app, card);
  expect(qwc.url).toMatch(/^http:\/\/localhost:\d+\/qbwc$/);

  // The first update brings the name lists; the screen shows when the Web Connector called.
  await update(qwc, company);
  await expect(card.getByRole('definition').filter({ hasText: /ago|just now/ }).first()).toBeVisible();
  await mapFromDesktopLists(app);

  await approveBothOnToday(app);
  await app.getByRole('link', { name: 'QuickBooks' }).click();
  await tab(app, 'Sync').click();
  await app.getByRole('button', { name: 'Sync now' }).click();
  await expect(app.getByText(/Waiting for QuickBooks Desktop/).first()).toBeVisible();
  expect(company.timeTracking()).toHaveLength(0);

  // The next update takes both to QuickBooks; the app applies the answers as the update ends.
  await update(qwc, company);
  const statusTable = app.getByRole('table', { name: 'Entry sync status' });
  await expect(statusTable.locator('[data-state="sent"]')).toHaveCount(2);
  expect(timeIn(company)).toEqual([
    { customer: 'Cool Cars:Showroom Landscaping', item: 'Design', person: 'Emily Platt', duration: 'PT1H30M', date: today, notes: 'Showroom Landscaping — Design: Showroom plans', billable: 'Billable' },
    { customer: 'Cool Cars:Showroom Landscaping', item: 'Design', person: 'Emily Platt', duration: 'PT0H45M', date: today, notes: 'Showroom Landscaping — Design: Site visit', billable: 'Billable' },
  ]);
  await app.screenshot({ path: `${artifactsDir}/qbd-synced.png`, fullPage: true });

  // Another update has nothing new: still two entries.
  await update(qwc, company);
  expect(company.timeTracking()).toHaveLength(2);

  // Edit the site visit to end at 12:00 (1 hour): after the next update QuickBooks holds the change.
  const before = company.timeTracking().find((t) => t.notes?.endsWith('Site visit'))!;
  await editSentEntryEnd(app, 'Site visit', '12:00');
  await app.getByRole('link', { name: 'QuickBooks' }).click();
  await tab(app, 'Sync').click();
  await app.getByRole('button', { name: 'Sync now' }).click();
  await update(qwc, company);
  await expect.poll(() => company.timeTracking().find((t) => t.txnId === before.txnId)?.duration).toBe('PT1H0M');
  const after = company.timeTracking().find((t) => t.txnId === before.txnId)!;
  expect(after.editSequence).not.toBe(before.editSequence);
  expect(company.timeTracking()).toHaveLength(2);
  await app.getByRole('link', { name: 'QuickBooks' }).click();
  await app.screenshot({ path: `${artifactsDir}/qbd-status.png`, fullPage: true });

  // Reconciliation reads the company file's time as the last update left it: 1:30 + 1:00, no difference.
  await tab(app, 'Reconciliation').click();
  await app.getByRole('button', { name: 'Run reconciliation' }).click();
  await expect(app.getByText('QuickBooks matches: 1 customer-day, zero difference.')).toBeVisible();
  await expect(app.getByRole('table', { name: 'Reconciliation' }).getByRole('row', { name: /Cool Cars:Showroom Landscaping/ })).toContainText('2:30');
  await expect(app.getByText('None: QuickBooks holds exactly what Track Nexus sent.')).toBeVisible();
});
