// The learner: which words, apps, hosts and paths went to which project in the user's confirmed history.
// Counts, not a trained black box: every suggestion can be explained by the counts behind it, updates are
// one segment at a time, and the whole thing serialises to plain JSON for the renderer to keep.

import { analyse } from './features';
import { parseUrl } from './text';
import type { MatchInput } from './types';

/** The label personal / unassignable time is learned under. Project ids are never empty. */
export const UNASSIGNED = '';

/** One confirmed segment counts its minutes, capped so a forgotten three-hour window does not drown the rest. */
const MAX_MINUTES_PER_SEGMENT = 60;
const MIN_MINUTES_PER_SEGMENT = 0.1;
/** Segments needed before a feature is trusted halfway (reliability n / (n + k)). */
const RELIABILITY_HALF = 2;
/** Two segments at most this far apart count as one run of work for learning continuity. */
export const CONTINUITY_GAP_MS = 2 * 60_000;
/** Followed segments a site needs before its own continuity rate replaces its app's. */
const MIN_SITE_CONTINUITY = 3;

interface LabelStat {
  /** Confirmed minutes. */
  w: number;
  /** Confirmed segments. */
  n: number;
  /** Minutes per task id, when a task was confirmed. */
  tasks?: Map<string, number>;
}

interface FeatureStat {
  n: number;
  w: number;
  labels: Map<string, LabelStat>;
  cache: FeatureEvidence | null;
  cacheVersion: number;
}

/** What one known feature says: a distribution over labels and how much to trust it. */
export interface FeatureEvidence {
  /** 0..1: (1 - normalised entropy)^2 x reliability. A shared tool used for every client scores near 0. */
  weight: number;
  /** Label (project id or UNASSIGNED) with its share of the feature's confirmed minutes, largest first. */
  dist: Array<{ label: string; p: number; segments: number }>;
}

export interface ModelJSON {
  format: 'track-nexus.matcher-model';
  version: 1;
  /** [label, confirmed minutes] in insertion order. */
  labels: Array<[string, number]>;
  /** [app, or "h:" + host, segments that continued the previous project, segments that followed a project]. */
  continuity: Array<[string, number, number]>;
  /** [feature, [[label, minutes, segments, [[taskId, minutes], ...]?], ...]] in insertion order. */
  features: Array<[string, Array<[string, number, number, Array<[string, number]>?]>]>;
}

export class LearnedModel {
  private readonly features = new Map<string, FeatureStat>();
  private readonly labelSet = new Set<string>();
  private readonly minutesByLabel = new Map<string, number>();
  private totalMinutes = 0;
  /** Bumped when a new label appears, because entropy is normalised by the number of labels. */
  private labelsVersion = 0;
  private changes = 0;
  /** Per app: how often a segment went to the same label as the segment just before it. */
  private readonly continuity = new Map<string, { same: number; total: number }>();
  private last: { label: string; end: number } | null = null;
  private tasksSeen = false;

  /** Records a confirmed segment: input went to projectId (and taskId) for durationMs. */
  learn(input: MatchInput, projectId: string, taskId: string | null = null, durationMs = 60_000): void {
    if (!projectId) throw new Error('learn() needs a project id; use learnUnassigned() for personal time.');
    this.add(analyse(input).features, projectId, taskId, durationMs);
    this.noteSequence(input, projectId);
  }

  /** Records time the user confirmed as personal or unassignable, so similar segments lean towards abstaining. */
  learnUnassigned(input: MatchInput, durationMs = 60_000): void {
    this.add(analyse(input).features, UNASSIGNED, null, durationMs);
    this.noteSequence(input, UNASSIGNED);
  }

  /**
   * Takes back what learn() recorded for the same segment, project, task and duration (an undone
   * review decision). Continuity is counted between segments learned one after the other, so a
   * decision's segments are unlearned in the order they were learned, on a model loaded afresh as
   * they were learned: the pairs counted then are the pairs taken back now. What was never learned
   * is not taken back (counts never go below zero), and a label or feature left with no segment is
   * removed, so the model is as it was before the decision, up to floating-point rounding of minutes.
   */
  unlearn(input: MatchInput, projectId: string, taskId: string | null = null, durationMs = 60_000): void {
    if (!projectId) throw new Error('unlearn() needs a project id; use unlearnUnassigned() for personal time.');
    this.remove(analyse(input).features, projectId, taskId, durationMs);
    this.noteSequence(input, projectId, -1);
  }

  /** Takes back what learnUnassigned() recorded for the same segment and duration. */
  unlearnUnassigned(input: MatchInput, durationMs = 60_000): void {
    this.remove(analyse(input).features, UNASSIGNED, null, durationMs);
    this.noteSequence(input, UNASSIGNED, -1);
  }

  /**
   * How likely a window of this app continues the project of the window just before it, with Laplace
   * smoothing: a browser tab in the middle of work usually does, a video call usually starts something new.
   * Learned from segments fed in time order with start and end times; 0.5 when nothing is known.
   */
  continuityRate(input: Pick<MatchInput, 'app' | 'url'>): number {
    // The site says more than the browser: a Stack Overflow tab mid-task continues it, a video site does not.
    const host = parseUrl(input.url)?.host;
    const site = host ? this.continuity.get('h:' + host) : undefined;
    const stat = site && site.total >= MIN_SITE_CONTINUITY ? site : this.continuity.get(input.app.trim().toLowerCase());
    return stat ? (stat.same + 1) / (stat.total + 2) : 0.5;
  }

  /** `sign` -1 takes back a pair counted by an earlier call with the same segments in the same order. */
  private noteSequence(input: MatchInput, label: string, sign: 1 | -1 = 1): void {
    if (input.start === undefined || input.end === undefined) return;
    const previous = this.last;
    this.last = { label, end: input.end };
    if (!previous || previous.label === UNASSIGNED) return;
    const gap = input.start - previous.end;
    if (gap < 0 || gap > CONTINUITY_GAP_MS) return;
    const host = parseUrl(input.url)?.host;
    for (const key of host ? [input.app.trim().toLowerCase(), 'h:' + host] : [input.app.trim().toLowerCase()]) {
      const stat = this.continuity.get(key) ?? { same: 0, total: 0 };
      if (sign < 0 && stat.total === 0) continue;
      stat.total += sign;
      if (label === previous.label) stat.same = Math.max(0, stat.same + sign);
      if (stat.total === 0) this.continuity.delete(key);
      else this.continuity.set(key, stat);
    }
  }

  /** The evidence for one feature key, or undefined if it was never confirmed. */
  evidence(feature: string): FeatureEvidence | undefined {
    const stat = this.features.get(feature);
    if (!stat) return undefined;
    if (stat.cache && stat.cacheVersion === this.labelsVersion) return stat.cache;
    stat.cache = computeEvidence(stat, this.labelSet.size);
    stat.cacheVersion = this.labelsVersion;
    return stat.cache;
  }

  /** Raw confirmed minutes per label for one feature (read-only view for the matcher's scorer). */
  featureStats(feature: string): { minutes: number; segments: number; labels: ReadonlyMap<string, { w: number; n: number }> } | undefined {
    const stat = this.features.get(feature);
    return stat && { minutes: stat.w, segments: stat.n, labels: stat.labels };
  }

  /**
   * Per label: how many of its title words (counted once per segment) were seen exactly once in all history,
   * and how many title words it had. Their ratio is a Good–Turing estimate of how often a window of that
   * label shows a title word history has never seen.
   */
  titleWordNovelty(): Map<string, { once: number; words: number }> {
    const out = new Map<string, { once: number; words: number }>();
    for (const [key, stat] of this.features) {
      if (key.charCodeAt(0) !== 116 /* t */ || key.charCodeAt(1) !== 58 /* : */) continue;
      for (const [label, ls] of stat.labels) {
        let entry = out.get(label);
        if (!entry) out.set(label, (entry = { once: 0, words: 0 }));
        entry.words += ls.n;
        if (stat.n === 1) entry.once += 1;
      }
    }
    return out;
  }

  /** Confirmed minutes per label over all history (the prior). */
  labelMinutes(): ReadonlyMap<string, number> {
    return this.minutesByLabel;
  }

  get totalConfirmedMinutes(): number {
    return this.totalMinutes;
  }

  /** Changes on every learn(), so derived caches know when to rebuild. */
  get revision(): number {
    return this.changes;
  }

  /** True once any confirmed segment carried a task; until then task suggestions can skip the lookups. */
  get hasTasks(): boolean {
    return this.tasksSeen;
  }

  /** Task minutes for a feature and project, for choosing the task once the project is decided. */
  taskMinutes(feature: string, projectId: string): ReadonlyMap<string, number> | undefined {
    return this.features.get(feature)?.labels.get(projectId)?.tasks;
  }

  get labelCount(): number {
    return this.labelSet.size;
  }

  get featureCount(): number {
    return this.features.size;
  }

  toJSON(): ModelJSON {
    const features: ModelJSON['features'] = [];
    for (const [key, stat] of this.features) {
      const labels: Array<[string, number, number, Array<[string, number]>?]> = [];
      for (const [label, ls] of stat.labels) {
        labels.push(ls.tasks ? [label, ls.w, ls.n, [...ls.tasks]] : [label, ls.w, ls.n]);
      }
      features.push([key, labels]);
    }
    const continuity: Array<[string, number, number]> = [...this.continuity].map(([app, c]) => [app, c.same, c.total]);
    return { format: 'track-nexus.matcher-model', version: 1, labels: [...this.minutesByLabel], continuity, features };
  }

  static fromJSON(json: ModelJSON): LearnedModel {
    if (json?.format !== 'track-nexus.matcher-model' || json.version !== 1) {
      throw new Error('Not a Track Nexus matcher model (format/version mismatch).');
    }
    const model = new LearnedModel();
    for (const [key, labels] of json.features) {
      const stat: FeatureStat = { n: 0, w: 0, labels: new Map(), cache: null, cacheVersion: -1 };
      for (const [label, w, n, tasks] of labels) {
        stat.labels.set(label, tasks ? { w, n, tasks: new Map(tasks) } : { w, n });
        if (tasks && tasks.length > 0) model.tasksSeen = true;
        stat.w += w;
        stat.n += n;
        model.labelSet.add(label);
      }
      model.features.set(key, stat);
    }
    for (const [app, same, total] of json.continuity ?? []) model.continuity.set(app, { same, total });
    for (const [label, minutes] of json.labels) {
      model.minutesByLabel.set(label, minutes);
      model.totalMinutes += minutes;
      model.labelSet.add(label);
    }
    return model;
  }

  private add(features: readonly string[], label: string, taskId: string | null, durationMs: number): void {
    const minutes = Math.min(MAX_MINUTES_PER_SEGMENT, Math.max(MIN_MINUTES_PER_SEGMENT, durationMs / 60_000));
    if (!this.labelSet.has(label)) {
      this.labelSet.add(label);
      this.labelsVersion++;
    }
    this.changes++;
    this.minutesByLabel.set(label, (this.minutesByLabel.get(label) ?? 0) + minutes);
    this.totalMinutes += minutes;
    for (const key of features) {
      let stat = this.features.get(key);
      if (!stat) {
        stat = { n: 0, w: 0, labels: new Map(), cache: null, cacheVersion: -1 };
        this.features.set(key, stat);
      }
      stat.n += 1;
      stat.w += minutes;
      stat.cache = null;
      let ls = stat.labels.get(label);
      if (!ls) {
        ls = { w: 0, n: 0 };
        stat.labels.set(label, ls);
      }
      ls.w += minutes;
      ls.n += 1;
      if (taskId) {
        this.tasksSeen = true;
        ls.tasks ??= new Map();
        ls.tasks.set(taskId, (ls.tasks.get(taskId) ?? 0) + minutes);
      }
    }
  }

  private remove(features: readonly string[], label: string, taskId: string | null, durationMs: number): void {
    const minutes = Math.min(MAX_MINUTES_PER_SEGMENT, Math.max(MIN_MINUTES_PER_SEGMENT, durationMs / 60_000));
    if (!this.minutesByLabel.has(label)) return;
    this.changes++;
    const left = this.minutesByLabel.get(label)! - minutes;
    this.totalMinutes = Math.max(0, this.totalMinutes - minutes);
    if (isEmptyMinutes(left)) this.minutesByLabel.delete(label);
    else this.minutesByLabel.set(label, left);
    for (const key of features) {
      const stat = this.features.get(key);
      const ls = stat?.labels.get(label);
      if (!stat || !ls) continue;
      stat.cache = null;
      stat.n -= 1;
      stat.w -= minutes;
      ls.n -= 1;
      ls.w -= minutes;
      if (taskId && ls.tasks?.has(taskId)) {
        const taskLeft = ls.tasks.get(taskId)! - minutes;
        if (isEmptyMinutes(taskLeft)) ls.tasks.delete(taskId);
        else ls.tasks.set(taskId, taskLeft);
        if (ls.tasks.size === 0) delete ls.tasks;
      }
      if (ls.n <= 0) stat.labels.delete(label);
      if (stat.n <= 0 || stat.labels.size === 0) this.features.delete(key);
    }
    // A label no segment holds any more leaves the model, as if it had never been learned.
    if (!this.minutesByLabel.has(label) && ![...this.features.values()].some((f) => f.labels.has(label))) {
      this.labelSet.delete(label);
      this.labelsVersion++;
    }
  }
}

/** Each segment adds at least MIN_MINUTES_PER_SEGMENT; less than half of that left is rounding, not a segment. */
const isEmptyMinutes = (minutes: number) => minutes < MIN_MINUTES_PER_SEGMENT / 2;

function computeEvidence(stat: FeatureStat, labelCount: number): FeatureEvidence {
  const dist: FeatureEvidence['dist'] = [];
  let entropy = 0;
  for (const [label, ls] of stat.labels) {
    const p = ls.w / stat.w;
    dist.push({ label, p, segments: ls.n });
    if (p > 0) entropy -= p * Math.log(p);
  }
  // Largest share first; ties by label so the order never depends on insertion.
  dist.sort((a, b) => b.p - a.p || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  const informativeness = 1 - entropy / Math.log(Math.max(2, labelCount));
  const reliability = stat.n / (stat.n + RELIABILITY_HALF);
  return { weight: informativeness * informativeness * reliability, dist };
}
