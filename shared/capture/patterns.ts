// User-written regexes (exclusions, redactions) run against every captured title in main, so a bad
// one must be refused when it is saved, with a message the Settings screen can show, rather than
// throwing or hanging the capture loop later.

/** Flags for every user pattern: case-insensitive (titles vary in case), global for replacement. */
const FLAGS = 'gi';

/**
 * Refuse patterns that can backtrack catastrophically: a quantified group that itself contains a
 * quantifier or an alternation (`(a+)+`, `(.*)*`, `(a|aa)*`, `(\w+\s?)+$`), back-references,
 * and the polynomial cases that still hurt at 512 characters (see below).
 * It is a conservative syntactic check, not a proof: it rejects some safe patterns, which can
 * always be rewritten without the nesting. Titles are also capped at 512 characters before any
 * pattern runs, which bounds the polynomial cases that slip through.
 */
function looksCatastrophic(pattern: string): boolean {
  if (/\\[1-9]|\\k</.test(pattern)) return true;
  // The same atom repeated twice in a row (`a*a*`, `\d+\d*`, `.*.*`) backtracks polynomially, and
  // more than two unbounded repeats in one pattern multiply: `a*a*a*b` takes seconds on 512 "a"s.
  if (/(\\.|\.|\[[^\]]*\]|[^\\()[\]{}*+?|])[*+]\??\1[*+]/.test(pattern)) return true;
  const unbounded = pattern.replace(/\\./g, '').replace(/\[[^\]]*\]/g, 'x').match(/[*+]|\{\d+,\}/g)?.length ?? 0;
  if (unbounded > 2) return true;
  // Walk the pattern, tracking for each open group whether it contains a quantifier or '|'.
  const stack: Array<{ risky: boolean }> = [];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      continue;
    }
    if (ch === '(') {
      stack.push({ risky: false });
      continue;
    }
    const top = stack[stack.length - 1];
    if (ch === ')') {
      const group = stack.pop();
      const next = pattern[i + 1];
      const quantified = next === '*' || next === '+' || next === '{' || next === '?';
      const repeats = next === '*' || next === '+' || (next === '{' && !/^\{\d+\}/.test(pattern.slice(i + 1)));
      if (group?.risky && repeats && quantified) return true;
      // A risky inner group makes the enclosing group risky too.
      const parent = stack[stack.length - 1];
      if (parent && (group?.risky || quantified)) parent.risky = true;
      continue;
    }
    if (top && (ch === '*' || ch === '+' || ch === '{' || ch === '|')) top.risky = true;
  }
  return false;
}

/** A message explaining why the pattern cannot be used, or null when it is fine. */
export function checkUserPattern(pattern: string): string | null {
  if (pattern.length === 0) return 'The pattern is empty.';
  if (pattern.length > 200) return 'The pattern is longer than 200 characters.';
  try {
    new RegExp(pattern, FLAGS);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return `"${pattern}" is not a valid regular expression: ${detail}`;
  }
  if (looksCatastrophic(pattern)) {
    return `"${pattern}" repeats a group that itself repeats (like (a+)+), repeats the same thing twice in a row (like a*a*), has more than two open-ended repeats (*, +, {n,}) or uses a back-reference; such patterns can freeze capture on long titles. Rewrite it without the nested repetition.`;
  }
  return null;
}

const cache = new Map<string, RegExp | null>();

/** The compiled pattern, or null for a pattern checkUserPattern refuses (it then never matches). */
export function compileUserPattern(pattern: string): RegExp | null {
  let compiled = cache.get(pattern);
  if (compiled === undefined) {
    compiled = checkUserPattern(pattern) === null ? new RegExp(pattern, FLAGS) : null;
    if (cache.size > 1000) cache.clear();
    cache.set(pattern, compiled);
  }
  if (compiled) compiled.lastIndex = 0;
  return compiled;
}
