// A newcomer without Intuit keys connects the demo company from the QuickBooks screen: the app
// starts the local QuickBooks-compatible company, opens its consent page "in the browser" (the
// harness records the URL), the person approves, and the app shows the company as connected.
import { expect, test, artifactsDir } from './fixtures';
import { consentUrl } from './qbo-helpers';

test('the demo company connects through the consent page and disconnects again', async ({ app, harness, context }) => {
  await app.getByRole('link', { name: 'QuickBooks' }).click();
  await expect(app.getByRole('heading', { name: 'Connect QuickBooks Online' })).toBeVisible();
  await app.screenshot({ path: `${artifactsDir}/quickbooks-connect.png`, fullPage: true });
  await app.getByRole('button', { name: 'Try the demo company' }).click();
  await expect(app.getByRole('heading', { name: 'Waiting for QuickBooks…' })).toBeVisible();

  const consent = await context.newPage();
  await consent.goto(await consentUrl(harness));
  await consent.getByRole('button', { name: 'Approve' }).click();
  await expect(consent.getByText(/close this (tab|window)/i)).toBeVisible();
  await consent.close();

  await expect(app.getByRole('heading', { name: /^Connected to / })).toBeVisible();
  await expect(app.getByText('(demo company on this computer)')).toBeVisible();
  await app.screenshot({ path: `${artifactsDir}/quickbooks-connected.png`, fullPage: true });

  await app.getByRole('button', { name: 'Disconnect…' }).click();
  await app.getByRole('alertdialog').getByRole('button', { name: 'Disconnect' }).click();
  // The company stays in the workspace, disconnected, with its mapping and history, ready to reconnect.
  await expect(app.getByRole('heading', { name: 'Reconnect Track Nexus Demo Company (demo)' })).toBeVisible();
  await expect(app.getByRole('button', { name: 'Reconnect the demo company' })).toBeVisible();
  await expect(app.getByRole('navigation', { name: 'QuickBooks companies' })).toContainText('disconnected');
});

test('denying consent leaves the app disconnected with a clear message', async ({ app, harness, context }) => {
  await app.getByRole('link', { name: 'QuickBooks' }).click();
  await app.getByRole('button', { name: 'Try the demo company' }).click();
  const consent = await context.newPage();
  await consent.goto(await consentUrl(harness));
  await consent.getByRole('button', { name: 'Deny' }).click();
  // Read the answer page before closing the tab, as a person would: closing while the redirect chain
  // (sandbox -> loopback callback -> /done) commits can hang Chromium's page close
  // (microsoft/playwright#41900, crbug 536385539).
  await expect(consent.getByRole('heading', { name: 'QuickBooks was not connected' })).toBeVisible();
  await consent.close();
  await expect(app.getByRole('alert').first()).toBeVisible();
  await expect(app.getByRole('heading', { name: 'Connect QuickBooks Online' })).toBeVisible();
});
