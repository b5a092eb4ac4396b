// Writes the generated year into a database, a month per transaction with chunked bulkAdd so memory
// stays flat. This is benchmark setup, not app code: it writes rows as the repositories would have
// left them (entries with their derived localDate, one create audit row each).
import type { TrackNexusDb } from '../../renderer/src/db/database';
import { catalog, generateDay, yearDates, type YearShape } from './generate';

export interface SeedResult {
  entries: number;
  segments: number;
  auditRows: number;
  dates: string[];
  /** Sum of the rows' JSON sizes: what fake-indexeddb holds, without index overhead. */
  jsonBytes: number;
  seedMs: number;
}

const CHUNK = 5_000;

async function bulkAddChunked<T>(table: { bulkAdd(rows: readonly T[]): Promise<unknown> }, rows: readonly T[]) {
  for (let i = 0; i < rows.length; i += CHUNK) await table.bulkAdd(rows.slice(i, i + CHUNK));
}

function jsonSize(rows: readonly unknown[]): number {
  let n = 0;
  for (const r of rows) n += JSON.stringify(r).length;
  return n;
}

export async function seedYear(db: TrackNexusDb, shape: YearShape, measureJson: boolean): Promise<SeedResult> {
  const t0 = performance.now();
  const cat = catalog(shape);
  const dates = yearDates(shape.year);
  const result: SeedResult = { entries: 0, segments: 0, auditRows: 0, dates, jsonBytes: 0, seedMs: 0 };
  await db.transaction('rw', [db.clients, db.projects, db.tasks], async () => {
    await db.clients.bulkAdd(cat.clients);
    await db.projects.bulkAdd(cat.projects);
    await db.tasks.bulkAdd(cat.tasks);
  });
  if (measureJson) result.jsonBytes += jsonSize([...cat.clients, ...cat.projects, ...cat.tasks]);

  for (let m = 0; m < 12; m++) {
    const prefix = `${shape.year}-${String(m + 1).padStart(2, '0')}`;
    const days = dates.map((d, i) => [d, i] as const).filter(([d]) => d.startsWith(prefix));
    const rows = days.map(([d, i]) => generateDay(shape, d, i, dates.length));
    const entries = rows.flatMap((r) => r.entries);
    const segments = rows.flatMap((r) => r.segments);
    const audit = rows.flatMap((r) => r.audit);
    await db.transaction('rw', [db.entries, db.segments, db.audit], async () => {
      await bulkAddChunked(db.entries, entries);
      await bulkAddChunked(db.segments, segments);
      await bulkAddChunked(db.audit, audit);
    });
    result.entries += entries.length;
    result.segments += segments.length;
    result.auditRows += audit.length;
    if (measureJson) result.jsonBytes += jsonSize(entries) + jsonSize(segments) + jsonSize(audit);
  }
  result.seedMs = performance.now() - t0;
  return result;
}
