// The reconciliation's writes and the conflicts it leaves for the user, each pass or resolution in
// one transaction: fresher SyncTokens and billed locks for matched keys, the conflict rule's
// resolution (outbox rows, "QuickBooks wins" written locally), ask-list items as open conflicts and
// an audit row per conflict.
import type { AuditRecord } from '../../../../../shared/sync/audit';
import type { OutboxRow } from '../../../../../shared/sync/outbox';
import type { ChangedInQbo, DeletedInQbo, MatchedActivity, Resolution } from '../../../../../shared/sync/reconcile';
import type { RepoContext } from '../../../db/context';
import type { EntriesRepo, EntryTx } from '../../../db/repos/entries-repo';
import type { ConflictRow, SyncRecordRow } from '../../../db/schema';
import { advanceEntries, ofCompany, syncTables } from './outbox-store';
import { recordsOf } from './planner';
import { writeQboWins } from './reconcile-writes';
import type { SyncContextReader } from './sync-context';

type FoundConflict = { kind: 'changedInQbo'; item: ChangedInQbo } | { kind: 'deletedInQbo'; item: DeletedInQbo };

export interface ReconciliationWrites {
  matched: readonly MatchedActivity[];
  resolution: Resolution;
  conflicts: readonly FoundConflict[];
  /** Set when this resolves one conflict row from the ask-list screen. */
  resolvedConflictId?: string;
  resolvedAs?: 'tracker' | 'quickbooks';
  /** The company reconciled: adopting QuickBooks' edit maps its customers and items back. */
  companyId: string;
}

export function createReconcileStore(ctx: RepoContext, deps: { entries: EntriesRepo; reader: SyncContextReader }) {
  const audit = (partial: Omit<AuditRecord, 'id'>): AuditRecord => ({ id: ctx.newId(), ...partial });

  /** Records of matched keys take QuickBooks' SyncToken and billed lock; billed entries become invoiced. */
  async function writeMatched(tx: EntryTx, input: ReconciliationWrites, qboWinsRecords: ReadonlyMap<string, SyncRecordRow | Omit<SyncRecordRow, 'updatedAt'>>, now: number) {
    const { matched, resolution } = input;
    const keys = [...new Set([...matched.map((m) => m.key), ...resolution.localUpdates.map((u) => u.key)])];
    const records = new Map((await recordsOf(tx.db, keys)).map((r) => [r.key, r]));
    const puts: SyncRecordRow[] = [];
    const deletes: string[] = [];
    const billed: Array<Pick<OutboxRow, 'entryIds' | 'entryVersions'>> = [];
    for (const m of matched) {
      const r = records.get(m.key);
      if (!r) continue;
      if (m.syncTokenChanged || m.billed) puts.push({ ...r, syncToken: m.syncToken, ...(m.billed ? { billableStatus: 'HasBeenBilled' as const } : {}), updatedAt: now });
      if (m.billed) billed.push({ entryIds: r.entryIds, entryVersions: [] });
    }
    for (const u of resolution.localUpdates) {
      if (u.kind === 'adoptQbo' || u.kind === 'lockBilled') puts.push({ ...(qboWinsRecords.get(u.key) ?? u.record), updatedAt: now });
      else deletes.push(u.key);
      if (u.kind === 'lockBilled') billed.push({ entryIds: u.entryIds, entryVersions: [] });
    }
    if (puts.length) await tx.db.syncRecords.bulkPut(puts);
    if (deletes.length) await tx.db.syncRecords.bulkDelete(deletes);
    await advanceEntries(deps.entries, tx, billed, 'invoiced');
  }

  /** Ask-list items become open conflicts, replacing an older open one of the same key. */
  async function writeAskList(tx: EntryTx, input: ReconciliationWrites, now: number) {
    const askList = input.resolution.askList;
    if (askList.length === 0) return;
    const older = (await tx.db.conflicts.where('key').anyOf(askList.map((a) => a.key)).toArray()).filter((c) => c.status === 'open').map((c) => c.id);
    if (older.length) await tx.db.conflicts.bulkDelete(older);
    await tx.db.conflicts.bulkAdd(
      askList.map((a) => {
        const source = input.conflicts.find((c) => c.item.key === a.key);
        return { id: ctx.newId(), key: a.key, kind: a.kind === 'changed' ? 'changedInQbo' : 'deletedInQbo', detail: { ask: a, conflict: source?.item ?? null }, status: 'open', createdAt: now } satisfies ConflictRow;
      }),
    );
  }

  const conflictAudit = ({ kind, item }: FoundConflict, now: number) =>
    audit({
      at: now,
      op: 'reconcile',
      entryIds: [...item.record.entryIds],
      entryVersions: [...item.record.entryVersions],
      key: item.key,
      payload: item.record.payload,
      payloadHash: item.record.payloadHash,
      qboId: item.qboId,
      ...(kind === 'changedInQbo' ? { syncToken: item.current.SyncToken } : {}),
      requestId: '',
      outcome: 'conflict',
      message: kind === 'changedInQbo' ? `Changed in QuickBooks: ${item.diffs.map((d) => d.field).join(', ')}` : 'Deleted in QuickBooks',
    });

  return {
    /** Conflicts in one company or (without an id) in all. */
    async conflicts(status: ConflictRow['status'] = 'open', companyId?: string): Promise<ConflictRow[]> {
      return ofCompany(await ctx.db.conflicts.where('status').equals(status).toArray(), companyId);
    },

    /** The reconciliation pass's (or one conflict's resolution's) writes, in one transaction. */
    async applyReconciliation(input: ReconciliationWrites): Promise<void> {
      // Adopting QuickBooks' edit maps customers/items back to projects/tasks and re-reads the
      // description template: configuration, read before the write transaction opens.
      const adoptCtx = input.resolution.localUpdates.some((u) => u.kind === 'adoptQbo') ? (await deps.reader.loadContext(input.companyId)).transform : null;
      await deps.entries.transaction(syncTables(ctx), async (tx) => {
        const now = ctx.now();
        // QuickBooks wins: the entries first (edited → its version, deleted → drafts), then the records.
        const qboWins = await writeQboWins(deps.entries, tx, input.resolution.localUpdates, adoptCtx, now);
        await writeMatched(tx, input, qboWins.records, now);
        if (input.resolution.outboxRows.length) await tx.db.outbox.bulkPut(input.resolution.outboxRows);
        if (input.resolution.cancelled.length) await tx.db.outbox.bulkDelete(input.resolution.cancelled);
        await writeAskList(tx, input, now);
        if (input.resolvedConflictId) await tx.db.conflicts.update(input.resolvedConflictId, { status: 'resolved', ...(input.resolvedAs ? { resolution: input.resolvedAs } : {}) });
        await tx.db.syncAudit.bulkAdd(input.conflicts.map((c) => conflictAudit(c, now)));
        // After what was found: what "QuickBooks wins" did to the entries.
        if (qboWins.audits.length) await tx.db.syncAudit.bulkAdd(qboWins.audits.map(audit));
      });
    },
  };
}
