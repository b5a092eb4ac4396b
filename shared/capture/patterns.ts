// User-written regexes (exclusions, redactions) run against every captured title in main, so a bad
// one must be refused when it is saved, with a message the Settings screen can show, rather than
// throwing later. They run on RE2 (see shared/patterns/user-pattern.ts), so none can hang capture.
import { compileUserRegex, type UserRegex } from '../patterns/user-pattern';

/** A message explaining why the pattern cannot be used, or null when it is fine. */
export function checkUserPattern(pattern: string): string | null {
  if (pattern.length === 0) return 'The pattern is empty.';
  if (pattern.length > 200) return 'The pattern is longer than 200 characters.';
  const compiled = compileUserRegex(pattern, false);
  return compiled.ok ? null : `"${pattern}": ${compiled.message}`;
}

/**
 * The compiled pattern (case-insensitive: titles vary in case), or null for a pattern
 * checkUserPattern refuses. Callers must fail closed on null: these rules protect privacy.
 */
export function compileUserPattern(pattern: string): UserRegex | null {
  if (checkUserPattern(pattern) !== null) return null;
  const compiled = compileUserRegex(pattern, false);
  return compiled.ok ? compiled.regex : null;
}
