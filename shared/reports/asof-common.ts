// What the three "as of a day" reports (unbilled work, receivables, cash forecast) share: "As of",
// days between dates, the client and project filters, and names for ids.
import { formatDate } from '../time/display';
import { parseLocalDate, type LocalDate } from '../time/local-date';
import type { ReportData, ReportScope } from './types';

function utcDay(date: LocalDate): number {
  const { year, month, day } = parseLocalDate(date);
  return Date.UTC(year, month - 1, day);
}

/** "As of 4 Dec 2026": the period words of a report that looks at one day. */
export const asOfWords = (date: LocalDate): string => `As of ${formatDate(date)}`;

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: LocalDate, to: LocalDate): number => Math.round((utcDay(to) - utcDay(from)) / 86_400_000);

/** Kept to one decimal (days read as "6.5"). */
export const oneDecimal = (value: number): number => Math.round(value * 10) / 10;

/** The scope's client and project filters as one test (empty lists let everything through). */
export function scopeFilter(data: ReportData, scope: ReportScope): (clientId: string | null, projectId: string | null) => boolean {
  const clients = new Set(scope.clientIds);
  const projects = new Set(scope.projectIds);
  const clientOf = projectClients(data);
  return (clientId, projectId) => {
    const client = clientId ?? (projectId === null ? null : (clientOf.get(projectId) ?? null));
    if (clients.size > 0 && (client === null || !clients.has(client))) return false;
    return projects.size === 0 || (projectId !== null && projects.has(projectId));
  };
}

/** The client filter for what has a client but no project (invoices): the project filter keeps its projects' clients. */
export function clientFilter(data: ReportData, scope: ReportScope): (clientId: string | null) => boolean {
  const clients = new Set(scope.clientIds);
  const clientOf = projectClients(data);
  const projectClientIds = new Set(scope.projectIds.map((p) => clientOf.get(p)).filter((c): c is string => c !== undefined && c !== null));
  return (clientId) =>
    (clients.size === 0 || (clientId !== null && clients.has(clientId))) &&
    (scope.projectIds.length === 0 || (clientId !== null && projectClientIds.has(clientId)));
}

const projectClients = (data: ReportData): Map<string, string | null> => new Map(data.projects.map((p) => [p.id, p.clientId]));

/** Names for ids: clients, projects, and the client a project belongs to. */
export interface Names {
  client: (clientId: string | null, fallback?: string) => string;
  project: (projectId: string | null) => string;
  clientOfProject: (projectId: string | null) => string | null;
}

export function names(data: ReportData): Names {
  const clients = new Map(data.clients.map((c) => [c.id, c.name]));
  const projects = new Map(data.projects.map((p) => [p.id, p]));
  return {
    client: (id, fallback = 'No client') => (id === null ? fallback : (clients.get(id) ?? fallback)),
    project: (id) => (id === null ? 'No project' : (projects.get(id)?.name ?? 'No project')),
    clientOfProject: (id) => (id === null ? null : (projects.get(id)?.clientId ?? null)),
  };
}
