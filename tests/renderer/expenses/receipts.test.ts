// Receipts are kept with their expense on this computer: the bytes come back as stored, a new
// receipt replaces the old one, and deleting the expense deletes its receipt.
import { describe, expect, it } from 'vitest';
import { checkReceipt } from '../../../renderer/src/features/expenses/receipt';
import { expenseWorld, travel } from './world';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const PDF = new TextEncoder().encode('%PDF-1.7 receipt');

describe('receipts', () => {
  it('keeps the receipt’s bytes, name and type with the expense', async () => {
    const w = await expenseWorld();
    const e = await w.repos.expenses.save(travel({ receipt: { name: 'taxi.png', type: 'image/png', data: new Blob([PNG], { type: 'image/png' }) } }));
    const stored = await w.repos.expenses.receipt(e.receiptId!);
    expect(stored).toMatchObject({ expenseId: e.id, name: 'taxi.png', type: 'image/png', size: PNG.length });
    expect(new Uint8Array(await stored!.data.arrayBuffer())).toEqual(PNG);
  });

  it('replaces a receipt, keeps it through an edit that does not touch it, and deletes it with the expense', async () => {
    const w = await expenseWorld();
    const first = await w.repos.expenses.save(travel({ receipt: { name: 'taxi.png', type: 'image/png', data: new Blob([PNG]) } }));
    const replaced = await w.repos.expenses.save(travel({ receipt: { name: 'taxi.pdf', type: 'application/pdf', data: new Blob([PDF]) } }), first.id);
    expect(await w.repos.expenses.receipt(first.receiptId!)).toBeUndefined();
    const kept = await w.repos.expenses.save(travel({ note: 'Taxi' }), first.id);
    expect(kept.receiptId).toBe(replaced.receiptId);
    expect(new TextDecoder().decode(await (await w.repos.expenses.receipt(kept.receiptId!))!.data.arrayBuffer())).toBe('%PDF-1.7 receipt');
    await w.repos.expenses.remove(first.id);
    expect(await w.db.receipts.count()).toBe(0);
  });

  it('removes a receipt when asked', async () => {
    const w = await expenseWorld();
    const e = await w.repos.expenses.save(travel({ receipt: { name: 'taxi.png', type: 'image/png', data: new Blob([PNG]) } }));
    expect((await w.repos.expenses.save(travel({ receipt: null }), e.id)).receiptId).toBeNull();
    expect(await w.db.receipts.count()).toBe(0);
  });
});

it('refuses a receipt over 10 MB, saying how large it is', async () => {
  const check = await checkReceipt(new Blob([new Uint8Array(11 * 1024 * 1024)]));
  expect(check).toEqual({ ok: false, error: 'This file is 11.0 MB; a receipt can be at most 10 MB. Take a smaller photo or scan, then attach it again.' });
});
