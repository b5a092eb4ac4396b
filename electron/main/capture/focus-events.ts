// Focus-change notifications, so capture can sample when something changed instead of polling.
// The FocusEvents port is defined here; on X11 the app uses the in-process X protocol version
// (x11-protocol-source.ts, chosen in linux-x11-readers.ts) and the xprop one below is its fallback.
//
// Why: on Linux get-windows runs xprop twice and xwininfo once per call (about 8 ms of CPU), so
// polling every second costs about 1% of a core. X11 publishes the active window as the root
// window's _NET_ACTIVE_WINDOW property and the title as the window's _NET_WM_NAME / WM_NAME, and
// `xprop -spy` prints a line whenever such a property changes. Two long-lived xprop processes
// (one on the root window, one on the current active window, restarted on each focus change)
// therefore tell us about every focus and title change at almost no cost while nothing happens.
//
// The window spy also asks for WM_CLASS and _NET_WM_PID, so each event carries the whole sample
// and no further read is needed: a focus change costs one xprop start, a title change nothing.
// (Measured: each process start costs this process ~2 ms and the child ~1-3 ms, so get-windows'
// three per event would dominate.)
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { ActiveWindowSample } from '../ports';
import { WINDOW_PROPERTIES, parseXpropLine, sampleFromProperties, type XProperty } from './x11-properties';

export type FocusChange = 'focus' | 'title';

/** A source of "the foreground window or its title changed" signals. */
export interface FocusEvents {
  readonly kind: 'x11' | 'none';
  /**
   * Start watching. Resolves true when events will flow, false when this source cannot work here
   * (the caller then polls). `onFailure` reports a watcher that died later. When the source can
   * read the window itself it passes the new `sample` (null: nothing in front); otherwise the
   * caller reads it through its WindowSource.
   */
  start(
    onChange: (change: FocusChange, sample?: ActiveWindowSample | null) => void,
    onFailure: (reason: string) => void,
  ): Promise<boolean>;
  /** Re-read the active window and report it as a 'focus' change (the service's safety poll). */
  refresh?(): void;
  stop(): Promise<void>;
}

/** No events: the capture service polls at its interval. */
export const noFocusEvents: FocusEvents = {
  kind: 'none',
  start: async () => false,
  stop: async () => {},
};

export interface X11FocusEventsOptions {
  /** Environment for the xprop children (DISPLAY); defaults to process.env at start time. */
  env?: NodeJS.ProcessEnv;
  xpropBinary?: string;
}

const WINDOW_ID = /window id # (0x[0-9a-f]+)/i;

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export function createX11FocusEvents(options: X11FocusEventsOptions = {}): FocusEvents {
  const xprop = options.xpropBinary ?? 'xprop';
  let rootSpy: ChildProcess | null = null;
  let windowSpy: ChildProcess | null = null;
  let activeId: string | null = null;
  let stopping = false;

  const env = () => ({ ...(options.env ?? process.env), LC_ALL: 'C.UTF-8' });

  const stopWindowSpy = (): Promise<void> => {
    const child = windowSpy;
    windowSpy = null;
    if (!child) return Promise.resolve();
    child.kill('SIGTERM');
    return waitForExit(child);
  };

  type Listener = (change: FocusChange, sample?: ActiveWindowSample | null) => void;
  let listener: Listener = () => {};

  /** Spy on the active window: its first lines are the current values (the focus sample), later ones changes. */
  const watchWindow = (id: string): void => {
    void stopWindowSpy();
    if (id === '0x0') {
      listener('focus', null);
      return;
    }
    const child = spawn(xprop, ['-spy', '-id', id, ...WINDOW_PROPERTIES], { env: env(), stdio: ['ignore', 'pipe', 'ignore'] });
    windowSpy = child;
    const properties = new Map<string, XProperty | null>();
    let initial = 0;
    let last = '';
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (windowSpy !== child) return;
      const parsed = parseXpropLine(line);
      if (!parsed) return;
      properties.set(parsed.name, parsed.property);
      if (initial < WINDOW_PROPERTIES.length) {
        if (++initial < WINDOW_PROPERTIES.length) return;
        const sample = sampleFromProperties(properties);
        last = JSON.stringify(sample);
        listener('focus', sample);
        return;
      }
      const sample = sampleFromProperties(properties);
      const key = JSON.stringify(sample);
      // Setting a title updates WM_NAME and _NET_WM_NAME: two lines, one change.
      if (key === last) return;
      last = key;
      listener('title', sample);
    });
    // A window that closes takes its spy with it; the root spy reports the next focus.
    child.on('error', () => {});
  };

  return {
    kind: 'x11',
    async start(onChange, onFailure) {
      if (rootSpy) return true;
      stopping = false;
      listener = onChange;
      const child = spawn(xprop, ['-root', '-spy', '_NET_ACTIVE_WINDOW'], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
      rootSpy = child;
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => {
        if (stderr.length < 2000) stderr += chunk.toString('utf8');
      });
      const started = await new Promise<boolean>((resolve) => {
        child.once('error', () => resolve(false));
        child.once('exit', () => resolve(false));
        createInterface({ input: child.stdout! }).on('line', (line) => {
          const id = WINDOW_ID.exec(line)?.[1]?.toLowerCase() ?? '0x0';
          resolve(true);
          if (id === activeId) return;
          activeId = id;
          watchWindow(id);
        });
      });
      if (!started) {
        rootSpy = null;
        return false;
      }
      child.once('exit', (code, signal) => {
        if (rootSpy !== child) return;
        rootSpy = null;
        void stopWindowSpy();
        if (!stopping) onFailure(`xprop -spy exited (${signal ?? code})${stderr ? `: ${stderr.trim().slice(0, 200)}` : ''}`);
      });
      return true;
    },
    refresh() {
      if (rootSpy && activeId !== null) watchWindow(activeId);
    },
    async stop() {
      stopping = true;
      listener = () => {};
      const child = rootSpy;
      rootSpy = null;
      activeId = null;
      const waits = [stopWindowSpy()];
      if (child) {
        child.kill('SIGTERM');
        waits.push(waitForExit(child));
      }
      await Promise.all(waits);
    },
  };
}
