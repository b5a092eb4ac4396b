// What the review's buttons do: accept (one, all), assign one window, "not work", undo and reopen,
// each through the review repository, each answered by a notice in the user's words. A notice
// after a decision carries its Undo.
import { useState } from 'react';
import { formatDuration } from '../../../../shared/time/duration';
import { useRepos } from '../../data/repos-context';
import type { Decision } from '../../db/repos';
import { acceptInput } from './accept-input';
import { runsToCreate, type Overlap } from './accept-plan';
import type { ProposalDecision } from './decisions';
import type { ProposalView, WindowView } from './review-day';
import type { ReviewData } from './use-review-day';

export type Notice = { tone: 'ok' | 'error'; text: string; undo?: string[] };

const entriesText = (n: number) => (n === 1 ? 'a draft entry' : `${n} draft entries`);
const windowsText = (n: number) => (n === 1 ? '1 window' : `${n} windows`);
const undoable = (ds: readonly Decision[]) => ({ undo: ds.map((d) => d.decisionId) });
const spanMs = (runs: ReadonlyArray<{ start: number; end: number }>) => runs.reduce((sum, r) => sum + r.end - r.start, 0);

export function useReviewActions(date: string, zone: string, formatTime: (ms: number) => string) {
  const repos = useRepos();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);

  async function run(action: () => Promise<Notice>) {
    setBusy(true);
    try {
      setNotice(await action());
    } catch (e) {
      setNotice({ tone: 'error', text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  }
  const context = (data: ReviewData) => ({ zone, entries: data.entries, now: data.now });

  return {
    busy,
    notice,
    setNotice,

    accept: (data: ReviewData, v: ProposalView, d: ProposalDecision) =>
      run(async () => {
        const decision = await repos.review.accept(acceptInput(v.windows, v.overlap, d, context(data)));
        const text = decision.entryIds.length === 0
          ? `Marked ${windowsText(v.windows.length)} reviewed: that time was already in your entries.`
          : `Added ${entriesText(decision.entryIds.length)} for ${data.labelOf(d.projectId)} (${formatDuration(spanMs(runsToCreate(v.overlap, d.countAll)))}).`;
        return { tone: 'ok', text, ...undoable([decision]) };
      }),

    /** Every proposal exactly as its card shows it, in one transaction. */
    acceptAll: (data: ReviewData, plans: ReadonlyArray<{ v: ProposalView; d: ProposalDecision }>) =>
      run(async () => {
        const inputs = plans.map(({ v, d }) => acceptInput(v.windows, v.overlap, d, context(data)));
        const decisions = await repos.review.acceptMany(inputs);
        const n = decisions.reduce((sum, d) => sum + d.entryIds.length, 0);
        const what = `${inputs.length} proposal${inputs.length === 1 ? '' : 's'}`;
        return { tone: 'ok', text: `Accepted ${what}: ${entriesText(n)} (${formatDuration(spanMs(inputs.flatMap((i) => i.runs)))}).`, ...undoable(decisions) };
      }),

    notWork: (windows: readonly WindowView[], what: string) =>
      run(async () => {
        const decision = await repos.review.reject(windows);
        return { tone: 'ok', text: `${what} marked as not work: no entry, and the matcher will leave windows like these unassigned.`, ...undoable([decision]) };
      }),

    /** One unassigned window, once, to a project: a draft entry, and the matcher learns from it. */
    assign: (data: ReviewData, w: WindowView, overlap: Overlap, projectId: string, taskId: string | null) =>
      run(async () => {
        const d = { projectId, taskId, description: '', countAll: false };
        const decision = await repos.review.accept(acceptInput([w], overlap, d, { ...context(data), kind: 'assign' }));
        const what = decision.entryIds.length === 0 ? 'marked reviewed (already in your entries)' : `added as ${entriesText(decision.entryIds.length)}`;
        return { tone: 'ok', text: `${formatTime(w.start)}–${formatTime(w.end)} assigned to ${data.labelOf(projectId)}: ${what}.`, ...undoable([decision]) };
      }),

    undo: (decisionIds: readonly string[]) =>
      run(async () => {
        await repos.review.undo(date, decisionIds);
        return { tone: 'ok', text: 'Undone: its draft entries are deleted and its windows are back for review.' };
      }),

    reopen: () =>
      run(async () => {
        const { reopened } = await repos.review.reopenDay(date);
        return { tone: 'ok', text: `${windowsText(reopened)} back for review. Entries you accepted from them stay, and nothing is counted twice.` };
      }),
  };
}
