// Public surface of the matcher. Import from 'shared/matcher' rather than the individual modules.

export type { MatchInput, ProjectInfo, TaskInfo, Rule, RuleField, RuleKind, Suggestion, SuggestionSource } from './types';
export { checkPattern, compilePattern, describeRuleFlavour, MAX_PATTERN_LENGTH, type PatternCheck } from './patterns';
export { compileRules, describeRule, ruleSpecificity, validateRule, RULE_CONFIDENCE, type InvalidRule } from './rules';
export { LearnedModel, UNASSIGNED, type ModelJSON, type FeatureEvidence } from './model';
export { createMatcher, DEFAULT_THRESHOLD, type Matcher, type MatcherOptions, type MatchContext } from './matcher';
export { tokenize, parseUrl } from './text';
export { ruleFromSegment, type RuleProposal } from './ruleFromSegment';
export { reapply, type ReapplySegment, type Reapplied } from './reapply';
