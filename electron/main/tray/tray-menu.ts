// What the tray shows, as plain data: the Electron tray and the harness's recorded tray render
// the same model, so the menu's content is tested without a desktop.
import type { TrayCommand, TrayState } from '../../../shared/ipc/contract';

type TrayMenuItem =
  | { type: 'label'; label: string }
  | { type: 'separator' }
  | { type: 'command'; id: string; label: string; command: TrayCommand }
  | { type: 'action'; id: TrayActionId; label: string };

type TrayActionId = 'open' | 'quit' | 'pauseCapture' | 'resumeCapture';

/** Activity capture as the tray shows it: off (not offered), running (offer pause) or paused. */
export type TrayCapture = 'off' | 'running' | 'paused';

export interface TrayModel {
  /** Tooltip / title: what runs and since when, or that nothing runs. */
  tooltip: string;
  items: TrayMenuItem[];
}

export function formatElapsed(ms: number): string {
  const totalMinutes = Math.max(0, Math.floor(ms / 60_000));
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  return `${hours}:${String(minutes).padStart(2, '0')}`;
}

export function buildTrayModel(
  state: TrayState,
  now: number,
  formatTime: (ms: number) => string,
  capture: TrayCapture = 'off',
): TrayModel {
  const items: TrayMenuItem[] = [];
  let tooltip: string;
  if (state.running) {
    const elapsed = formatElapsed(now - state.running.startedAt);
    tooltip = `Track Nexus: ${state.running.label}, ${elapsed} since ${formatTime(state.running.startedAt)}`;
    items.push({ type: 'label', label: `▶ ${state.running.label} — ${elapsed}` });
    items.push({ type: 'command', id: 'stop', label: 'Stop timer', command: { kind: 'stop' } });
  } else {
    tooltip = 'Track Nexus: no timer running';
    items.push({ type: 'label', label: 'No timer running' });
    items.push({ type: 'command', id: 'start', label: `Start ${state.next.label}`, command: { kind: 'start', projectId: state.next.projectId } });
  }
  // The other recent projects: switch to one while a timer runs, or start on one instead.
  const current = state.running ? state.running.projectId : state.next.projectId;
  const switchable = state.recent.filter((p) => p.projectId !== current).slice(0, 5);
  if (switchable.length > 0) {
    items.push({ type: 'separator' });
    items.push({ type: 'label', label: state.running ? 'Switch to' : 'Or start' });
    for (const p of switchable) {
      items.push({
        type: 'command',
        id: `project:${p.projectId}`,
        label: p.label,
        command: state.running ? { kind: 'switch', projectId: p.projectId } : { kind: 'start', projectId: p.projectId },
      });
    }
  }
  items.push({ type: 'separator' });
  if (capture === 'running') items.push({ type: 'action', id: 'pauseCapture', label: 'Pause activity capture' });
  if (capture === 'paused') items.push({ type: 'action', id: 'resumeCapture', label: 'Resume activity capture' });
  items.push({ type: 'action', id: 'open', label: 'Open Track Nexus' });
  items.push({ type: 'action', id: 'quit', label: 'Quit' });
  return { tooltip, items };
}
