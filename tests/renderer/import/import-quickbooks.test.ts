// Imported time and QuickBooks, against the local sandbox through the real engine: rows invoiced in
// their source are imported as invoiced and never reach QuickBooks, whatever the user then does
// (approve them, edit them, run a sync); zero-length rows cannot be approved. Time imported as a
// plain draft goes like any other once approved, which shows the world below does send time.
import { describe, expect, it } from 'vitest';
import type { ImportedRow } from '../../../shared/csv/types';
import { createSyncEngine } from '../../../renderer/src/features/quickbooks/engine/engine';
import { runImport } from '../../../renderer/src/features/import/import-plan';
import { LockedEntryError } from '../../../renderer/src/db/errors';
import { sandboxTimeActivities, world } from '../quickbooks/setup';
import { useWorldSandbox } from '../quickbooks/sandbox-hooks';

const SCALE = 60;
const MIN = 60_000;
const zone = 'America/New_York';
/** 09:00 in New York on 2026-10-01. */
const NINE = Date.UTC(2026, 9, 1, 13, 0);
const NO_MONEY = { currency: null, rateMinor: null, amountMinor: null, costRateMinor: null };

const qbo = useWorldSandbox(SCALE, { seed: 3 });

/** A row of project P0 (mapped to a QuickBooks customer), `minutes` long from NINE + `at` minutes. */
const row = (importKey: string, at: number, minutes: number, over: Partial<ImportedRow> = {}): ImportedRow => ({
  line: 2, importKey, start: NINE + at * MIN, end: NINE + (at + minutes) * MIN, zone, person: 'Dana', client: 'Clients', project: 'P0', task: null,
  description: importKey, billable: true, tags: [], money: NO_MONEY, sourceStatus: null, startAssumed: false, ...over,
});

describe('imported time and QuickBooks', () => {
  it('never sends rows invoiced in the source, nor zero-length ones, and sends approved drafts as usual', async () => {
    const w = await world(qbo.conn);
    const outcome = await runImport(w.repos, [
      row('billed-1', 0, 60, { sourceStatus: 'invoiced' }),
      row('billed-2', 60, 30, { sourceStatus: 'invoiced' }),
      row('no-time', 90, 0),
      row('new-work', 120, 45, { sourceStatus: 'approved' }),
    ]);
    expect(outcome).toMatchObject({ imported: 4, invoiced: 2 });
    const entries = (await w.repos.entries.listDay('2026-10-01')).filter((e) => e.source === 'import');
    const id = (d: string) => entries.find((e) => e.description === d)!.id;
    expect(await w.repos.sync.allRows()).toEqual([]); // importing planned nothing

    // What a user can do: approve everything imported, try to edit invoiced time, run a sync.
    const approval = await w.repos.entries.approve(entries.map((e) => e.id));
    expect(approval.approved).toEqual([id('new-work')]);
    expect(approval.skipped.map((s) => s.reason)).toEqual(['already invoiced', 'already invoiced', expect.stringContaining('lasts 0:00')]);
    await expect(w.repos.entries.update(id('billed-1'), { end: NINE + 90 * MIN }, { confirmed: true })).rejects.toBeInstanceOf(LockedEntryError);
    expect(await w.repos.sync.planApproved()).toMatchObject({ planned: 0 });
    const result = await createSyncEngine({ repos: w.repos, port: w.conn.port, retryScale: SCALE, concurrency: 2 }).run();
    expect(result).toMatchObject({ status: 'completed', failed: 0, remaining: 0 });

    const sent = await sandboxTimeActivities(qbo.sandbox);
    expect(sent.map((t) => [t.Description, t.Hours * 60 + t.Minutes])).toEqual([[expect.stringContaining('new-work'), 45]]);
    expect((await w.repos.entries.get(id('new-work')))!.status).toBe('synced');
    expect((await w.repos.entries.get(id('billed-1')))!.status).toBe('invoiced');
    expect((await w.repos.entries.get(id('no-time')))!.status).toBe('draft');

    // Not QuickBooks' time, so not in its reconciliation; and a wrong file can still be taken back.
    expect((await w.repos.sync.pushableEntries({ from: '2026-10-01', to: '2026-10-01' })).map((e) => e.description)).toEqual(['new-work']);
    await w.repos.entries.delete([id('billed-1'), id('billed-2')]);
    expect((await w.repos.entries.listDay('2026-10-01')).map((e) => e.description).sort()).toEqual(['new-work', 'no-time']);
    expect(await w.repos.sync.planApproved()).toMatchObject({ planned: 0 });
  });
});
