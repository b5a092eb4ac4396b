// Rules: the user's explicit "this goes to that project" statements. They always beat learning.

import { compilePattern, checkPattern, literalLength, type PatternCheck, type Tester } from './patterns';
import type { MatchInput, Rule, RuleField } from './types';

export const RULE_CONFIDENCE = 0.99;

export interface CompiledRule {
  rule: Rule;
  test: Tester;
  /** Higher is more specific. See ruleSpecificity. */
  specificity: number;
  order: number;
}

export interface InvalidRule {
  rule: Rule;
  message: string;
}

const FIELD_SCORE: Record<RuleField, number> = { url: 3, title: 2, app: 1, any: 0 };
const KIND_SCORE = { regex: 2, glob: 1, contains: 0 } as const;

/**
 * "Most specific wins", as a number: the field first (a URL names a place, a title a document,
 * an app only a tool; "any field" is the loosest), then how many literal characters pin it down,
 * then the kind (a regex or glob is written deliberately, contains is the quick one).
 * Priority and rule order only break ties.
 */
export function ruleSpecificity(rule: Pick<Rule, 'field' | 'kind' | 'pattern'>): number {
  return FIELD_SCORE[rule.field] * 10_000 + Math.min(literalLength(rule.kind, rule.pattern), 999) * 10 + KIND_SCORE[rule.kind];
}

export function validateRule(rule: Rule): PatternCheck {
  if (!rule.projectId) return { ok: false, message: 'The rule does not name a project.' };
  if (!(rule.field in FIELD_SCORE)) return { ok: false, message: `Unknown field "${String(rule.field)}".` };
  if (!(rule.kind in KIND_SCORE)) return { ok: false, message: `Unknown kind "${String(rule.kind)}".` };
  return checkPattern(rule.kind, rule.pattern);
}

/** Compiles the valid rules, most specific first, and lists the refused ones with their messages. */
export function compileRules(rules: readonly Rule[]): { compiled: CompiledRule[]; invalid: InvalidRule[] } {
  const compiled: CompiledRule[] = [];
  const invalid: InvalidRule[] = [];
  rules.forEach((rule, order) => {
    const check = validateRule(rule);
    if (!check.ok) {
      invalid.push({ rule, message: check.message });
      return;
    }
    compiled.push({ rule, test: compilePattern(rule.kind, rule.pattern, rule.caseSensitive ?? false), specificity: ruleSpecificity(rule), order });
  });
  compiled.sort(
    (a, b) => b.specificity - a.specificity || (b.rule.priority ?? 0) - (a.rule.priority ?? 0) || a.order - b.order,
  );
  return { compiled, invalid };
}

function fieldMatches(rule: CompiledRule, input: MatchInput): RuleField | null {
  const { field } = rule.rule;
  if (field === 'app' || field === 'any') if (rule.test(input.app)) return 'app';
  if (field === 'title' || field === 'any') if (rule.test(input.title)) return 'title';
  if ((field === 'url' || field === 'any') && input.url !== null && rule.test(input.url)) return 'url';
  return null;
}

/** The first (most specific) rule that matches, with the field it matched on. */
export function firstMatchingRule(compiled: readonly CompiledRule[], input: MatchInput): { rule: CompiledRule; field: RuleField } | null {
  for (const rule of compiled) {
    const field = fieldMatches(rule, input);
    if (field) return { rule, field };
  }
  return null;
}

const FIELD_WORD: Record<RuleField, string> = { app: 'app', title: 'title', url: 'URL', any: 'any field' };

/** "rule: title contains ACME-", "rule: URL matches *.acme.com/*", "rule: title matches /^\[ACME/". */
export function describeRule(rule: Pick<Rule, 'field' | 'kind' | 'pattern'>, matchedField?: RuleField): string {
  const field = FIELD_WORD[rule.field === 'any' && matchedField ? matchedField : rule.field];
  if (rule.kind === 'contains') return `rule: ${field} contains ${rule.pattern}`;
  if (rule.kind === 'glob') return `rule: ${field} matches ${rule.pattern}`;
  return `rule: ${field} matches /${rule.pattern}/`;
}
