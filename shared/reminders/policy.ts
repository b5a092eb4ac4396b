// Which reminders are due at an instant: pure, so the runner (renderer/src/features/reminders) only
// gathers a snapshot of the workspace and shows what this returns. Times of day are wall-clock times
// in the user's IANA zone, compared as wall-clock times, so DST changes move nothing. Each reminder
// carries the id of its occasion (a day, a gap without a timer, a problem): the runner shows an id once.
import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import type { LocalDate } from '../time/local-date';
import { localDate, localTime, zonedInstant } from '../time/zone';

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Not a time (HH:mm)');
const weekday = z.number().int().min(0).max(6);

export const ReminderSettings = z.object({
  /** No timer running during working hours (after `noTimerGraceMinutes` without one). */
  noTimer: z.boolean(),
  workStart: timeOfDay,
  workEnd: timeOfDay,
  /** 0 = Sunday … 6 = Saturday. */
  workDays: z.array(weekday).max(7),
  /** Captured activity of a day still not reviewed at `reviewBy` that day. */
  dayNotReviewed: z.boolean(),
  reviewBy: timeOfDay,
  /** Approved time not sent to QuickBooks after this many hours. */
  approvedWaiting: z.boolean(),
  approvedWaitingHours: z.number().int().min(1).max(24 * 14),
  /** A sync that failed or a company that needs reconnecting. */
  syncProblem: z.boolean(),
  /** A project that reached its budget. */
  budgetReached: z.boolean(),
  /** No reminder between these wall-clock times (the span may cross midnight); equal times = none. */
  quietHours: z.object({ on: z.boolean(), start: timeOfDay, end: timeOfDay }),
});
export type ReminderSettings = z.infer<typeof ReminderSettings>;

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  noTimer: false,
  workStart: '09:00',
  workEnd: '17:00',
  workDays: [1, 2, 3, 4, 5],
  dayNotReviewed: true,
  reviewBy: '18:00',
  approvedWaiting: true,
  approvedWaitingHours: 24,
  syncProblem: true,
  budgetReached: true,
  quietHours: { on: true, start: '20:00', end: '08:00' },
};

/** The screen a reminder opens when clicked. */
export const ReminderTarget = z.discriminatedUnion('screen', [
  z.object({ screen: z.literal('today') }),
  z.object({ screen: z.literal('review'), day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  z.object({ screen: z.literal('quickbooks'), tab: z.literal('sync') }),
  z.object({ screen: z.literal('settings'), section: z.literal('projects') }),
]);
export type ReminderTarget = z.infer<typeof ReminderTarget>;

/** What the policy needs to know about the workspace, gathered by the runner. */
export interface ReminderSnapshot {
  timerRunning: boolean;
  /** When the last timer stopped (UTC ms), or null if none ran. */
  lastTimerEnd: number | null;
  /** Days (today and a few before) with captured activity not reviewed yet. */
  unreviewedDays: readonly LocalDate[];
  /** When the oldest approved, unsent entry was last changed (approved), or null. */
  oldestApprovedAt: number | null;
  /** Companies whose sync failed or that need reconnecting; `key` changes when the problem does. */
  syncProblems: ReadonlyArray<{ companyId: string; name: string; key: string; reconnect: boolean }>;
}

export interface Reminder {
  /** The occasion: shown once per id. */
  id: string;
  title: string;
  body: string;
  target: ReminderTarget;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether a wall-clock minute of the day lies in [start, end), a span that may cross midnight. */
export function inSpan(minute: number, start: string, end: string): boolean {
  const s = minutesOf(start);
  const e = minutesOf(end);
  if (s === e) return false;
  return s < e ? minute >= s && minute < e : minute >= s || minute < e;
}

/** Inside quiet hours at `now` in `zone`: nothing is shown. */
export function isQuiet(settings: ReminderSettings, now: number, zone: string): boolean {
  const q = settings.quietHours;
  return q.on && inSpan(minutesOf(localTime(now, zone)), q.start, q.end);
}

/** Minutes without a timer before "no timer running" reminds, so a short break does not. */
export const NO_TIMER_GRACE_MINUTES = 15;

function noTimer(s: ReminderSettings, snap: ReminderSnapshot, now: number, zone: string): Reminder[] {
  if (!s.noTimer || snap.timerRunning) return [];
  const day = localDate(now, zone);
  if (!s.workDays.includes(new TZDate(now, zone).getDay())) return [];
  if (!inSpan(minutesOf(localTime(now, zone)), s.workStart, s.workEnd)) return [];
  const since = Math.max(snap.lastTimerEnd ?? 0, zonedInstant(day, s.workStart, zone));
  if (now - since < NO_TIMER_GRACE_MINUTES * 60_000) return [];
  return [{ id: `no-timer:${day}:${since}`, title: 'No timer running', body: 'It is working hours and no timer is running. Start one to keep the day complete.', target: { screen: 'today' } }];
}

/** The occasion "this day is not reviewed": one per day. */
export const reviewReminderId = (day: LocalDate): string => `review:${day}`;

/** Whether a day's review is due by now (its review time has come). */
export function reviewDue(s: ReminderSettings, day: LocalDate, now: number, zone: string): boolean {
  return zonedInstant(day, s.reviewBy, zone) <= now;
}

function notReviewed(s: ReminderSettings, snap: ReminderSnapshot, now: number, zone: string): Reminder[] {
  if (!s.dayNotReviewed) return [];
  return snap.unreviewedDays
    .filter((day) => reviewDue(s, day, now, zone))
    .map((day) => ({ id: reviewReminderId(day), title: 'A day is waiting for review', body: `Captured activity on ${day} is not reviewed yet.`, target: { screen: 'review', day } }));
}

function approvedWaiting(s: ReminderSettings, snap: ReminderSnapshot, now: number): Reminder[] {
  const at = snap.oldestApprovedAt;
  if (!s.approvedWaiting || at === null || now - at < s.approvedWaitingHours * 3_600_000) return [];
  return [{ id: `approved:${at}`, title: 'Approved time is waiting to sync', body: `Some approved time has not been sent to QuickBooks for over ${s.approvedWaitingHours} hours.`, target: { screen: 'quickbooks', tab: 'sync' } }];
}

function syncProblems(s: ReminderSettings, snap: ReminderSnapshot): Reminder[] {
  if (!s.syncProblem) return [];
  return snap.syncProblems.map((p) => ({
    id: `sync:${p.companyId}:${p.key}`,
    title: p.reconnect ? `Reconnect ${p.name}` : `Sync with ${p.name} failed`,
    body: p.reconnect ? 'QuickBooks needs you to connect again before time can be sent.' : 'Some time could not be sent to QuickBooks. Open Sync to see why.',
    target: { screen: 'quickbooks', tab: 'sync' } as const,
  }));
}

/** The reminders due at `now`: none in quiet hours, else every enabled one whose condition holds. */
export function dueReminders(settings: ReminderSettings, snap: ReminderSnapshot, now: number, zone: string): Reminder[] {
  if (isQuiet(settings, now, zone)) return [];
  return [...noTimer(settings, snap, now, zone), ...notReviewed(settings, snap, now, zone), ...approvedWaiting(settings, snap, now), ...syncProblems(settings, snap)];
}

/** Whether a budget crossing may be shown as a notification now (the in-app notice shows regardless). */
export function budgetMayNotify(settings: ReminderSettings, now: number, zone: string): boolean {
  return settings.budgetReached && !isQuiet(settings, now, zone);
}
