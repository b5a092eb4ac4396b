// Public surface of the matcher. Import from 'shared/matcher' rather than the individual modules.

export type { MatchInput, ProjectInfo, Rule, RuleField, RuleKind, Suggestion } from './types';
export { checkPattern, compilePattern, describeRuleFlavour } from './patterns';
export { describeRule, ruleSpecificity, validateRule, type InvalidRule } from './rules';
export { LearnedModel } from './model';
export { createMatcher, DEFAULT_THRESHOLD, type Matcher } from './matcher';
export { tokenize, parseUrl } from './text';
export { ruleFromSegment } from './ruleFromSegment';
