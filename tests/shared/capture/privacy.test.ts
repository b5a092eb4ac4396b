import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkUserPattern } from '../../../shared/capture/patterns';
import { applyPrivacy, cleanText, isPrivateWindow, MAX_TITLE_LENGTH, stripUrl, type PrivacySettings } from '../../../shared/capture/privacy';
import { CaptureSettings, defaultCaptureSettings } from '../../../shared/capture/types';

/** No lone surrogates (String.prototype.isWellFormed is ES2024, beyond our lib). */
const wellFormed = (text: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);

const base: PrivacySettings = { excludedApps: [], excludedTitlePatterns: [], redactions: [], skipPrivateWindows: true };
const keep = (title: string, settings: Partial<PrivacySettings> = {}, app = 'XTerm', url: string | null = null) => {
  const verdict = applyPrivacy({ app, title, url }, { ...base, ...settings });
  if (verdict.kind !== 'keep') throw new Error(`expected keep, got ${verdict.reason}`);
  return verdict.sample;
};

describe('hostile titles', () => {
  it('caps huge titles without splitting a character', () => {
    const huge = '😀'.repeat(10_000);
    const { title } = keep(huge);
    expect(title.length).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
    expect(title).toBe('😀'.repeat(MAX_TITLE_LENGTH / 2));
    const odd = `a${'😀'.repeat(1000)}`;
    const cut = keep(odd).title;
    expect(cut.length).toBe(MAX_TITLE_LENGTH - 1);
    expect(/[\ud800-\udbff]$/.test(cut)).toBe(false);
  });

  it('removes NUL, control characters and bidi overrides', () => {
    expect(keep('in\u0000voice\u0007 \u001b[31mred\u001b[0m\r\n').title).toBe('in voice [31mred [0m');
    expect(keep('invoice\u202Efdp.exe').title).toBe('invoice fdp.exe');
    expect(keep('\u2066isolated\u2069 \u200Fmark\u061C').title).toBe('isolated mark');
    expect(keep('\u0085next\u009Bline').title).toBe('next line');
  });

  it('keeps emoji, including joined sequences, and non-Latin scripts', () => {
    expect(keep('👩‍💻 deploy — 東京 — مرحبا').title).toBe('👩‍💻 deploy — 東京 — مرحبا');
  });

  it('keeps markup as plain text (the renderer escapes it; nothing here interprets it)', () => {
    expect(keep('<script>alert(1)</script> - Chrome').title).toBe('<script>alert(1)</script> - Chrome');
  });

  it('replaces lone surrogates instead of storing invalid UTF-16', () => {
    const { title } = keep('bad \ud800 and \udc00 end');
    expect(title).toBe('bad \ufffd and \ufffd end');
    expect(wellFormed(title)).toBe(true);
  });

  it('treats regex metacharacters in titles literally in exclusions and redactions', () => {
    const settings = { excludedTitlePatterns: ['secret'], redactions: [{ pattern: '\\d{4}-\\d{4}', replacement: '####' }] };
    expect(keep('(.*)+ [a-z]{1,} $^ \\ card 1234-5678', settings).title).toBe('(.*)+ [a-z]{1,} $^ \\ card ####');
    expect(applyPrivacy({ app: 'x', title: 'My SECRET plan', url: null }, { ...base, ...settings }).kind).toBe('skip');
  });

  it('property: any string comes out well-formed, short and free of controls', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (title) => {
        const out = keep(title).title;
        expect(wellFormed(out)).toBe(true);
        expect(out.length).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
        expect(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(out)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('exclusions and private windows', () => {
  it('excludes apps by name (case-insensitive) or by path', () => {
    const settings = { ...base, excludedApps: ['keepassxc', '/usr/bin/signal-desktop', 'Bank.exe'] };
    expect(applyPrivacy({ app: 'KeePassXC', title: 'db', url: null }, settings)).toEqual({ kind: 'skip', reason: 'excluded-app' });
    expect(applyPrivacy({ app: 'Signal', title: 'chat', url: null, path: '/usr/bin/signal-desktop' }, settings).kind).toBe('skip');
    expect(applyPrivacy({ app: 'Bank', title: 'x', url: null, path: 'C:\\Program Files\\Bank\\Bank.exe' }, settings).kind).toBe('skip');
    expect(applyPrivacy({ app: 'XTerm', title: 'keepassxc notes', url: null, path: '/usr/bin/xterm' }, settings).kind).toBe('keep');
  });

  it('skips private and incognito browser windows', () => {
    const titles: Array<[string, string]> = [
      ['Google-chrome', 'Gmail - Google Chrome (Incognito)'],
      ['Chromium', 'New Tab - Chromium - Incognito'],
      ['firefox', 'Search — Mozilla Firefox Private Browsing'],
      ['Microsoft Edge', 'News - [InPrivate] - Microsoft Edge'],
      ['Brave-browser', 'Site - Brave (Private)'],
      ['Safari', 'Apple — Private Browsing'],
    ];
    for (const [app, title] of titles) {
      expect(isPrivateWindow({ app, title }), title).toBe(true);
      expect(applyPrivacy({ app, title, url: null }, base)).toEqual({ kind: 'skip', reason: 'private-window' });
    }
    expect(isPrivateWindow({ app: 'firefox', title: 'What is incognito mode? - Mozilla Firefox' })).toBe(false);
    expect(isPrivateWindow({ app: 'Code', title: 'notes (Incognito)' })).toBe(false);
    expect(applyPrivacy({ app: 'firefox', title: 'x Private Browsing', url: null }, { ...base, skipPrivateWindows: false }).kind).toBe('keep');
  });
});

describe('URLs', () => {
  it('strips query, fragment and credentials', () => {
    expect(stripUrl('https://user:pa55@mail.example.com/inbox?token=abc#msg-1')).toBe('https://mail.example.com/inbox');
    expect(stripUrl('HTTPS://host:8443/a/b/?q=1')).toBe('https://host:8443/a/b/');
    expect(stripUrl('https://a@b@host/x#y')).toBe('https://host/x');
    expect(stripUrl('about:blank#x')).toBe('about:blank');
  });
  it('drops data and script URLs to their scheme and rejects non-URLs', () => {
    expect(stripUrl('data:text/html;base64,PHNjcmlwdD4=')).toBe('data:');
    expect(stripUrl('javascript:alert(document.cookie)')).toBe('javascript:');
    expect(stripUrl('not a url')).toBeNull();
    expect(stripUrl(null)).toBeNull();
  });
  it('applies redactions to the URL after stripping', () => {
    const sample = keep('Invoice', { redactions: [{ pattern: 'customer/\\d+', replacement: 'customer/…' }] }, 'Safari', 'https://app.example.com/customer/4711?x=1');
    expect(sample.url).toBe('https://app.example.com/customer/…');
  });
  it('applies redactions to the app name (WM_CLASS), while excluded apps still match the name as it is', () => {
    const rules = { redactions: [{ pattern: 'acct-\\d+', replacement: 'acct-…' }] };
    expect(keep('Inbox acct-12345', rules, 'Mail acct-12345')).toMatchObject({ app: 'Mail acct-…', title: 'Inbox acct-…' });
    expect(applyPrivacy({ app: 'Mail acct-12345', title: 'x', url: null }, { ...base, ...rules, excludedApps: ['Mail acct-12345'] })).toEqual({ kind: 'skip', reason: 'excluded-app' });
  });
});

/**
 * Each pattern below took over 20 s on such a title with JavaScript's backtracking engine (issue 14).
 * RE2's time is linear in the text times the pattern's program size: most take a few milliseconds;
 * a{0,500}a{0,500}a{0,500}b compiles to 3,000 instructions and takes about 100 ms on its first title
 * on a busy machine. The budget leaves room for load and is still 40 times below the hang.
 */
const BUDGET_MS = 500;
/** Patterns that hung capture before issue 14, with the title length they hung on. */
const HANGING_REGEXES: Array<[string, number]> = [
  ['(a*){20}b', 300],
  ['(?:a|b?){40}c', 300],
  ['(.?){30}x', 300],
  ['(a|aa){30}b', 300],
  ['^(?:a|a?){30}$', 300],
  ['a{0,500}a{0,500}a{0,500}b', 300],
];

describe('user patterns', () => {
  it('rejects invalid regexes with a clear message', () => {
    expect(checkUserPattern('([a-z')).toMatch(/not a valid regular expression/);
    const parsed = CaptureSettings.safeParse({ excludedTitlePatterns: ['(unclosed'] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/not a valid regular expression/);
  });
  it('refuses look-arounds and back-references on save, in words', () => {
    expect(checkUserPattern('invoice(?=\\d)')).toMatch(/uses a look-ahead, which Track Nexus does not support/);
    expect(checkUserPattern('(?<!x)secret')).toMatch(/uses a look-behind, which Track Nexus does not support/);
    for (const bad of ['(a)\\1', '(?<n>a)\\k<n>']) expect(checkUserPattern(bad), bad).toMatch(/uses a back-reference/);
    const parsed = CaptureSettings.safeParse({ excludedTitlePatterns: ['bank(?!ing)'] });
    expect(parsed.error?.issues[0]?.message).toMatch(/look-ahead, which Track Nexus does not support/);
    for (const ok of ['secret', '\\d{4}-\\d{4}', '(foo|bar) baz', '[(a+)+]', '(?<name>acct)-\\d+', '[\\w.]+@[\\w.]+', '.*secret.*', '(a+)+$']) {
      expect(checkUserPattern(ok), ok).toBeNull();
    }
  });
  it.each(HANGING_REGEXES)('runs %s on a %i-character title well within the budget, as exclusion and as redaction', (pattern, length) => {
    const title = 'a'.repeat(length);
    expect(checkUserPattern(pattern)).toBeNull(); // saving compiles it
    const started = performance.now();
    expect(applyPrivacy({ app: 'XTerm', title, url: null }, { ...base, excludedTitlePatterns: [pattern] }).kind).toBe('keep');
    expect(keep(title, { redactions: [{ pattern, replacement: 'X' }] }).title).toBe(title);
    expect(performance.now() - started).toBeLessThan(BUDGET_MS);
  });
  it('records nothing while a saved rule cannot run, rather than record it unprotected', () => {
    const verdict = applyPrivacy({ app: 'XTerm', title: 'Salary 2026', url: null }, { ...base, redactions: [{ pattern: 'salary(?= )', replacement: '…' }] });
    expect(verdict).toEqual({ kind: 'skip', reason: 'unusable-rule' });
  });
  it('runs the person\'s patterns on the capped title only, so a slow pattern that slips past the check meets at most 512 characters', () => {
    // Patterns that would match a longer title than the cap find nothing: they never see the rest.
    const longer = `a{${MAX_TITLE_LENGTH + 1}}`;
    expect(applyPrivacy({ app: 'XTerm', title: 'a'.repeat(100_000), url: null }, { ...base, excludedTitlePatterns: [longer] }).kind).toBe('keep');
    expect(keep('a'.repeat(100_000), { redactions: [{ pattern: longer, replacement: 'X' }] }).title).toBe('a'.repeat(MAX_TITLE_LENGTH));
    expect(keep('a'.repeat(100_000), { redactions: [{ pattern: `a{${MAX_TITLE_LENGTH}}`, replacement: 'X' }] }).title).toBe('X');
    // Patterns that were quadratic on a backtracking engine, on a title capped at 512 characters.
    const settings = { redactions: [{ pattern: '(\\w+)\\s(\\w+)z', replacement: '' }], excludedTitlePatterns: ['.*x.*y'] };
    expect(keep('a'.repeat(100_000), settings).title).toBe('a'.repeat(MAX_TITLE_LENGTH));
  });
  it('defaults: capture is opt-in', () => {
    expect(defaultCaptureSettings()).toMatchObject({ enabled: false, intervalSeconds: 1, idleThresholdSeconds: 300, skipPrivateWindows: true });
  });
});

describe('cleanText', () => {
  it('collapses whitespace', () => {
    expect(cleanText('  a \t\n b  ', 10)).toBe('a b');
  });
});
