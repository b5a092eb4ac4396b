// Entries of a date range → CSV with raw and rounded durations, rounded with each project's
// effective policy (its override laid over the workspace default), and each entry's rate and
// amount, then offered as a download.
import { PRIMARY_COMPANY } from '../../../../shared/qbo/company';
import { exportEntriesCsv } from '../../../../shared/csv/export';
import { resolveRate } from '../../../../shared/rates/resolve';
import { billedTimes } from '../../../../shared/rounding/billed';
import { addLocalDays, firstOfMonth, firstOfNextMonth, isLocalDate } from '../../../../shared/time/local-date';
import { localDate, zonedInstant } from '../../../../shared/time/zone';
import type { Repos } from '../../db/repos';
import type { EntryRow } from '../../db/schema';

/** This month, first to last day, in the zone. */
export function thisMonth(zone: string, now = Date.now()): { from: string; to: string } {
  const today = localDate(now, zone);
  return { from: firstOfMonth(today), to: addLocalDays(firstOfNextMonth(today), -1) };
}

export function checkRange(from: string, to: string): string | null {
  if (!isLocalDate(from) || !isLocalDate(to)) return 'Choose both dates.';
  if (to < from) return 'The end date is before the start date.';
  return null;
}

export async function buildExport(repos: Repos, from: string, to: string, zone: string): Promise<{ csv: string; count: number }> {
  const [entries, projects, clients, settings, sync] = await Promise.all([
    repos.entries.listRange(zonedInstant(from, '00:00', zone), zonedInstant(addLocalDays(to, 1), '00:00', zone)),
    repos.projects.list({ includeArchived: true }),
    repos.clients.list({ includeArchived: true }),
    repos.settings.getAll(),
    // Rates are the workspace's: every company's context carries the same ones.
    repos.sync.loadContext(PRIMARY_COMPANY),
  ]);
  const finished = entries.filter((e): e is EntryRow & { end: number } => e.end !== null);
  const projectMap = new Map(projects.map((p) => [p.id, p]));
  const clientMap = new Map(clients.map((c) => [c.id, c]));
  const taskIds = [...new Set(finished.map((e) => e.taskId).filter((t): t is string => t !== null))];
  const tasks = new Map((await Promise.all(taskIds.map((id) => repos.tasks.get(id)))).filter((t) => t !== undefined).map((t) => [t.id, t.name]));

  // The figures QuickBooks gets: each project's rule, days in the entries' own zones, and the
  // rates it is sent at (rate cards and projects' own rates, as sync reads them).
  const billed = billedTimes(finished, (id) => projectMap.get(id), settings.rounding);
  const rates = sync.transform.rates;

  const csv = exportEntriesCsv(
    finished,
    {
      projectName: (id) => projectMap.get(id)?.name,
      clientName: (id) => {
        const clientId = projectMap.get(id)?.clientId;
        return clientId ? clientMap.get(clientId)?.name : undefined;
      },
      taskName: (id) => tasks.get(id),
      rate: (e) => {
        const project = e.projectId === null ? undefined : projectMap.get(e.projectId);
        return resolveRate({ taskId: e.taskId, projectId: e.projectId, clientId: project?.clientId ?? null, start: e.start, zone: e.zone }, rates);
      },
      billsTime: (e) => e.billable && (e.projectId === null || projectMap.get(e.projectId)?.billable !== false),
      currency: settings.currency,
    },
    (e) => billed.get(e.id)!,
  );
  return { csv, count: finished.length };
}

/** Offers text as a file: a Blob URL and a temporary <a download>, which works in Electron and in the browser. */
export function downloadText(text: string, filename: string, type = 'text/csv;charset=utf-8'): void {
  downloadBytes(text, filename, type);
}

/** Offers bytes (a report's PDF) or text as a file, the same way. */
export function downloadBytes(bytes: Uint8Array | string, filename: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
