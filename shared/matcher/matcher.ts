// The one entry point both processes use: rules first, then learned and metadata evidence combined into
// a confidence, and an abstention when that confidence is below the threshold. Pure and deterministic:
// the same projects, rules, model and input always give the same suggestion.

import { addLearnedClues, addMetadataHits, addPriors, bestOf, blendContinuity, makeScratch, type Scratch } from './evidence';
import { analyse, describeFeature, type AnalysedInput } from './features';
import { MetadataIndex, type MetadataHit } from './metadata';
import { PARAMS } from './params';
import { tokenize } from './text';
import { describeClue, explainClue, ScoringContext, UNSEEN } from './scoring';
import { explain } from './explain';
import { CONTINUITY_GAP_MS, LearnedModel, UNASSIGNED } from './model';
import { compileRules, describeRule, firstMatchingRule, RULE_CONFIDENCE, type CompiledRule, type InvalidRule } from './rules';
import type { MatchInput, ProjectInfo, Rule, RuleField, Suggestion } from './types';
import { projectLabel } from '../entries/project-label';

export const DEFAULT_THRESHOLD = 0.8;

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
interface MatchContext {
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
  const clientWords = clientWordsOf(options.projects);
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
  let scratchArrays: Scratch | null = null;
  const scratch = (n: number): Scratch => {
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
    if (ruleHit && suggestable(ruleHit.rule.rule.projectId)) return ruleSuggestion(ruleHit, projects);

    const analysed = analyse(input);
    const context = scoringContext();
    const labels = context.labels;
    const candidate = candidates();
    const evidence = scratch(labels.length);
    let clues = addLearnedClues(analysed.features, context, evidence);
    clues += addMetadataHits(metadata.hits(analysed.titleTokens, analysed.urlTokens), context.labelIndex, evidence);
    const continuity = continuityWith(input, matchContext?.previous, threshold, context.labelIndex, model);
    if (clues === 0 && !continuity) {
      return abstain(0, explain.nothingKnown, 'abstained: nothing in this window has been confirmed before or names a project');
    }

    // Final scores: prior + clues (+ the absent penalty for labels with history). Softmax over all labels.
    let max = addPriors(evidence.scores, context);
    const withoutContext = continuity ? bestOf(evidence.scores, max, candidate) : null;
    // A window whose combined evidence is unsure but leans to a project, and which carries a clue that every
    // confirmed segment with it went to that project ("Cutover rehearsal - Zoom": 'cutover' in 13 segments,
    // all ERP migration), is decided by that clue on its own. Short titles (mail subjects, meeting names)
    // have one telling word among generic ones, and the tempered product of all clues undersells it.
    const own = withoutContext ?? bestOf(evidence.scores, max, candidate);
    if (own.top >= 0 && own.confidence < threshold && own.confidence >= PARAMS.soleClueFloor && labels[own.top] !== UNASSIGNED) {
      const sole = soleLabelClue(analysed.features, labels[own.top]!, own.top);
      if (sole && sole.reliability >= threshold) return soleClueSuggestion(sole, projects.get(labels[own.top]!)!, input, analysed, model);
    }
    // Continuity only helps a window that cannot decide on its own: the per-app rate is learned over all
    // windows, most of which also carry their own evidence, so letting it overrule a confident window
    // would count that evidence twice.
    const continued = continuity && withoutContext && withoutContext.confidence < threshold ? continuity : null;
    if (continued) max = blendContinuity(evidence, max, context, continued.index, continued.rate);
    const best = bestOf(evidence.scores, max, candidate);
    if (best.top < 0) return abstain(0, explain.onlyInactive, 'abstained: the evidence points only at inactive or unknown projects');
    return verdict({ top: best.top, confidence: round(best.confidence), labels, evidence, continued, input, analysed, projects, model, threshold });
  }

  /**
   * The window's strongest clue that only one label has ever had: a title word, URL part or ticket key whose
   * confirmed segments all went to `label` (segments confirmed as personal count against it). The app is a
   * tool, not a clue of this kind, and a word naming a client with several projects never names one of them.
   * Its reliability is n / (n + 1) for n such segments: the share of the next window with it expected to go
   * the same way, if nothing else is known.
   */
  function soleLabelClue(features: readonly string[], label: string, index: number): SoleClue | null {
    let best: SoleClue | null = null;
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

interface SoleClue {
  feature: string;
  segments: number;
  reliability: number;
}

/** Continuity with the window before: the label index it continues and the rate at which this app does. */
interface Continuity {
  index: number;
  rate: number;
}

/**
 * Words of the client's name, legal suffix included, for clients with several active projects, by project:
 * "Acme Corp" names the client, never which of its projects.
 */
function clientWordsOf(projects: readonly ProjectInfo[]): Map<string, string[]> {
  const clientWords = new Map<string, string[]>();
  for (const p of projects) {
    if (p.active === false || !p.clientName) continue;
    if (projects.filter((q) => q.active !== false && q.clientName === p.clientName).length < 2) continue;
    clientWords.set(p.id, tokenize(p.clientName));
  }
  return clientWords;
}

function ruleSuggestion(hit: { rule: CompiledRule; field: RuleField }, projects: ReadonlyMap<string, ProjectInfo>): Suggestion {
  const { rule } = hit.rule;
  const field = hit.field === 'any' ? 'title' : hit.field;
  return {
    projectId: rule.projectId,
    taskId: rule.taskId ?? null,
    confidence: RULE_CONFIDENCE,
    reason: explain.rule(field, rule.kind, rule.pattern, projectLabel(projects.get(rule.projectId))),
    detail: describeRule(rule, hit.field),
    source: 'rule',
    ruleId: rule.id,
  };
}

/**
 * Continuity: if the previous window was confidently suggested and ended moments ago, its project's
 * prior becomes the learned rate at which this app continues the previous project.
 */
function continuityWith(
  input: MatchInput,
  previous: MatchContext['previous'],
  threshold: number,
  labelIndex: ReadonlyMap<string, number>,
  model: LearnedModel,
): Continuity | null {
  if (
    previous?.projectId &&
    previous.confidence >= threshold &&
    input.start !== undefined &&
    input.start - previous.end >= 0 &&
    input.start - previous.end <= CONTINUITY_GAP_MS &&
    labelIndex.has(previous.projectId)
  ) {
    return { index: labelIndex.get(previous.projectId)!, rate: model.continuityRate(input) };
  }
  return null;
}

function soleClueSuggestion(sole: SoleClue, project: ProjectInfo, input: MatchInput, analysed: AnalysedInput, model: LearnedModel): Suggestion {
  return {
    projectId: project.id,
    taskId: chooseTask(model, analysed.features, project),
    confidence: round(sole.reliability),
    reason: explain.soleClue(sole.feature, sole.segments, input.app, projectLabel(project)),
    detail: `learned: all ${sole.segments} confirmed segments with ${describeFeature(sole.feature)} were ${projectLabel(project)}`,
    source: 'learned',
  };
}

/** The suggestion for the best label `top` at `confidence`, or an abstention, with the reason behind it. */
function verdict(args: {
  top: number;
  confidence: number;
  labels: readonly string[];
  evidence: Scratch;
  /** Set when continuity with the window before decided the scores. */
  continued: Continuity | null;
  input: MatchInput;
  analysed: AnalysedInput;
  projects: ReadonlyMap<string, ProjectInfo>;
  model: LearnedModel;
  threshold: number;
}): Suggestion {
  const { top, confidence, evidence, continued, threshold } = args;
  const topLabel = args.labels[top]!;
  const topHit = evidence.bestHit[top];
  const topDelta = evidence.bestDelta[top];
  const topProject = args.projects.get(topLabel);
  const topName = projectLabel(topProject);
  // `reason` is the sentence a person reads, `detail` the matcher's own account behind it.
  let why: { source: 'learned' | 'metadata'; reason: string; detail: string } = topHit
    ? { source: 'metadata', reason: explain.hit(topHit, topName, topProject?.clientName), detail: describeHit(topHit) }
    : topDelta
      ? {
          source: 'learned',
          reason: explainClue(evidence.bestFeature[top]!, topDelta, args.input.app, topName, topProject?.clientName),
          detail: describeClue(evidence.bestFeature[top]!, topDelta, topName),
        }
      : { source: 'learned', reason: explain.history(topName), detail: `history favours ${topName}` };
  if (continued && top === continued.index) {
    why = {
      source: 'learned',
      reason: explain.continues(topName),
      detail: `continues ${topName} from the window before (windows like this continued the previous project in ${Math.round(continued.rate * 100)}% of history)`,
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
    taskId: chooseTask(args.model, args.analysed.features, project),
    confidence,
    reason: why.reason,
    detail: why.detail,
    source: why.source,
  };
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
