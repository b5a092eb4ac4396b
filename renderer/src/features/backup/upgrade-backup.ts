// A backup made by an older Track Nexus, brought up to this version by the app's own upgrades. Its
// rows go into a scratch database beside the workspace, declared only up to the backup's schema
// version (db/versions), which is then opened at the current version, so Dexie runs every upgrade
// since: the same functions that upgrade an installed workspace. The upgraded rows are the backup
// the dry-run compares and the restore writes. The workspace is not touched here, and the scratch
// database is deleted whatever happens, so a failed upgrade leaves everything as it was.
import { openDatabase, TrackNexusDb, type OpenOptions } from '../../db/database';
import { latestVersion } from '../../db/versions';
import type { BackupDocument } from './workspace-backup';

type Row = Record<string, unknown>;
export type UpgradeResult = { ok: true; backup: BackupDocument } | { ok: false; reason: string };

/** Thrown for a reason already in the user's words. */
class Refusal extends Error {}

function scratch(db: TrackNexusDb): { name: string; options: OpenOptions } {
  const { upToVersion: _ignored, ...options } = db.openOptions;
  return { name: `${db.name}-restoring`, options };
}

/** Deletes the scratch database (also one an interrupted restore left behind). */
async function deleteScratch(db: TrackNexusDb): Promise<void> {
  const { name, options } = scratch(db);
  await new TrackNexusDb(name, options).delete();
}

/**
 * Writes the backup's rows as that version stored them. Receipts' images stay in the file's base64
 * form (no upgrade reads them); the restore turns them back into images.
 */
async function writeOldRows(db: TrackNexusDb, backup: BackupDocument): Promise<void> {
  const { name, options } = scratch(db);
  const old = await openDatabase(name, { ...options, upToVersion: backup.schemaVersion });
  try {
    const unknown = Object.keys(backup.tables).filter((t) => !old.tables.some((table) => table.name === t));
    if (unknown.length > 0) throw new Refusal(`This backup holds data its version of Track Nexus did not have (${unknown.join(', ')}), so it is damaged. Nothing was changed.`);
    await old.transaction('rw', old.tables, async () => {
      for (const table of old.tables) {
        const rows = backup.tables[table.name] ?? [];
        if (rows.length > 0) await table.bulkAdd(rows);
      }
    });
  } finally {
    old.close();
  }
}

/** Opens the scratch database at the current version (running the upgrades) and reads every table. */
async function readUpgradedRows(db: TrackNexusDb): Promise<{ version: number; tables: Record<string, Row[]> }> {
  const { name, options } = scratch(db);
  const upgraded = await openDatabase(name, options);
  try {
    const tables: Record<string, Row[]> = {};
    await upgraded.transaction('r', upgraded.tables, async () => {
      for (const table of upgraded.tables) tables[table.name] = (await table.toArray()) as Row[];
    });
    return { version: upgraded.verno, tables };
  } finally {
    upgraded.close();
  }
}

const olderWords = (from: number) => `This backup was made by an older Track Nexus (its data is version ${from}; this app uses version ${latestVersion})`;

/** The backup in this version's shape: as it is when it already is, else upgraded as described above. */
export async function upgradeBackup(db: TrackNexusDb, backup: BackupDocument): Promise<UpgradeResult> {
  if (backup.schemaVersion === latestVersion) return { ok: true, backup };
  if (backup.schemaVersion > latestVersion) return { ok: false, reason: newerSchemaReason(backup.schemaVersion, backup.appVersion ?? null) };
  try {
    await deleteScratch(db);
    await writeOldRows(db, backup);
    const upgraded = await readUpgradedRows(db);
    return { ok: true, backup: { ...backup, schemaVersion: upgraded.version, tables: upgraded.tables } };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, reason: error.message };
    const why = (error instanceof Error ? error.message : String(error)).slice(0, 200);
    return { ok: false, reason: `${olderWords(backup.schemaVersion)}, and part of it could not be brought up to this version, which usually means the file is damaged. Nothing was changed. (The error: ${why})` };
  } finally {
    await deleteScratch(db).catch(() => undefined);
  }
}

/** What the restore preview says about a backup that was upgraded. */
export function upgradedNote(from: number): string {
  return `${olderWords(from)}. It will be upgraded as it is restored; the counts below are after the upgrade.`;
}

/** `madeBy`: the version of Track Nexus that made the backup, where the backup says. */
export function newerSchemaReason(schemaVersion: number, madeBy: string | null): string {
  const which = madeBy === null ? '' : `version ${madeBy}; `;
  return `This backup was made by a newer Track Nexus (${which}its data is version ${schemaVersion}, this app reads version ${latestVersion} and older). Update the app, then restore it. Nothing was changed.`;
}
