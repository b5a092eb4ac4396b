// How projects are named across screens: "Client · Project", or "No project".
export interface Named {
  id: string;
  name: string;
  clientId: string | null;
  color?: string;
}

export function projectLabel(projectId: string | null, projects: ReadonlyMap<string, Named>, clients: ReadonlyMap<string, { name: string }>): string {
  if (projectId === null) return 'No project';
  const p = projects.get(projectId);
  if (!p) return 'Deleted project';
  const client = p.clientId ? clients.get(p.clientId)?.name : undefined;
  return client ? `${client} · ${p.name}` : p.name;
}
