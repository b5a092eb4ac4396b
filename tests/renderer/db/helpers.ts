// Test helpers: a private fake IndexedDB per test, a clock the test moves, predictable ids, and the
// upgrade harness every schema version's migration test uses.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { expect } from 'vitest';
import { openDatabase, type TrackNexusDb } from '../../../renderer/src/db/database';
import { createRepos, type Repos } from '../../../renderer/src/db/repos';

export interface TestEnv {
  db: TrackNexusDb;
  repos: ReturnType<typeof createRepos>;
  clock: { now: number; set(ms: number): void; advance(ms: number): void };
}

export async function openTestDb(options: { upToVersion?: number; factory?: IDBFactory; name?: string } = {}) {
  const factory = options.factory ?? new IDBFactory();
  const db = await openDatabase(options.name ?? 'test', { indexedDB: factory, IDBKeyRange, upToVersion: options.upToVersion });
  return { db, factory };
}

export async function testEnv(startAt = Date.UTC(2026, 2, 2, 14, 0)): Promise<TestEnv> {
  const { db } = await openTestDb();
  const clock = {
    now: startAt,
    set(ms: number) {
      clock.now = ms;
    },
    advance(ms: number) {
      clock.now += ms;
    },
  };
  let next = 0;
  const repos = createRepos(db, {
    now: () => clock.now,
    newId: () => `id-${String(++next).padStart(4, '0')}`,
  });
  return { db, repos, clock };
}

/**
 * Creates a database as release `fromVersion` left it, lets `seed` write rows in that version's shape
 * (raw tables, untyped: the current types describe the latest version), closes it, and reopens it with
 * every version, which runs the upgrades. A migration test is then: seed, upgrade, assert.
 */
export async function upgradeFrom(
  fromVersion: number,
  seed: (db: TrackNexusDb) => Promise<void>,
): Promise<TrackNexusDb> {
  const { db: old, factory } = await openTestDb({ upToVersion: fromVersion, name: 'migrating' });
  expect(old.verno).toBe(fromVersion);
  await seed(old);
  old.close();
  const { db } = await openTestDb({ factory, name: 'migrating' });
  return db;
}

/** Local wall time in a zone → instant, for readable fixtures. */
export { zonedInstant as at } from '../../../shared/time/zone';

/**
 * Moves entries along the billing path as the sync engine does when QuickBooks has their time (it
 * never moves them backwards): for tests that need synced or invoiced entries without a QuickBooks.
 */
export async function advanceStatus(repos: Repos, ids: readonly string[], target: 'synced' | 'invoiced'): Promise<void> {
  await repos.entries.transaction([], (tx) => repos.entries.advanceInTx(tx, new Map(ids.map((id) => [id, undefined])), target));
}
