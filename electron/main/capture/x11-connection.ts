// One in-process connection to the X server over the X11 protocol (the `x11` package, pure
// JavaScript), wrapped in promises: atoms, window properties, property-change events and the
// MIT-SCREEN-SAVER idle time, and XInput2 raw events to hear the next input. Used by the X11 window reader and idle reader instead of spawning
// xprop / xprintidle for every sample (issue 19: each spawn cost more CPU than the read itself).
import x11, { type Callback, type ScreenSaverExtension, type ScreenSaverInfo, type XClient, type XInputExtension, type XProperty } from 'x11';

/** A window property's raw value: the type atom, 8/16/32 bits per item, and the bytes. */
export interface X11PropertyValue {
  type: number;
  format: number;
  data: Buffer;
}

export interface X11Connection {
  readonly root: number;
  atom(name: string): Promise<number>;
  /** The property's value, null when unset. Rejects when the window no longer exists. */
  property(window: number, atom: number): Promise<X11PropertyValue | null>;
  /** Start (or stop) receiving PropertyNotify for `window`. Resolves false when the window is gone. */
  watchProperties(window: number, watch: boolean): Promise<boolean>;
  onPropertyChange(listener: (window: number, atom: number) => void): () => void;
  /** Called once when the connection is lost (the X server went away), with the reason in words. */
  onClose(listener: (reason: string) => void): void;
  /** Milliseconds since the last keyboard or mouse input (MIT-SCREEN-SAVER QueryInfo). */
  idleMs(): Promise<number>;
  /**
   * Calls `onInput` once, at the next keyboard or mouse input anywhere on the display (XInput2 raw
   * events on the root window), or when the connection is lost; nothing is received in between.
   * Resolves with a function that stops watching; rejects without XInput2.
   */
  watchInput(onInput: () => void): Promise<() => void>;
  close(): void;
}

/** Up to 1 MiB of a property (in 4-byte units): a 64 KB title comes back whole in one reply. */
const MAX_PROPERTY_LONGS = 262_144;
const ANY_PROPERTY_TYPE = 0;
/** Raw events are reported whatever window has focus, and carry no window contents. */
const INPUT_EVENTS = ['RawKeyPress', 'RawButtonPress', 'RawMotion'];

/** Socket-level failures (the server went away) carry a Node error code; X protocol errors do not. */
const isConnectionError = (error: Error) => typeof (error as NodeJS.ErrnoException).code === 'string';

/** Connects to `display` (e.g. ":0"); rejects with a reason in words when it cannot. */
export function connectX11(display: string, timeoutMs = 5_000): Promise<X11Connection> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the X server at ${display} did not answer within ${timeoutMs / 1000} s`)), timeoutMs);
    try {
      x11.createClient({ display }, (error, connected) => {
        clearTimeout(timer);
        if (error) reject(new Error(`cannot connect to the X server at ${display}: ${error.message}`));
        else resolve(wrap(connected.client, connected.screen[0]!.root));
      });
    } catch (error) {
      clearTimeout(timer);
      reject(new Error(`cannot connect to the X server at ${display}: ${error instanceof Error ? error.message : String(error)}`));
    }
  });
}

// Long because it is the connection's whole surface over one client: one short method per request,
// plus the event routing they share.
function wrap(client: XClient, root: number): X11Connection {
  const atoms = new Map<string, Promise<number>>();
  const propertyListeners = new Set<(window: number, atom: number) => void>();
  const closeListeners: Array<(reason: string) => void> = [];
  let closed: string | null = null;
  let screenSaver: Promise<ScreenSaverExtension> | null = null;
  let xinput: Promise<XInputExtension> | null = null;
  /** Who waits for the next input; the raw events are selected only while someone does. */
  const inputListeners = new Set<() => void>();
  /** Requests waiting for a reply: failed at once when the connection is lost, never left hanging. */
  const pending = new Set<(error: Error) => void>();

  /** A request as a promise; returning true tells the client library the error was handled. */
  const call = <T>(start: (callback: Callback<T>) => void): Promise<T> =>
    new Promise((resolve, reject) => {
      if (closed !== null) {
        reject(new Error(`no X connection: ${closed}`));
        return;
      }
      pending.add(reject);
      start((error, result) => {
        pending.delete(reject);
        if (error) reject(error);
        else resolve(result);
        return true;
      });
    });

  const lose = (reason: string) => {
    if (closed !== null) return;
    closed = reason;
    for (const reject of pending) reject(new Error(`no X connection: ${reason}`));
    pending.clear();
    for (const listener of closeListeners) listener(reason);
  };
  client.on('end', () => lose('the X server closed the connection'));
  client.on('error', (error) => {
    if (isConnectionError(error)) lose(`the connection to the X server failed: ${error.message}`);
  });
  /** The first input wakes every watcher once; the events are deselected until someone watches again. */
  const inputSeen = () => {
    if (inputListeners.size === 0) return;
    const listeners = [...inputListeners];
    inputListeners.clear();
    void selectInput(false).catch(() => {}); // a lost connection has no selection left to undo
    for (const listener of listeners) listener();
  };
  const selectInput = async (on: boolean) => {
    const extension = await (xinput ??= call<XInputExtension>((cb) => client.require('xinput', cb)));
    if (!extension.xi2) throw new Error('the X server has no XInput2');
    if (closed === null) extension.XISelectEvents(root, { deviceId: extension.AllMasterDevices, mask: on ? INPUT_EVENTS : 0 });
  };
  closeListeners.push(() => inputSeen());
  client.on('event', (event) => {
    if (event.name?.startsWith('XIRaw')) return inputSeen();
    if (event.name !== 'PropertyNotify' || event.wid === undefined || event.atom === undefined) return;
    for (const listener of propertyListeners) listener(event.wid, event.atom);
  });

  return {
    root,
    atom(name) {
      let atom = atoms.get(name);
      if (!atom) {
        atom = call<number>((cb) => client.InternAtom(false, name, cb));
        atoms.set(name, atom);
      }
      return atom;
    },
    async property(window, atom) {
      const value = await call<XProperty>((cb) => client.GetProperty(0, window, atom, ANY_PROPERTY_TYPE, 0, MAX_PROPERTY_LONGS, cb));
      return value.type === 0 ? null : { type: value.type, format: value.format, data: value.data };
    },
    watchProperties(window, watch) {
      const eventMask = watch ? x11.eventMask.PropertyChange : 0;
      return call((cb) => client.ChangeWindowAttributes(window, { eventMask }, cb)).then(
        () => true,
        () => false,
      );
    },
    onPropertyChange(listener) {
      propertyListeners.add(listener);
      return () => propertyListeners.delete(listener);
    },
    onClose(listener) {
      if (closed !== null) listener(closed);
      else closeListeners.push(listener);
    },
    async idleMs() {
      screenSaver ??= call<ScreenSaverExtension>((cb) => client.require('screen-saver', cb));
      const extension = await screenSaver;
      const info = await call<ScreenSaverInfo>((cb) => extension.QueryInfo(root, cb));
      return info.idle;
    },
    async watchInput(onInput) {
      inputListeners.add(onInput);
      try {
        await selectInput(true);
      } catch (error) {
        inputListeners.delete(onInput);
        throw error;
      }
      return () => {
        if (inputListeners.delete(onInput) && inputListeners.size === 0) void selectInput(false).catch(() => {});
      };
    },
    close() {
      lose('closed by Track Nexus');
      client.terminate();
    },
  };
}
