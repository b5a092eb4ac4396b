// Focus-change notifications, so capture can sample when something changed instead of polling.
//
// Why: on Linux get-windows runs xprop twice and xwininfo once per call (about 8 ms of CPU), so
// polling every second costs about 1% of a core. X11 publishes the active window as the root
// window's _NET_ACTIVE_WINDOW property and the title as the window's _NET_WM_NAME / WM_NAME, and
// `xprop -spy` prints a line whenever such a property changes. Two long-lived xprop processes
// (one on the root window, one on the current active window, restarted on each focus change)
// therefore tell us about every focus and title change at almost no cost while nothing happens.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export type FocusChange = 'focus' | 'title';

/** A source of "the foreground window or its title may have changed" signals. */
export interface FocusEvents {
  readonly kind: 'x11' | 'none';
  /**
   * Start watching. Resolves true when events will flow, false when this source cannot work here
   * (the caller then polls). `onFailure` reports a watcher that died later.
   */
  start(onChange: (change: FocusChange) => void, onFailure: (reason: string) => void): Promise<boolean>;
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
  let titleSpy: ChildProcess | null = null;
  let activeId: string | null = null;
  let stopping = false;

  const env = () => ({ ...(options.env ?? process.env), LC_ALL: 'C.UTF-8' });

  const stopTitleSpy = (): Promise<void> => {
    const child = titleSpy;
    titleSpy = null;
    if (!child) return Promise.resolve();
    child.kill('SIGTERM');
    return waitForExit(child);
  };

  const watchTitle = (id: string, onChange: (change: FocusChange) => void): void => {
    void stopTitleSpy();
    if (id === '0x0') return;
    const child = spawn(xprop, ['-spy', '-id', id, '_NET_WM_NAME', 'WM_NAME'], { env: env(), stdio: ['ignore', 'pipe', 'ignore'] });
    titleSpy = child;
    // xprop -spy prints the current values first; only later lines are changes.
    const seen = new Map<string, string>();
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const name = line.split(/[(:=\s]/, 1)[0] ?? '';
      const before = seen.get(name);
      seen.set(name, line);
      if (before !== undefined && before !== line && titleSpy === child) onChange('title');
    });
    // A window that closes takes its spy with it; the root spy reports the next focus.
    child.on('error', () => {});
  };

  return {
    kind: 'x11',
    async start(onChange, onFailure) {
      if (rootSpy) return true;
      stopping = false;
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
          const first = activeId === null;
          activeId = id;
          watchTitle(id, onChange);
          // The first line is the current value, which the caller samples anyway when it starts.
          if (!first) onChange('focus');
        });
      });
      if (!started) {
        rootSpy = null;
        return false;
      }
      child.once('exit', (code, signal) => {
        if (rootSpy !== child) return;
        rootSpy = null;
        void stopTitleSpy();
        if (!stopping) onFailure(`xprop -spy exited (${signal ?? code})${stderr ? `: ${stderr.trim().slice(0, 200)}` : ''}`);
      });
      return true;
    },
    async stop() {
      stopping = true;
      const child = rootSpy;
      rootSpy = null;
      activeId = null;
      const waits = [stopTitleSpy()];
      if (child) {
        child.kill('SIGTERM');
        waits.push(waitForExit(child));
      }
      await Promise.all(waits);
    },
  };
}
