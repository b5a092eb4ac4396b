// Trying QuickBooks without Intuit keys: qbo:startDemo starts the local demo company on demand,
// walks the newcomer through the same consent page, and the connection survives a restart
// (the demo company's books and grants persist in the data folder).
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../electron/main/ipc/events';
import { IpcRouter } from '../../../electron/main/ipc/router';
import { startDemoCompany, type DemoCompany } from '../../../electron/main/qbo/demo';
import { registerQboHandlers } from '../../../electron/main/qbo/handlers';
import { fileSecretStore } from '../../../electron/main/secrets/file-secret-store';
import { answerConsent, recordingOpener, visit, waitFor } from './helpers';

let dataDir: string;
const disposers: Array<() => Promise<void>> = [];
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tn-demo-'));
});
afterEach(async () => {
  for (const d of disposers.splice(0)) await d();
  await rm(dataDir, { recursive: true, force: true });
});

function makeApp() {
  const router = new IpcRouter();
  const bus = new EventBus();
  const { opener, opened } = recordingOpener();
  const started: DemoCompany[] = [];
  const qbo = registerQboHandlers(router, bus.emit.bind(bus), {
    secretStore: fileSecretStore(dataDir),
    clock: { now: () => Date.now(), timeZone: () => 'UTC' },
    opener,
    paths: { dataDir },
    env: {},
    startDemo: async (options) => {
      const demo = await startDemoCompany(options);
      started.push(demo);
      return demo;
    },
  });
  disposers.push(() => qbo.dispose());
  return { router, opened, started, dispose: () => qbo.dispose() };
}

describe('demo company', () => {
  it('is started only when asked, shows the consent page and connects without any keys', async () => {
    const app = makeApp();
    expect(await app.router.dispatch('qbo:listCompanies', undefined)).toMatchObject({ ok: true, value: { companies: [] } });
    expect(app.started).toHaveLength(0); // start-up does not pay for it

    const pending = app.router.dispatch('qbo:startDemo', undefined);
    const consent = await waitFor(() => app.opened.at(-1));
    const demo = app.started[0]!;
    expect(consent.startsWith(`${demo.oauthBase}/connect/oauth2?`)).toBe(true);
    await visit(await answerConsent(consent, 'approve'));
    const result = await pending;
    expect(result).toMatchObject({ ok: true, value: { companyId: 'primary', state: 'connected', environment: 'demo', realmId: demo.realmId } });
    expect((result as { value: { companyName: string } }).value.companyName).toBeTruthy();

    // The demo behaves like QuickBooks: no back door for the app or anyone else.
    expect((await fetch(`${demo.apiBase}/_sandbox/state`)).status).toBe(404);
    expect(await app.router.dispatch('qbo:queryAll', { companyId: 'primary', entity: 'Customer' })).toMatchObject({ ok: true });
    expect(await readdir(dataDir)).toContain('demo-company.json');
  });

  it('comes back connected after a restart, starting the demo company again on first use', async () => {
    const first = makeApp();
    const pending = first.router.dispatch('qbo:startDemo', undefined);
    await visit(await answerConsent(await waitFor(() => first.opened.at(-1)), 'approve'));
    await pending;
    const name = `Demo ${Date.now()}`;
    expect(await first.router.dispatch('qbo:sendBatch', { companyId: 'primary', requestId: crypto.randomUUID(), items: [{ bId: 'a', operation: 'create', entity: 'Customer', body: { DisplayName: name } }] })).toMatchObject({ ok: true, value: { items: [{ bId: 'a', fault: null }] } });
    await first.dispose();
    await expect(fetch(`${first.started[0]!.apiBase}/v3/company/x/query`)).rejects.toThrow(); // closed on dispose

    const second = makeApp();
    expect(await second.router.dispatch('qbo:getStatus', { companyId: 'primary' })).toMatchObject({ ok: true, value: { state: 'connected', environment: 'demo' } });
    expect(second.started).toHaveLength(0); // not before the demo company is used
    const found = await second.router.dispatch('qbo:queryAll', { companyId: 'primary', entity: 'Customer', where: `DisplayName = '${name}'` });
    expect(found).toMatchObject({ ok: true, value: { items: [{ DisplayName: name }] } });
    expect(second.started).toHaveLength(1);
    expect(second.opened).toHaveLength(0); // no second consent needed
  });
});
