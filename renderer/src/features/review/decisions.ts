// What the user changed on each proposal card, kept outside the cards so Accept and Accept all read
// the same thing. Transient UI state (zustand): it survives re-renders, live-query refreshes and
// a visit to another screen, and is dropped once its proposal is gone (accepted, regrouped).
// useCardPlans lays these changes over the day's proposals: each card as it stands, with what
// accepting it bills, and the toolbar's totals.
import { useEffect, useMemo } from 'react';
import { create } from 'zustand';
import type { ProposedEntry } from '../../../../shared/proposals';
import { billedForRuns, runsToCreate, type Billing } from './accept-plan';
import type { ProposalView } from './review-day';
import type { ReviewData } from './use-review-day';

/** A proposal as it stands on screen. */
export interface ProposalDecision {
  projectId: string;
  taskId: string | null;
  description: string;
  /** Count the time already in entries too (default: only the free time becomes entries). */
  countAll: boolean;
}

type Changes = Partial<ProposalDecision>;

interface DecisionsState {
  /** By `${date} ${proposal key}`. */
  changes: Record<string, Changes>;
  change(date: string, key: string, patch: Changes): void;
  /** Forgets the day's changes whose proposal is no longer on screen. */
  keepOnly(date: string, keys: readonly string[]): void;
}

const id = (date: string, key: string) => `${date} ${key}`;

export const useDecisions = create<DecisionsState>((set) => ({
  changes: {},
  change: (date, key, patch) =>
    set((s) => {
      const before = s.changes[id(date, key)] ?? {};
      // A new project has its own tasks: the task chosen for the old one no longer applies.
      const task = patch.projectId !== undefined && patch.taskId === undefined ? { taskId: null } : {};
      return { changes: { ...s.changes, [id(date, key)]: { ...before, ...task, ...patch } } };
    }),
  keepOnly: (date, keys) =>
    set((s) => {
      const live = new Set(keys.map((k) => id(date, k)));
      const stale = Object.keys(s.changes).filter((k) => k.startsWith(`${date} `) && !live.has(k));
      if (stale.length === 0) return s;
      const changes = { ...s.changes };
      for (const k of stale) delete changes[k];
      return { changes };
    }),
}));

/** The suggestion with the user's changes laid over it; a chosen project that no longer exists is dropped. */
function resolveDecision(proposal: Pick<ProposedEntry, 'projectId' | 'taskId'>, stored: Changes | undefined, isProject: (id: string) => boolean): ProposalDecision {
  const changes = stored?.projectId !== undefined && !isProject(stored.projectId) ? undefined : stored;
  return {
    projectId: changes?.projectId ?? proposal.projectId,
    taskId: changes && 'taskId' in changes ? (changes.taskId ?? null) : proposal.taskId,
    description: changes?.description ?? '',
    countAll: changes?.countAll ?? false,
  };
}

/** What the user changed on one proposal, from the store's `changes`. */
const changesOf = (changes: Readonly<Record<string, Changes>>, date: string, key: string): Changes | undefined => changes[id(date, key)];

/** One proposal card as it stands: the suggestion with the user's changes, and what accepting it bills. */
interface CardPlan {
  v: ProposalView;
  d: ProposalDecision;
  billing: Billing | null;
}

export interface CardPlans {
  plans: CardPlan[];
  /** What Accept all would add as entries, as the cards stand. */
  addMs: number;
  /** Counted time already in entries that Accept all leaves out. */
  heldMs: number;
}

/**
 * The day's proposal cards with the user's changes. Changes made on cards whose proposal is gone
 * (accepted, regrouped) are forgotten.
 */
export function useCardPlans(data: ReviewData | null, date: string, zone: string): CardPlans | null {
  const changes = useDecisions((s) => s.changes);
  const keepOnly = useDecisions((s) => s.keepOnly);
  const keys = data ? JSON.stringify(data.day.proposals.map((p) => p.key)) : null;
  useEffect(() => {
    if (keys !== null) keepOnly(date, JSON.parse(keys) as string[]);
  }, [date, keys, keepOnly]);

  return useMemo(() => {
    if (!data) return null;
    const plans = data.day.proposals.map((v) => {
      const d = resolveDecision(v.proposal, changesOf(changes, date, v.key), (id) => data.projects.has(id));
      const billing = billedForRuns(runsToCreate(v.overlap, d.countAll), d.projectId, zone, data.dayEntries, (id) => data.projects.get(id), data.rounding);
      return { v, d, billing };
    });
    const addMs = plans.reduce((sum, { v, d }) => sum + runsToCreate(v.overlap, d.countAll).reduce((s, r) => s + r.end - r.start, 0), 0);
    const heldMs = plans.reduce((sum, { v, d }) => sum + (d.countAll ? 0 : v.overlap.coveredMs), 0);
    return { plans, addMs, heldMs };
  }, [data, changes, date, zone]);
}
