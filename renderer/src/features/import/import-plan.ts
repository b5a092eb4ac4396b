// From a previewed CSV to entries: clients, projects and tasks named in the file are matched by
// name (case-insensitive) or created, and every good row becomes an ImportRow whose importKey
// (and content) lets the entries repository skip rows imported before. All of it is one
// transaction: a cancel, a failure or a crash halfway leaves nothing, not even a new project.
import { groupBy } from '../../../../shared/group-by';
import type { ImportedRow } from '../../../../shared/csv/types';
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
  /**
   * Projects to create. They take the file's currency (null: it names none, or several) and, when
   * every billable row of the project in the file has the same rate, that rate.
   */
  newProjects: { ref: string; name: string; client: string | null; currency: string | null; rateMinor: number | null }[];
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
  const clientsByName = groupBy(catalog.clients, (c) => nameKey(c.name));
  const clientName = new Map(catalog.clients.map((c) => [c.id, c.name]));
  const projectsByKey = groupBy(catalog.projects, (p) => projectKey(p.clientId ? (clientName.get(p.clientId) ?? null) : null, p.name));
  const projectsByName = groupBy(catalog.projects, (p) => nameKey(p.name));
  const tasksByKey = groupBy(catalog.tasks, (t) => taskKey(t.projectId, t.name));

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
        plan.newProjects.push({ ref: projectRef, name: row.project.trim(), client: row.client?.trim() ?? null, currency: null, rateMinor: null });
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
  for (const p of plan.newProjects) Object.assign(p, moneyOf(plan.rows.filter((r) => r.projectRef === p.ref).map((r) => r.row)));
  return plan;
}

/**
 * A new project's currency and rate from its rows: the one currency they name (rows that name
 * none are in the workspace's), and the one rate of its billable rows (non-billable time often
 * carries no rate), only when every such row has it.
 */
function moneyOf(rows: readonly ImportedRow[]): { currency: string | null; rateMinor: number | null } {
  const currencies = new Set(rows.flatMap((r) => (r.money.currency === null ? [] : [r.money.currency])));
  if (currencies.size > 1) return { currency: null, rateMinor: null };
  const rates = new Set(rows.filter((r) => r.billable !== false).map((r) => r.money.rateMinor));
  const rate = rates.size === 1 ? [...rates][0]! : null;
  return { currency: [...currencies][0] ?? null, rateMinor: rate };
}

/** What a row said beyond our own fields, or undefined when it said none of it. */
function importedOf(row: ImportedRow): ImportRow['imported'] {
  const said = { person: row.person, ...row.money, status: row.sourceStatus };
  return Object.values(said).some((v) => v !== null) ? said : undefined;
}

/**
 * The entries to hand to the entries repository once every ref has an id. A row invoiced in the
 * source is imported as invoiced; one approved there comes in as a draft that remembers it.
 */
export function toImportRows(plan: ImportPlan, ids: ReadonlyMap<string, string>): ImportRow[] {
  const id = (ref: string | null) => (ref === null ? null : (ids.get(ref) ?? ref));
  return plan.rows.map(({ row, projectRef, taskRef }) => {
    const imported = importedOf(row);
    return {
      projectId: id(projectRef),
      taskId: id(taskRef),
      description: row.description,
      start: row.start,
      end: row.end,
      zone: row.zone,
      source: 'import' as const,
      importKey: row.importKey,
      ...(row.billable === null ? {} : { billable: row.billable }),
      ...(row.tags.length > 0 ? { tags: [...row.tags] } : {}),
      ...(imported ? { imported } : {}),
      ...(row.sourceStatus === 'invoiced' ? { status: 'invoiced' as const } : {}),
    };
  });
}

export interface ImportOutcome {
  imported: number;
  /** Rows already here (by their key, or the same times, project and description). */
  skipped: number;
  /** Of the imported, how many came in as invoiced (never sent to QuickBooks). */
  invoiced: number;
  createdClients: number;
  createdProjects: number;
}

interface ImportOptions {
  /** Called inside the import after every written step (1,000 rows): rows done of the total. */
  onProgress?: (done: number, total: number) => void;
  /** Aborting it cancels the import: nothing stays, and runImport rejects with an AbortError. */
  signal?: AbortSignal;
}

async function loadCatalog(repos: Repos) {
  const [clients, projects, tasks] = await Promise.all([
    repos.clients.list({ includeArchived: true }),
    repos.projects.list({ includeArchived: true }),
    repos.tasks.list({ includeArchived: true }),
  ]);
  return { clients, projects, tasks };
}

/** Creates the clients, projects and tasks the plan lacks; resolves to each new ref's id. */
async function createMissing(repos: Repos, plan: ImportPlan, catalog: Awaited<ReturnType<typeof loadCatalog>>): Promise<Map<string, string>> {
  // Archived first so an active client of the same name wins.
  const ordered = [...catalog.clients.filter((c) => c.archived), ...catalog.clients.filter((c) => !c.archived)];
  const clientIds = new Map(ordered.map((c) => [nameKey(c.name), c.id]));
  for (const name of plan.newClients) clientIds.set(nameKey(name), (await repos.clients.create({ name }, 'import')).id);
  const ids = new Map<string, string>();
  for (const p of plan.newProjects) {
    const color = PALETTE[(catalog.projects.length + ids.size) % PALETTE.length]!.value;
    const clientId = p.client === null ? null : (clientIds.get(nameKey(p.client)) ?? null);
    const created = await repos.projects.create({ name: p.name, color, clientId, rateMinor: p.rateMinor, ...(p.currency === null ? {} : { currency: p.currency }) }, 'import');
    ids.set(p.ref, created.id);
  }
  for (const t of plan.newTasks) ids.set(t.ref, (await repos.tasks.create({ projectId: ids.get(t.projectRef) ?? t.projectRef, name: t.name }, 'import')).id);
  return ids;
}

/**
 * Creates what the file names but the catalog lacks, then imports; rows seen before are skipped.
 * One transaction holds it all, so a cancel (`signal`), a failure or a crash leaves the data as it
 * was. Progress comes from the import's own IndexedDB steps: a timer would let the transaction
 * commit early.
 */
export async function runImport(repos: Repos, rows: readonly ImportedRow[], options: ImportOptions = {}): Promise<ImportOutcome> {
  const { onProgress, signal } = options;
  const cancelled = () => new DOMException('The import was cancelled; nothing was imported.', 'AbortError');
  const stopIfCancelled = () => {
    if (signal?.aborted) throw cancelled();
  };
  stopIfCancelled();
  try {
    return await importAll(repos, rows, (done, total) => {
      onProgress?.(done, total);
      stopIfCancelled();
    });
  } catch (e) {
    // Dexie turns an AbortError thrown in a transaction into its own kind of error.
    throw signal?.aborted ? cancelled() : e;
  }
}

/** The whole import in one transaction; `onStep` hears after every written step and may throw to undo it all. */
async function importAll(repos: Repos, rows: readonly ImportedRow[], onStep: (done: number, total: number) => void): Promise<ImportOutcome> {
  const tables = [...repos.clients.tables, ...repos.projects.tables, ...repos.tasks.tables];
  const { value } = await repos.entries.transaction(tables, async (tx) => {
    const catalog = await loadCatalog(repos);
    const plan = planImport(rows, catalog);
    const ids = await createMissing(repos, plan, catalog);
    const { imported, skipped, invoiced } = await repos.entries.importInTx(tx, toImportRows(plan, ids), onStep);
    return { imported, skipped, invoiced, createdClients: plan.newClients.length, createdProjects: plan.newProjects.length };
  });
  return value;
}
