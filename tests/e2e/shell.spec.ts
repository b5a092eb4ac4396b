import { request } from 'node:http';
import { artifactsDir, expect, test } from './fixtures';

const screens = [
  { nav: 'Today', heading: 'Today', empty: 'Nothing tracked today' },
  { nav: 'Review', heading: 'Review', empty: 'No activity captured for this day' },
  { nav: 'Timesheet', heading: 'Timesheet', empty: 'No time this week' },
  { nav: 'QuickBooks', heading: 'QuickBooks', empty: 'Connect QuickBooks Online' },
  { nav: 'Settings', heading: 'Settings', empty: null },
] as const;

for (const scheme of ['light', 'dark'] as const) {
  test(`every screen opens from the navigation and shows its empty state (${scheme})`, async ({ app }) => {
    await app.emulateMedia({ colorScheme: scheme });
    for (const s of screens) {
      await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: s.nav }).click();
      await expect(app.getByRole('heading', { level: 1, name: s.heading })).toBeVisible();
      if (s.empty) await expect(app.getByRole('heading', { name: s.empty })).toBeVisible();
      await app.screenshot({ path: `${artifactsDir}/${s.nav.toLowerCase()}-${scheme}.png` });
    }
  });
}

test('the theme follows the operating system', async ({ app }) => {
  await app.emulateMedia({ colorScheme: 'light' });
  const light = await app.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await app.emulateMedia({ colorScheme: 'dark' });
  const dark = await app.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(light).not.toEqual(dark);
});

test('the app is usable from the keyboard alone', async ({ app }) => {
  // Tab from the top reaches the skip link, then the navigation.
  await app.keyboard.press('Tab');
  await expect(app.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await app.keyboard.press('Tab');
  await expect(app.getByRole('link', { name: 'Today' })).toBeFocused();
  await app.keyboard.press('Tab');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { level: 1, name: 'Review' })).toBeFocused();
  // Ctrl+3 jumps to the third screen.
  await app.keyboard.press('Control+3');
  await expect(app.getByRole('heading', { level: 1, name: 'Timesheet' })).toBeVisible();
});

test('Settings reads app information from main through the contract', async ({ app }) => {
  await app.getByRole('link', { name: 'Settings' }).click();
  await expect(app.getByText('Browser harness (npm run web)')).toBeVisible();
});

test('the harness refuses calls without the per-run secret', async ({ harness }) => {
  const res = await fetch(`${harness.url}/rpc/app:getInfo`, { method: 'POST', body: '{}' });
  expect(res.status).toBe(403);
  const body = (await res.json()) as { ok: boolean; error: { kind: string } };
  expect(body).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  // A wrong Host header (DNS rebinding) is refused even with the secret.
  // (fetch cannot forge Host, so this uses node:http as a rebinding page's request would arrive.)
  const status = await new Promise<number>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: harness.port, path: '/rpc/app:getInfo', method: 'POST',
        headers: { 'x-track-nexus-token': harness.token, host: 'evil.example' } },
      (res) => { res.resume(); resolve(res.statusCode ?? 0); },
    );
    req.on('error', reject);
    req.end('{}');
  });
  expect(status).toBe(421);
});

test('the page is served with a strict Content-Security-Policy', async ({ harness }) => {
  const res = await fetch(harness.url + '/');
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain('unsafe-eval');
});
