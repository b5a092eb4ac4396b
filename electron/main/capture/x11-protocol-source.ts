// The active window and its changes read in-process over the X11 protocol (issue 19): no process is
// spawned per sample and nothing runs while nothing changes. The root window's _NET_ACTIVE_WINDOW
// names the window in front; PropertyNotify on the root window reports focus changes, and on the
// active window (re-subscribed at each focus change) title changes. The sample is built from
// WM_CLASS, _NET_WM_PID and _NET_WM_NAME / WM_NAME, decoded as the xprop reader does (UTF-8, with
// invalid bytes as U+FFFD; STRING as Latin-1).
import type { ActiveWindowSample } from '../ports';
import type { FocusChange, FocusEvents } from './focus-events';
import type { X11Connection, X11PropertyValue } from './x11-connection';
import { withProcess } from './x11-properties';

const XA_STRING = 31;

export interface X11ProtocolReader {
  /** The window in front now; null when none. Rejects when the connection is gone. */
  activeWindow(): Promise<ActiveWindowSample | null>;
  focusEvents: FocusEvents;
}

interface Atoms {
  active: number;
  netName: number;
  name: number;
  wmClass: number;
  pid: number;
}

async function internAtoms(x: X11Connection): Promise<Atoms> {
  const [active, netName, name, wmClass, pid] = await Promise.all(
    ['_NET_ACTIVE_WINDOW', '_NET_WM_NAME', 'WM_NAME', 'WM_CLASS', '_NET_WM_PID'].map((n) => x.atom(n)),
  );
  return { active: active!, netName: netName!, name: name!, wmClass: wmClass!, pid: pid! };
}

/**
 * Text of a string property. UTF8_STRING, and STRING that is valid UTF-8 (xdotool and some
 * toolkits store UTF-8 bytes as STRING), decode as UTF-8; other STRING as Latin-1 (ICCCM); invalid
 * UTF-8 elsewhere as U+FFFD, as the xprop reader does. COMPOUND_TEXT's ASCII subset reads as UTF-8.
 */
export function propertyText(value: X11PropertyValue | null, utf8Only = false): string {
  if (!value || value.format !== 8) return '';
  if (value.type === XA_STRING && !utf8Only) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(value.data);
    } catch {
      return value.data.toString('latin1');
    }
  }
  return new TextDecoder('utf-8').decode(value.data);
}

/** WM_CLASS is "instance\0Class\0"; the class is the app name, as with xprop and get-windows. */
export function classText(value: X11PropertyValue | null): string {
  const parts = propertyText(value).split('\0');
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts[parts.length - 1] ?? '';
}

export function createX11ProtocolReader(x: X11Connection): X11ProtocolReader {
  let atoms: Promise<Atoms> | null = null;
  const names = () => (atoms ??= internAtoms(x));

  const activeId = async (): Promise<number> => {
    const a = await names();
    const value = await x.property(x.root, a.active);
    return value && value.format === 32 && value.data.length >= 4 ? value.data.readUInt32LE(0) : 0;
  };

  /** The sample for `window`; null when it closed meanwhile. */
  const readWindow = async (window: number): Promise<ActiveWindowSample | null> => {
    const a = await names();
    let values;
    try {
      values = await Promise.all([a.wmClass, a.pid, a.netName, a.name].map((atom) => x.property(window, atom)));
    } catch {
      return null; // BadWindow: it closed between the two reads; the next focus event follows
    }
    const [wmClass, pid, netName, name] = values;
    // _NET_WM_NAME is UTF-8 by definition (EWMH), whatever type it was stored with.
    const title = netName ? propertyText(netName, true) : propertyText(name ?? null);
    const pidValue = pid && pid.format === 32 && pid.data.length >= 4 ? pid.data.readUInt32LE(0) : Number.NaN;
    return withProcess({ app: classText(wmClass ?? null), title, url: null }, pidValue);
  };

  const activeWindow = async () => {
    const id = await activeId();
    return id === 0 ? null : readWindow(id);
  };

  return { activeWindow, focusEvents: createProtocolFocusEvents(x, names, activeId, readWindow) };
}

type Listener = (change: FocusChange, sample?: ActiveWindowSample | null) => void;

// Long because it is one small state machine: the watched window, the last sample, and the events
// that move them, in order (one read at a time, so a title event never overtakes a focus event).
function createProtocolFocusEvents(
  x: X11Connection,
  names: () => Promise<Atoms>,
  activeId: () => Promise<number>,
  readWindow: (window: number) => Promise<ActiveWindowSample | null>,
): FocusEvents {
  let listener: Listener | null = null;
  let watched = 0;
  let lastKey = '';
  let chain: Promise<void> = Promise.resolve();
  let unsubscribe: (() => void) | null = null;
  let onLost: (reason: string) => void = () => {};
  x.onClose((reason) => onLost(reason));

  const report = (change: FocusChange, sample: ActiveWindowSample | null) => {
    const key = JSON.stringify(sample);
    // Setting a title updates WM_NAME and _NET_WM_NAME: two events, one change.
    if (change === 'title' && key === lastKey) return;
    lastKey = key;
    listener?.(change, sample);
  };

  const onFocus = async (force: boolean) => {
    const id = await activeId();
    if (id === watched && !force) return;
    if (watched !== 0 && watched !== id) void x.watchProperties(watched, false);
    watched = id;
    if (id !== 0) await x.watchProperties(id, true);
    report('focus', id === 0 ? null : await readWindow(id));
  };

  const enqueue = (step: () => Promise<void>) => {
    chain = chain.then(step).catch(() => {
      /* the connection is gone: onClose reports it */
    });
  };

  return {
    kind: 'x11',
    async start(onChange, onFailure) {
      if (listener) return true;
      try {
        const a = await names();
        if (!(await x.watchProperties(x.root, true))) return false;
        listener = onChange;
        unsubscribe = x.onPropertyChange((window, atom) => {
          if (window === x.root && atom === a.active) enqueue(() => onFocus(false));
          else if (window === watched && watched !== 0 && (atom === a.netName || atom === a.name)) {
            enqueue(async () => report('title', await readWindow(watched)));
          }
        });
        onLost = (reason) => {
          if (listener) onFailure(`the X connection was lost (${reason})`);
        };
        enqueue(() => onFocus(true));
        await chain;
        return true;
      } catch {
        return false;
      }
    },
    refresh() {
      if (listener) enqueue(() => onFocus(true));
    },
    async stop() {
      listener = null;
      unsubscribe?.();
      unsubscribe = null;
      await chain;
      if (watched !== 0) void x.watchProperties(watched, false);
      watched = 0;
      lastKey = '';
    },
  };
}
