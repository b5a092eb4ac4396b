// The matcher's arithmetic: per-label log-odds scores built from a window's learned clues and metadata
// hits, the prior, the continuity blend, and the softmax that turns scores into a confidence. The
// arrays are reused between calls (see makeScratch): this runs for every segment of every day.
import type { MetadataHit } from './metadata';
import { PARAMS } from './params';
import { UNASSIGNED } from './model';
import type { LabelDelta, ScoringContext } from './scoring';

/** Groups of correlated clues: app, title words, URL parts, ticket keys (see ClueScore.group). */
const GROUPS = 4;

/**
 * Per group of correlated clues and label: the strongest push each way and the sums, so that clues
 * repeating each other get diminishing returns (see PARAMS.correlatedDiscount); per label the score
 * and the single strongest clue behind it, to explain the answer.
 */
export type Scratch = ReturnType<typeof makeScratch>;

export function makeScratch(n: number) {
  const arrays = {
    maxPos: new Float64Array(GROUPS * n),
    sumPos: new Float64Array(GROUPS * n),
    minNeg: new Float64Array(GROUPS * n),
    sumNeg: new Float64Array(GROUPS * n),
    scores: new Float64Array(n),
    bestAmount: new Float64Array(n).fill(-Infinity),
    bestFeature: new Array<string | undefined>(n),
    bestDelta: new Array<LabelDelta | undefined>(n),
    bestHit: new Array<MetadataHit | undefined>(n),
    reset(): void {
      arrays.maxPos.fill(0);
      arrays.sumPos.fill(0);
      arrays.minNeg.fill(0);
      arrays.sumNeg.fill(0);
      arrays.scores.fill(0);
      arrays.bestAmount.fill(-Infinity);
      arrays.bestFeature.fill(undefined);
      arrays.bestDelta.fill(undefined);
      arrays.bestHit.fill(undefined);
    },
  };
  return arrays;
}

/** Adds the learned clues of `features` to the scores, group by group; returns how many were known. */
export function addLearnedClues(features: readonly string[], context: ScoringContext, scratch: Scratch): number {
  const n = context.labels.length;
  const { maxPos, sumPos, minNeg, sumNeg, scores, bestAmount, bestFeature, bestDelta, bestHit } = scratch;
  let clues = 0;
  for (const feature of features) {
    let clue = context.clue(feature);
    if (!clue) {
      // A title word history has never seen: weak evidence for something new, never a reason on its own.
      if (feature.charCodeAt(0) !== 116 /* t */ || PARAMS.novelWordShare <= 0) continue;
      clue = context.novelWord;
    } else clues++;
    const base = clue.group * n;
    const dense = clue.dense;
    for (let i = 0; i < n; i++) {
      const v = dense[i]!;
      const k = base + i;
      if (v > 0) {
        sumPos[k]! += v;
        if (v > maxPos[k]!) maxPos[k] = v;
      } else if (v < 0) {
        sumNeg[k]! += v;
        if (v < minNeg[k]!) minNeg[k] = v;
      }
    }
    for (const delta of clue.deltas) {
      const i = delta.index;
      if (delta.ratio > bestAmount[i]!) {
        bestAmount[i] = delta.ratio;
        bestFeature[i] = feature;
        bestDelta[i] = delta;
        bestHit[i] = undefined;
      }
    }
  }
  for (let g = 0; g < GROUPS; g++) {
    for (let i = 0; i < n; i++) {
      const k = g * n + i;
      scores[i]! +=
        maxPos[k]! + PARAMS.correlatedDiscount * (sumPos[k]! - maxPos[k]!) + minNeg[k]! + PARAMS.correlatedDiscount * (sumNeg[k]! - minNeg[k]!);
    }
  }
  return clues;
}

/** Adds the metadata hits (project and client names, codes) to the scores; returns how many there were. */
export function addMetadataHits(hits: readonly MetadataHit[], labelIndex: ReadonlyMap<string, number>, scratch: Scratch): number {
  const { scores, bestAmount, bestHit } = scratch;
  for (const hit of hits) {
    for (const projectId of hit.projectIds) {
      const i = labelIndex.get(projectId);
      if (i === undefined) continue;
      scores[i]! += hit.weight;
      if (hit.weight > bestAmount[i]!) {
        bestAmount[i] = hit.weight;
        bestHit[i] = hit;
      }
    }
  }
  return hits.length;
}

/** Adds each label's prior to its score; returns the highest score. */
export function addPriors(scores: Float64Array, context: ScoringContext): number {
  let max = -Infinity;
  for (let i = 0; i < context.labels.length; i++) {
    scores[i] = scores[i]! + context.logPriorByIndex[i]!;
    if (scores[i]! > max) max = scores[i]!;
  }
  return max;
}

/**
 * Blends in continuity with the previous window's label (`continuing`), which this app continues at
 * `rate`; returns the new highest score. Only for a window that cannot decide on its own.
 */
export function blendContinuity(scratch: Scratch, max: number, context: ScoringContext, continuing: number, rate: number): number {
  const { scores, bestAmount } = scratch;
  const labels = context.labels;
  // How strongly the window's single best clue (learned word, app, site or metadata phrase) moves any
  // project, as log-odds. Personal time does not count: looking personal is not evidence for a project.
  let strongest = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] !== UNASSIGNED && bestAmount[i]! > strongest) strongest = bestAmount[i]!;
  if (strongest < PARAMS.weakClue) {
    // The window's own evidence is weak and generic (an inbox, a search, "Book2"): no clue in it moves any
    // project by more than PARAMS.weakClue, so it says little more than which tool it is. Then the learned
    // rate is itself the calibrated answer: with that probability the window continues the previous
    // project, otherwise it is whatever its own evidence says.
    const ownMax = max;
    let ownSum = 0;
    for (let i = 0; i < labels.length; i++) ownSum += Math.exp(scores[i]! - ownMax);
    max = -Infinity;
    for (let i = 0; i < labels.length; i++) {
      const own = Math.exp(scores[i]! - ownMax) / ownSum;
      scores[i] = Math.log((1 - rate) * own + (i === continuing ? rate : 0));
      if (scores[i]! > max) max = scores[i]!;
    }
  } else {
    const prior = Math.exp(context.logPrior.get(labels[continuing]!)!);
    const boost = PARAMS.continuityWeight * Math.log(rate / prior);
    const others = PARAMS.continuityWeight * Math.log((1 - rate) / (1 - prior));
    max = -Infinity;
    for (let i = 0; i < labels.length; i++) {
      scores[i] = scores[i]! + (i === continuing ? boost : others);
      if (scores[i]! > max) max = scores[i]!;
    }
  }
  return max;
}

/**
 * Softmax over all labels: the best suggestable one (`candidate`) and its probability, or top -1.
 * Labels are sorted, so ties go to the first and the result never depends on map order.
 */
export function bestOf(scores: Float64Array, max: number, candidate: readonly boolean[]): { top: number; confidence: number } {
  let sum = 0;
  let top = -1;
  for (let i = 0; i < candidate.length; i++) {
    sum += Math.exp(scores[i]! - max);
    if (!candidate[i]) continue;
    if (top < 0 || scores[i]! > scores[top]!) top = i;
  }
  return { top, confidence: top < 0 ? 0 : Math.exp(scores[top]! - max) / sum };
}
