// Gathers what the reminder policy needs from the local database and from main (QuickBooks
// connections). Only the parts an enabled reminder reads are looked at, and of the days' activity only
// days whose review is due and not reminded of yet (it runs every minute).
import type { RendererApi } from '../../../../shared/ipc/contract';
import { reviewDue, reviewReminderId, type ReminderSettings, type ReminderSnapshot } from '../../../../shared/reminders/policy';
import { addLocalDays } from '../../../../shared/time/local-date';
import { localDate } from '../../../../shared/time/zone';
import type { Repos } from '../../db/repos';

/** How many days back "a day not reviewed" looks (today included). */
const REVIEW_DAYS = 7;

async function timer(repos: Repos, today: string) {
  const running = await repos.entries.running();
  const ends = (await repos.entries.listDay(today)).flatMap((e) => (e.end === null ? [] : [e.end]));
  return { timerRunning: running !== undefined, lastTimerEnd: ends.length > 0 ? Math.max(...ends) : null };
}

async function unreviewedDays(repos: Repos, due: (day: string) => boolean, today: string): Promise<string[]> {
  const days = Array.from({ length: REVIEW_DAYS }, (_, i) => addLocalDays(today, -i)).filter(due);
  const open = await Promise.all(days.map(async (d) => (await repos.segments.listDay(d)).some((s) => !s.reviewed)));
  return days.filter((_, i) => open[i]);
}

async function syncProblems(repos: Repos, api: RendererApi): Promise<ReminderSnapshot['syncProblems']> {
  const listed = await api.invoke('qbo:listCompanies');
  const companies = listed.ok ? listed.value.companies : [];
  const name = (id: string) => companies.find((c) => c.companyId === id)?.companyName ?? 'QuickBooks';
  const reconnect = companies
    .filter((c) => c.state === 'reconnect_required' || c.state === 'error')
    .map((c) => ({ companyId: c.companyId, name: name(c.companyId), key: `${c.state}:${c.connectedAt ?? 0}`, reconnect: true }));
  const failed = await repos.sync.failedRows();
  const byCompany = new Map<string, string>();
  for (const r of failed.sort((a, b) => a.createdAt - b.createdAt)) byCompany.set(r.companyId ?? '', r.id);
  const failures = [...byCompany].map(([companyId, rowId]) => ({ companyId, name: name(companyId), key: `failed:${rowId}`, reconnect: false }));
  return [...reconnect, ...failures];
}

/** `shown`: occasions already reminded of (the runner's memory). */
export async function gatherSnapshot(
  repos: Repos,
  api: RendererApi,
  settings: ReminderSettings,
  now: number,
  zone: string,
  shown: ReadonlySet<string>,
): Promise<ReminderSnapshot> {
  const today = localDate(now, zone);
  const reviewWanted = (day: string) => reviewDue(settings, day, now, zone) && !shown.has(reviewReminderId(day));
  const approved = settings.approvedWaiting ? await repos.entries.listApproved() : [];
  return {
    ...(settings.noTimer ? await timer(repos, today) : { timerRunning: false, lastTimerEnd: null }),
    unreviewedDays: settings.dayNotReviewed ? await unreviewedDays(repos, reviewWanted, today) : [],
    oldestApprovedAt: approved.length > 0 ? Math.min(...approved.map((e) => e.updatedAt)) : null,
    syncProblems: settings.syncProblem ? await syncProblems(repos, api) : [],
  };
}
