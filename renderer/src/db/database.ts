// The one Dexie database of the renderer. Only repositories (./repos) use it directly; screens read
// through repositories inside useLiveQuery.
import Dexie, { type DexieOptions, type Table } from 'dexie';
import type {
  AuditRow,
  BatchPlanRow,
  ConflictRow,
  OutboxRowRecord,
  QboEntityRow,
  QboStateRow,
  SyncAuditRow,
  SyncRecordRow,
  AwayPeriodRow,
  ClientRow,
  EntryRow,
  InvoiceRow,
  ExpenseRow,
  PaymentRow,
  ReceiptRow,
  MatcherStateRow,
  ProjectRow,
  RateCardRow,
  RuleRow,
  SegmentRow,
  SettingRow,
  TaskRow,
} from './schema';
import { schemaVersions, type SchemaVersion } from './versions';

const DEFAULT_DB_NAME = 'track-nexus';

export class TrackNexusDb extends Dexie {
  clients!: Table<ClientRow, string>;
  projects!: Table<ProjectRow, string>;
  tasks!: Table<TaskRow, string>;
  rateCards!: Table<RateCardRow, string>;
  entries!: Table<EntryRow, string>;
  segments!: Table<SegmentRow, string>;
  awayPeriods!: Table<AwayPeriodRow, string>;
  settings!: Table<SettingRow, string>;
  audit!: Table<AuditRow, number>;
  rules!: Table<RuleRow, string>;
  matcherState!: Table<MatcherStateRow, string>;
  outbox!: Table<OutboxRowRecord, string>;
  syncRecords!: Table<SyncRecordRow, string>;
  batchPlans!: Table<BatchPlanRow, string>;
  syncAudit!: Table<SyncAuditRow, string>;
  conflicts!: Table<ConflictRow, string>;
  qboEntities!: Table<QboEntityRow, [string, string]>;
  qboState!: Table<QboStateRow, string>;
  invoices!: Table<InvoiceRow, string>;
  expenses!: Table<ExpenseRow, string>;
  receipts!: Table<ReceiptRow, string>;
  payments!: Table<PaymentRow, string>;
  /** How it was opened (its IndexedDB), so a scratch database beside it uses the same one (features/backup). */
  readonly openOptions: OpenOptions;

  constructor(name: string, options: OpenOptions = {}, versions: readonly SchemaVersion[] = schemaVersions) {
    super(name, {
      ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
      ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
    });
    this.openOptions = options;
    for (const v of versions) {
      const declared = this.version(v.version).stores(v.stores);
      if (v.upgrade) declared.upgrade(v.upgrade);
    }
  }
}

export interface OpenOptions {
  /** Inject an IndexedDB implementation (fake-indexeddb in tests and the Node benchmark). */
  indexedDB?: DexieOptions['indexedDB'];
  IDBKeyRange?: DexieOptions['IDBKeyRange'];
  /**
   * Open with the versions up to and including this one only. For migration tests, which create a
   * database as an older release left it; the app always opens the latest.
   */
  upToVersion?: number;
}

/** Opens (creating or upgrading) the database. Resolves once the upgrade, if any, has committed. */
export async function openDatabase(name = DEFAULT_DB_NAME, options: OpenOptions = {}): Promise<TrackNexusDb> {
  const versions =
    options.upToVersion === undefined ? schemaVersions : schemaVersions.filter((v) => v.version <= options.upToVersion!);
  if (versions.length === 0) throw new RangeError(`No schema version <= ${options.upToVersion}`);
  const db = new TrackNexusDb(name, options, versions);
  await db.open();
  return db;
}
