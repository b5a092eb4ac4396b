// Editing rules re-applies them to days not yet reviewed. Reviewed days are the user's word and are never
// touched. Pure: returns the new suggestions, the caller decides what to store.

import type { Matcher } from './matcher';
import type { MatchInput, Suggestion } from './types';

export interface ReapplySegment {
  id: string;
  input: MatchInput;
  /** True once the segment's day has been reviewed and its entries confirmed. */
  reviewed: boolean;
}

export interface Reapplied {
  id: string;
  suggestion: Suggestion;
}

/** New suggestions for the unreviewed segments, in time order (continuity uses only earlier windows). */
export function reapply(segments: readonly ReapplySegment[], matcher: Matcher): Reapplied[] {
  const open = segments
    .filter((s) => !s.reviewed)
    .slice()
    .sort((a, b) => (a.input.start ?? 0) - (b.input.start ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const suggestions = matcher.suggestSequence(open.map((s) => s.input));
  return open.map((s, i) => ({ id: s.id, suggestion: suggestions[i]! }));
}
