import type { Transaction } from 'dexie';

/**
 * One schema version. Versions are append-only: once released, a version's stores and upgrade never
 * change; a later need becomes a new file (v3.ts, v4.ts, …) added to the list in ../versions.ts.
 * `stores` lists only the tables this version adds or re-indexes (Dexie carries the rest forward).
 */
export interface SchemaVersion {
  version: number;
  /** One line on why this version exists. */
  why: string;
  stores: Record<string, string | null>;
  /**
   * Runs inside the version-change transaction. It sees the data as the previous version left it,
   * so it must read rows untyped and must not call repositories (they speak the latest shape).
   */
  upgrade?: (tx: Transaction) => Promise<void>;
}
