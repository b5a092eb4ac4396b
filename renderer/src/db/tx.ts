// A write transaction as a type, after Signal Desktop's `ReadableDB`/`WritableDB` brands
// (ts/sql/Interface.ts). Code that must run inside a write transaction takes a `WriteTx` and does its
// reads and writes through it; only `writeTx` makes one, so "call inside a transaction" is checked
// by the compiler instead of promised in a comment.
import type { Table } from 'dexie';
import type { TrackNexusDb } from './database';

declare const writable: unique symbol;

/** The database, inside an open read-write transaction over the tables it was opened with. */
export type WriteTx = TrackNexusDb & { readonly [writable]: true };

/**
 * Runs `fn` in one read-write transaction: everything it writes commits together or not at all.
 * Opened inside another one (a repository used by another), it joins the outer transaction, whose
 * tables must include these.
 */
export function writeTx<T>(db: TrackNexusDb, tables: readonly Table[], fn: (tx: WriteTx) => Promise<T>): Promise<T> {
  // An async scope function: Dexie keeps its zone across native awaits only for those.
  return db.transaction('rw', [...tables], async () => await fn(db as WriteTx));
}
