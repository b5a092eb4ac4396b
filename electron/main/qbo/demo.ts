// The demo company: the local QuickBooks-compatible sandbox, started by the app so someone
// without Intuit keys can try connecting and syncing. Control routes stay off (nothing but the
// app can reach it, and it behaves like QuickBooks, throttles included); the books persist in
// the data folder across restarts. Loaded lazily so the app's start-up does not pay for it.
import { join } from 'node:path';
import type { DemoCompanyBases } from './config';

export interface DemoCompany extends DemoCompanyBases {
  realmId: string;
  close(): Promise<void>;
}

export async function startDemoCompany(options: { dataDir: string }): Promise<DemoCompany> {
  const sandbox = await import('../../qbo-sandbox/index');
  const running = await sandbox.startSandbox({
    port: 0,
    controlRoutes: false,
    limits: { enabled: true, timeScale: 1 },
    persistPath: join(options.dataDir, 'demo-company.json'),
    clients: [sandbox.DEFAULT_CLIENT],
  });
  return {
    apiBase: running.url,
    oauthBase: running.url,
    clientId: sandbox.DEFAULT_CLIENT.clientId,
    clientSecret: sandbox.DEFAULT_CLIENT.clientSecret,
    realmId: running.realmId,
    close: () => running.close(),
  };
}
