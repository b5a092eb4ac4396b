// Chooses how capture reads windows, focus changes and idle time on Linux: in-process over the X11
// protocol (x11-protocol-source.ts, x11-screensaver-idle.ts) when DISPLAY is set and the
// connection succeeds, otherwise today's readers (xprop, xprop -spy, xprintidle), with the reason
// logged once. Wayland sessions go straight to the fallback, whose availability explains that
// capture cannot work there. A lost connection is retried at the next read.
import type { ActiveWindowSample, CaptureAvailability, WindowSource } from '../ports';
import { createXprintidleSource, type XprintidleSource } from '../idle/xprintidle-source';
import { createScreenSaverIdleSource } from '../idle/x11-screensaver-idle';
import { createX11FocusEvents, type FocusEvents } from './focus-events';
import { createGetWindowsSource } from './get-windows-source';
import { connectX11, type X11Connection } from './x11-connection';
import { createX11ProtocolReader, type X11ProtocolReader } from './x11-protocol-source';

export interface LinuxX11ReadersOptions {
  /** DISPLAY, WAYLAND_DISPLAY, XDG_SESSION_TYPE, PATH; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  connect?: (display: string) => Promise<X11Connection>;
  warn?: (message: string) => void;
  /** Today's readers, used when the X protocol cannot be (tests pass fakes). */
  fallback?: { windowSource: WindowSource; focusEvents: FocusEvents; idleSource: XprintidleSource };
}

export interface LinuxX11Readers {
  windowSource: WindowSource;
  focusEvents: FocusEvents;
  idleSource: XprintidleSource;
}

interface Protocol {
  connection: X11Connection;
  reader: X11ProtocolReader;
}

/** Why the X protocol is not tried in this session, or null when it is worth a try. */
function skipReason(env: NodeJS.ProcessEnv): string | null {
  if (env.XDG_SESSION_TYPE === 'wayland' || (env.WAYLAND_DISPLAY && !env.DISPLAY)) return 'this is a Wayland session';
  return env.DISPLAY ? null : 'DISPLAY is not set';
}

export function createLinuxX11Readers(options: LinuxX11ReadersOptions = {}): LinuxX11Readers {
  const env = () => options.env ?? process.env;
  const connect = options.connect ?? ((display: string) => connectX11(display));
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const fallback = options.fallback ?? {
    windowSource: createGetWindowsSource({ platform: 'linux', env: options.env }),
    focusEvents: createX11FocusEvents({ env: options.env }),
    idleSource: createXprintidleSource({ env: options.env }),
  };
  let protocol: Promise<Protocol | null> | null = null;
  let lastWarning = '';

  const open = async (): Promise<Protocol | null> => {
    const skip = skipReason(env());
    if (skip) return null;
    try {
      const connection = await connect(env().DISPLAY!);
      connection.onClose(() => {
        protocol = null; // reconnect (or fall back) at the next read
      });
      lastWarning = '';
      return { connection, reader: createX11ProtocolReader(connection) };
    } catch (error) {
      const message = `capture: reading windows over the X protocol is not possible (${error instanceof Error ? error.message : String(error)}); using xprop and xprintidle instead`;
      if (message !== lastWarning) warn(message);
      lastWarning = message;
      protocol = null; // try again next time
      return null;
    }
  };
  const current = () => (protocol ??= open());

  const windowSource: WindowSource = {
    async activeWindow(): Promise<ActiveWindowSample | null> {
      const p = await current();
      return p ? p.reader.activeWindow() : fallback.windowSource.activeWindow();
    },
    async availability(): Promise<CaptureAvailability> {
      return (await current()) ? { available: true } : fallback.windowSource.availability();
    },
  };

  let active: FocusEvents | null = null;
  const focusEvents: FocusEvents = {
    kind: 'x11',
    async start(onChange, onFailure) {
      const p = await current();
      active = p ? p.reader.focusEvents : fallback.focusEvents;
      return active.start(onChange, onFailure);
    },
    refresh() {
      active?.refresh?.();
    },
    async stop() {
      const stopping = active;
      active = null;
      await stopping?.stop();
    },
  };

  const idleSource = createScreenSaverIdleSource(async () => (await current())?.connection ?? null, fallback.idleSource);
  return { windowSource, focusEvents, idleSource };
}
