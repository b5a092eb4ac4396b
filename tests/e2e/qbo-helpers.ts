// What the QuickBooks stories share: the sandbox's books as they stand, the consent page the app
// opened "in the system browser", and connecting the app to a sandbox as a custom server.
import type { BrowserContext, Page } from '@playwright/test';
import type { RunningSandbox } from '../../electron/qbo-sandbox/index';
import { control, expect } from './fixtures';

export interface SandboxState {
  entities: Record<string, Array<Record<string, unknown> & { Id: string }>>;
}

export async function sandboxState(sb: RunningSandbox): Promise<SandboxState> {
  const res = await fetch(`${sb.url}/_sandbox/state`);
  return (await res.json()) as SandboxState;
}

export type Harness = Parameters<typeof control>[0];

/** The nth consent page the app opened "in the system browser" (1 = the first connect). */
export async function consentUrl(harness: Harness, nth = 1): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const { urls } = (await control(harness, 'opened')) as { urls: string[] };
    const url = urls.filter((u) => u.includes('/connect/oauth2'))[nth - 1];
    if (url) return url;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('The consent page was never opened');
}

/** Connects the sandbox as a custom server, through its consent page. */
export async function connectCustomServer(app: Page, harness: Harness, context: BrowserContext, sb: RunningSandbox) {
  await app.getByRole('link', { name: 'QuickBooks' }).click();
  await app.getByLabel('Where').selectOption('custom');
  await app.getByLabel('API base URL').fill(sb.url);
  await app.getByLabel('OAuth base URL').fill(sb.url);
  await app.getByLabel('Client ID').fill('sandbox-client');
  await app.getByLabel('Client secret').fill('sandbox-secret');
  await app.getByRole('button', { name: 'Connect', exact: true }).click();
  const consent = await context.newPage();
  await consent.goto(await consentUrl(harness));
  await consent.getByRole('button', { name: 'Approve' }).click();
  await expect(consent.getByText(/close this (tab|window)/i)).toBeVisible();
  await consent.close();
  await expect(app.getByRole('heading', { name: 'Connected to Track Nexus Demo Company' })).toBeVisible();
}
