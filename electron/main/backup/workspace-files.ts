// Main's share of a workspace backup: the data-folder files that are the workspace's own and hold
// nothing secret. An allow-list, so a secret can never be read into a backup by accident: the
// SecretStore's files (secrets.json, secrets.safe-storage.json), capture's journal of window titles,
// the demo company and anything else in the folder are simply not on it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePrivateText } from '../qbo/settings-store';
import type { WorkspaceFiles } from '../../../shared/ipc/contract';

/** Plain JSON files directly in the data folder. */
const TOP_LEVEL = ['capture-settings.json', 'qbo-settings.json', 'qbo-companies.json', 'qbd-companies.json'] as const;
/** QuickBooks Desktop journals: qbd/<company id>.json. */
const JOURNAL = /^qbd\/[A-Za-z0-9_-]{1,80}\.json$/;

function isWorkspaceFile(name: string): boolean {
  return (TOP_LEVEL as readonly string[]).includes(name) || JOURNAL.test(name);
}

/** Reads every allow-listed file that exists. */
export function readWorkspaceFiles(dataDir: string): WorkspaceFiles {
  const files: WorkspaceFiles = {};
  for (const name of TOP_LEVEL) {
    const path = join(dataDir, name);
    if (existsSync(path)) files[name] = readFileSync(path, 'utf8');
  }
  const journals = join(dataDir, 'qbd');
  if (existsSync(journals)) {
    for (const entry of readdirSync(journals)) {
      const name = `qbd/${entry}`;
      if (isWorkspaceFile(name)) files[name] = readFileSync(join(dataDir, name), 'utf8');
    }
  }
  return files;
}

/** Writes files back (each atomically); refuses the whole set, writing nothing, if one is not allowed or not JSON. */
export async function writeWorkspaceFiles(dataDir: string, files: WorkspaceFiles): Promise<string[]> {
  for (const [name, text] of Object.entries(files)) {
    if (!isWorkspaceFile(name)) throw new Error(`The backup holds a file Track Nexus does not restore (${name}). Nothing was written.`);
    try {
      JSON.parse(text);
    } catch {
      throw new Error(`The backup's copy of ${name} is damaged. Nothing was written.`);
    }
  }
  for (const [name, text] of Object.entries(files)) await writePrivateText(join(dataDir, name), text);
  return Object.keys(files);
}
