// Shapes the matcher works on. They are structural on purpose: the capture store, the renderer and the
// benchmark each have their own segment records, and all of them can hand these fields over as they are.

/** What the matcher sees of one activity segment. Times are epoch milliseconds, optional. */
export interface MatchInput {
  app: string;
  title: string;
  url: string | null;
  start?: number;
  end?: number;
}

interface TaskInfo {
  id: string;
  name: string;
}

/** A project the user bills to, with the metadata that lets it be suggested before it has any history. */
export interface ProjectInfo {
  id: string;
  name: string;
  clientName?: string;
  tasks?: TaskInfo[];
  keywords?: string[];
  repositories?: string[];
  /** Inactive projects are never suggested. Missing means active. */
  active?: boolean;
}

export type RuleField = 'app' | 'title' | 'url' | 'any';
export type RuleKind = 'contains' | 'glob' | 'regex';

export interface Rule {
  id: string;
  field: RuleField;
  kind: RuleKind;
  pattern: string;
  /** Case-insensitive unless set. */
  caseSensitive?: boolean;
  projectId: string;
  taskId?: string | null;
  /** Breaks ties between equally specific rules; higher wins. Default 0. */
  priority?: number;
}

type SuggestionSource = 'rule' | 'learned' | 'metadata' | 'none';

export interface Suggestion {
  /** null means the matcher abstains: personal activity, or not enough evidence to guess. */
  projectId: string | null;
  taskId: string | null;
  /** 0..1. A suggestion is only made at or above the matcher's threshold. */
  confidence: number;
  /** One sentence a person can read, e.g. "Your rule sends windows whose title contains “ACME-” to Acme · Portal." */
  reason: string;
  /**
   * The matcher's own account behind the sentence, with its counts and scores, e.g. "rule: title
   * contains ACME-" or "abstained: best guess Acme · Portal at 0.62 is below the 0.80 threshold (…)".
   */
  detail: string;
  source: SuggestionSource;
  /** The rule that decided, when source is 'rule'. */
  ruleId?: string;
}
