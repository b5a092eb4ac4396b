// Turning learned counts and metadata hits into one calibrated confidence.
//
// The combiner is a tempered naive Bayes over log-likelihood ratios: each clue says how much more often
// a label appears with it than without it (log P(label | clue) / P(label)). A shared tool such as Zoom,
// Slack or Excel appears with every client in about their usual proportions, so its ratios are near 1
// and it cannot decide anything alone; a word seen only with one project pushes hard towards it.
// The temperature compensates for clues that repeat each other (the repo name in the title and the URL);
// within one field the matcher also gives repeated clues diminishing returns.
//
// Two pieces of knowledge about projects are folded in:
// - A clue that names a client (the "northwind" in a title, northwind.atlassian.net) is evidence for the
//   client, not for whichever of its projects happened to have history. Its weight is shared evenly by the
//   client's active projects, so a project created this week is not buried under its sibling's history.
// - A project without history is treated like a label drawn at random from history for every clue, so it
//   is judged on metadata (its name, keywords, repositories) and on client-level clues.

import { explain } from './explain';
import { describeFeature } from './features';
import { LEGAL_SUFFIXES, tokenize } from './text';
import { UNASSIGNED, type LearnedModel } from './model';
import { PARAMS } from './params';
import type { ProjectInfo } from './types';

/** Pseudo-minutes per label in the prior, so a label with little history still has a sane prior. */
const PRIOR_MINUTES = 30;

export interface LabelDelta {
  label: string;
  /** Position of the label in ScoringContext.labels. */
  index: number;
  /** The clue's tempered, reliability-weighted log-ratio for this label. */
  ratio: number;
  segments: number;
  /** The clue names the label's client rather than the project. */
  clientLevel: boolean;
}

export interface ClueScore {
  /** Which group of correlated clues this belongs to: 0 app, 1 title words, 2 URL parts, 3 ticket keys. */
  group: 0 | 1 | 2 | 3;
  /** The clue's log-ratio for every label, indexed like ScoringContext.labels (0 where it says nothing). */
  dense: Float64Array;
  deltas: LabelDelta[];
}

/**
 * The open-world label: "something this history has not seen". It has an average project's prior and is
 * never penalised by clues, so a window whose clues are all weak leaves probability with it instead of
 * handing it to whichever project the weak clues lean to. It is never suggested; it only lowers confidence.
 */
export const UNSEEN = '\u0000unseen';

/** Everything the scorer derives from the model and the project list; rebuilt when either changes. */
export class ScoringContext {
  readonly labels: string[];
  readonly labelIndex: Map<string, number>;
  readonly logPrior: Map<string, number>;
  /** log prior by label index, for the hot loop. */
  readonly logPriorByIndex: Float64Array;
  readonly hasHistory: Set<string>;
  private readonly priors: Map<string, number>;
  /**
   * By label index: how far a label's own history is trusted, minutes / (minutes + PARAMS.historyTrustMinutes).
   * A project with a few minutes of history has not yet shown which tools and words it uses, so its absence
   * from a clue's history is weak evidence against it; below full trust it is judged partly like a new project.
   */
  private readonly trust: Float64Array;
  private readonly clientProjects = new Map<string, string[]>();
  private readonly cache = new Map<string, ClueScore | null>();

  constructor(
    private readonly model: LearnedModel,
    projects: readonly ProjectInfo[],
  ) {
    const minutes = model.labelMinutes();
    this.hasHistory = new Set([...minutes].filter(([, m]) => m > 0).map(([label]) => label));
    const active = projects.filter((p) => p.active !== false);
    const labelSet = new Set<string>([...minutes.keys(), ...active.map((p) => p.id), UNASSIGNED, UNSEEN]);
    this.labels = [...labelSet].sort();
    this.labelIndex = new Map(this.labels.map((l, i) => [l, i]));
    const total = model.totalConfirmedMinutes + PRIOR_MINUTES * this.labels.length;
    this.priors = new Map();
    // A project without history (and the unseen label) gets the average prior of projects with history.
    const projectPriors = this.labels.filter((l) => l !== UNASSIGNED && this.hasHistory.has(l)).map((l) => ((minutes.get(l) ?? 0) + PRIOR_MINUTES) / total);
    const averagePrior = projectPriors.length ? projectPriors.reduce((a, b) => a + b, 0) / projectPriors.length : 1 / this.labels.length;
    for (const label of this.labels) {
      const prior = this.hasHistory.has(label) ? ((minutes.get(label) ?? 0) + PRIOR_MINUTES) / total : averagePrior;
      this.priors.set(label, prior);
    }
    this.trust = Float64Array.from(this.labels, (l) =>
      this.hasHistory.has(l) && l !== UNASSIGNED ? minutes.get(l)! / (minutes.get(l)! + PARAMS.historyTrustMinutes) : this.hasHistory.has(l) ? 1 : 0,
    );
    this.logPrior = new Map([...this.priors].map(([l, p]) => [l, Math.log(p)]));
    this.logPriorByIndex = Float64Array.from(this.labels, (l) => this.logPrior.get(l)!);
    for (const project of active) {
      if (!project.clientName) continue;
      for (const token of tokenize(project.clientName)) {
        if (LEGAL_SUFFIXES.has(token)) continue;
        const list = this.clientProjects.get(token) ?? [];
        list.push(project.id);
        this.clientProjects.set(token, list);
      }
    }
    for (const list of this.clientProjects.values()) list.sort();
    this.novelWord = this.computeNovelWord();
  }

  private computeNovelWord(): ClueScore {
    const novelty = this.model.titleWordNovelty();
    const rates = this.labels.map((label) => {
      const own = novelty.get(label);
      // Smoothed toward the new-project rate with one pseudo-word.
      return own ? (own.once + PARAMS.novelWordShare) / (own.words + 1) : PARAMS.novelWordShare;
    });
    let weighted = 0;
    let mass = 0;
    this.labels.forEach((label, i) => {
      if (!this.hasHistory.has(label)) return;
      weighted += this.priors.get(label)! * rates[i]!;
      mass += this.priors.get(label)!;
    });
    const typical = mass > 0 ? weighted / mass : PARAMS.novelWordShare;
    // Capped: a history with few one-off titles makes the estimated rates tiny and their ratios extreme.
    const cap = PARAMS.novelWordMaxLogOdds;
    const dense = Float64Array.from(rates, (r) => Math.max(-cap, Math.min(cap, PARAMS.temperature * Math.log(r / typical))));
    return { group: 1, dense, deltas: [] };
  }

  /**
   * What one title word history has never seen says, as a title-word clue without a reason of its own. Labels
   * whose windows rarely bring new words (their vocabulary is known) lose a little to projects without
   * history and to the unseen label, whose every word is new to the model.
   */
  readonly novelWord: ClueScore;

  /** The clue's contribution, computed once per clue and model revision. */
  clue(feature: string): ClueScore | null {
    const cached = this.cache.get(feature);
    if (cached !== undefined) return cached;
    const score = this.computeClue(feature);
    this.cache.set(feature, score);
    return score;
  }

  private clientOf(feature: string): string[] | null {
    // An app is a tool, and a ticket key belongs to one project even when it spells the client ("ACME-12").
    if (feature[0] === 'a' || feature[0] === 'k') return null;
    const value = feature.slice(2);
    if (feature[0] === 't') return this.clientProjects.get(value) ?? null;
    for (const token of tokenize(value)) {
      const projects = this.clientProjects.get(token);
      if (projects) return projects;
    }
    return null;
  }

  private computeClue(feature: string): ClueScore | null {
    const stats = this.model.featureStats(feature);
    if (!stats) return null;
    // A ticket key is made to name one project: once confirmed it is trusted almost at once and not tempered
    // (it does not repeat the title's words; it is the one clue in its group).
    const isKey = feature[0] === 'k';
    const reliability = stats.segments / (stats.segments + (isKey ? PARAMS.keyReliabilityHalf : PARAMS.reliabilityHalf));
    const temperature = isKey ? 1 : PARAMS.temperature;
    const smoothing = PARAMS.smoothingSegments * (stats.minutes / Math.max(1, stats.segments));
    const shares = new Map<string, { minutes: number; segments: number; clientLevel: boolean }>();
    for (const [label, ls] of stats.labels) shares.set(label, { minutes: ls.w, segments: ls.n, clientLevel: false });
    const client = this.clientOf(feature);
    if (client) {
      let pooled = 0;
      let segments = 0;
      for (const id of client) {
        pooled += shares.get(id)?.minutes ?? 0;
        segments += shares.get(id)?.segments ?? 0;
      }
      if (pooled > 0) for (const id of client) shares.set(id, { minutes: pooled / client.length, segments, clientLevel: true });
    }
    const absentRatio = Math.log(smoothing / (stats.minutes + smoothing));
    const deltas: LabelDelta[] = [];
    for (const [label, share] of shares) {
      const prior = this.priors.get(label);
      if (prior === undefined) continue;
      const ratio = Math.log((share.minutes + smoothing * prior) / (stats.minutes + smoothing) / prior);
      // Labels with history already carry the absent penalty; add back the difference. Labels without
      // history carry no penalty, so they get the ratio itself.
      if (!this.labelIndex.has(label)) continue;
      deltas.push({ label, index: this.labelIndex.get(label)!, ratio: reliability * temperature * ratio, segments: share.segments, clientLevel: share.clientLevel });
    }
    deltas.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    const dense = new Float64Array(this.labels.length);
    const absent = reliability * temperature * absentRatio;
    this.labels.forEach((label, i) => {
      if (this.hasHistory.has(label)) dense[i] = absent;
    });
    for (const d of deltas) if (this.hasHistory.has(d.label)) dense[d.index] = d.ratio;
    // The unseen label behaves like a label drawn at random from history: near 0 for a clue every label
    // shares, clearly negative for a clue that belongs to one label (a window full of well-known, specific
    // clues is not something new).
    let weighted = 0;
    let mass = 0;
    this.labels.forEach((label, i) => {
      if (!this.hasHistory.has(label)) return;
      const prior = this.priors.get(label)!;
      weighted += prior * dense[i]!;
      mass += prior;
    });
    const typical = mass > 0 ? weighted / mass : 0;
    // A project without history is, before any evidence, like the unseen label: a label drawn at random.
    // Only client-level clues (and metadata, added by the matcher) can lift it above that.
    this.labels.forEach((label, i) => {
      if (!this.hasHistory.has(label)) dense[i] = typical;
    });
    for (const d of deltas) if (!this.hasHistory.has(d.label)) dense[d.index] = d.ratio;
    // A label with little history that this clue never saw: partly the absent penalty, partly a random label.
    if (deltas.length > 0 || absent !== 0) {
      const seen = new Set(deltas.map((d) => d.index));
      this.labels.forEach((label, i) => {
        const trust = this.trust[i]!;
        if (trust > 0 && trust < 1 && !seen.has(i)) dense[i] = trust * absent + (1 - trust) * typical;
      });
    }
    const group = feature[0] === 'a' ? 0 : feature[0] === 't' ? 1 : isKey ? 3 : 2;
    return { group, dense, deltas };
  }
}

export function describeClue(feature: string, delta: LabelDelta, labelName: string): string {
  if (delta.label === UNASSIGNED) return `${describeFeature(feature)} in ${delta.segments} segments confirmed as personal`;
  if (delta.clientLevel) return `learned: ${describeFeature(feature)} names the client, in ${delta.segments} confirmed segments for its projects`;
  return `learned: ${describeFeature(feature)} in ${delta.segments} confirmed ${labelName} segments`;
}

/** The same clue as a sentence a person reads; `app` is the window's own app name. */
export function explainClue(feature: string, delta: LabelDelta, app: string, labelName: string, clientName: string | undefined): string {
  if (delta.label === UNASSIGNED) return explain.personal(feature, delta.segments, app);
  if (delta.clientLevel) return explain.clientClue(feature, delta.segments, app, clientName);
  return explain.learned(feature, delta.segments, app, labelName);
}
