// The consultant's day-end review, end to end: segments arrive the way capture sends them, are
// stored and acknowledged by the renderer, grouped into proposals with reasons, and accepted into
// draft entries that show on the timesheet.
import type { Page } from '@playwright/test';
import { artifactsDir, control, expect, test } from './fixtures';

/** Seeds a client and two projects straight into IndexedDB (the app's own database), then reloads. */
async function seedProjects(page: Page) {
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('track-nexus');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const tx = db.transaction(['clients', 'projects'], 'readwrite');
    const now = Date.now();
    tx.objectStore('clients').put({ id: 'c-acme', name: 'Acme Corp', archived: false, qboCustomerId: null, createdAt: now, updatedAt: now });
    const project = (id: string, name: string, color: string) => ({
      id, clientId: 'c-acme', name, color, billable: true, defaultTaskId: null, rateMinor: null, currency: 'USD', rounding: null,
      archived: false, qboCustomerId: null, qboItemId: null, qboClassId: null, createdAt: now, updatedAt: now,
    });
    tx.objectStore('projects').put(project('p-portal', 'Customer portal', '#2563eb'));
    tx.objectStore('projects').put(project('p-audit', 'Security audit', '#16a34a'));
    await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
    db.close();
  });
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
  await expect(proposal.getByRole('listitem').filter({ hasText: 'project name appears' }).first()).toBeVisible();
  await expect(proposal.getByText(/\d+% sure/)).toBeVisible();
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
  await expect(auditProposal.getByText(/rule: title contains Q3 numbers/)).toBeVisible();

  // A refused pattern is explained and not stored.
  await rules.getByRole('combobox', { name: 'Match' }).selectOption('regex');
  await rules.getByRole('textbox', { name: 'Pattern' }).fill('(a+)+$');
  await rules.getByRole('button', { name: 'Save rule' }).click();
  await expect(rules.getByRole('alert')).toBeVisible();

  // The accepted portal time shows on the timesheet as today's draft time.
  await app.getByRole('link', { name: 'Timesheet' }).click();
  await expect(app.getByTestId('week-total')).toHaveText('1:27');
});
