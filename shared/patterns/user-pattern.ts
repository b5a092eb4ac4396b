// Every pattern a person types (capture exclusions and redactions in main, review rules in the
// renderer) is compiled here and run by re2js, a pure-JavaScript port of RE2: matching time is
// linear in the text whatever the pattern, so no pattern can hang main or the window. The price is
// RE2's syntax: look-arounds and back-references cannot be expressed, and are refused in words.
import { RE2JS } from 're2js';

export interface UserRegex {
  /** True when the pattern matches anywhere (a glob: the whole text). */
  test(text: string): boolean;
  /** Replaces every match; `$1`, `$&` and `$$` work as in String.prototype.replace. */
  replaceAll(text: string, replacement: string): string;
}

type CompiledUserRegex = { ok: true; regex: UserRegex } | { ok: false; message: string };

const UNSUPPORTED = {
  lookahead: 'uses a look-ahead, which Track Nexus does not support; remove the (?=…) or (?!…) part and match the text itself instead.',
  lookbehind: 'uses a look-behind, which Track Nexus does not support; remove the (?<=…) or (?<!…) part and match the text itself instead.',
  backreference: 'uses a back-reference, which Track Nexus does not support; write the repeated text out instead of \\1 or \\k<name>.',
} as const;

/** Which construct RE2 cannot run, found by walking the source outside character classes. */
function unsupportedConstruct(source: string): keyof typeof UNSUPPORTED | null {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      if (!inClass && (/[1-9]/.test(next) || (next === 'k' && source[i + 2] === '<'))) return 'backreference';
      i++;
    } else if (inClass) {
      if (ch === ']') inClass = false;
    } else if (ch === '[') {
      inClass = true;
    } else if (source.startsWith('(?=', i) || source.startsWith('(?!', i)) {
      return 'lookahead';
    } else if (source.startsWith('(?<=', i) || source.startsWith('(?<!', i)) {
      return 'lookbehind';
    }
  }
  return null;
}

function wrap(re: RE2JS, exact: boolean): UserRegex {
  return {
    test: (text) => (exact ? re.testExact(text) : re.test(text)),
    replaceAll: (text, replacement) => re.matcher(text).replaceAll(replacement),
  };
}

const regexes = new Map<string, CompiledUserRegex>();
const globs = new Map<string, UserRegex>();

/** Compiling is the costly part, and the same few patterns run against every title. */
function cached<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let hit = cache.get(key);
  if (hit === undefined) {
    hit = make();
    if (cache.size > 1000) cache.clear();
    cache.set(key, hit);
  }
  return hit;
}

function compileRegex(source: string, caseSensitive: boolean): CompiledUserRegex {
  const construct = unsupportedConstruct(source);
  if (construct) {
    return { ok: false, message: `This pattern ${UNSUPPORTED[construct]}` };
  }
  try {
    // translateRegExp turns JavaScript spellings RE2 reads differently ((?<name>, \u{…}, \cX) into RE2's.
    const re = RE2JS.compile(RE2JS.translateRegExp(source), caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
    return { ok: true, regex: wrap(re, false) };
  } catch (error) {
    const detail = (error instanceof Error ? error.message : String(error)).replace(/^error parsing regexp: /, '');
    return { ok: false, message: `This pattern is not a valid regular expression: ${detail}.` };
  }
}

/** A JavaScript-style regular expression, searched anywhere in the text; refused in words when RE2 cannot run it. */
export function compileUserRegex(source: string, caseSensitive: boolean): CompiledUserRegex {
  return cached(regexes, `${caseSensitive ? 'c' : 'i'}${source}`, () => compileRegex(source, caseSensitive));
}

function globSource(glob: string): string {
  let out = '';
  for (const ch of glob) {
    if (ch === '*') out += out.endsWith('(?s:.*)') ? '' : '(?s:.*)';
    else if (ch === '?') out += '(?s:.)';
    else out += /[\\^$.|?*+()[\]{}]/.test(ch) ? `\\${ch}` : ch;
  }
  return out;
}

/** A glob matched against the whole text: * any run of characters, ? exactly one, the rest literal. */
export function compileUserGlob(glob: string, caseSensitive: boolean): UserRegex {
  return cached(globs, `${caseSensitive ? 'c' : 'i'}${glob}`, () =>
    wrap(RE2JS.compile(globSource(glob), caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE), true),
  );
}
