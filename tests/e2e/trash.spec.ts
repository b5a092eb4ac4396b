// The trash end to end in Chromium against the browser harness: a freelancer deletes an entry,
// undoes it from the notice, deletes it again, opens the trash and restores it; deleting an approved
// entry asks one question. Over a week of deleted time, each trash row says what QuickBooks still
// holds, time in QuickBooks is named in the delete question and the notice with the instant
// QuickBooks deletes it, and "Delete forever" and "Empty trash" ask first.
//
// Seeding: a week of entries (some deleted, one synced with its sync record) is written straight into
// IndexedDB, as qbo-sync.spec.ts seeds, because syncing with QuickBooks is that spec's story.
import type { Page } from '@playwright/test';
import { artifactsDir, createProjectInline, expect, test } from './fixtures';

async function addTime(app: Page, start: string, end: string, description: string) {
  await app.getByRole('button', { name: 'Add time' }).click();
  const dialog = app.getByRole('dialog', { name: 'Add time' });
  await dialog.getByLabel('Description').fill(description);
  await dialog.getByLabel('Start time').fill(start);
  await dialog.getByLabel('End time').fill(end);
  await dialog.getByRole('button', { name: 'Add' }).click();
  await expect(dialog).toHaveCount(0);
}

const todayEntry = (app: Page, text: string) => app.getByRole('list', { name: 'Today’s entries' }).getByRole('listitem').filter({ hasText: text });
const trashRow = (app: Page, text: string) => app.getByRole('list', { name: 'Deleted entries' }).getByRole('listitem').filter({ hasText: text });
const notice = (app: Page) => app.getByRole('status', { name: 'Deleted entry' });
const trashLink = (app: Page) => app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Trash/ });

test('a freelancer deletes an entry, undoes it, deletes it again and restores it from the trash', async ({ app }) => {
  await createProjectInline(app, 'Website', 'Acme');
  await addTime(app, '09:00', '10:00', 'Wireframes');
  await addTime(app, '10:00', '11:30', 'Copy review');
  await expect(app.getByTestId('total')).toHaveText('2:30');

  // Delete: one question, then the notice with Undo.
  await todayEntry(app, 'Wireframes').getByRole('button', { name: /^Delete/ }).click();
  const ask = app.getByRole('dialog', { name: 'Delete this entry?' });
  await expect(ask).toContainText('It moves to the trash, where you can restore it for 30 days.');
  await ask.getByRole('button', { name: 'Delete' }).click();
  await expect(todayEntry(app, 'Wireframes')).toHaveCount(0);
  await expect(notice(app)).toContainText('Deleted 09:00–10:00 Acme · Website.');
  await expect(trashLink(app)).toHaveAccessibleName('Trash 1 deleted entry');
  await app.screenshot({ path: `${artifactsDir}/trash-undo-notice.png` });
  await notice(app).getByRole('button', { name: 'Undo' }).click();
  await expect(todayEntry(app, 'Wireframes')).toContainText('draft');
  await expect(notice(app)).toHaveCount(0);
  await expect(app.getByTestId('total')).toHaveText('2:30');
  await expect(trashLink(app)).toHaveAccessibleName('Trash');

  // Delete again, and find it in the trash from the notice.
  await todayEntry(app, 'Wireframes').getByRole('button', { name: /^Delete/ }).click();
  await app.getByRole('dialog', { name: 'Delete this entry?' }).getByRole('button', { name: 'Delete' }).click();
  await notice(app).getByRole('button', { name: 'Open trash' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Trash' })).toBeVisible();
  await expect(trashRow(app, 'Wireframes')).toContainText('09:00–10:00');
  await expect(trashRow(app, 'Wireframes')).toContainText('Acme · Website');
  await expect(trashRow(app, 'Wireframes')).toContainText('1:00');
  await expect(trashRow(app, 'Wireframes')).toContainText('Not in QuickBooks.');
  await trashRow(app, 'Wireframes').getByRole('button', { name: /^Restore/ }).click();
  await expect(app.getByRole('status')).toContainText('Restored 09:00–10:00 Acme · Website');
  await expect(app.getByRole('heading', { name: 'The trash is empty' })).toBeVisible();
  await app.getByRole('link', { name: 'Today' }).click();
  await expect(todayEntry(app, 'Wireframes')).toContainText('09:00–10:00');

  // An approved entry: one question that says what happens in QuickBooks, not "Edit an approved entry?" first.
  await todayEntry(app, 'Copy review').getByRole('button', { name: /^Approve/ }).click();
  await expect(todayEntry(app, 'Copy review')).toContainText('approved');
  await todayEntry(app, 'Copy review').getByRole('button', { name: /^Delete/ }).click();
  const approved = app.getByRole('dialog', { name: 'Delete this approved entry?' });
  await expect(approved).toContainText('It has not been sent to QuickBooks yet, so deleting it cancels the send.');
  await expect(app.getByRole('dialog')).toHaveCount(1);
  await approved.getByRole('button', { name: 'Delete' }).click();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  await expect(todayEntry(app, 'Copy review')).toHaveCount(0);
  await trashLink(app).click();
  await expect(trashRow(app, 'Copy review')).toContainText('approved');
  await expect(trashRow(app, 'Copy review')).toContainText('Never reached QuickBooks. Restoring it approves and queues it again.');
});

/**
 * Acme · Website and Globex · Logo, and a week of entries: today's 13:00–14:00 is synced (QuickBooks
 * holds it: a sync record), and on each of the six days before, one entry was deleted an hour after
 * it ended. Two of those are synced time still held in QuickBooks (one of them past its hold), one
 * was deleted from QuickBooks when its hold ended, one was approved and never sent.
 */
async function seedWeek(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('track-nexus');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const now = Date.now();
    const two = (n: number) => String(n).padStart(2, '0');
    const day = (back: number) => { const d = new Date(); d.setDate(d.getDate() - back); d.setHours(0, 0, 0, 0); return d; };
    const at = (back: number, h: number, m = 0) => { const d = day(back); d.setHours(h, m); return d.getTime(); };
    const dateOf = (back: number) => { const d = day(back); return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`; };
    const tx = db.transaction(['clients', 'projects', 'entries', 'syncRecords'], 'readwrite');
    tx.objectStore('clients').put({ id: 'c-acme', name: 'Acme', archived: false, qboCustomerId: null, createdAt: now, updatedAt: now });
    tx.objectStore('clients').put({ id: 'c-globex', name: 'Globex', archived: false, qboCustomerId: null, createdAt: now, updatedAt: now });
    const project = (id: string, clientId: string, name: string, color: string) => ({
      id, clientId, name, color, billable: true, defaultTaskId: null, rateMinor: 9000, currency: 'USD', rounding: null, archived: false,
      qboCustomerId: null, qboItemId: null, qboClassId: null, createdAt: now, updatedAt: now,
    });
    tx.objectStore('projects').put(project('p-web', 'c-acme', 'Website', '#2563eb'));
    tx.objectStore('projects').put(project('p-logo', 'c-globex', 'Logo', '#db2777'));
    const entry = (id: string, projectId: string, back: number, from: number, to: number, description: string, status: string, extra: object = {}) => ({
      id, projectId, taskId: null, description, start: at(back, from), end: at(back, to), zone, source: 'manual', billable: true, status,
      version: 3, createdAt: at(back, to), updatedAt: at(back, to), deletedAt: null, localDate: dateOf(back), ...extra,
    });
    const trashed = (back: number, to: number, hold?: { until: number; releasedAt?: number }) => {
      const t = at(back, to + 1);
      return { deletedAt: t, trashedAt: t, version: 4, ...(hold ? { qboHold: hold } : {}) };
    };
    const HOLD = 24 * 60 * 60 * 1000;
    const rows = [
      entry('e-synced', 'p-web', 0, 13, 14, 'Launch checklist', 'synced'),
      entry('e-1', 'p-web', 1, 9, 11, 'Homepage hero, second pass', 'synced', trashed(1, 11, { until: Math.max(now + 3_600_000, at(1, 12) + HOLD) })),
      entry('e-2', 'p-logo', 2, 14, 15, 'Colour study', 'synced', trashed(2, 15, { until: at(2, 16) + HOLD })),
      entry('e-3', 'p-logo', 3, 10, 12, 'Sketches for the wordmark, three directions, with notes from the call', 'draft', trashed(3, 12, { until: at(3, 13) + HOLD, releasedAt: at(2, 13) })),
      entry('e-4', 'p-web', 4, 16, 17, 'Accessibility review', 'approved', trashed(4, 17)),
      entry('e-5', 'p-web', 5, 8, 9, '', 'draft', trashed(5, 9)),
      entry('e-6', 'p-logo', 6, 13, 15, 'Client call', 'draft', trashed(6, 15)),
    ];
    for (const r of rows) tx.objectStore('entries').put(r);
    const payload = { TxnDate: dateOf(0), Hours: 1, Minutes: 0 };
    for (const [id, qboId] of [['e-synced', '501'], ['e-1', '502'], ['e-2', '503']] as const) {
      tx.objectStore('syncRecords').put({ key: `entry:${id}`, qboId, syncToken: '0', entryIds: [id], entryVersions: [3], payload, payloadHash: `h-${id}`, updatedAt: now });
    }
    await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
    db.close();
  });
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

test('the trash over a week: what QuickBooks still holds, the hold named when deleting, delete forever and empty', async ({ app }) => {
  await seedWeek(app);
  await expect(trashLink(app)).toHaveAccessibleName('Trash 6 deleted entries');

  // Deleting synced time names the hold in the one question and in the notice.
  await todayEntry(app, 'Launch checklist').getByRole('button', { name: /^Delete/ }).click();
  const ask = app.getByRole('dialog', { name: 'Delete this synced entry?' });
  await expect(ask).toContainText(/It is in QuickBooks\. It moves to the trash, and QuickBooks keeps it until \w{3} \d\d:\d\d or until you empty the trash/);
  await app.screenshot({ path: `${artifactsDir}/trash-delete-synced-question.png` });
  await ask.getByRole('button', { name: 'Delete' }).click();
  await expect(notice(app)).toContainText(/^Deleted 13:00–14:00 Acme · Website\. QuickBooks keeps it until \w{3} \d\d:\d\d\./);
  await app.screenshot({ path: `${artifactsDir}/trash-undo-notice-synced.png` });

  await trashLink(app).click();
  await expect(trashLink(app)).toHaveAccessibleName('Trash 7 deleted entries');
  const rows = app.getByRole('list', { name: 'Deleted entries' }).getByRole('listitem');
  await expect(rows).toHaveCount(7);
  // Newest first.
  await expect(rows.first()).toContainText('Launch checklist');
  await expect(rows.last()).toContainText('Client call');
  await expect(trashRow(app, 'Launch checklist')).toContainText(/Still in QuickBooks until \w{3} \d\d:\d\d\. Restoring it now changes nothing there\./);
  await expect(trashRow(app, 'Colour study')).toContainText('Still in QuickBooks; the next sync deletes it there.');
  await expect(trashRow(app, 'Sketches')).toContainText('QuickBooks no longer keeps it. Restored, it comes back as a draft; approve it to send it again.');
  await expect(trashRow(app, 'Accessibility review')).toContainText('Never reached QuickBooks.');
  await app.emulateMedia({ colorScheme: 'light' });
  await app.screenshot({ path: `${artifactsDir}/trash-light.png`, fullPage: true });
  await app.emulateMedia({ colorScheme: 'dark' });
  await app.screenshot({ path: `${artifactsDir}/trash-dark.png`, fullPage: true });
  await app.emulateMedia({ colorScheme: 'light' });

  // Restoring synced time within its hold: back as synced, on Today.
  await trashRow(app, 'Launch checklist').getByRole('button', { name: /^Restore/ }).click();
  await expect(app.getByRole('status').filter({ hasText: 'Restored' })).toContainText('Restored 13:00–14:00 Acme · Website');
  // Restoring after the hold ended: a draft, and the message says why.
  await trashRow(app, 'Sketches').getByRole('button', { name: /^Restore/ }).click();
  await expect(app.getByRole('status').filter({ hasText: 'Restored' })).toContainText('as a draft: QuickBooks no longer has it, so approve it to send it again.');

  // Delete forever asks when QuickBooks would lose time, and not otherwise.
  await trashRow(app, 'Homepage hero').getByRole('button', { name: /^Delete forever/ }).click();
  const forever = app.getByRole('dialog', { name: 'Delete forever?' });
  await expect(forever).toContainText('QuickBooks still holds this time: the next sync deletes it there.');
  await forever.getByRole('button', { name: 'Delete forever' }).click();
  await expect(trashRow(app, 'Homepage hero')).toHaveCount(0);
  await trashRow(app, 'Client call').getByRole('button', { name: /^Delete forever/ }).click();
  await expect(trashRow(app, 'Client call')).toHaveCount(0);
  await expect(app.getByRole('dialog')).toHaveCount(0);

  // Empty trash: the count and what goes in QuickBooks.
  await app.getByRole('button', { name: 'Empty trash' }).click();
  const empty = app.getByRole('dialog', { name: 'Empty the trash?' });
  await expect(empty).toContainText('3 entries are deleted for good.');
  await expect(empty).toContainText('1 of them is still in QuickBooks: the next sync deletes it there.');
  await empty.getByRole('button', { name: 'Empty trash' }).click();
  await expect(app.getByRole('heading', { name: 'The trash is empty' })).toBeVisible();
  await expect(trashLink(app)).toHaveAccessibleName('Trash');
  await app.screenshot({ path: `${artifactsDir}/trash-empty.png` });

  await app.getByRole('link', { name: 'Today' }).click();
  await expect(todayEntry(app, 'Launch checklist')).toContainText('synced');
});
