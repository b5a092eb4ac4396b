// The one entry point both processes use: rules first, then learned and metadata evidence combined into
// a confidence, and an abstention when that confidence is below the threshold. Pure and deterministic:
// the same projects, rules, model and input always give the same suggestion.

import { analyse, describeFeature } from './features';
import { MetadataIndex, type MetadataHit } from './metadata';
import { PARAMS } from './params';
import { tokenize } from './text';
import { describeClue, explainClue, ScoringContext, UNSEEN, type LabelDelta } from './scoring';
import { explain } from './explain';
import { CONTINUITY_GAP_MS, LearnedModel, UNASSIGNED } from './model';
import { compileRules, describeRule, firstMatchingRule, RULE_CONFIDENCE, type InvalidRule } from './rules';
import type { MatchInput, ProjectInfo, Rule, Suggestion } from './types';
import { projectLabel } from '../entries/project-label';

export const DEFAULT_THRESHOLD = 0.8;

/** Groups of correlated clues: app, title words, URL parts, ticket keys (see ClueScore.group). */
const GROUPS = 4;

/** Share of a project's task minutes the leading task needs before it is suggested. */
const TASK_SHARE = 0.6;

export interface MatcherOptions {
  projects: readonly ProjectInfo[];
  rules?: readonly Rule[];
  model?: LearnedModel;
  /** Suggestions below this confidence become abstentions. Default 0.8 (chosen on the validation week). */
  threshold?: number;
}

/** What came just before a segment, for continuity: only the matcher's own earlier output, never labels. */
export interface MatchContext {
  /** The suggestion for the previous segment and when that segment ended (epoch ms). */
  previous?: { projectId: string | null; end: number; confidence: number };
}

export interface Matcher {
  suggest(input: MatchInput, context?: MatchContext): Suggestion;
  /**
   * Suggestions for one day's segments in time order, each using the suggestion before it as context
   * (never anything later, so the answer for a segment does not change when later windows arrive).
   */
  suggestSequence(inputs: readonly MatchInput[]): Suggestion[];
  /** Rules that were refused, with the message to show next to each. They are ignored when matching. */
  readonly invalidRules: readonly InvalidRule[];
  readonly threshold: number;
}

export function createMatcher(options: MatcherOptions): Matcher {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const model = options.model ?? new LearnedModel();
  const { compiled, invalid } = compileRules(options.rules ?? []);
  const projects = new Map(options.projects.map((p) => [p.id, p]));
  const metadata = new MetadataIndex(options.projects);
  // Words of the client's name, legal suffix included, for clients with several active projects: "Acme Corp"
  // names the client, never which of its projects.
  const clientWords = new Map<string, string[]>();
  for (const p of options.projects) {
    if (p.active === false || !p.clientName) continue;
    if (options.projects.filter((q) => q.active !== false && q.clientName === p.clientName).length < 2) continue;
    clientWords.set(p.id, tokenize(p.clientName));
  }
  // Derived from the model; rebuilt lazily if the model learns after the matcher was created.
  let context: ScoringContext | null = null;
  let contextRevision = -1;
  const scoringContext = (): ScoringContext => {
    if (!context || contextRevision !== model.revision) {
      context = new ScoringContext(model, options.projects);
      contextRevision = model.revision;
    }
    return context;
  };
  // Which labels may be suggested (active known projects, or the personal label), by label index.
  let candidateFlags: boolean[] | null = null;
  let candidateContext: ScoringContext | null = null;
  const candidates = (): boolean[] => {
    const ctx = scoringContext();
    if (!candidateFlags || candidateContext !== ctx) {
      candidateFlags = ctx.labels.map((l) => l !== UNSEEN && (l === UNASSIGNED || suggestable(l)));
      candidateContext = ctx;
    }
    return candidateFlags;
  };
  let scratchArrays: ReturnType<typeof makeScratch> | null = null;
  const scratch = (n: number): ReturnType<typeof makeScratch> => {
    if (!scratchArrays || scratchArrays.scores.length !== n) scratchArrays = makeScratch(n);
    else scratchArrays.reset();
    return scratchArrays;
  };
  const suggestable = (id: string): boolean => {
    const project = projects.get(id);
    return project !== undefined && project.active !== false;
  };

  function suggest(input: MatchInput, matchContext?: MatchContext): Suggestion {
    const ruleHit = firstMatchingRule(compiled, input);
    if (ruleHit && suggestable(ruleHit.rule.rule.projectId)) {
      const { rule } = ruleHit.rule;
      const field = ruleHit.field === 'any' ? 'title' : ruleHit.field;
      return {
        projectId: rule.projectId,
        taskId: rule.taskId ?? null,
        confidence: RULE_CONFIDENCE,
        reason: explain.rule(field, rule.kind, rule.pattern, projectLabel(projects.get(rule.projectId))),
        detail: describeRule(rule, ruleHit.field),
        source: 'rule',
        ruleId: rule.id,
      };
    }

    const analysed = analyse(input);
    const context = scoringContext();
    const labels = context.labels;
    const n = labels.length;
    const index = context.labelIndex;
    const candidate = candidates();
    // Per group of correlated clues (app, title words, URL parts, ticket keys) and label: the strongest push each way
    // and the sums, so that clues repeating each other get diminishing returns (see PARAMS.correlatedDiscount).
    // Scratch arrays are reused between calls: suggest() runs for every segment of every day.
    const { maxPos, sumPos, minNeg, sumNeg, scores, bestAmount, bestFeature, bestDelta, bestHit } = scratch(n);
    let clues = 0;

    for (const feature of analysed.features) {
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

    const hits = metadata.hits(analysed.titleTokens, analysed.urlTokens);
    for (const hit of hits) {
      clues++;
      for (const projectId of hit.projectIds) {
        const i = index.get(projectId);
        if (i === undefined) continue;
        scores[i]! += hit.weight;
        if (hit.weight > bestAmount[i]!) {
          bestAmount[i] = hit.weight;
          bestHit[i] = hit;
        }
      }
    }

    // Continuity: if the previous window was confidently suggested and ended moments ago, its project's
    // prior becomes the learned rate at which this app continues the previous project.
    const previous = matchContext?.previous;
    let continuing = -1;
    let continuityRate = 0;
    if (
      previous?.projectId &&
      previous.confidence >= threshold &&
      input.start !== undefined &&
      input.start - previous.end >= 0 &&
      input.start - previous.end <= CONTINUITY_GAP_MS &&
      index.has(previous.projectId)
    ) {
      continuing = index.get(previous.projectId)!;
      continuityRate = model.continuityRate(input);
    }

    if (clues === 0 && continuing < 0) {
      return abstain(0, explain.nothingKnown, 'abstained: nothing in this window has been confirmed before or names a project');
    }

    // Final scores: prior + clues (+ the absent penalty for labels with history). Softmax over all labels.
    let max = -Infinity;
    for (let i = 0; i < labels.length; i++) {
      scores[i] = scores[i]! + context.logPriorByIndex[i]!;
      if (scores[i]! > max) max = scores[i]!;
    }
    let withoutContext: { top: number; confidence: number } | null = null;
    if (continuing >= 0) withoutContext = bestOf(scores, max);
    // A window whose combined evidence is unsure but leans to a project, and which carries a clue that every
    // confirmed segment with it went to that project ("Cutover rehearsal - Zoom": 'cutover' in 13 segments,
    // all ERP migration), is decided by that clue on its own. Short titles (mail subjects, meeting names)
    // have one telling word among generic ones, and the tempered product of all clues undersells it.
    const own = withoutContext ?? bestOf(scores, max);
    if (own.top >= 0 && own.confidence < threshold && own.confidence >= PARAMS.soleClueFloor && labels[own.top] !== UNASSIGNED) {
      const sole = soleLabelClue(analysed.features, labels[own.top]!, own.top);
      if (sole && sole.reliability >= threshold) {
        const project = projects.get(labels[own.top]!)!;
        return {
          projectId: project.id,
          taskId: chooseTask(model, analysed.features, project),
          confidence: round(sole.reliability),
          reason: explain.soleClue(sole.feature, sole.segments, input.app, projectLabel(project)),
          detail: `learned: all ${sole.segments} confirmed segments with ${describeFeature(sole.feature)} were ${projectLabel(project)}`,
          source: 'learned',
        };
      }
    }
    // Continuity only helps a window that cannot decide on its own: the per-app rate is learned over all
    // windows, most of which also carry their own evidence, so letting it overrule a confident window
    // would count that evidence twice.
    if (withoutContext && withoutContext.confidence < threshold) {
      // How strongly the window's single best clue (learned word, app, site or metadata phrase) moves any
      // project, as log-odds. Personal time does not count: looking personal is not evidence for a project.
      let strongest = 0;
      for (let i = 0; i < n; i++) if (labels[i] !== UNASSIGNED && bestAmount[i]! > strongest) strongest = bestAmount[i]!;
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
          scores[i] = Math.log((1 - continuityRate) * own + (i === continuing ? continuityRate : 0));
          if (scores[i]! > max) max = scores[i]!;
        }
      } else {
        const prior = Math.exp(context.logPrior.get(labels[continuing]!)!);
        const boost = PARAMS.continuityWeight * Math.log(continuityRate / prior);
        const others = PARAMS.continuityWeight * Math.log((1 - continuityRate) / (1 - prior));
        max = -Infinity;
        for (let i = 0; i < labels.length; i++) {
          scores[i] = scores[i]! + (i === continuing ? boost : others);
          if (scores[i]! > max) max = scores[i]!;
        }
      }
    }
    let sum = 0;
    for (let i = 0; i < labels.length; i++) sum += Math.exp(scores[i]! - max);
    // Best suggestable label; labels are sorted, so ties go to the first and the result never depends on map order.
    let top = -1;
    for (let i = 0; i < labels.length; i++) {
      if (!candidate[i]) continue;
      if (top < 0 || scores[i]! > scores[top]!) top = i;
    }
    if (top < 0) return abstain(0, explain.onlyInactive, 'abstained: the evidence points only at inactive or unknown projects');
    const topLabel = labels[top]!;
    const confidence = round(Math.exp(scores[top]! - max) / sum);
    const topHit = bestHit[top];
    const topDelta = bestDelta[top];
    const topProject = projects.get(topLabel);
    const topName = projectLabel(topProject);
    // `reason` is the sentence a person reads, `detail` the matcher's own account behind it.
    let why: { source: 'learned' | 'metadata'; reason: string; detail: string } = topHit
      ? { source: 'metadata', reason: explain.hit(topHit, topName, topProject?.clientName), detail: describeHit(topHit) }
      : topDelta
        ? { source: 'learned', reason: explainClue(bestFeature[top]!, topDelta, input.app, topName, topProject?.clientName), detail: describeClue(bestFeature[top]!, topDelta, topName) }
        : { source: 'learned', reason: explain.history(topName), detail: `history favours ${topName}` };
    if (top === continuing && withoutContext && withoutContext.confidence < threshold) {
      why = {
        source: 'learned',
        reason: explain.continues(topName),
        detail: `continues ${topName} from the window before (windows like this continued the previous project in ${Math.round(continuityRate * 100)}% of history)`,
      };
    }

    if (topLabel === UNASSIGNED) {
      return topDelta
        ? abstain(confidence, why.reason, `abstained: looks personal, ${why.detail}`)
        : abstain(confidence, explain.personalLikeMost, 'abstained: looks personal, like most unclaimed time in history');
    }
    const project = topProject!;
    if (confidence < threshold) {
      return abstain(
        confidence,
        explain.unsure(topName),
        `abstained: best guess ${topName} at ${confidence.toFixed(2)} is below the ${threshold.toFixed(2)} threshold (${why.detail})`,
      );
    }
    return {
      projectId: topLabel,
      taskId: chooseTask(model, analysed.features, project),
      confidence,
      reason: why.reason,
      detail: why.detail,
      source: why.source,
    };
  }

  /**
   * The window's strongest clue that only one label has ever had: a title word, URL part or ticket key whose
   * confirmed segments all went to `label` (segments confirmed as personal count against it). The app is a
   * tool, not a clue of this kind, and a word naming a client with several projects never names one of them.
   * Its reliability is n / (n + 1) for n such segments: the share of the next window with it expected to go
   * the same way, if nothing else is known.
   */
  function soleLabelClue(features: readonly string[], label: string, index: number): { feature: string; segments: number; reliability: number } | null {
    let best: { feature: string; segments: number; reliability: number } | null = null;
    const ctx = scoringContext();
    for (const feature of features) {
      if (feature.charCodeAt(0) === 97 /* a */) continue;
      const stats = model.featureStats(feature);
      if (!stats || stats.labels.size !== 1 || !stats.labels.has(label)) continue;
      if (best && stats.segments <= best.segments) continue;
      if (feature.charCodeAt(0) === 116 /* t */ && clientWords.get(label)?.includes(feature.slice(2))) continue;
      if (ctx.clue(feature)?.deltas.some((d) => d.index === index && d.clientLevel)) continue;
      best = { feature, segments: stats.segments, reliability: stats.segments / (stats.segments + 1) };
    }
    return best;
  }

  function bestOf(scores: Float64Array, max: number): { top: number; confidence: number } {
    const labels = scoringContext().labels;
    const candidate = candidates();
    let sum = 0;
    let top = -1;
    for (let i = 0; i < labels.length; i++) {
      sum += Math.exp(scores[i]! - max);
      if (!candidate[i]) continue;
      if (top < 0 || scores[i]! > scores[top]!) top = i;
    }
    return { top, confidence: top < 0 ? 0 : Math.exp(scores[top]! - max) / sum };
  }

  function suggestSequence(inputs: readonly MatchInput[]): Suggestion[] {
    const out: Suggestion[] = [];
    let previous: MatchContext['previous'];
    for (const input of inputs) {
      const suggestion = suggest(input, previous ? { previous } : undefined);
      out.push(suggestion);
      previous = input.end !== undefined ? { projectId: suggestion.projectId, end: input.end, confidence: suggestion.confidence } : undefined;
    }
    return out;
  }

  return { suggest, suggestSequence, invalidRules: invalid, threshold };
}

function makeScratch(n: number) {
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

function abstain(confidence: number, reason: string, detail: string): Suggestion {
  return { projectId: null, taskId: null, confidence, reason, detail, source: 'none' };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}


function describeHit(hit: MetadataHit): string {
  const text = hit.kind === 'client name' || hit.kind === 'project name' ? '' : ` '${hit.text}'`;
  return `${hit.kind}${text} appears in ${hit.where}`;
}

/** The task most of this project's matching history went to, when it clearly leads; else the only task. */
function chooseTask(model: LearnedModel, features: readonly string[], project: ProjectInfo): string | null {
  if (!model.hasTasks) return project.tasks?.length === 1 ? project.tasks[0]!.id : null;
  const known = project.tasks ? new Set(project.tasks.map((t) => t.id)) : null;
  const totals = new Map<string, number>();
  let sum = 0;
  for (const feature of features) {
    const tasks = model.taskMinutes(feature, project.id);
    if (!tasks) continue;
    for (const [taskId, minutes] of tasks) {
      if (known && !known.has(taskId)) continue;
      totals.set(taskId, (totals.get(taskId) ?? 0) + minutes);
      sum += minutes;
    }
  }
  let top: string | null = null;
  let topMinutes = 0;
  for (const [taskId, minutes] of totals) {
    if (minutes > topMinutes || (minutes === topMinutes && top !== null && taskId < top)) {
      top = taskId;
      topMinutes = minutes;
    }
  }
  if (top !== null && topMinutes / sum >= TASK_SHARE) return top;
  if (project.tasks?.length === 1) return project.tasks[0]!.id;
  return null;
}
