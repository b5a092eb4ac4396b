// The one module that compiles people's patterns (issue 14): JavaScript spelling in, RE2 underneath.
import { describe, expect, it } from 'vitest';
import { compileUserGlob, compileUserRegex } from '../../../shared/patterns/user-pattern';

const regex = (source: string, caseSensitive = false) => {
  const compiled = compileUserRegex(source, caseSensitive);
  if (!compiled.ok) throw new Error(compiled.message);
  return compiled.regex;
};
const refusal = (source: string) => {
  const compiled = compileUserRegex(source, false);
  return compiled.ok ? null : compiled.message;
};

describe('user regexes', () => {
  it('keep the JavaScript spellings people paste: named groups, \\u escapes, $1 and $& in replacements', () => {
    expect(regex('(?<ticket>ACME)-(\\d+)').replaceAll('see acme-42 and ACME-7', '$1 #$2')).toBe('see acme #42 and ACME #7');
    expect(regex('caf\\u00e9').test('Café menu')).toBe(true);
    expect(regex('\\d{4}').replaceAll('card 1234 5678', '[$&]')).toBe('card [1234] [5678]');
  });

  it('are case-insensitive unless asked otherwise', () => {
    expect(regex('invoice').test('INVOICE 12')).toBe(true);
    expect(regex('invoice', true).test('INVOICE 12')).toBe(false);
  });

  it('refuse what RE2 cannot run, naming it, rather than run something else', () => {
    expect(refusal('a(?=b)')).toMatch(/^This pattern uses a look-ahead, which Track Nexus does not support;/);
    expect(refusal('(?<!x)b')).toMatch(/look-behind/);
    // translateRegExp would turn \k<n> into the literal "k<n>": it must be refused first.
    expect(refusal('(?<n>a)\\k<n>')).toMatch(/back-reference/);
    expect(refusal('[1(?=]x')).toBeNull(); // inside a class these are plain characters
    expect(refusal('a{2')).toBeNull(); // a literal brace, as in JavaScript
    expect(refusal('(x')).toMatch(/^This pattern is not a valid regular expression: missing closing \)/);
  });
});

describe('user globs', () => {
  it('match the whole text, * and ? as wildcards, everything else literally', () => {
    expect(compileUserGlob('Report-?.xlsx*', false).test('report-7.xlsx - Excel')).toBe(true);
    expect(compileUserGlob('Report-?.xlsx*', false).test('Report-77.xlsx')).toBe(false);
    expect(compileUserGlob('*(draft)[1]*', true).test('Plan (draft)[1] v2')).toBe(true);
    expect(compileUserGlob('*(draft)[1]*', true).test('Plan (DRAFT)[1] v2')).toBe(false);
    expect(compileUserGlob('a*z', false).test('a\nz')).toBe(true);
  });
});
