// Node implementations of the ports for the browser harness (npm run web). They are real where
// Node can be real (clock, files) and controllable where the harness has no desktop: the idle
// source and the tray are driven through the harness's test controls, and "opening the system
// browser" records the URL (and hands it to xdg-open when asked to).
import { spawn } from 'node:child_process';
import { currentZone } from '../../shared/time/zone';
import type { TrayModel } from '../main/tray/tray-menu';
import type { TrayPort } from '../main/tray/tray-service';
import type { Clock, ExternalOpener, IdleSource, PowerEvent } from '../main/ports';

export const nodeClock: Clock = {
  now: () => Date.now(),
  timeZone: () => process.env['TZ_OVERRIDE'] ?? currentZone(),
};

/** An idle source whose idle time and power events are set by the test controls. */
export function manualIdleSource() {
  let idle = 0;
  const listeners = new Set<(e: PowerEvent) => void>();
  const source: IdleSource = {
    idleSeconds: async () => idle,
    onPowerEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    source,
    setIdleSeconds(seconds: number) {
      idle = seconds;
    },
    firePower(event: PowerEvent) {
      for (const l of listeners) l(event);
    },
  };
}

export function recordingOpener(options: { launch: boolean }) {
  const opened: string[] = [];
  const opener: ExternalOpener = {
    async openExternal(url) {
      opened.push(url);
      if (options.launch) spawn('xdg-open', [url], { stdio: 'ignore', detached: true }).on('error', () => {}).unref();
    },
  };
  return { opener, opened };
}

/** A tray with no desktop: keeps the rendered model so tests (and a curious person) can read and click it. */
export function recordingTray() {
  let model: TrayModel | null = null;
  let onItem: ((id: string) => void) | null = null;
  const port: TrayPort = {
    supported: false,
    render(next, handler) {
      model = next;
      onItem = handler;
    },
    dispose() {
      model = null;
      onItem = null;
    },
  };
  return {
    port,
    model: () => model,
    click: (id: string) => onItem?.(id),
  };
}
