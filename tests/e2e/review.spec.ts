// The consultant's day-end review, end to end: segments arrive the way capture sends them, are
// stored and acknowledged by the renderer, grouped into proposals with reasons, and accepted into
// draft entries that show on the timesheet.
import type { Page } from '@playwright/test';
import { artifactsDir, control, expect, pageLocal, test } from './fixtures';

/**
 * Seeds a client and two projects with a task each straight into IndexedDB (the app's own
 * database), then reloads. `auditRounding`: the audit project's own rounding rule.
 */
async function seedProjects(page: Page, auditRounding: object | null = null) {
  await page.evaluate(async (auditRounding) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('track-nexus');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const tx = db.transaction(['clients', 'projects', 'tasks'], 'readwrite');
    const now = Date.now();
    tx.objectStore('clients').put({ id: 'c-acme', name: 'Acme Corp', archived: false, qboCustomerId: null, createdAt: now, updatedAt: now });
    const project = (id: string, name: string, color: string, rounding: object | null = null) => ({
      id, clientId: 'c-acme', name, color, billable: true, defaultTaskId: null, rateMinor: null, currency: 'USD', rounding,
      archived: false, qboCustomerId: null, qboItemId: null, qboClassId: null, createdAt: now, updatedAt: now,
    });
    tx.objectStore('projects').put(project('p-portal', 'Customer portal', '#2563eb'));
    tx.objectStore('projects').put(project('p-audit', 'Security audit', '#16a34a', auditRounding));
    const task = (id: string, projectId: string, name: string) => ({ id, projectId, name, archived: false, qboItemId: null, createdAt: now, updatedAt: now });
    tx.objectStore('tasks').put(task('t-dev', 'p-portal', 'Development'));
    tx.objectStore('tasks').put(task('t-threat', 'p-audit', 'Threat model'));
    await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
    db.close();
  }, auditRounding);
  await page.reload();
}

test('a captured day becomes explained proposals, accepted into draft entries', async ({ app, harness }) => {
  await seedProjects(app);
  // A morning in the browser's zone: portal work, a news break, more portal work, an unclear spreadsheet.
  const base = await app.evaluate(() => { const d = new Date(); d.setHours(9, 0, 0, 0); return d.getTime(); });
  const min = 60_000;
  const seg = (id: string, from: number, to: number, app: string, title: string, url: string | null = null) =>
    ({ id, start: base + from * min, end: base + to * min, app, title, url, kind: 'active' });
  await app.getByRole('link', { name: 'Review' }).click();
  await control(harness, 'capture/segments', {
    segments: [
      seg('s1', 0, 40, 'Code', 'login.ts — customer-portal — Visual Studio Code'),
      seg('s2', 40, 43, 'Firefox', 'Latest headlines — The Daily News', 'https://news.example.com/'),
      seg('s3', 43, 90, 'Google Chrome', 'Customer portal staging — Google Chrome', 'https://portal.acme.example/'),
      seg('s4', 90, 120, 'Excel', 'Q3 numbers.xlsx'),
    ],
  });

  const proposal = app.getByRole('article', { name: /Proposed entry 09:00/ });
  await expect(proposal).toBeVisible();
  await expect(proposal.getByRole('combobox', { name: 'Project' })).toHaveValue('p-portal');
  await expect(proposal.getByRole('listitem').filter({ hasText: 'names the project Acme Corp · Customer portal' }).first()).toBeVisible();
  await expect(proposal.getByText(/^(Sure|Fairly sure)$/)).toBeVisible();
  // The news break inside it is not counted: 87 of the 90 minutes.
  await expect(proposal.getByText('1:27 counted')).toBeVisible();
  await expect(app.getByRole('heading', { name: /Not assigned/ })).toBeVisible();
  await app.screenshot({ path: `${artifactsDir}/review-proposals.png`, fullPage: true });

  await proposal.getByRole('textbox', { name: /Description/ }).fill('Login flow');
  await proposal.getByRole('button', { name: 'Accept' }).click();
  // Two entries, 09:00–09:40 and 09:43–10:30: the news break between them is not billed.
  await expect(app.getByRole('status')).toContainText('Added 2 draft entries for Acme Corp · Customer portal (1:27)');
  await expect(proposal).toBeHidden();

  // Make the spreadsheet a rule for the audit project: it is re-applied at once.
  const excel = app.getByRole('listitem').filter({ hasText: 'Q3 numbers.xlsx' });
  await excel.getByRole('button', { name: 'Make this a rule' }).click();
  const rules = app.getByRole('region', { name: 'Rules' });
  await rules.getByRole('combobox', { name: 'Project' }).selectOption('p-audit');
  await rules.getByRole('textbox', { name: 'Pattern' }).fill('Q3 numbers');
  await rules.getByRole('button', { name: 'Save rule' }).click();
  await expect(rules.getByText('title contains Q3 numbers')).toBeVisible();
  const auditProposal = app.getByRole('article', { name: /Proposed entry 10:30/ });
  await expect(auditProposal.getByRole('combobox', { name: 'Project' })).toHaveValue('p-audit');
  await expect(auditProposal.getByText('Your rule sends windows whose title contains “Q3 numbers” to Acme Corp · Security audit.')).toBeVisible();

  // A refused pattern is explained and not stored.
  await rules.getByRole('combobox', { name: 'Match' }).selectOption('regex');
  await rules.getByRole('textbox', { name: 'Pattern' }).fill('Q3(?= numbers)');
  await rules.getByRole('button', { name: 'Save rule' }).click();
  await expect(rules.getByRole('alert')).toContainText('uses a look-ahead, which Track Nexus does not support');

  // The accepted portal time shows on the timesheet as today's draft time.
  await app.getByRole('link', { name: 'Timesheet' }).click();
  await expect(app.getByTestId('week-total')).toHaveText('1:27');
});

/** Live entries in the app's database, as [local start, local end, project, task, description]. */
async function storedEntries(page: Page) {
  const rows = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('track-nexus');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const all = await new Promise<Array<Record<string, unknown>>>((resolve, reject) => {
      const req = db.transaction('entries').objectStore('entries').getAll();
      req.onsuccess = () => resolve(req.result as Array<Record<string, unknown>>);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return all.filter((e) => e['deletedAt'] == null).map((e) => ({ start: e['start'] as number, end: e['end'] as number, projectId: e['projectId'], taskId: e['taskId'], description: e['description'] as string, source: e['source'] }));
  });
  rows.sort((a, b) => a.start - b.start);
  return Promise.all(rows.map(async (e) => [(await pageLocal(page, e.start)).time, (await pageLocal(page, e.end)).time, e.projectId, e.taskId, e.description.length > 40 ? `${e.description.length} chars` : e.description, e.source]));
}

/** A timer entry straight into the app's database, as the timer would have left it. */
async function seedTimerEntry(page: Page, start: number, end: number) {
  const { date } = await pageLocal(page, start);
  await page.evaluate(async ({ start, end, date }) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('track-nexus');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const tx = db.transaction('entries', 'readwrite');
    tx.objectStore('entries').put({
      id: 'timer-1', projectId: 'p-portal', taskId: null, description: 'Standup and triage', start, end,
      zone: Intl.DateTimeFormat().resolvedOptions().timeZone, source: 'timer', billable: true, status: 'draft', version: 1,
      createdAt: end, updatedAt: end, deletedAt: null, localDate: date,
    });
    await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
    db.close();
  }, { start, end, date });
}

test('a consultant reviews yesterday around a timer entry: changes, Accept all, undo, reopen', async ({ app, harness }) => {
  // Tall enough that the screenshots show the whole review (the app scrolls inside its own pane).
  await app.setViewportSize({ width: 1280, height: 2000 });
  // The audit project bills in quarter hours, rounded up, each entry on its own.
  await seedProjects(app, { incrementMinutes: 15, mode: 'up', scope: 'entry' });
  // Yesterday 09:00 in the page's zone (from the page's own today, whatever the hour of the run).
  const base = await app.evaluate(() => { const d = new Date(); d.setDate(d.getDate() - 1); d.setHours(9, 0, 0, 0); return d.getTime(); });
  const min = 60_000;
  const seg = (id: string, from: number, to: number, app: string, title: string, url: string | null = null) =>
    ({ id, start: base + from * min, end: base + to * min, app, title, url, kind: 'active' });
  // A timer ran 10:00–10:45 on the portal while its windows were captured too.
  await seedTimerEntry(app, base + 60 * min, base + 105 * min);
  const longTitle = `customer portal — ${'a very long generated report name '.repeat(9)}— Visual Studio Code`.slice(0, 300);
  await app.getByRole('link', { name: 'Review' }).click();
  await control(harness, 'capture/segments', {
    segments: [
      seg('y1', 0, 60, 'Code', 'login.ts — customer portal — Visual Studio Code'),
      seg('y2', 60, 120, 'Code', longTitle),
      seg('y3', 120, 157, 'Word', 'Security audit findings.docx'),
      seg('y4', 157, 162, 'Firefox', 'Latest headlines — The Daily News', 'https://news.example.com/'),
      seg('y5', 162, 180, 'Excel', 'Q3 numbers.xlsx'),
    ],
  });
  await app.getByRole('button', { name: 'Previous day' }).click();

  const portal = app.getByRole('article', { name: /Proposed entry 09:00–11:00/ });
  await expect(portal.getByRole('note')).toHaveText(
    '45 min of this is already in your entries: 10:00–10:45 Acme Corp · Customer portal. Accepting adds only the other 1 h 15 min.Count all of it anyway',
  );
  await expect(app.getByTestId('review-totals')).toHaveText('2 proposed entries · 1:52 to add · 45 min already in your entries, not counted again');
  await expect(app.getByRole('list', { name: 'Entries already on this day' }).getByRole('listitem')).toHaveCount(1);
  // A description at QuickBooks' limit, and a 300-character window title, must not stretch the card.
  await portal.getByRole('textbox', { name: 'Description' }).fill('Login flow, '.repeat(400).slice(0, 4000));
  await portal.getByRole('button', { name: '2 windows' }).click();
  await app.screenshot({ path: `${artifactsDir}/review-yesterday.png`, fullPage: true });
  const box = await portal.boundingBox();
  expect(box!.width).toBeLessThanOrEqual(1280);

  // The audit proposal becomes portal development with a description: Accept all must keep that.
  const audit = app.getByRole('article', { name: /Proposed entry 11:00–11:37/ });
  await expect(audit.getByRole('combobox', { name: 'Project' })).toHaveValue('p-audit');
  // Rounding is visible before it bills, for the project chosen on the card.
  await expect(audit.getByText('0:37 counted · billed 0:45 — 15 min up, per entry (project rule)')).toBeVisible();
  await audit.getByRole('combobox', { name: 'Project' }).selectOption('p-portal');
  await expect(audit.getByText(/billed/)).toHaveCount(0);
  await audit.getByRole('combobox', { name: 'Task' }).selectOption('t-dev');
  await audit.getByRole('textbox', { name: 'Description' }).fill('Session timeout fix');
  await app.getByRole('button', { name: 'Accept all' }).click();
  await expect(app.getByRole('status')).toHaveText(/^Accepted 2 proposals: 3 draft entries \(1:52\)\.\s*Undo$/);
  expect(await storedEntries(app)).toEqual([
    ['09:00', '10:00', 'p-portal', 't-dev', '4000 chars', 'activity'],
    ['10:00', '10:45', 'p-portal', null, 'Standup and triage', 'timer'],
    ['10:45', '11:00', 'p-portal', 't-dev', '4000 chars', 'activity'],
    ['11:00', '11:37', 'p-portal', 't-dev', 'Session timeout fix', 'activity'],
  ]);

  // The spreadsheet is assigned once, by hand, without a rule.
  const sheet = app.getByRole('listitem').filter({ hasText: 'Q3 numbers.xlsx' });
  await sheet.getByRole('button', { name: /^Assign/ }).click();
  await sheet.getByRole('combobox', { name: 'Project' }).selectOption('p-audit');
  await sheet.getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(app.getByRole('status')).toContainText('assigned to Acme Corp · Security audit: added as a draft entry');
  await expect(app.getByRole('region', { name: 'Rules' }).getByText('No rules yet.', { exact: false })).toBeVisible();
  await app.screenshot({ path: `${artifactsDir}/review-accepted.png`, fullPage: true });

  // Undo the changed proposal: its entry goes, its windows come back with their suggestion.
  const reviewed = app.getByRole('region', { name: /Already reviewed on this day/ });
  await reviewed.getByRole('button', { name: 'Undo 11:00–11:37' }).click();
  await expect(app.getByRole('status')).toContainText('Undone');
  await expect(app.getByRole('article', { name: /Proposed entry 11:00–11:37/ }).getByRole('combobox', { name: 'Project' })).toHaveValue('p-audit');
  expect((await storedEntries(app)).map((e) => e.slice(0, 2))).toEqual([['09:00', '10:00'], ['10:00', '10:45'], ['10:45', '11:00'], ['11:42', '12:00']]);

  // Reopen: everything is back for review, nothing is duplicated, and the accepted time covers its proposal.
  await reviewed.getByRole('button', { name: 'Reopen this day' }).click();
  await expect(app.getByRole('status')).toContainText('back for review');
  const again = app.getByRole('article', { name: /Proposed entry 09:00–11:00/ });
  await expect(again.getByRole('note')).toContainText('All of this is already in your entries');
  await expect(again.getByRole('button', { name: 'Mark reviewed' })).toBeVisible();
  await again.getByRole('button', { name: 'Details' }).click();
  await expect(again.getByText('project name appears in title')).toBeVisible();
  expect(await storedEntries(app)).toHaveLength(4);
  await expect(app.getByRole('listitem').filter({ hasText: 'Q3 numbers.xlsx' })).toContainText('Already in your entries.');
  await app.screenshot({ path: `${artifactsDir}/review-reopened.png`, fullPage: true });
  await app.emulateMedia({ colorScheme: 'dark' });
  await app.screenshot({ path: `${artifactsDir}/review-reopened-dark.png`, fullPage: true });
});

test('a day without capture leads to the capture settings, in view and focused', async ({ app }) => {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Review' }).click();
  await app.getByRole('button', { name: 'Open capture settings' }).click();
  await expect(app).toHaveURL(/#\/settings\/capture$/);
  const heading = app.locator('#settings-capture-title');
  await expect(heading).toBeFocused();
  await expect(heading).toBeInViewport();
  await expect(app.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: /capture/i })).toHaveAttribute('aria-current', /.+/);
});
