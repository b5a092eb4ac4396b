// "QuickBooks wins", written locally. The reconcile store's applyReconciliation calls this inside
// its transaction for every adoptQbo / unlinkDeleted update, whether the rule was applied by the
// reconciliation pass or chosen on the conflicts screen, so both paths write exactly the same.
// - Edited in QuickBooks: the entries take QuickBooks' version (shared/sync/adopt) and stay synced;
//   the new sync record carries their new versions, so it describes them as they now are.
// - Deleted in QuickBooks: the entries become drafts (unlocked, not queued), so the next sync does
//   not create the time again and nothing claims it is in QuickBooks.
import { isAggregateKey } from '../../../../../shared/qbo/transform';
import { adoptIntoEntry, type AdoptContext } from '../../../../../shared/sync/adopt';
import type { AuditRecord } from '../../../../../shared/sync/audit';
import type { SyncRecord } from '../../../../../shared/sync/outbox';
import type { LocalUpdate } from '../../../../../shared/sync/reconcile';
import type { EntriesRepo, EntryTx } from '../../../db/repos/entries-repo';

type Adopt = Extract<LocalUpdate, { kind: 'adoptQbo' }>;
type Unlink = Extract<LocalUpdate, { kind: 'unlinkDeleted' }>;

export interface LocalWrites {
  /** Sync records to store instead of the update's own (adoptQbo: with the entries' new versions). */
  records: Map<string, SyncRecord>;
  /** Sync audit rows (without ids) saying what was taken from QuickBooks and what was not. */
  audits: Array<Omit<AuditRecord, 'id'>>;
}

const fieldsOf = (u: Adopt) => [...new Set(u.diffs.map((d) => d.field))].join(', ');
const notSynced = (ids: string[]) => (ids.length ? ` Left as they are (changed in Track Nexus since the sync, so that version is on its way): ${ids.join(', ')}.` : '');

async function adopt(entries: EntriesRepo, tx: EntryTx, u: Adopt, adoptCtx: AdoptContext, writes: LocalWrites, now: number): Promise<void> {
  const base = { at: now, op: 'reconcile' as const, entryIds: [...u.record.entryIds], payloadHash: u.record.payloadHash, qboId: u.record.qboId, syncToken: u.record.syncToken, requestId: '', outcome: 'conflict' as const };
  if (isAggregateKey(u.key)) {
    // One TimeActivity holds several entries' rounded shares; QuickBooks' total (or text, or date)
    // cannot be split back into them faithfully. Scaling each entry proportionally would invent
    // start/end times nobody recorded and still not round back to QuickBooks' figure, so the entries
    // keep their own times and only the record follows QuickBooks (the next pass is quiet).
    writes.audits.push({
      ...base,
      entryVersions: [...u.record.entryVersions],
      message: `QuickBooks' version kept (${fieldsOf(u)}), but this TimeActivity combines several entries, which cannot be split back, so the entries were not changed. Track Nexus sends its own figures again the next time one of them changes.`,
    });
    return;
  }
  const items: Array<{ id: string; patch: Record<string, unknown>; status: 'synced'; note: string }> = [];
  const notes: string[] = [];
  const left: string[] = [];
  for (const id of u.entryIds) {
    const entry = await entries.get(id);
    if (!entry || entry.status !== 'synced') {
      left.push(id);
      continue;
    }
    const a = adoptIntoEntry(entry, { diffs: u.diffs, current: u.current }, adoptCtx);
    const note = `Changed in QuickBooks; QuickBooks' version taken: ${a.applied.length ? a.applied.join(', ') : 'nothing an entry holds'}.${a.notApplied.length ? ` Not taken: ${a.notApplied.join('; ')}.` : ''}`;
    notes.push(note);
    // Nothing the entry holds changed (e.g. only the rate): no write, no version bump.
    if (Object.keys(a.patch).length) items.push({ id, patch: a.patch, status: 'synced', note });
  }
  const { written, skipped } = await entries.writeFromQuickBooksInTx(tx, items);
  const version = new Map(written.map((e) => [e.id, e.version]));
  const entryVersions = u.record.entryIds.map((id, i) => version.get(id) ?? u.record.entryVersions[i]!);
  writes.records.set(u.key, { ...u.record, entryVersions });
  writes.audits.push({ ...base, entryVersions, message: `${notes.join(' ') || "QuickBooks' version kept as the record."}${notSynced([...left, ...skipped])}` });
}

async function unlink(entries: EntriesRepo, tx: EntryTx, u: Unlink, writes: LocalWrites, now: number): Promise<void> {
  const note = 'Deleted in QuickBooks; QuickBooks wins, so this time is a draft again and is not sent. Approve it to send it again, or delete it.';
  const { written, skipped } = await entries.writeFromQuickBooksInTx(tx, u.entryIds.map((id) => ({ id, patch: {}, status: 'draft' as const, note })));
  const entryVersions: number[] = [];
  for (const id of u.entryIds) entryVersions.push(written.find((e) => e.id === id)?.version ?? (await entries.get(id))?.version ?? 0);
  writes.audits.push({
    at: now,
    op: 'reconcile',
    entryIds: [...u.entryIds],
    entryVersions,
    payloadHash: '',
    requestId: '',
    outcome: 'conflict',
    message: `${note}${notSynced(skipped)}`,
  });
}

/** Writes the entry side of "QuickBooks wins", inside the reconciliation's transaction. */
export async function writeQboWins(entries: EntriesRepo, tx: EntryTx, updates: readonly LocalUpdate[], adoptCtx: AdoptContext | null, now: number): Promise<LocalWrites> {
  const writes: LocalWrites = { records: new Map(), audits: [] };
  for (const u of updates) {
    if (u.kind === 'adoptQbo') await adopt(entries, tx, u, adoptCtx ?? { projects: [], tasks: [] }, writes, now);
    else if (u.kind === 'unlinkDeleted') await unlink(entries, tx, u, writes, now);
  }
  return writes;
}
