// Rule patterns: validation with messages a user can act on, and compilation into a test function.
// Rules come from people typing into a settings screen, so a pattern that could hang the matcher
// (catastrophic backtracking) is refused up front instead of being discovered on a long title.

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
      'Case-insensitive unless ticked. Patterns that risk catastrophic backtracking are refused: ' +
      'a repeated group that itself repeats, like (a+)+ or (.*)*, repeated alternatives that overlap, ' +
      'like (a|ab)*, and back-references inside repeated groups.',
    `Patterns may not be empty and are limited to ${MAX_PATTERN_LENGTH} characters.`,
  ].join('\n');
}

interface GroupState {
  /** An unbounded quantifier (*, +, {n,}) appears somewhere inside. */
  hasUnbounded: boolean;
  hasBackreference: boolean;
  /** Alternatives seen at this depth, as raw source. */
  branches: string[];
  branchStart: number;
}

function isUnboundedQuantifier(source: string, at: number): { unbounded: boolean; quantified: boolean; length: number } {
  const c = source[at];
  if (c === '*' || c === '+') return { unbounded: true, quantified: true, length: 1 };
  if (c === '?') return { unbounded: false, quantified: true, length: 1 };
  if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at));
    if (m) {
      const unbounded = m[2] !== undefined && (m[3] === '' || Number(m[3]) > 10);
      return { unbounded, quantified: true, length: m[0].length };
    }
  }
  return { unbounded: false, quantified: false, length: 0 };
}

/**
 * A structural scan of the regex source for the shapes that make backtracking engines exponential.
 * It is conservative (it may refuse a pattern that would in fact be fine), which is the right side to err on
 * for something that runs over every window title.
 */
function findCatastrophicShape(source: string): string | null {
  const stack: GroupState[] = [{ hasUnbounded: false, hasBackreference: false, branches: [], branchStart: 0 }];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    const top = stack[stack.length - 1]!;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9]/.test(next) || (next === 'k' && source[i + 2] === '<')) top.hasBackreference = true;
      i += 2;
      const q = isUnboundedQuantifier(source, i);
      if (q.unbounded) top.hasUnbounded = true;
      i += q.length;
      continue;
    }
    if (c === '[') {
      // Skip the character class; quantifiers after it are handled like any single atom.
      i++;
      if (source[i] === '^') i++;
      if (source[i] === ']') i++;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      i++;
      const q = isUnboundedQuantifier(source, i);
      if (q.unbounded) top.hasUnbounded = true;
      i += q.length;
      continue;
    }
    if (c === '(') {
      let skip = 1;
      if (source[i + 1] === '?') {
        const m = /^\(\?(:|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(source.slice(i));
        skip = m ? m[0].length : 2;
      }
      stack.push({ hasUnbounded: false, hasBackreference: false, branches: [], branchStart: i + skip });
      i += skip;
      continue;
    }
    if (c === '|') {
      top.branches.push(source.slice(top.branchStart, i));
      top.branchStart = i + 1;
      i++;
      continue;
    }
    if (c === ')') {
      if (stack.length === 1) return null; // Unbalanced: the engine reports it better than we would.
      const group = stack.pop()!;
      group.branches.push(source.slice(group.branchStart, i));
      const parent = stack[stack.length - 1]!;
      i++;
      const q = isUnboundedQuantifier(source, i);
      i += q.length;
      if (q.quantified && q.unbounded) {
        if (group.hasUnbounded) {
          return 'a repeated group contains another repetition (like (a+)+ or (.*)*), which can take exponential time';
        }
        if (group.hasBackreference) {
          return 'a back-reference inside a repeated group can take exponential time';
        }
        if (group.branches.length > 1 && branchesOverlap(group.branches)) {
          return 'a repeated group has overlapping alternatives (like (a|a)* or (a|ab)*), which can take exponential time';
        }
      }
      if (group.hasUnbounded || (q.quantified && q.unbounded)) parent.hasUnbounded = true;
      if (group.hasBackreference) parent.hasBackreference = true;
      continue;
    }
    i++;
    const q = isUnboundedQuantifier(source, i);
    if (q.unbounded) top.hasUnbounded = true;
    i += q.length;
  }
  return null;
}

/** Alternatives overlap when one can start the same way as another: identical, empty, or one a prefix of another. */
function branchesOverlap(branches: string[]): boolean {
  for (let a = 0; a < branches.length; a++) {
    const x = branches[a]!;
    if (x === '' || /^[.]/.test(x)) return true;
    for (let b = a + 1; b < branches.length; b++) {
      const y = branches[b]!;
      if (x === y || x.startsWith(y) || y.startsWith(x)) return true;
    }
  }
  return false;
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
    try {
      // Compiled without the unicode flag first, the flavour most people paste from elsewhere;
      // the engine's own message is passed on because it names the position and the problem.
      new RegExp(pattern);
    } catch (error) {
      return { ok: false, message: `The regular expression does not compile: ${(error as Error).message}` };
    }
    const shape = findCatastrophicShape(pattern);
    if (shape) return { ok: false, message: `The regular expression is refused: ${shape}.` };
    if (new RegExp(pattern).test('')) {
      return { ok: false, message: 'The regular expression matches empty text: it would match every segment.' };
    }
  }
  return { ok: true };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Glob to an anchored regex: * any run, ? one character, everything else literal. */
function globToRegex(glob: string, caseSensitive: boolean): RegExp {
  let source = '';
  for (const ch of glob) {
    if (ch === '*') source += '[\\s\\S]*';
    else if (ch === '?') source += '[\\s\\S]';
    else source += escapeRegex(ch);
  }
  // Collapse runs of stars so "**" does not create nested work.
  source = source.replace(/(\[\\s\\S\]\*)+/g, '[\\s\\S]*');
  return new RegExp(`^${source}$`, caseSensitive ? '' : 'i');
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
  const re = kind === 'glob' ? globToRegex(pattern, caseSensitive) : compileRegex(pattern, caseSensitive);
  return (text) => re.test(text);
}

function compileRegex(pattern: string, caseSensitive: boolean): RegExp {
  return new RegExp(pattern, caseSensitive ? '' : 'i');
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
