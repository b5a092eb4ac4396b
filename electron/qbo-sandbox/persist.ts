// Optional persistence: the whole sandbox state in one JSON file, written atomically
// (temp file + rename) so a demo company survives restarts and never half-writes.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { OAuthData } from './oauth';
import type { CompanyData } from './store';

export interface PersistedState {
  version: 1;
  company: CompanyData;
  oauth: OAuthData;
}

export function loadState(path: string): PersistedState | undefined {
  if (!existsSync(path)) return undefined;
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as PersistedState;
  if (parsed.version !== 1) throw new Error(`${path}: unsupported sandbox state version ${String(parsed.version)}`);
  return parsed;
}

export function saveState(path: string, state: PersistedState): void {
  const tmp = `${path}.${process.pid}.tmp`;
  // 0600: the file holds the demo company's grants (tokens) in plain text.
  writeFileSync(tmp, JSON.stringify(state), { mode: 0o600 });
  renameSync(tmp, path);
}
