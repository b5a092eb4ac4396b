// Timer commands, whoever sends them (Today screen, tray menu, global shortcut): each is one
// repository call, so "switch" stops the current entry and starts the next in one transaction.
import type { TrayCommand } from '../../../../shared/ipc/contract';
import type { Repos } from '../../db/repos';
import type { EntryRow } from '../../db/schema';
import { useTimerChoice } from './timer-errors';
import { lastUsedProjectId } from './tray-state';

/** How far back "recent projects" and "the last used project" look. */
const RECENT_WINDOW_MS = 90 * 24 * 60 * 60 * 1000;

export async function recentEntries(repos: Repos, now: number): Promise<EntryRow[]> {
  // The upper bound is generous: a clock that was wrong once must not hide entries.
  return repos.entries.listRange(Math.max(0, now - RECENT_WINDOW_MS), now + RECENT_WINDOW_MS);
}

export async function lastUsedProject(repos: Repos, now: number): Promise<string | null> {
  const [entries, projects] = await Promise.all([recentEntries(repos, now), repos.projects.list()]);
  return lastUsedProjectId(entries, new Map(projects.map((p) => [p.id, p])));
}

/** What Start starts without a project named: the timer bar's choice, else the last used project. */
async function nextProject(repos: Repos, now: number): Promise<string | null> {
  const chosen = useTimerChoice.getState().projectId;
  return chosen !== undefined ? chosen : lastUsedProject(repos, now);
}

/** `taskId` undefined starts on the project's default task. */
export async function startTimer(repos: Repos, projectId: string | null, at: number, zone: string, description = '', taskId?: string | null): Promise<EntryRow> {
  const { started } = await repos.entries.startTimer(projectId, taskId, at, zone, { description });
  return started;
}

export async function runTrayCommand(repos: Repos, command: TrayCommand, at: number, zone: string): Promise<void> {
  switch (command.kind) {
    case 'start':
      await startTimer(repos, command.projectId, at, zone);
      return;
    case 'switch':
      await startTimer(repos, command.projectId, at, zone);
      return;
    case 'stop':
      await repos.entries.stopTimer(at);
      return;
    case 'toggle':
      if (await repos.entries.running()) await repos.entries.stopTimer(at);
      else await startTimer(repos, await nextProject(repos, at), at, zone);
      return;
  }
}
