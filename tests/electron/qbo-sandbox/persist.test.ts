import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startSandbox } from '../../../electron/qbo-sandbox/index';
import type { Body } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'qbo-sandbox-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('keeps the demo company and its tokens across restarts', async () => {
  const path = join(dir, 'demo.json');
  const first = await startSandbox({ port: 0, controlRoutes: true, persistPath: path });
  const tokens = (await (await fetch(`${first.url}/_sandbox/tokens`, { method: 'POST' })).json()) as { access_token: string };
  const headers = { Authorization: `Bearer ${tokens.access_token}`, Accept: 'application/json', 'Content-Type': 'application/json' };
  const created = (await (await fetch(`${first.url}/v3/company/${first.realmId}/customer`, { method: 'POST', headers, body: JSON.stringify({ DisplayName: 'Juniper Co' }) })).json()) as Body;
  await first.close();
  expect(JSON.parse(readFileSync(path, 'utf8')).version).toBe(1);

  const second = await startSandbox({ port: 0, controlRoutes: false, persistPath: path });
  try {
    const read = await fetch(`${second.url}/v3/company/${second.realmId}/customer/${created.Customer.Id}`, { headers });
    expect(read.status).toBe(200);
    expect(((await read.json()) as Body).Customer.DisplayName).toBe('Juniper Co');
    // Ids keep counting from where they were, so nothing is overwritten.
    const next = (await (await fetch(`${second.url}/v3/company/${second.realmId}/customer`, { method: 'POST', headers, body: JSON.stringify({ DisplayName: 'Kapok Co' }) })).json()) as Body;
    expect(Number(next.Customer.Id)).toBeGreaterThan(Number(created.Customer.Id));
  } finally {
    await second.close();
  }
});
