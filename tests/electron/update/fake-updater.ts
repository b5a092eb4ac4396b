// A scripted UpdaterPort and hand-driven timers for the update service's tests.
import type { UpdaterEvent, UpdaterPort } from '../../../electron/main/update/updater-port';
import type { UpdateTimers } from '../../../electron/main/update/update-service';

export function fakeUpdater() {
  const listeners = new Set<(e: UpdaterEvent) => void>();
  const calls = { check: 0, download: 0, installs: 0, configured: [] as Array<{ channel: string; allowPrerelease: boolean }> };
  let nextDownload: Promise<void> = Promise.resolve();
  const port: UpdaterPort = {
    unavailable: null,
    configure: (o) => void calls.configured.push(o),
    check: async () => void calls.check++,
    download: () => (calls.download++, nextDownload),
    quitAndInstall: () => void calls.installs++,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    port,
    calls,
    send: (e: UpdaterEvent) => listeners.forEach((l) => l(e)),
    /** The next download() rejects with this error, as electron-updater's downloadUpdate does. */
    failNextDownload(error: Error) {
      nextDownload = Promise.reject(error);
      nextDownload.catch(() => {});
    },
  };
}

/** Timers moved by hand: `advance(ms)` runs whatever falls due. */
export function fakeTimers() {
  let now = 0;
  let id = 0;
  const pending = new Map<number, { at: number; every: number | null; fn: () => void }>();
  const add = (ms: number, fn: () => void, every: number | null) => {
    const key = ++id;
    pending.set(key, { at: now + ms, every, fn });
    return () => void pending.delete(key);
  };
  const timers: UpdateTimers = { every: (ms, fn) => add(ms, fn, ms), after: (ms, fn) => add(ms, fn, null) };
  return {
    timers,
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = [...pending.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        const [key, t] = due;
        now = t.at;
        if (t.every) t.at += t.every;
        else pending.delete(key);
        t.fn();
      }
      now = end;
    },
  };
}
