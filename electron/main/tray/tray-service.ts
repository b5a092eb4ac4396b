// Keeps the tray in step with the timer the renderer owns: the renderer reports what runs
// (tray:setState), the service renders the model through a TrayPort and turns clicks into
// tray:command events. The elapsed time is refreshed once a minute, the tray's resolution.
import type { TrayState } from '../../../shared/ipc/contract';
import { NO_PROJECT } from '../../../shared/entries/project-label';
import { formatClockTime } from '../../../shared/time/display';
import type { Emit } from '../ipc/events';
import type { Clock } from '../ports';
import { buildTrayModel, type TrayCapture, type TrayModel } from './tray-menu';

/** The tray icon: Electron's Tray in the app, a recording one in the harness. */
export interface TrayPort {
  /** Whether this platform can show a tray icon at all. */
  readonly supported: boolean;
  render(model: TrayModel, onItem: (id: string) => void): void;
  dispose(): void;
}

export interface TrayServiceDeps {
  port: TrayPort;
  clock: Clock;
  emit: Emit;
  openWindow: () => void;
  quit: () => void;
  /** Activity capture, so the tray can show and toggle its pause. */
  capture?: { state(): TrayCapture; pause(): void; resume(): void };
  formatTime?: (ms: number) => string;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

export function createTrayService(deps: TrayServiceDeps) {
  let state: TrayState = { running: null, recent: [], next: { projectId: null, label: NO_PROJECT } };
  let model: TrayModel | null = null;
  const formatTime = deps.formatTime ?? ((ms: number) => formatClockTime(ms, deps.clock.timeZone()));
  const every = deps.setInterval ?? ((fn, ms) => setInterval(fn, ms));
  const cancel = deps.clearInterval ?? ((h) => clearInterval(h as ReturnType<typeof setInterval>));

  function onItem(id: string): void {
    const item = model?.items.find((i) => (i.type === 'command' || i.type === 'action') && i.id === id);
    if (!item) return;
    if (item.type === 'command') deps.emit('tray:command', item.command);
    else if (item.type === 'action' && item.id === 'open') deps.openWindow();
    else if (item.type === 'action' && item.id === 'quit') deps.quit();
    else if (item.type === 'action' && item.id === 'pauseCapture') deps.capture?.pause();
    else if (item.type === 'action' && item.id === 'resumeCapture') deps.capture?.resume();
  }

  function render(): void {
    model = buildTrayModel(state, deps.clock.now(), formatTime, deps.capture?.state() ?? 'off');
    deps.port.render(model, onItem);
  }

  const ticker = every(() => {
    if (state.running) render();
  }, 60_000);

  render();

  return {
    setState(next: TrayState): { shown: boolean } {
      state = next;
      render();
      return { shown: deps.port.supported };
    },
    /** Re-renders after something the tray shows changed in main (capture paused or resumed). */
    refresh(): void {
      render();
    },
    model(): TrayModel | null {
      return model;
    },
    /** Clicks a menu item by id, as a person would; used by the harness's test controls. */
    click(id: string): boolean {
      const exists = model?.items.some((i) => (i.type === 'command' || i.type === 'action') && i.id === id) ?? false;
      if (exists) onItem(id);
      return exists;
    },
    dispose(): void {
      cancel(ticker);
      deps.port.dispose();
    },
  };
}
