// Approving a day or the week from the timesheet: what will be approved (count, raw and billed
// totals, per project), what is left out and why, and afterwards what happened, in plain words.
// Approving itself is repos.entries.approve(ids), the one door that also queues the QuickBooks writes.
import { formatDuration } from '../../../../shared/time/duration';
import type { LocalDate } from '../../../../shared/time/local-date';
import type { PreflightIssue } from '../../../../shared/sync/preflight';
import { groupIssues } from '../quickbooks/sync-view';

interface RangeEntry {
  id: string;
  projectId: string | null;
  localDate: LocalDate;
  start: number;
  end: number | null;
  status: string;
}

interface Tally {
  count: number;
  rawMs: number;
  billedMs: number;
}

export interface ApproveSummary extends Tally {
  /** The drafts that will be approved, each with its time. */
  toApprove: Array<{ id: string; rawMs: number; billedMs: number }>;
  /** The same, per project, largest first. */
  byProject: Array<Tally & { projectId: string }>;
  /** Left out: a timer still running (stop it first). */
  running: Tally;
  /** Left out: approved already, or further along (in QuickBooks, invoiced, paid). */
  approved: Tally;
  /** Left out: no project, so QuickBooks would have no customer for it. */
  noProject: Tally;
}

const zero = (): Tally => ({ count: 0, rawMs: 0, billedMs: 0 });
function count(t: Tally, rawMs: number, billedMs: number) {
  t.count += 1;
  t.rawMs += rawMs;
  t.billedMs += billedMs;
}

/** What approving these days would do, from the timesheet's entries and billed times. */
export function summarizeApproval(
  entries: readonly RangeEntry[],
  billed: ReadonlyMap<string, { billedMs: number }>,
  days: readonly LocalDate[],
  now: number,
): ApproveSummary {
  const wanted = new Set(days);
  const summary: ApproveSummary = { ...zero(), toApprove: [], byProject: [], running: zero(), approved: zero(), noProject: zero() };
  const perProject = new Map<string, Tally>();
  for (const e of entries) {
    if (!wanted.has(e.localDate)) continue;
    const raw = Math.max(0, (e.end ?? now) - e.start);
    const bill = billed.get(e.id)?.billedMs ?? raw;
    if (e.end === null) count(summary.running, raw, bill);
    else if (e.status !== 'draft') count(summary.approved, raw, bill);
    else if (e.projectId === null) count(summary.noProject, raw, bill);
    else {
      summary.toApprove.push({ id: e.id, rawMs: raw, billedMs: bill });
      count(summary, raw, bill);
      let t = perProject.get(e.projectId);
      if (!t) perProject.set(e.projectId, (t = zero()));
      count(t, raw, bill);
    }
  }
  summary.byProject = [...perProject].map(([projectId, t]) => ({ projectId, ...t })).sort((a, b) => b.rawMs - a.rawMs);
  return summary;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const entriesOf = (n: number) => plural(n, 'entry', 'entries');

/** "1:07, billed 1:15" when rounding changes it, else "1:07". */
export function rawAndBilled(t: Pick<Tally, 'rawMs' | 'billedMs'>): string {
  const raw = formatDuration(t.rawMs);
  const billed = formatDuration(t.billedMs);
  return raw === billed ? raw : `${raw}, billed ${billed}`;
}

/** The "left out" lines of the question, each with its reason. */
export function leftOutLines(s: ApproveSummary): string[] {
  const lines: string[] = [];
  if (s.running.count > 0) lines.push(`${s.running.count === 1 ? 'A timer is' : `${s.running.count} timers are`} still running (${formatDuration(s.running.rawMs)} so far): stop it first.`);
  if (s.approved.count > 0) lines.push(`${entriesOf(s.approved.count)} (${rawAndBilled(s.approved)}) ${s.approved.count === 1 ? 'is' : 'are'} approved already.`);
  if (s.noProject.count > 0) {
    lines.push(`${entriesOf(s.noProject.count)} without a project (${formatDuration(s.noProject.rawMs)}): QuickBooks needs the project’s customer, so give ${s.noProject.count === 1 ? 'it' : 'them'} a project first.`);
  }
  return lines;
}

interface ApproveOutcome {
  approved: string[];
  skipped: ReadonlyArray<{ id: string; reason: string }>;
  issues: readonly PreflightIssue[];
  refused: ReadonlyArray<{ reason: string }>;
}

const SKIP_REASON: Record<string, string> = {
  'not found': 'deleted in the meantime',
  running: 'a timer started running',
};

/**
 * What happened, in sentences: approved (with totals), not approved and why, then whether the
 * approved time is on its way to QuickBooks; `problems` lists what holds some of it back (pre-flight).
 */
export function describeOutcome(outcome: ApproveOutcome, asked: ApproveSummary): { lines: string[]; problems: string[] } {
  const lines: string[] = [];
  const n = outcome.approved.length;
  const done = asked.toApprove.filter((e) => outcome.approved.includes(e.id));
  const tally = { rawMs: done.reduce((sum, e) => sum + e.rawMs, 0), billedMs: done.reduce((sum, e) => sum + e.billedMs, 0) };
  lines.push(n === 0 ? 'Nothing was approved.' : `Approved ${entriesOf(n)} (${rawAndBilled(tally)}).`);
  if (outcome.skipped.length > 0) {
    const reasons = [...new Set(outcome.skipped.map((s) => SKIP_REASON[s.reason] ?? s.reason))];
    lines.push(`${entriesOf(outcome.skipped.length)} not approved: ${reasons.join('; ')}.`);
  }
  const mine = outcome.issues.filter((i) => outcome.approved.includes(i.entryId));
  const groups = groupIssues(mine);
  // One line per kind of problem (the QuickBooks screen lists each entry's): with nothing set up yet,
  // every entry has the same four or five, and a line per project would bury the news.
  const problems = groups.filter((g) => g.blocking).map((g) => (g.messages.length === 1 ? g.messages[0]!.message : `${g.title} (${entriesOf(g.entryCount)}).`));
  const held = new Set(mine.filter((i) => i.blocking).map((i) => i.entryId)).size;
  for (const g of groups.filter((x) => !x.blocking)) lines.push(...g.messages.map((m) => `Note: ${m.message}`));
  for (const r of outcome.refused) lines.push(r.reason);
  // Last, so the problems listed under it follow it.
  if (held > 0) {
    const who = held === n ? (n === 1 ? 'It is' : 'All of them are') : `${held} of them ${held === 1 ? 'is' : 'are'}`;
    lines.push(`${who} held back from QuickBooks until ${problems.length === 1 ? 'this is' : 'these are'} fixed (the QuickBooks screen’s Sync tab has the details):`);
  } else if (n > 0) {
    lines.push(`${n === 1 ? 'It is' : 'They are'} queued for QuickBooks.`);
  }
  return { lines, problems };
}
