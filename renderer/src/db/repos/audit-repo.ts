// Reading the audit log. Rows are written only by the other repositories, inside their transactions.
import type { RepoContext } from '../context';
import type { AuditRow } from '../schema';

export interface AuditPage {
  rows: AuditRow[];
  /** Pass as `beforeId` for the next (older) page; null when this was the last. */
  nextBeforeId: number | null;
}

/** One flat row per change, ready for CSV: times as ISO UTC, snapshots as JSON. */
export interface AuditExportRow {
  id: number;
  at: string;
  entityType: string;
  entityId: string;
  action: string;
  actor: string;
  version: number | '';
  before: string;
  after: string;
  note: string;
}

export function createAuditRepo(ctx: RepoContext) {
  const { db } = ctx;
  return {
    /** An entity's history, oldest first. */
    listForEntity: (entityId: string): Promise<AuditRow[]> =>
      db.audit.where('[entityId+at]').between([entityId, -Infinity], [entityId, Infinity]).toArray(),

    /** Newest first, `limit` at a time. */
    async listPage(opts: { beforeId?: number; limit?: number } = {}): Promise<AuditPage> {
      const limit = opts.limit ?? 100;
      const collection = opts.beforeId === undefined ? db.audit.toCollection() : db.audit.where('id').below(opts.beforeId);
      const rows = await collection.reverse().limit(limit + 1).toArray();
      const page = rows.slice(0, limit);
      return { rows: page, nextBeforeId: rows.length > limit ? (page.at(-1)!.id ?? null) : null };
    },

    /** Changes made in [fromMs, toMs), oldest first, flattened for export. */
    async exportRows(opts: { fromMs?: number; toMs?: number } = {}): Promise<AuditExportRow[]> {
      const rows = await db.audit
        .where('at')
        .between(opts.fromMs ?? -Infinity, opts.toMs ?? Infinity, true, false)
        .toArray();
      return rows.map((r) => ({
        id: r.id!,
        at: new Date(r.at).toISOString(),
        entityType: r.entityType,
        entityId: r.entityId,
        action: r.action,
        actor: r.actor,
        version: r.version ?? '',
        before: r.before == null ? '' : JSON.stringify(r.before),
        after: r.after == null ? '' : JSON.stringify(r.after),
        note: r.note ?? '',
      }));
    },
  };
}
