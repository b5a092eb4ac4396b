// Which readers capture uses on Linux: the X protocol when the connection succeeds, today's xprop
// and xprintidle readers otherwise (saying why once), and Wayland left to the fallback's verdict.
import { describe, expect, it, vi } from 'vitest';
import type { FocusEvents } from '../../../electron/main/capture/focus-events';
import { createLinuxX11Readers } from '../../../electron/main/capture/linux-x11-readers';
import type { X11Connection, X11PropertyValue } from '../../../electron/main/capture/x11-connection';
import type { XprintidleSource } from '../../../electron/main/idle/xprintidle-source';
import type { WindowSource } from '../../../electron/main/ports';

const X11_ENV = { DISPLAY: ':9', XDG_SESSION_TYPE: 'x11' };
const ROOT = 1;
const WINDOW = 42;

function fallback() {
  const windowSource: WindowSource = {
    activeWindow: vi.fn(async () => ({ app: 'Fallback', title: 'from xprop', url: null })),
    availability: vi.fn(async () => ({ available: false as const, reason: 'Wayland does not let apps read the active window', hint: 'Use X11' })),
  };
  const focusEvents: FocusEvents = { kind: 'x11', start: vi.fn(async () => true), stop: vi.fn(async () => {}) };
  const idleSource: XprintidleSource = { idleSeconds: vi.fn(async () => 7), onPowerEvent: () => () => {}, limitations: () => [] };
  return { windowSource, focusEvents, idleSource };
}

/** A fake X server connection with one window in front titled `title`. */
function fakeConnection(title: string) {
  const atomIds = new Map<string, number>();
  const closeListeners: Array<(reason: string) => void> = [];
  const text = (s: string): X11PropertyValue => ({ type: 31, format: 8, data: Buffer.from(s, 'utf8') });
  const cardinal = (n: number): X11PropertyValue => {
    const data = Buffer.alloc(4);
    data.writeUInt32LE(n);
    return { type: 6, format: 32, data };
  };
  const atomName = (id: number) => [...atomIds].find(([, value]) => value === id)?.[0];
  const connection: X11Connection = {
    root: ROOT,
    atom: async (name) => {
      if (!atomIds.has(name)) atomIds.set(name, 100 + atomIds.size);
      return atomIds.get(name)!;
    },
    property: async (window, atom) => {
      const name = atomName(atom);
      if (window === ROOT) return name === '_NET_ACTIVE_WINDOW' ? cardinal(WINDOW) : null;
      return { WM_CLASS: text('app\0FakeApp\0'), _NET_WM_NAME: text(title), WM_NAME: null, _NET_WM_PID: null }[name ?? ''] ?? null;
    },
    watchProperties: async () => true,
    onPropertyChange: () => () => {},
    onClose: (listener) => closeListeners.push(listener),
    idleMs: async () => 1500,
    watchInput: async () => () => {},
    close: () => {},
  };
  return { connection, lose: (reason: string) => closeListeners.forEach((l) => l(reason)) };
}

describe('choosing the Linux capture readers', () => {
  it('reads the window and idle time over the X protocol when the connection succeeds', async () => {
    const fb = fallback();
    const connect = vi.fn(async () => fakeConnection('in-process title').connection);
    const readers = createLinuxX11Readers({ env: X11_ENV, connect, fallback: fb, warn: (m) => expect.fail(m) });
    expect(await readers.windowSource.availability()).toEqual({ available: true });
    expect(await readers.windowSource.activeWindow()).toEqual({ app: 'FakeApp', title: 'in-process title', url: null });
    expect(await readers.idleSource.idleSeconds()).toBe(1.5);
    expect(await readers.focusEvents.start(() => {}, () => {})).toBe(true);
    expect(fb.focusEvents.start).not.toHaveBeenCalled();
    expect(fb.windowSource.activeWindow).not.toHaveBeenCalled();
    expect(connect).toHaveBeenCalledTimes(1); // one connection for everything
    expect(connect).toHaveBeenCalledWith(':9');
  });

  it('falls back to xprop and xprintidle when the X server cannot be reached, saying why once', async () => {
    const fb = fallback();
    const warnings: string[] = [];
    const connect = vi.fn(async () => {
      throw new Error('cannot connect to the X server at :9: ECONNREFUSED');
    });
    const readers = createLinuxX11Readers({ env: X11_ENV, connect, fallback: fb, warn: (m) => warnings.push(m) });
    expect(await readers.windowSource.activeWindow()).toEqual({ app: 'Fallback', title: 'from xprop', url: null });
    expect(await readers.windowSource.activeWindow()).toEqual({ app: 'Fallback', title: 'from xprop', url: null });
    expect(await readers.idleSource.idleSeconds()).toBe(7);
    expect(await readers.focusEvents.start(() => {}, () => {})).toBe(true);
    expect(fb.focusEvents.start).toHaveBeenCalledTimes(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/X protocol is not possible \(cannot connect to the X server at :9: ECONNREFUSED\); using xprop/);
  });

  it('leaves a Wayland session to the fallback, which explains that capture cannot work there', async () => {
    const fb = fallback();
    const connect = vi.fn(async () => fakeConnection('never').connection);
    const readers = createLinuxX11Readers({ env: { WAYLAND_DISPLAY: 'wayland-0', XDG_SESSION_TYPE: 'wayland', DISPLAY: ':0' }, connect, fallback: fb });
    expect(await readers.windowSource.availability()).toMatchObject({ available: false, reason: expect.stringContaining('Wayland') });
    expect(connect).not.toHaveBeenCalled();
  });

  it('connects again after the X server went away and came back', async () => {
    const first = fakeConnection('before restart');
    const second = fakeConnection('after restart');
    const connect = vi.fn().mockResolvedValueOnce(first.connection).mockResolvedValueOnce(second.connection);
    const readers = createLinuxX11Readers({ env: X11_ENV, connect, fallback: fallback() });
    expect((await readers.windowSource.activeWindow())?.title).toBe('before restart');
    first.lose('the X server closed the connection');
    expect((await readers.windowSource.activeWindow())?.title).toBe('after restart');
  });

  it('stops the focus events it started', async () => {
    const fb = fallback();
    const readers = createLinuxX11Readers({ env: {}, connect: vi.fn(), fallback: fb });
    await readers.focusEvents.start(() => {}, () => {});
    await readers.focusEvents.stop();
    expect(fb.focusEvents.stop).toHaveBeenCalledTimes(1);
  });
});
