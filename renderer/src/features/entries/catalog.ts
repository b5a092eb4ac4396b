// Projects and clients as the Today screen reads them (live), with lookups by id.
import { useLiveQuery } from 'dexie-react-hooks';
import { useRepos } from '../../data/repos-context';
import type { ClientRow, ProjectRow } from '../../db/schema';
import { projectLabel } from '../timer/tray-state';

export interface Catalog {
  projects: ProjectRow[];
  clients: ClientRow[];
  projectById: Map<string, ProjectRow>;
  clientById: Map<string, ClientRow>;
  label(projectId: string | null): string;
  color(projectId: string | null): string;
}

export const NO_PROJECT_COLOR = '#94a3b8';

export function makeCatalog(projects: ProjectRow[], clients: ClientRow[]): Catalog {
  const projectById = new Map(projects.map((p) => [p.id, p]));
  const clientById = new Map(clients.map((c) => [c.id, c]));
  return {
    projects,
    clients,
    projectById,
    clientById,
    label: (id) => projectLabel(id, projectById, clientById),
    color: (id) => (id ? projectById.get(id)?.color ?? NO_PROJECT_COLOR : NO_PROJECT_COLOR),
  };
}

/** Every project and client, archived ones included so old entries keep their names. */
export function useCatalog(): Catalog | undefined {
  const repos = useRepos();
  return useLiveQuery(async () => {
    const [projects, clients] = await Promise.all([
      repos.projects.list({ includeArchived: true }),
      repos.clients.list({ includeArchived: true }),
    ]);
    return makeCatalog(projects, clients);
  }, [repos]);
}
