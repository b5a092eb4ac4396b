// The whole workspace as one file, and back. Export reads every Dexie table in one read transaction
// (a consistent picture) and writes the JSON text row by row, so a big workspace exists once as row
// texts and once as the final text, never as several copies of its objects. Restore validates the
// file (a backup from an older version is upgraded first: upgrade-backup), compares it with the
// workspace (the dry-run), and writes every table in one transaction: a failure part-way leaves the
// workspace as it was. Receipts' images (Blobs) travel as base64.
import { z } from 'zod';
import type { TrackNexusDb } from '../../db/database';
import { latestVersion } from '../../db/versions';
import { newerSchemaReason } from './upgrade-backup';

const FORMAT = 'track-nexus-backup';
const FORMAT_VERSION = 1;

const BackupDocument = z.object({
  format: z.literal(FORMAT),
  version: z.literal(FORMAT_VERSION),
  schemaVersion: z.number().int().positive(),
  /** The Track Nexus that made it (absent in backups from before it was written). */
  appVersion: z.string().max(64).optional(),
  createdAt: z.string(),
  tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
  files: z.record(z.string(), z.string()),
});
export type BackupDocument = z.infer<typeof BackupDocument>;

type Row = Record<string, unknown>;
interface EncodedBlob { $blob: { type: string; base64: string } }

async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

function isEncodedBlob(value: unknown): value is EncodedBlob {
  return typeof value === 'object' && value !== null && '$blob' in value;
}

const hasBlob = (row: Row) => Object.values(row).some((v) => v instanceof Blob);

async function encodeRow(row: Row): Promise<Row> {
  const out: Row = { ...row };
  for (const [key, value] of Object.entries(row)) {
    if (value instanceof Blob) out[key] = { $blob: { type: value.type, base64: await blobToBase64(value) } } satisfies EncodedBlob;
  }
  return out;
}

export function decodeRow(row: Row): Row {
  if (!Object.values(row).some(isEncodedBlob)) return row;
  const out: Row = { ...row };
  for (const [key, value] of Object.entries(row)) {
    if (isEncodedBlob(value)) out[key] = new Blob([Uint8Array.from(atob(value.$blob.base64), (c) => c.charCodeAt(0))], { type: value.$blob.type });
  }
  return out;
}

/**
 * The workspace as the backup file's text. `files` are main's workspace files (backup:readFiles).
 * Rows with a Blob are held as objects until the read transaction ends (reading a Blob is not an
 * IndexedDB request and would end it), then encoded in place.
 */
export async function exportWorkspace(db: TrackNexusDb, files: Record<string, string>, now: () => number = Date.now, appVersion?: string): Promise<string> {
  const parts: string[] = [];
  const pending: { index: number; row: Row }[] = [];
  const head = { format: FORMAT, version: FORMAT_VERSION, schemaVersion: db.verno, appVersion, createdAt: new Date(now()).toISOString() };
  parts.push(JSON.stringify(head).slice(0, -1), ',"tables":{');
  await db.transaction('r', db.tables, async () => {
    for (const [t, table] of db.tables.entries()) {
      parts.push(`${t === 0 ? '' : ','}${JSON.stringify(table.name)}:[`);
      let first = true;
      await table.each((row: Row) => {
        if (!first) parts.push(',');
        first = false;
        if (hasBlob(row)) pending.push({ index: parts.push('') - 1, row });
        else parts.push(JSON.stringify(row));
      });
      parts.push(']');
    }
  });
  for (const { index, row } of pending) parts[index] = JSON.stringify(await encodeRow(row));
  parts.push('},"files":', JSON.stringify(files), '}');
  return parts.join('');
}

export type ReadResult = { ok: true; backup: BackupDocument } | { ok: false; reason: string };

/**
 * Parses and checks a backup file's text: its format, its version, and a schema this app can hold.
 * A backup from an older schema passes; it is upgraded before it is compared or restored (upgrade-backup).
 */
export function readBackup(text: string, db: TrackNexusDb): ReadResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'This file is not a Track Nexus backup: it is not readable JSON. Nothing was changed.' };
  }
  const head = raw as { format?: unknown; version?: unknown; schemaVersion?: unknown; appVersion?: unknown } | null;
  if (head?.format !== FORMAT) return { ok: false, reason: 'This file is not a Track Nexus backup. Nothing was changed.' };
  const madeBy = typeof head.appVersion === 'string' ? head.appVersion.slice(0, 64) : null;
  if (typeof head.version === 'number' && head.version > FORMAT_VERSION) return { ok: false, reason: `This backup was made by a newer Track Nexus (${madeBy === null ? '' : `version ${madeBy}; `}its file format is ${head.version}, this app reads format ${FORMAT_VERSION}). Update the app, then restore it. Nothing was changed.` };
  if (typeof head.schemaVersion === 'number' && head.schemaVersion > latestVersion) return { ok: false, reason: newerSchemaReason(head.schemaVersion, madeBy) };
  const parsed = BackupDocument.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'This backup is damaged or incomplete, so it cannot be restored. Nothing was changed.' };
  // An older backup's tables are checked against its own version's as it is upgraded.
  const unknown = parsed.data.schemaVersion < latestVersion ? [] : Object.keys(parsed.data.tables).filter((name) => !db.tables.some((t) => t.name === name));
  if (unknown.length > 0) return { ok: false, reason: `This backup holds data this app does not know (${unknown.join(', ')}). Nothing was changed.` };
  return { ok: true, backup: parsed.data };
}
