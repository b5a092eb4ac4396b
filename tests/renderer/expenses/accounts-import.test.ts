// The chart of accounts reaches the mirror with the other lists: read whole (inactive accounts
// too) the first time, then changed by CDC (a renamed account, a deleted one), so expense
// categories and the payment account can be chosen from it.
import { describe, expect, it } from 'vitest';
import { importMirror } from '../../../renderer/src/features/quickbooks/engine/import-mirror';
import type { QboPort } from '../../../renderer/src/features/quickbooks/engine/qbo-port';
import { testEnv } from '../db/helpers';

const ACCOUNTS = [
  { Id: '7', Name: 'Travel', FullyQualifiedName: 'Travel', AccountType: 'Expense', Active: true },
  { Id: '8', Name: 'Meals', FullyQualifiedName: 'Meals', AccountType: 'Expense', Active: false },
  { Id: '41', Name: 'Visa', FullyQualifiedName: 'Visa', AccountType: 'Credit Card', Active: true, CurrencyRef: { value: 'EUR' } },
];

function port(changes: Record<string, unknown[]>): QboPort & { asked: string[][] } {
  const asked: string[][] = [];
  return {
    companyId: 'primary',
    asked,
    company: async () => ({ companyInfo: { CompanyName: 'Nexus' }, preferences: {} }),
    queryAll: async (entity: string) => (entity === 'Account' ? ACCOUNTS : []) as never,
    changes: async (entities: string[]) => (asked.push(entities), changes) as never,
  } as unknown as QboPort & { asked: string[][] };
}

describe('chart of accounts in the mirror', () => {
  it('is read whole with inactive accounts, then follows CDC', async () => {
    const { repos, clock } = await testEnv();
    await importMirror({ repos, port: port({}), now: () => clock.now });
    expect(await repos.mirrorOf('primary').accounts()).toEqual([
      { id: '7', name: 'Travel', fullyQualifiedName: 'Travel', type: 'Expense', active: true, currency: null },
      { id: '8', name: 'Meals', fullyQualifiedName: 'Meals', type: 'Expense', active: false, currency: null },
      { id: '41', name: 'Visa', fullyQualifiedName: 'Visa', type: 'Credit Card', active: true, currency: 'EUR' },
    ]);
    clock.advance(60 * 60 * 1000);
    const cdc = port({ Account: [{ Id: '7', Name: 'Travel and lodging', AccountType: 'Expense', Active: true }, { Id: '8', status: 'Deleted' }] });
    expect((await importMirror({ repos, port: cdc, now: () => clock.now })).mode).toBe('cdc');
    expect(cdc.asked[0]).toContain('Account');
    expect((await repos.mirrorOf('primary').accounts())!.map((a) => [a.id, a.name])).toEqual([['7', 'Travel and lodging'], ['41', 'Visa']]);
  });
});
