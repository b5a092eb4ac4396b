// Rule patterns: validation with messages a user can act on, and compilation into a test function.
// Rules come from people typing into a settings screen; regexes and globs run on RE2 (see
// shared/patterns/user-pattern.ts), so none can hang the matcher, whatever the title.

import { compileUserGlob, compileUserRegex, type UserRegex } from '../patterns/user-pattern';
import type { RuleKind } from './types';

const MAX_PATTERN_LENGTH = 300;

export type PatternCheck = { ok: true } | { ok: false; message: string };

/** The text the rules screen shows next to the pattern box. */
export function describeRuleFlavour(): string {
  return [
    'contains: the field contains this text anywhere. Case-insensitive unless "case sensitive" is ticked.',
    'glob: matches the whole field. * stands for any run of characters (including none), ? for exactly one; ' +
      'everything else is literal. Use *ACME-* to match ACME- anywhere. Case-insensitive unless ticked.',
    'regex: a JavaScript (ECMAScript) regular expression, searched anywhere in the field (use ^ and $ to anchor). ' +
      'Case-insensitive unless ticked. It runs on RE2, which takes time in proportion to the text whatever the pattern, ' +
      'so look-aheads ((?=, (?!), look-behinds ((?<=, (?<!) and back-references (\\1, \\k<name>) are not supported.',
    `Patterns may not be empty and are limited to ${MAX_PATTERN_LENGTH} characters.`,
  ].join('\n');
}

/** Checks a pattern before it is saved. The message says what is wrong in words, not just "invalid". */
export function checkPattern(kind: RuleKind, pattern: string): PatternCheck {
  if (typeof pattern !== 'string' || pattern.trim() === '') {
    return { ok: false, message: 'The pattern is empty: it would match every segment.' };
  }
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return { ok: false, message: `The pattern is ${pattern.length} characters long; the limit is ${MAX_PATTERN_LENGTH}.` };
  }
  if (kind === 'glob' && /^[*?\s]+$/.test(pattern)) {
    return { ok: false, message: 'The glob has only wildcards: it would match every segment.' };
  }
  if (kind === 'regex') {
    const compiled = compileUserRegex(pattern, false);
    if (!compiled.ok) return { ok: false, message: compiled.message };
    if (compiled.regex.test('')) {
      return { ok: false, message: 'The regular expression matches empty text: it would match every segment.' };
    }
  }
  return { ok: true };
}

export type Tester = (text: string) => boolean;

/** Compiles a checked pattern. Throws with the check's message if the pattern is refused. */
export function compilePattern(kind: RuleKind, pattern: string, caseSensitive = false): Tester {
  const check = checkPattern(kind, pattern);
  if (!check.ok) throw new Error(check.message);
  if (kind === 'contains') {
    if (caseSensitive) return (text) => text.includes(pattern);
    const needle = pattern.toLowerCase();
    return (text) => text.toLowerCase().includes(needle);
  }
  const re = kind === 'glob' ? compileUserGlob(pattern, caseSensitive) : compileRegex(pattern, caseSensitive);
  return (text) => re.test(text);
}

function compileRegex(pattern: string, caseSensitive: boolean): UserRegex {
  const compiled = compileUserRegex(pattern, caseSensitive);
  if (!compiled.ok) throw new Error(compiled.message);
  return compiled.regex;
}

/** How many literal characters a pattern pins down: the tie-breaker for "most specific rule wins". */
export function literalLength(kind: RuleKind, pattern: string): number {
  if (kind === 'contains') return pattern.length;
  if (kind === 'glob') return pattern.replace(/[*?]/g, '').length;
  // For a regex, count characters that are not syntax. Escaped characters count as one literal.
  const stripped = pattern
    .replace(/\\[dDwWsSbB]/g, '')
    .replace(/\\./g, 'x')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\{\d+(,\d*)?\}/g, '')
    .replace(/[\^$.*+?()|{}]/g, '');
  return stripped.length;
}
