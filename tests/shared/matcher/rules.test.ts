import { describe, expect, it } from 'vitest';
import { checkPattern, compilePattern, createMatcher, describeRuleFlavour, ruleSpecificity, type ProjectInfo, type Rule } from '../../../shared/matcher';

// Acme has two projects, so a window that only names the client cannot decide without a rule: a client with a
// single active project is itself evidence for that project (see learning.test.ts).
const projects: ProjectInfo[] = [
  { id: 'acme', name: 'Customer portal', clientName: 'Acme Corp' },
  { id: 'acme-mobile', name: 'Mobile app', clientName: 'Acme Corp' },
  { id: 'globex', name: 'Security audit', clientName: 'Globex' },
  { id: 'old', name: 'Old thing', active: false },
];
const rule = (over: Partial<Rule> & Pick<Rule, 'id' | 'pattern'>): Rule => ({ field: 'title', kind: 'contains', projectId: 'acme', ...over });
const seg = (title: string, app = 'Google Chrome', url: string | null = null) => ({ app, title, url });

describe('rule kinds and fields', () => {
  it('contains is case-insensitive by default and case-sensitive on request', () => {
    const m = createMatcher({ projects, rules: [rule({ id: 'r', pattern: 'ACME-' })] });
    expect(m.suggest(seg('[acme-12] Fix login')).projectId).toBe('acme');
    const cs = createMatcher({ projects, rules: [rule({ id: 'r', pattern: 'ACME-', caseSensitive: true })] });
    expect(cs.suggest(seg('[acme-12] Fix login')).projectId).toBeNull();
    expect(cs.suggest(seg('[ACME-12] Fix login')).projectId).toBe('acme');
  });

  it('glob matches the whole field with * and ?', () => {
    const m = createMatcher({ projects, rules: [rule({ id: 'g', field: 'url', kind: 'glob', pattern: 'https://*.acme.com/*' })] });
    expect(m.suggest(seg('x', 'Chrome', 'https://portal.acme.com/login')).projectId).toBe('acme');
    expect(m.suggest(seg('x', 'Chrome', 'https://acme.com.evil.io/login')).projectId).toBeNull();
    const q = createMatcher({ projects, rules: [rule({ id: 'q', kind: 'glob', pattern: 'Report-?.xlsx*' })] });
    expect(q.suggest(seg('Report-7.xlsx - Excel')).projectId).toBe('acme');
    expect(q.suggest(seg('Report-77.xlsx - Excel')).projectId).toBeNull();
  });

  it('regex searches anywhere, case-insensitive', () => {
    const m = createMatcher({ projects, rules: [rule({ id: 'x', kind: 'regex', pattern: '^\\[ACME-\\d+\\]' })] });
    expect(m.suggest(seg('[acme-42] Login')).projectId).toBe('acme');
    expect(m.suggest(seg('see [ACME-42]')).projectId).toBeNull();
  });

  it('app, url and any fields', () => {
    const m = createMatcher({
      projects,
      rules: [rule({ id: 'a', field: 'app', kind: 'glob', pattern: 'Burp Suite*', projectId: 'globex' }), rule({ id: 'u', field: 'any', pattern: 'acme.atlassian.net' })],
    });
    expect(m.suggest(seg('whatever', 'Burp Suite Professional')).projectId).toBe('globex');
    const viaUrl = m.suggest(seg('Board', 'Chrome', 'https://acme.atlassian.net/browse/X-1'));
    expect(viaUrl.projectId).toBe('acme');
    expect(viaUrl.detail).toBe('rule: URL contains acme.atlassian.net');
    expect(viaUrl.reason).toBe('Your rule sends windows whose web address contains “acme.atlassian.net” to Acme Corp · Customer portal.');
  });

  it('a rule gives confidence 0.99 with a human reason and the task', () => {
    const m = createMatcher({ projects, rules: [rule({ id: 'r1', pattern: 'ACME-', taskId: 'dev' })] });
    expect(m.suggest(seg('[ACME-1] x'))).toEqual({
      projectId: 'acme', taskId: 'dev', confidence: 0.99, source: 'rule', ruleId: 'r1',
      reason: 'Your rule sends windows whose title contains “ACME-” to Acme Corp · Customer portal.',
      detail: 'rule: title contains ACME-',
    });
  });

  it('rules for inactive projects are skipped', () => {
    const m = createMatcher({ projects, rules: [rule({ id: 'r', pattern: 'thing', projectId: 'old' })] });
    expect(m.suggest(seg('old thing')).projectId).toBeNull();
  });
});

describe('most specific rule wins, then priority, then order', () => {
  it('url beats title beats app beats any', () => {
    expect(ruleSpecificity({ field: 'url', kind: 'contains', pattern: 'a' })).toBeGreaterThan(ruleSpecificity({ field: 'title', kind: 'regex', pattern: 'a'.repeat(50) }));
    expect(ruleSpecificity({ field: 'title', kind: 'contains', pattern: 'a' })).toBeGreaterThan(ruleSpecificity({ field: 'app', kind: 'contains', pattern: 'a'.repeat(50) }));
    expect(ruleSpecificity({ field: 'app', kind: 'contains', pattern: 'a' })).toBeGreaterThan(ruleSpecificity({ field: 'any', kind: 'contains', pattern: 'a'.repeat(50) }));
  });

  it('a longer literal beats a shorter one in the same field, whatever the order', () => {
    const rules = [rule({ id: 'short', pattern: 'ACME', projectId: 'globex' }), rule({ id: 'long', pattern: 'ACME-portal' })];
    expect(createMatcher({ projects, rules }).suggest(seg('ACME-portal release')).ruleId).toBe('long');
    expect(createMatcher({ projects, rules: [...rules].reverse() }).suggest(seg('ACME-portal release')).ruleId).toBe('long');
  });

  it('priority breaks ties between equally specific rules, then the earlier rule wins', () => {
    const a = rule({ id: 'a', pattern: 'sync', projectId: 'globex' });
    const b = rule({ id: 'b', pattern: 'SYNC', priority: 5 });
    expect(createMatcher({ projects, rules: [a, b] }).suggest(seg('weekly sync')).ruleId).toBe('b');
    const c = rule({ id: 'c', pattern: 'SYNC' });
    expect(createMatcher({ projects, rules: [a, c] }).suggest(seg('weekly sync')).ruleId).toBe('a');
  });
});

/** Rules that hung the matcher before issue 14 (over 20 s each), with the title length they hung on. */
const HANGING: Array<[Rule['kind'], string, number]> = [
  ['regex', '(a*){20}b', 300],
  ['regex', '(?:a|b?){40}c', 300],
  ['regex', '(.?){30}x', 300],
  ['regex', '(a|aa){30}b', 300],
  // ^(?:a|a?){30}$ itself matches empty text, which rules refuse; with a final z it is a rule.
  ['regex', '^(?:a|a?){30}z$', 300],
  ['regex', 'a{0,500}a{0,500}a{0,500}b', 300],
  ['glob', '*a*a*a*a*a*a*z', 300],
];

/** Linear time, with room for a loaded machine and a{0,500}×3's 3,000-instruction program; 40 times below the hang. */
const BUDGET_MS = 500;

describe('refused patterns', () => {
  const refused = (kind: Rule['kind'], pattern: string) => {
    const check = checkPattern(kind, pattern);
    expect(check.ok).toBe(false);
    return check.ok ? '' : check.message;
  };

  it('refuses empty and whitespace patterns', () => {
    expect(refused('contains', '')).toMatch(/empty/);
    expect(refused('regex', '   ')).toMatch(/empty/);
    expect(refused('glob', '**')).toMatch(/only wildcards/);
  });

  it('refuses regexes that do not compile, with the engine message', () => {
    expect(refused('regex', '(unclosed')).toMatch(/not a valid regular expression: missing closing \)/);
    expect(refused('regex', '[z-a]')).toMatch(/not a valid regular expression: invalid character class range/);
  });

  it('refuses look-arounds and back-references in words, since RE2 cannot run them', () => {
    expect(refused('regex', 'ACME(?=-\\d)')).toBe(
      'This pattern uses a look-ahead, which Track Nexus does not support; remove the (?=…) or (?!…) part and match the text itself instead.',
    );
    expect(refused('regex', '(?<=\\[)ACME')).toMatch(/look-behind/);
    expect(refused('regex', '(a)(x\\1)+')).toMatch(/back-reference/);
    expect(refused('regex', '(?<n>a)(\\k<n>x)+')).toMatch(/back-reference/);
  });

  it.each(HANGING)('runs the %s rule %s on a %i-character title well within the budget', (kind, pattern, length) => {
    const m = createMatcher({ projects, rules: [rule({ id: 'h', kind, pattern })] }); // compiles, as saving does
    const started = performance.now();
    expect(m.suggest(seg('a'.repeat(length))).ruleId).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(BUDGET_MS);
  });

  it('refuses patterns that match everything and over-long patterns', () => {
    expect(refused('regex', 'a*')).toMatch(/matches empty text/);
    expect(refused('contains', 'x'.repeat(301))).toMatch(/limit is 300/);
  });

  it('accepts ordinary patterns', () => {
    for (const p of ['ACME-\\d+', '^\\[(ACME|MOB)-\\d+\\]', '(foo|bar)+baz', 'a+b+', '[a-z]+@acme\\.com', '(ab)+', '\\bportal\\b', '(a+)+', '(?<t>ACME)-\\d']) {
      expect(checkPattern('regex', p)).toEqual({ ok: true });
    }
  });

  it('createMatcher reports refused rules and ignores them', () => {
    // Saved before RE2: the rule is off, and the rules screen shows this message next to it.
    const m = createMatcher({ projects, rules: [rule({ id: 'bad', kind: 'regex', pattern: 'a(?!b)' }), rule({ id: 'ok', pattern: 'aaa' })] });
    expect(m.invalidRules).toHaveLength(1);
    expect(m.invalidRules[0]!.rule.id).toBe('bad');
    expect(m.invalidRules[0]!.message).toMatch(/look-ahead, which Track Nexus does not support/);
    expect(m.suggest(seg('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!')).ruleId).toBe('ok');
  });

  it('compilePattern throws the same message', () => {
    expect(() => compilePattern('regex', 'a(?=b)')).toThrow(/look-ahead/);
  });

  it('documents the flavour for the UI', () => {
    const text = describeRuleFlavour();
    expect(text).toMatch(/JavaScript \(ECMAScript\)/);
    expect(text).toMatch(/Case-insensitive/);
    expect(text).toMatch(/\* stands for any run/);
  });
});

describe('hostile inputs', () => {
  const rules = [rule({ id: 'r', kind: 'regex', pattern: 'ACME-\\d+' }), rule({ id: 'g', kind: 'glob', pattern: '*portal*', projectId: 'globex' })];
  const m = createMatcher({ projects, rules });

  // Linear matching takes milliseconds here; anything super-linear would take minutes on 200,000
  // characters and meet the test's deadline, so no wall-clock threshold is needed (or wanted: it
  // would measure the machine's load). Timings belong to npm run bench:matching.
  it('a very long title is matched', () => {
    const title = 'a'.repeat(200_000) + ' ACME-1';
    expect(m.suggest(seg(title)).ruleId).toBe('r');
    expect(m.suggest(seg('b'.repeat(200_000))).source).not.toBe('rule');
  });

  it('unicode and regex metacharacters in titles are plain text', () => {
    expect(m.suggest(seg('Café 東京 (ACME-7) [.*+?^$]')).ruleId).toBe('r');
    const lit = createMatcher({ projects, rules: [rule({ id: 'meta', pattern: '[.*+?^$]' })] });
    expect(lit.suggest(seg('x [.*+?^$] y')).ruleId).toBe('meta');
    expect(lit.suggest(seg('x [abc] y')).projectId).toBeNull();
    const g = createMatcher({ projects, rules: [rule({ id: 'gm', kind: 'glob', pattern: '*(draft)*' })] });
    expect(g.suggest(seg('Plan (draft) v2')).ruleId).toBe('gm');
    expect(g.suggest(seg('Plan draft v2')).projectId).toBeNull();
  });

  it('null URLs and empty apps do not throw', () => {
    expect(() => m.suggest({ app: '', title: '', url: null })).not.toThrow();
    expect(m.suggest({ app: '', title: '', url: null }).source).toBe('none');
  });
});
