// The automatic-update state machine over an UpdaterPort: idle → checking → up-to-date | available
// → downloading(percent) → ready, or failed (in words, retried later). It checks at start and every
// few hours, downloads in the background, and restarts into the update only when the user asks and
// the window is busy with nothing (a running timer, an unsaved dialog, a sync): until then the
// restart waits and says why. Only a download the updater verified ('downloaded') is ever installed.
import type { BusyReason, UpdateChannel, UpdateState, UpdateStatus } from '../../../shared/ipc/contract';
import type { UpdaterEvent, UpdaterPort } from './updater-port';

/** Injected so tests drive time; cancel functions are returned. */
export interface UpdateTimers {
  every(ms: number, fn: () => void): () => void;
  after(ms: number, fn: () => void): () => void;
}

export interface UpdateServiceDeps {
  port: UpdaterPort;
  channel: UpdateChannel;
  saveChannel: (channel: UpdateChannel) => void;
  onChange: (state: UpdateState) => void;
  timers?: UpdateTimers;
  /** How often to look for an update; 4 hours unless told. */
  checkEveryMs?: number;
  /** How long after a failure to try again; 30 minutes unless told. */
  retryAfterMs?: number;
}

const HOUR = 3_600_000;

const nodeTimers: UpdateTimers = {
  every: (ms, fn) => {
    const h = setInterval(fn, ms);
    h.unref?.();
    return () => clearInterval(h);
  },
  after: (ms, fn) => {
    const h = setTimeout(fn, ms);
    h.unref?.();
    return () => clearTimeout(h);
  },
};

const waitPhrases: Record<BusyReason, string> = {
  timer: 'the running timer to stop',
  dialog: 'the open dialog with unsaved changes to be saved or closed',
  sync: 'the QuickBooks sync to finish',
};

/** "Waiting for the running timer to stop and the QuickBooks sync to finish…" */
export function waitingWords(reasons: readonly BusyReason[]): string | null {
  if (reasons.length === 0) return null;
  const phrases = reasons.map((r) => waitPhrases[r]);
  const last = phrases.pop();
  return `Waiting for ${phrases.length > 0 ? `${phrases.join(', ')} and ${last}` : last}…`;
}

function firstLine(message: string): string {
  const line = message.split('\n')[0]?.trim() ?? '';
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}

/** What a failure means for the user; `version` is the one being downloaded, if any. */
function failureWords(error: { message: string; code?: string }, version: string | null, retryMinutes: number): string {
  const later = `Track Nexus will try again in ${retryMinutes} minutes, or choose Check now.`;
  if (error.code === 'ERR_UPDATER_INVALID_SIGNATURE') {
    return `The downloaded update${version ? ` (version ${version})` : ''} is not signed by Track Nexus’s publisher, so it was not installed. ${later}`;
  }
  if (error.code === 'ERR_CHECKSUM_MISMATCH') return `The update arrived damaged, so it was not installed. ${later}`;
  const why = firstLine(error.message);
  if (version) return `Downloading version ${version} failed${why ? ` (${why})` : ''}. Nothing was installed. ${later}`;
  return `Could not check for updates${why ? ` (${why})` : ''}. ${later}`;
}

// Long because it is one state machine: each transition sits next to the others it excludes.
export function createUpdateService(deps: UpdateServiceDeps) {
  const timers = deps.timers ?? nodeTimers;
  const checkEveryMs = deps.checkEveryMs ?? 4 * HOUR;
  const retryAfterMs = deps.retryAfterMs ?? HOUR / 2;
  const { port } = deps;
  let channel = deps.channel;
  let status: UpdateStatus = port.unavailable ? 'disabled' : 'idle';
  let words = port.unavailable ?? 'Updates have not been checked yet.';
  let version: string | null = null;
  let percent: number | null = null;
  let restartRequested = false;
  let busy: BusyReason[] = [];
  const cancels: Array<() => void> = [];
  let cancelRetry = () => {};

  const state = (): UpdateState => ({
    status,
    words,
    version,
    percent,
    channel,
    restartRequested,
    waitingFor: restartRequested && status === 'ready' ? waitingWords(busy) : null,
  });
  const set = (next: UpdateStatus, nextWords: string) => {
    status = next;
    words = nextWords;
    deps.onChange(state());
  };
  const configure = () => port.configure({ channel: channel === 'beta' ? 'beta' : 'latest', allowPrerelease: channel === 'beta' });

  function fail(error: { message: string; code?: string }): void {
    if (status === 'failed' || status === 'disabled') return; // the event and the rejected promise both report it
    const downloading = status === 'downloading' || status === 'available' || status === 'ready' ? version : null;
    percent = null;
    restartRequested = false;
    set('failed', failureWords(error, downloading, Math.round(retryAfterMs / 60_000)));
    cancelRetry();
    cancelRetry = timers.after(retryAfterMs, () => check());
  }
  const failOn = (e: unknown) => fail(e instanceof Error ? { message: e.message, code: (e as { code?: string }).code } : { message: String(e) });

  function onEvent(event: UpdaterEvent): void {
    switch (event.kind) {
      case 'available':
        version = event.version;
        set('available', `Version ${event.version} is available.`);
        percent = 0;
        set('downloading', `Downloading version ${event.version}…`);
        port.download().catch(failOn);
        return;
      case 'not-available':
        if (status === 'checking') set('up-to-date', 'Track Nexus is up to date.');
        return;
      case 'progress':
        if (status !== 'downloading') return;
        percent = Math.max(0, Math.min(100, Math.round(event.percent)));
        set('downloading', `Downloading version ${version ?? ''}… ${percent}%`);
        return;
      case 'downloaded':
        version = event.version;
        percent = null;
        set('ready', `Version ${event.version} is ready. Restart Track Nexus to update.`);
        return;
      case 'error':
        fail(event);
    }
  }

  function check(force = false): void {
    if (status === 'disabled' || status === 'checking' || status === 'downloading') return;
    if (status === 'ready' && !force) return;
    cancelRetry();
    restartRequested = false;
    set('checking', 'Checking for updates…');
    port.check().catch(failOn);
  }

  function maybeRestart(): void {
    if (!restartRequested || status !== 'ready' || busy.length > 0) return;
    set('ready', `Restarting to install version ${version ?? ''}…`);
    port.quitAndInstall();
  }

  if (status !== 'disabled') cancels.push(port.onEvent(onEvent));

  return {
    state,
    start(): void {
      if (status === 'disabled') return;
      configure();
      check();
      cancels.push(timers.every(checkEveryMs, () => check()));
    },
    checkNow(): UpdateState {
      check();
      return state();
    },
    setChannel(next: UpdateChannel): UpdateState {
      if (next === channel) return state();
      channel = next;
      deps.saveChannel(next);
      configure();
      if (status === 'disabled') return state();
      deps.onChange(state());
      check(true);
      return state();
    },
    restart(): UpdateState {
      if (status !== 'ready') return state();
      restartRequested = true;
      deps.onChange(state());
      maybeRestart();
      return state();
    },
    cancelRestart(): UpdateState {
      restartRequested = false;
      if (status === 'ready') set('ready', `Version ${version ?? ''} is ready. Restart Track Nexus to update.`);
      return state();
    },
    setBusy(reasons: readonly BusyReason[]): UpdateState {
      busy = [...new Set(reasons)];
      deps.onChange(state());
      maybeRestart();
      return state();
    },
    dispose(): void {
      cancelRetry();
      cancels.splice(0).forEach((c) => c());
    },
  };
}
