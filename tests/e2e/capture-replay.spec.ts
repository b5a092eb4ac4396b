// Main restarts while the page stays open (a crash, `npm run web` restarted): what capture had
// journaled but the page never stored reaches it without a reload, once its event stream reconnects.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCaptureJournal } from '../../electron/main/capture/journal';
import { startHarness } from '../../electron/harness/harness';
import { expect, test } from './fixtures';

test('segments left in the journal while main was down reach the open page when main is back', async ({ page }) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'tn-replay-'));
  const token = 'replay-test-secret-0123456789';
  const first = await startHarness({ testControls: true, dataDir, token });
  let second: Awaited<ReturnType<typeof startHarness>> | null = null;
  try {
    await page.goto(first.appUrl);
    await page.getByRole('link', { name: 'Review' }).click();
    await expect(page.getByRole('heading', { name: /Not assigned/ })).toBeHidden();
    await first.close();

    // While main is down, the journal holds a morning the page never stored (a killed run leaves it so).
    const base = await page.evaluate(() => { const d = new Date(); d.setHours(9, 0, 0, 0); return d.getTime(); });
    const journal = openCaptureJournal({ dataDir, syncEveryMs: 0, warn: () => {} });
    journal.put({ id: 'r1', start: base, end: base + 40 * 60_000, app: 'Excel', title: 'Q3 numbers.xlsx', url: null, kind: 'active' }, true);
    journal.close();

    // Main is back on the same address; the page is not reloaded.
    second = await startHarness({ testControls: true, dataDir, token, port: first.port });
    await expect(page.getByRole('heading', { name: /Not assigned/ })).toBeVisible({ timeout: 15_000 });
    await expect(page.getByText('Q3 numbers.xlsx').first()).toBeVisible();
    // Stored and acknowledged: nothing is left to offer.
    await expect.poll(() => second!.main.capture.resendUnacked()).toBe(0);
  } finally {
    await second?.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
