// IdleSource over the X server's MIT-SCREEN-SAVER extension (QueryInfo), read in-process on the
// capture's X connection instead of spawning xprintidle per read (issue 19). Used outside Electron
// on Linux X11 (the browser harness, bench:capture); Electron's powerMonitor reads the same value
// in-process already. Without a connection or the extension, it falls back to xprintidle.
// watchInput hears the next input over XInput2 on the same connection (Electron uses it too).
import type { X11Connection } from '../capture/x11-connection';
import type { XprintidleSource } from './xprintidle-source';

export function createScreenSaverIdleSource(connection: () => Promise<X11Connection | null>, fallback: XprintidleSource): XprintidleSource {
  let usedFallback = false;
  return {
    async idleSeconds() {
      const x = await connection();
      if (x) {
        try {
          const ms = await x.idleMs();
          usedFallback = false;
          return ms / 1000;
        } catch {
          /* no MIT-SCREEN-SAVER, or the connection went away: ask xprintidle */
        }
      }
      usedFallback = true;
      return fallback.idleSeconds();
    },
    onPowerEvent: (listener) => fallback.onPowerEvent(listener),
    async watchInput(onInput) {
      const x = await connection();
      return x ? x.watchInput(onInput).catch(() => null) : null;
    },
    limitations: () => (usedFallback ? fallback.limitations() : []),
  };
}
