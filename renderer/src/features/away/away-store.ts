// The queue of away prompts: one per away period that overlapped a timer, asked in order.
// Transient UI state (the away periods themselves are stored by the segments repository).
import { create } from 'zustand';
import type { AwayEvent } from './away-plan';

export interface AwayQuestion {
  key: string;
  entryId: string;
  /** Null for a timer found running too long on start, with no away period known. */
  away: (AwayEvent & { end: number }) | null;
  overnight: boolean;
}

interface AwayQueue {
  queue: AwayQuestion[];
  ask(q: AwayQuestion): void;
  done(key: string): void;
}

export const useAwayQueue = create<AwayQueue>((set) => ({
  queue: [],
  ask: (q) => set((s) => (s.queue.some((x) => x.key === q.key) ? s : { queue: [...s.queue, q] })),
  done: (key) => set((s) => ({ queue: s.queue.filter((x) => x.key !== key) })),
}));
