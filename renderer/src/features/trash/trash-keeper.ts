// The automatic purge: entries 30 days in the trash leave it for good (repos.trash.purgeExpired),
// checked when the window starts and every hour after. Timers are injected, so a test drives the
// checks and the repositories' clock decides what is old enough; nothing waits in real time.
import { realTimers, type Timers } from '../quickbooks/engine/scheduler';

export const PURGE_CHECK_MS = 60 * 60 * 1000;

/** Starts the checks; returns the function that stops them. */
export function startTrashKeeper(purgeExpired: () => Promise<unknown>, timers: Timers = realTimers): () => void {
  let handle: unknown = null;
  let stopped = false;
  async function check() {
    handle = null;
    try {
      await purgeExpired();
    } catch {
      // Nothing is lost: the entries stay in the trash and the next check tries again.
    } finally {
      if (!stopped) handle = timers.setTimeout(() => void check(), PURGE_CHECK_MS);
    }
  }
  void check();
  return () => {
    stopped = true;
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
  };
}
