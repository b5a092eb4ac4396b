// "Export diagnostics" through the real router: versions, settings and the recent log for support,
// and none of the secrets the workspace holds (QuickBooks tokens, the client secret) nor the user's
// own words (capture rules).
import { afterEach, expect, it } from 'vitest';
import { fileSecretStore } from '../../../electron/main/secrets/file-secret-store';
import { connectionKey } from '../../../electron/main/qbo/token-keeper';
import { composeTestMain } from '../compose-test-main';

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

const ACCESS = 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0.access-token-body.sig';
const REFRESH = 'AB11790000000000abcdefghijklmnopqrstuvwxyzQRSTUV';
const CLIENT_SECRET = 'client-secret-9f8e7d6c5b4a';

it('holds versions, settings, companies and the recent log, and no secret or rule text', async () => {
  const t = composeTestMain();
  close = t.close;
  await fileSecretStore(t.dataDir).set(connectionKey('primary'), JSON.stringify({ tokens: { accessToken: ACCESS, refreshToken: REFRESH } }));
  const r = t.main.router;
  expect((await r.dispatch('qbo:saveSettings', { environment: 'sandbox', clientId: 'ABclientid123', clientSecret: CLIENT_SECRET })).ok).toBe(true);
  expect((await r.dispatch('capture:saveSettings', { excludedTitlePatterns: ['Acme merger plans'], excludedApps: ['KeePassXC'], redactions: [{ pattern: 'Dr\\. Who', replacement: 'patient' }] })).ok).toBe(true);
  await r.dispatch('qbo:queryAll', { companyId: 'co-00000000', entity: 'Customer' });
  await t.main.start();

  const answer = await r.dispatch('diagnostics:exportFile', undefined);
  if (!answer.ok) throw new Error(answer.error.message);
  const { fileName, text } = answer.value as { fileName: string; text: string };
  expect(fileName).toMatch(/^track-nexus-diagnostics-2026-01-15-14-00-00\.json$/);
  const report = JSON.parse(text) as {
    app: object;
    capture: { settings: object };
    quickbooks: { settings: object };
    recentLog: string[];
  };
  expect(report.app).toMatchObject({ version: '9.9.9', shell: 'harness', node: process.versions.node });
  expect(report.capture.settings).toMatchObject({ excludedTitlePatterns: 1, excludedApps: 1, redactions: 1 });
  expect(report.quickbooks.settings).toMatchObject({ environment: 'sandbox', hasClientSecret: true, ownClientId: true });
  expect(report.recentLog.some((l) => l.includes('"event":"app.start"'))).toBe(true);
  expect(report.recentLog.some((l) => l.includes('"channel":"qbo:queryAll"'))).toBe(true);

  for (const secret of [ACCESS, REFRESH, CLIENT_SECRET, 'ABclientid123', 'Acme merger plans', 'KeePassXC', 'Dr\\. Who', 'patient']) {
    expect(text).not.toContain(secret);
  }
});
