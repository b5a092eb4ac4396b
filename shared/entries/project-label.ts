// How a project is named wherever a person reads it (screens, the tray, history, the matcher's
// reasons): "Client · Project", the project alone when it has no client, "No project" for time
// without one, and "Deleted project" when the entry points at a project that no longer exists.

export const NO_PROJECT = 'No project';
export const DELETED_PROJECT = 'Deleted project';

/** A project's name and its client's, when it has one. */
export interface LabelledProject {
  name: string;
  clientName?: string | null | undefined;
}

/** `null`: no project; `undefined`: the project is gone. */
export function projectLabel(project: LabelledProject | null | undefined): string {
  if (project === null) return NO_PROJECT;
  if (project === undefined) return DELETED_PROJECT;
  return project.clientName ? `${project.clientName} · ${project.name}` : project.name;
}

/** The label of a project id, looked up in the project and client lists. */
export function projectLabelById(
  projectId: string | null,
  projects: ReadonlyMap<string, { name: string; clientId: string | null }>,
  clients: ReadonlyMap<string, { name: string }>,
): string {
  if (projectId === null) return NO_PROJECT;
  const project = projects.get(projectId);
  if (!project) return DELETED_PROJECT;
  return projectLabel({ name: project.name, clientName: project.clientId ? clients.get(project.clientId)?.name : undefined });
}
