// From a previewed CSV to entries: clients, projects and tasks named in the file are matched by
// name (case-insensitive) or created, and every good row becomes an ImportRow whose importKey
// lets the entries repository skip rows imported before.
import type { ImportedRow } from '../../../../shared/csv/import';
import type { ImportRow, Repos } from '../../db/repos';
import type { ClientRow, ProjectRow, TaskRow } from '../../db/schema';
import { PALETTE } from '../projects/palette';

export const nameKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLocaleLowerCase();

const projectKey = (client: string | null, project: string) => `${nameKey(client ?? '')}\u0000${nameKey(project)}`;
const taskKey = (projectRef: string, task: string) => `${projectRef}\u0000${nameKey(task)}`;

export interface Catalog {
  clients: readonly Pick<ClientRow, 'id' | 'name' | 'archived'>[];
  projects: readonly Pick<ProjectRow, 'id' | 'name' | 'clientId' | 'archived'>[];
  tasks: readonly Pick<TaskRow, 'id' | 'name' | 'projectId' | 'archived'>[];
}

export interface ImportPlan {
  /** Client names to create, as first spelled in the file. */
  newClients: string[];
  newProjects: { ref: string; name: string; client: string | null }[];
  newTasks: { ref: string; projectRef: string; name: string }[];
  rows: { row: ImportedRow; projectRef: string | null; taskRef: string | null }[];
}

/** Prefers an active record over an archived one with the same name; otherwise the first. */
function pick<T extends { archived: boolean }>(items: readonly T[]): T | undefined {
  return items.find((i) => !i.archived) ?? items[0];
}

/**
 * Matches the file's names against the catalog. A project matches on client and project name;
 * a row without a client also matches a project of that name when exactly one exists.
 */
export function planImport(rows: readonly ImportedRow[], catalog: Catalog): ImportPlan {
  const clientsByName = new Map<string, Catalog['clients'][number][]>();
  for (const c of catalog.clients) clientsByName.set(nameKey(c.name), [...(clientsByName.get(nameKey(c.name)) ?? []), c]);
  const clientName = new Map(catalog.clients.map((c) => [c.id, c.name]));

  const projectsByKey = new Map<string, Catalog['projects'][number][]>();
  const projectsByName = new Map<string, Catalog['projects'][number][]>();
  for (const p of catalog.projects) {
    const key = projectKey(p.clientId ? (clientName.get(p.clientId) ?? null) : null, p.name);
    projectsByKey.set(key, [...(projectsByKey.get(key) ?? []), p]);
    projectsByName.set(nameKey(p.name), [...(projectsByName.get(nameKey(p.name)) ?? []), p]);
  }
  const tasksByKey = new Map<string, Catalog['tasks'][number][]>();
  for (const t of catalog.tasks) {
    const key = taskKey(t.projectId, t.name);
    tasksByKey.set(key, [...(tasksByKey.get(key) ?? []), t]);
  }

  const plan: ImportPlan = { newClients: [], newProjects: [], newTasks: [], rows: [] };
  const plannedClients = new Set<string>();
  const resolvedProjects = new Map<string, string>();
  const resolvedTasks = new Map<string, string>();

  for (const row of rows) {
    if (row.project === null) {
      plan.rows.push({ row, projectRef: null, taskRef: null });
      continue;
    }
    const key = projectKey(row.client, row.project);
    let projectRef = resolvedProjects.get(key);
    if (projectRef === undefined) {
      const exact = pick(projectsByKey.get(key) ?? []);
      const byName = row.client === null ? (projectsByName.get(nameKey(row.project)) ?? []) : [];
      const found = exact ?? (byName.length === 1 ? byName[0] : undefined);
      if (found) projectRef = found.id;
      else {
        projectRef = `new-project:${key}`;
        plan.newProjects.push({ ref: projectRef, name: row.project.trim(), client: row.client?.trim() ?? null });
        if (row.client !== null && !clientsByName.has(nameKey(row.client)) && !plannedClients.has(nameKey(row.client))) {
          plannedClients.add(nameKey(row.client));
          plan.newClients.push(row.client.trim());
        }
      }
      resolvedProjects.set(key, projectRef);
    }
    let taskRef: string | null = null;
    if (row.task !== null) {
      const tKey = taskKey(projectRef, row.task);
      taskRef = resolvedTasks.get(tKey) ?? null;
      if (taskRef === null) {
        const found = pick(tasksByKey.get(tKey) ?? []);
        taskRef = found ? found.id : `new-task:${tKey}`;
        if (!found) plan.newTasks.push({ ref: taskRef, projectRef, name: row.task.trim() });
        resolvedTasks.set(tKey, taskRef);
      }
    }
    plan.rows.push({ row, projectRef, taskRef });
  }
  return plan;
}

/** The entries to hand to importMany once every ref has an id. */
export function toImportRows(plan: ImportPlan, ids: ReadonlyMap<string, string>): ImportRow[] {
  const id = (ref: string | null) => (ref === null ? null : (ids.get(ref) ?? ref));
  return plan.rows.map(({ row, projectRef, taskRef }) => ({
    projectId: id(projectRef),
    taskId: id(taskRef),
    description: row.description,
    start: row.start,
    end: row.end,
    zone: row.zone,
    source: 'import' as const,
    importKey: row.importKey,
    ...(row.billable === null ? {} : { billable: row.billable }),
  }));
}

export interface ImportOutcome {
  imported: number;
  skipped: number;
  createdClients: number;
  createdProjects: number;
}

/** Creates what the file names but the catalog lacks, then imports; rows seen before are skipped. */
export async function runImport(repos: Repos, rows: readonly ImportedRow[]): Promise<ImportOutcome> {
  const [clients, projects] = await Promise.all([
    repos.clients.list({ includeArchived: true }),
    repos.projects.list({ includeArchived: true }),
  ]);
  const tasks = (await Promise.all(projects.map((p) => repos.tasks.listForProject(p.id, { includeArchived: true })))).flat();
  const plan = planImport(rows, { clients, projects, tasks });

  // Archived first so an active client of the same name wins.
  const ordered = [...clients.filter((c) => c.archived), ...clients.filter((c) => !c.archived)];
  const clientIds = new Map(ordered.map((c) => [nameKey(c.name), c.id]));
  for (const name of plan.newClients) clientIds.set(nameKey(name), (await repos.clients.create({ name })).id);
  const ids = new Map<string, string>();
  for (const p of plan.newProjects) {
    const color = PALETTE[(projects.length + ids.size) % PALETTE.length]!.value;
    const created = await repos.projects.create({ name: p.name, color, clientId: p.client === null ? null : (clientIds.get(nameKey(p.client)) ?? null) });
    ids.set(p.ref, created.id);
  }
  for (const t of plan.newTasks) {
    const created = await repos.tasks.create({ projectId: ids.get(t.projectRef) ?? t.projectRef, name: t.name });
    ids.set(t.ref, created.id);
  }
  const result = await repos.entries.importMany(toImportRows(plan, ids));
  return { imported: result.imported, skipped: result.skipped, createdClients: plan.newClients.length, createdProjects: plan.newProjects.length };
}
