// What the tray shows, derived from the data: the running entry's label and the last few projects
// to switch to. Pure, so the bridge only decides when to send it.
import type { TrayState } from '../../../../shared/ipc/contract';
import { isLive } from '../../../../shared/entries/entry';
import { projectLabelById } from '../../../../shared/entries/project-label';
import type { ClientRow, EntryRow, ProjectRow } from '../../db/schema';

const RECENT_LIMIT = 5;

/** The project's label as screens show it, cut to the 200 characters the tray accepts. */
function trayLabel(projectId: string | null, projects: ReadonlyMap<string, ProjectRow>, clients: ReadonlyMap<string, ClientRow>): string {
  return projectLabelById(projectId, projects, clients).slice(0, 200);
}

/**
 * Distinct projects of the given entries, most recently started first; entries without a project
 * and archived or missing projects are left out (the tray cannot switch to them).
 */
export function recentProjectIds(entries: readonly EntryRow[], projects: ReadonlyMap<string, ProjectRow>, limit = RECENT_LIMIT): string[] {
  const sorted = [...entries].filter(isLive).sort((a, b) => b.start - a.start || b.id.localeCompare(a.id));
  const ids: string[] = [];
  for (const e of sorted) {
    if (ids.length >= limit) break;
    if (e.projectId === null || ids.includes(e.projectId)) continue;
    const project = projects.get(e.projectId);
    if (!project || project.archived) continue;
    ids.push(e.projectId);
  }
  return ids;
}

/** The project the most recent entry used (null = "No project", also when there is no entry). */
export function lastUsedProjectId(entries: readonly EntryRow[], projects: ReadonlyMap<string, ProjectRow>): string | null {
  const latest = [...entries]
    .filter((e) => isLive(e) && (e.projectId === null || projects.get(e.projectId)?.archived === false))
    .sort((a, b) => b.start - a.start || b.id.localeCompare(a.id))[0];
  return latest?.projectId ?? null;
}

/**
 * `chosen` is the timer bar's project (undefined before it chose one): the tray's Start starts it,
 * else the last used project, and names it.
 */
export function trayStateOf(
  running: EntryRow | null | undefined,
  recentEntries: readonly EntryRow[],
  projectList: readonly ProjectRow[],
  clientList: readonly ClientRow[],
  chosen: string | null | undefined,
): TrayState {
  const projects = new Map(projectList.map((p) => [p.id, p]));
  const clients = new Map(clientList.map((c) => [c.id, c]));
  const next = chosen !== undefined ? chosen : lastUsedProjectId(recentEntries, projects);
  return {
    next: { projectId: next, label: trayLabel(next, projects, clients) },
    running: running
      ? { projectId: running.projectId, label: trayLabel(running.projectId, projects, clients), startedAt: running.start }
      : null,
    recent: recentProjectIds(recentEntries, projects).map((projectId) => ({ projectId, label: trayLabel(projectId, projects, clients) })),
  };
}
