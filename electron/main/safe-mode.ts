// Safe mode, the second line of defence behind RE2 (issue 14): a marker file in the data folder is
// written at start and removed on a clean quit, so finding it at start means the previous run was
// killed or crashed. Then the app starts with the user's rules off until they turn them back on:
// capture paused (its exclusions and redactions protect privacy, so "off" must mean recording
// nothing, never recording unredacted) and no rule suggestions in the review.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SAFE_MODE_REASON =
  'Safe mode: Track Nexus did not shut down cleanly last time, so your rules are off and nothing is recorded until you turn them back on.';

/** Marks this run as started; `uncleanLastRun` says whether the previous one never reached cleanExit. */
export function startRunMarker(dataDir: string) {
  const marker = join(dataDir, 'running.marker');
  const uncleanLastRun = existsSync(marker);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(marker, `${process.pid}\n`, { mode: 0o600 });
  return {
    uncleanLastRun,
    /** Call once everything is closed: the next start is a normal one. */
    cleanExit: () => rmSync(marker, { force: true }),
  };
}
