// Paging a list while someone edits it in QuickBooks. Without ORDERBY, QuickBooks (and the sandbox)
// answer name lists by name, so renaming or adding a customer between two pages shifts the rows
// behind it: a pager without an explicit order skips an unchanged customer, which the mirror import
// would then drop as if it had been deleted. queryAll pages in Id order and sees every row once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createQboClient, type QboClient } from '../../../electron/main/qbo/qbo-client';
import { RateLimiterRegistry } from '../../../electron/main/qbo/rate-limiter';
import { connectedKeeper, control, startTestSandbox } from './helpers';
import { useSandbox } from '../../fixtures/use-sandbox';

const EXTRA = 1500;
const realFetch = globalThis.fetch;
const sandbox = useSandbox(() => startTestSandbox());
let dir: string;
let client: QboClient;
let token: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tn-paging-'));
  const connected = await connectedKeeper(sandbox, sandbox.url, dir);
  token = connected.accessToken;
  const { keeper } = connected;
  client = createQboClient({ apiBase: () => sandbox.url, tokens: keeper, limiters: new RateLimiterRegistry() });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await control(sandbox, 'reset', { extraCustomers: EXTRA });
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Straight to the sandbox, as a bookkeeper's edit in QuickBooks would be. */
async function qbo(path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await realFetch(`${sandbox.url}/v3/company/${sandbox.realmId}/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return (await res.json()) as Record<string, unknown>;
}

async function customerNamed(name: string): Promise<Record<string, unknown>> {
  const r = await qbo(`query?query=${encodeURIComponent(`select * from Customer where DisplayName = '${name}'`)}`);
  return ((r['QueryResponse'] as Record<string, unknown[]>)['Customer'] ?? [])[0] as Record<string, unknown>;
}

async function rename(from: string, to: string): Promise<string> {
  const c = await customerNamed(from);
  await qbo('customer', { Id: c['Id'], SyncToken: c['SyncToken'], sparse: true, DisplayName: to });
  return String(c['Id']);
}

/** A customer on the first page by name renamed to sort last: the rows behind it move up one. */
const renameBack = () => rename('Paging Customer 0005', 'Zephyr Works');
/** A customer on the second page renamed to sort first, and a new one that sorts first too. */
async function renameForwardAndAdd(): Promise<{ renamed: string; added: string }> {
  const renamed = await rename('Paging Customer 1400', 'Aaron Annex');
  const created = await qbo('customer', { DisplayName: 'Abbey Road Studio' });
  return { renamed, added: String((created['Customer'] as Record<string, unknown>)['Id']) };
}

/** Runs `edit` once, right after the answer to the first page arrives. */
function editAfterFirstPage<T>(edit: () => Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const res = await realFetch(input, init);
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (/STARTPOSITION 1 /.test(url.searchParams.get('query') ?? '')) {
        vi.restoreAllMocks();
        await edit().then(resolve, reject);
      }
      return res;
    });
  });
}

/** Pages the way a client without ORDERBY does, in QuickBooks' default order. */
async function pageWithoutOrder(): Promise<string[]> {
  const seen: string[] = [];
  for (let start = 1; ; start += 1000) {
    const page = ((await client.query(`select * from Customer STARTPOSITION ${start} MAXRESULTS 1000`))['Customer'] ?? []) as Array<Record<string, unknown>>;
    seen.push(...page.map((c) => String(c['Id'])));
    if (page.length < 1000) return seen;
  }
}

const activeIds = async () => (await client.queryAll('Customer')).map((c) => String(c['Id']));

describe('paging a list that changes between pages', () => {
  it('without ORDERBY, a rename skips an unchanged customer, one the mirror would drop as deleted', async () => {
    const before = await activeIds();
    const untouched = String((await customerNamed('Paging Customer 0991'))['Id']);
    const edited = editAfterFirstPage(renameBack);
    const seen = await pageWithoutOrder();
    await edited;
    expect(before.filter((id) => !seen.includes(id))).toEqual([untouched]);
  });

  it('without ORDERBY, the customer renamed forward and the one added are both missed', async () => {
    const edited = editAfterFirstPage(renameForwardAndAdd);
    const seen = await pageWithoutOrder();
    const { renamed, added } = await edited;
    expect(seen).not.toContain(renamed);
    expect(seen).not.toContain(added);
  });

  it('queryAll sees every customer exactly once, the renamed ones and the new one included', async () => {
    const before = await activeIds();
    expect(before).toHaveLength(EXTRA + 10);
    const edited = editAfterFirstPage(async () => {
      await renameBack();
      return renameForwardAndAdd();
    });
    const rows = await client.queryAll('Customer');
    const { renamed, added } = await edited;
    const ids = rows.map((c) => String(c['Id']));
    expect(new Set(ids).size).toBe(ids.length);
    // Nothing that existed is missing, so the mirror import has nothing to drop as "deleted".
    expect(before.filter((id) => !ids.includes(id))).toEqual([]);
    expect(ids).toContain(added);
    expect(ids).toHaveLength(before.length + 1);
    expect(rows.find((c) => c['Id'] === renamed)?.['DisplayName']).toBe('Aaron Annex');
  });

  it('sends an explicit ORDERBY Id on every page and refuses a filter that brings its own order', async () => {
    const spy = vi.spyOn(globalThis, 'fetch');
    await client.queryAll('Customer', 'Active IN (true, false)');
    const queries = spy.mock.calls.map(([input]) => new URL(String(input)).searchParams.get('query'));
    expect(queries).toEqual([
      'select * from Customer where Active IN (true, false) ORDERBY Id STARTPOSITION 1 MAXRESULTS 1000',
      'select * from Customer where Active IN (true, false) ORDERBY Id STARTPOSITION 1001 MAXRESULTS 1000',
    ]);
    await expect(client.queryAll('Customer', "Active = true ORDERBY DisplayName")).rejects.toThrow(/orders and pages by itself/);
  });
});
