// Projects, clients and tasks as the day view and the timer read them (live), with lookups by id.
import { useLiveQuery } from 'dexie-react-hooks';
import { useRepos } from '../../data/repos-context';
import type { ClientRow, ProjectRow, TaskRow } from '../../db/schema';
import { projectLabelById } from '../../../../shared/entries/project-label';

export interface Catalog {
  projects: ProjectRow[];
  clients: ClientRow[];
  projectById: Map<string, ProjectRow>;
  clientById: Map<string, ClientRow>;
  taskById: Map<string, TaskRow>;
  label(projectId: string | null): string;
  /** A project's tasks that can take new time (not archived), by name. */
  tasksOf(projectId: string | null): TaskRow[];
  color(projectId: string | null): string;
}

const NO_PROJECT_COLOR = '#94a3b8';

function makeCatalog(projects: ProjectRow[], clients: ClientRow[], tasks: TaskRow[]): Catalog {
  const projectById = new Map(projects.map((p) => [p.id, p]));
  const clientById = new Map(clients.map((c) => [c.id, c]));
  const taskById = new Map(tasks.map((t) => [t.id, t]));
  return {
    projects,
    clients,
    projectById,
    clientById,
    taskById,
    label: (id) => projectLabelById(id, projectById, clientById),
    tasksOf: (id) => (id === null ? [] : tasks.filter((t) => t.projectId === id && !t.archived)),
    color: (id) => (id ? projectById.get(id)?.color ?? NO_PROJECT_COLOR : NO_PROJECT_COLOR),
  };
}

/** Every project, client and task, archived ones included so old entries keep their names. */
export function useCatalog(): Catalog | undefined {
  const repos = useRepos();
  return useLiveQuery(async () => {
    const [projects, clients, tasks] = await Promise.all([
      repos.projects.list({ includeArchived: true }),
      repos.clients.list({ includeArchived: true }),
      repos.tasks.list({ includeArchived: true }),
    ]);
    return makeCatalog(projects, clients, tasks);
  }, [repos]);
}
