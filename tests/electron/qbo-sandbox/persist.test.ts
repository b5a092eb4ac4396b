import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

it('loads a company saved before terms, tax rates, voids and e-mails existed, and invoices in it', async () => {
  const path = join(dir, 'older.json');
  const first = await startSandbox({ port: 0, controlRoutes: false, persistPath: path });
  await first.close();
  // What an older release wrote: no Term or TaxRate lists, no voided ids, no mail.
  const saved = JSON.parse(readFileSync(path, 'utf8')) as { company: { entities: Record<string, unknown>; voided?: unknown; mail?: unknown } };
  delete saved.company.entities['Term'];
  delete saved.company.entities['TaxRate'];
  writeFileSync(path, JSON.stringify(saved));

  const second = await startSandbox({ port: 0, controlRoutes: true, persistPath: path });
  try {
    const tokens = (await (await fetch(`${second.url}/_sandbox/tokens`, { method: 'POST' })).json()) as { access_token: string };
    const headers = { Authorization: `Bearer ${tokens.access_token}`, Accept: 'application/json', 'Content-Type': 'application/json' };
    const api = (path: string, body?: unknown) => fetch(`${second.url}/v3/company/${second.realmId}/${path}`, { method: body ? 'POST' : 'GET', headers, ...(body ? { body: JSON.stringify(body) } : {}) });
    expect((await api('term/1')).status).toBe(400);
    const query = (await (await api('query?query=select%20*%20from%20Term')).json()) as Body;
    expect(query.QueryResponse).toEqual({});
    const state = (await (await fetch(`${second.url}/_sandbox/state`)).json()) as Body;
    const cars = state.entities.Customer.find((c: Body) => c.DisplayName === 'Cool Cars');
    const design = state.entities.Item.find((i: Body) => i.Name === 'Design');
    const line = { DetailType: 'SalesItemLineDetail', Amount: 75, SalesItemLineDetail: { ItemRef: { value: design.Id } } };
    const invoice = (await (await api('invoice', { CustomerRef: { value: cars.Id }, TxnDate: '2026-01-10', Line: [line] })).json()) as Body;
    expect(invoice.Invoice).toMatchObject({ TotalAmt: 75, DueDate: '2026-02-09' });
    const voided = (await (await api('invoice?operation=void', { Id: invoice.Invoice.Id, SyncToken: invoice.Invoice.SyncToken })).json()) as Body;
    expect(voided.Invoice.TotalAmt).toBe(0);
  } finally {
    await second.close();
  }
});
