// Billing arrangements against the local QuickBooks sandbox (limits on, time-scaled) through main's
// real client: a retainer month's time leaves the hourly list and comes back as the month's invoice
// (fee plus overage), made once in QuickBooks with every TimeActivity linked; the same step is never
// invoiced twice, not even from a preview made before; a fixed fee and its overage add up to the
// arrangement's total.
import { describe, expect, it } from 'vitest';
import type { BillingArrangement } from '../../../shared/billing/types';
import { createSyncEngine } from '../../../renderer/src/features/quickbooks/engine/engine';
import { createInvoiceService } from '../../../renderer/src/features/invoices/engine/service';
import { makeEntries, sandboxState, sandboxTimeActivities, world, type World } from '../quickbooks/setup';
import { useWorldSandbox } from '../quickbooks/sandbox-hooks';

const SCALE = 60;
const qbo = useWorldSandbox(SCALE, { seed: 16 });
const OCTOBER = { from: '2026-10-01', to: '2026-10-31' };
const TODAY = '2026-11-02';

const serviceFor = (w: World, today = TODAY) => createInvoiceService({ repos: w.repos, port: w.conn.port, today: () => today, sleep: async () => {} });

/** One project with an arrangement and N synced entries on it (15–18 minutes each, 20 a day from 1 October), and their minutes in QuickBooks. */
async function arrangedWorld(n: number, billing: BillingArrangement): Promise<{ w: World; ids: string[]; minutes: number }> {
  const w = await world(qbo.conn, { projects: 1 });
  await w.db.projects.update(w.projects[0]!.id, { billing });
  const ids = await makeEntries(w, n);
  await w.repos.entries.approve(ids);
  const result = await createSyncEngine({ repos: w.repos, port: w.conn.port, retryScale: SCALE }).run();
  expect(result).toMatchObject({ failed: 0, remaining: 0 });
  // Minutes as QuickBooks holds them (rounded as the workspace rounds).
  const minutes = (await sandboxTimeActivities(qbo.sandbox)).reduce((s, t) => s + t.Hours * 60 + t.Minutes, 0);
  return { w, ids, minutes };
}

async function sandboxInvoices(): Promise<Array<Record<string, unknown>>> {
  const state = (await sandboxState(qbo.sandbox)) as { entities: { Invoice?: Record<string, Record<string, unknown>> } };
  return Object.values(state.entities.Invoice ?? {});
}

const RETAINER: BillingArrangement = {
  kind: 'retainer', period: 'monthly', startDate: '2026-10-01', endDate: null, feeMinor: 100_000, allowanceMinutes: 600,
  overageRateMinor: 12_000, rollover: null, billedInAdvance: false, autoCreate: false,
};

describe('a retainer month', () => {
  it("is billed as the month's fee plus the overage at its rate, once, linking every TimeActivity; its time is never offered by the hour", async () => {
    const { w, ids, minutes } = await arrangedWorld(40, RETAINER);
    const service = serviceFor(w);
    expect((await service.unbilled(OCTOBER)).customers).toEqual([]);
    const [project] = await service.arrangements();
    expect(project!.proposals).toHaveLength(1);
    const over = minutes - 600;
    const expected = 100_000 + Math.round((over * 12_000) / 60);
    expect(project!.proposals[0]!.totalMinor).toBe(expected);

    const previews = await service.previewArrangements(project!.proposals.map((p) => p.key));
    expect(previews[0]!.issues.filter((i) => i.blocking)).toEqual([]);
    const result = await service.create(previews);
    expect(result.failed).toEqual([]);
    const [invoice] = await sandboxInvoices();
    expect(Math.round(Number(invoice!.TotalAmt) * 100)).toBe(expected);
    const linked = (invoice!.Line as Array<{ LinkedTxn?: Array<{ TxnType: string }> }>).flatMap((l) => l.LinkedTxn ?? []).filter((t) => t.TxnType === 'TimeActivity');
    expect(linked.length).toBeGreaterThan(0);
    for (const id of ids) expect((await w.repos.entries.get(id))!.status).toBe('invoiced');
    expect((await service.arrangements())[0]!.proposals).toEqual([]);

    // The same preview, created again (a second window): refused, nothing sent.
    await expect(service.create(previews)).rejects.toThrow(/invoiced meanwhile|changed since the preview/);
    expect(await sandboxInvoices()).toHaveLength(1);
  });

  it('is made without asking after a refresh when the user opted in, and only once', async () => {
    const { w } = await arrangedWorld(20, { ...RETAINER, autoCreate: true });
    const service = serviceFor(w);
    await service.refresh();
    await service.refresh();
    expect(await sandboxInvoices()).toHaveLength(1);
    expect((await service.arrangements())[0]!.proposals).toEqual([]);
  });
});

describe('a fixed fee', () => {
  it('bills the fee, then the hours beyond the estimate; together they make fee + overage exactly', async () => {
    const fixed: BillingArrangement = { kind: 'fixedFee', feeMinor: 250_000, estimateMinutes: 300, overageRateMinor: 9_000, feeBilled: 'upfront', completedOn: null };
    const { w, minutes } = await arrangedWorld(30, fixed);
    const service = serviceFor(w);
    const due = (await service.arrangements())[0]!.proposals;
    expect(due.length).toBeGreaterThan(0);
    await service.create(await service.previewArrangements(due.map((p) => p.key)));
    const total = (await sandboxInvoices()).reduce((s, i) => s + Math.round(Number(i.TotalAmt) * 100), 0);
    expect(total).toBe(250_000 + Math.round(((minutes - 300) * 9_000) / 60));
    expect((await service.arrangements())[0]!.proposals).toEqual([]);
  });
});
