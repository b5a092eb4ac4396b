// The privacy rules applied in main to every active-window observation before anything is stored
// or sent to the renderer. Pure, so the Settings screen can preview exactly what would be kept.
import type { UserRegex } from '../patterns/user-pattern';
import { compileUserPattern } from './patterns';
import type { CaptureSettings } from './types';

export interface RawWindowSample {
  app: string;
  title: string;
  url: string | null;
  path?: string;
}

interface CleanWindowSample {
  app: string;
  title: string;
  url: string | null;
}

export type PrivacyVerdict =
  | { kind: 'keep'; sample: CleanWindowSample }
  | { kind: 'skip'; reason: 'excluded-app' | 'excluded-title' | 'private-window' | 'unusable-rule' };

export const MAX_TITLE_LENGTH = 512;
const MAX_URL_LENGTH = 2048;

export type PrivacySettings = Pick<
  CaptureSettings,
  'excludedApps' | 'excludedTitlePatterns' | 'redactions' | 'skipPrivateWindows'
>;

// C0/C1 controls and DEL can corrupt logs and terminals; bidi embeddings, overrides and isolates
// let a title display as something other than what it says (e.g. "invoice‮fdp.exe").
// U+200D (zero-width joiner) stays: emoji sequences need it.
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
// A lone surrogate is not valid UTF-16: JSON and IndexedDB would carry it, other tools choke on it.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Removes unsafe characters, collapses whitespace and caps the length without splitting a character. */
export function cleanText(text: string, max: number): string {
  const cleaned = text
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(UNSAFE_CHARS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned.length <= max) return cleaned;
  let cut = max;
  const last = cleaned.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return cleaned.slice(0, cut);
}

/**
 * Keeps a URL's scheme, host and path only: query strings and fragments carry tokens, search
 * terms and session ids; `user:pass@` carries credentials. Written without the URL class because
 * shared/ has no DOM or Node globals; anything that does not look like a URL is dropped.
 */
export function stripUrl(url: string | null): string | null {
  if (url === null) return null;
  const trimmed = cleanText(url, MAX_URL_LENGTH * 4).replace(/\s/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed);
  if (!scheme) return null;
  const name = scheme[1]!.toLowerCase();
  // Inline content and script URLs are data, not an address.
  if (name === 'data' || name === 'javascript' || name === 'blob' || name === 'vbscript') return `${name}:`;
  let rest = trimmed.slice(scheme[0].length);
  const cut = rest.search(/[?#]/);
  if (cut !== -1) rest = rest.slice(0, cut);
  if (rest.startsWith('//')) {
    const authorityEnd = rest.indexOf('/', 2);
    const authority = authorityEnd === -1 ? rest.slice(2) : rest.slice(2, authorityEnd);
    const path = authorityEnd === -1 ? '' : rest.slice(authorityEnd);
    const at = authority.lastIndexOf('@');
    rest = `//${at === -1 ? authority : authority.slice(at + 1)}${path}`;
  }
  const result = `${name}:${rest}`;
  return result.length > MAX_URL_LENGTH ? result.slice(0, MAX_URL_LENGTH) : result;
}

// Private-window markers the major browsers put in the window title or name. Heuristic by
// nature: get-windows only sees titles (and URLs on macOS/Windows), not the browser's own flag.
const PRIVATE_TITLE_MARKERS: RegExp[] = [
  /\(Incognito\)/i, // Chrome, Chromium: "Page - Google Chrome (Incognito)"
  /[-–—]\s*Incognito$/i,
  /Private Browsing$/i, // Firefox: "Page — Mozilla Firefox Private Browsing"; Safari (with its own marker)
  /\bInPrivate\b/, // Edge: "Page - [InPrivate] - Microsoft Edge"
  /\(Private\)$/i, // Brave: "Page - Brave (Private)"
  /Private (?:window )?with Tor/i, // Brave's Tor window
  /[-–—]\s*Private Window$/i, // Safari private windows on newer macOS; Vivaldi
];
const BROWSER_APP = /chrom|firefox|edge|safari|brave|vivaldi|opera|browser|librewolf|waterfox/i;

export function isPrivateWindow(sample: { app: string; title: string }): boolean {
  if (/incognito|inprivate|private browsing/i.test(sample.app)) return true;
  // Markers at the end of a title are what browsers add; a page *about* incognito mode in a normal
  // window rarely ends with one, and the app check narrows it further when the app is known.
  const browserOrUnknown = sample.app === '' || BROWSER_APP.test(sample.app);
  return browserOrUnknown && PRIVATE_TITLE_MARKERS.some((marker) => marker.test(sample.title));
}

function appExcluded(excludedApps: readonly string[], app: string, path: string | undefined): boolean {
  const name = app.toLowerCase();
  const file = (path ?? '').toLowerCase().replace(/\\/g, '/');
  return excludedApps.some((rule) => {
    const wanted = rule.trim().toLowerCase().replace(/\\/g, '/');
    if (wanted === '') return false;
    if (wanted === name) return true;
    // A rule with a slash names a path (or its tail); without one it may be the executable's name.
    if (file === '') return false;
    if (wanted.includes('/')) return file === wanted || file.endsWith(wanted.startsWith('/') ? wanted : `/${wanted}`);
    const base = file.slice(file.lastIndexOf('/') + 1);
    return base === wanted || base.replace(/\.(exe|app)$/, '') === wanted;
  });
}

/** Every rule compiled, or null when one cannot run (saved before RE2 refused its syntax). */
function compileRules(settings: PrivacySettings) {
  const exclusions = settings.excludedTitlePatterns.map(compileUserPattern);
  const redactions = settings.redactions.map((rule) => ({ re: compileUserPattern(rule.pattern), replacement: rule.replacement }));
  if (exclusions.includes(null) || redactions.some((rule) => rule.re === null)) return null;
  return { exclusions: exclusions.filter((re) => re !== null), redactions: redactions.flatMap(({ re, replacement }) => (re ? [{ re, replacement }] : [])) };
}

function redact(text: string, redactions: ReadonlyArray<{ re: UserRegex; replacement: string }>): string {
  return redactions.reduce((out, rule) => rule.re.replaceAll(out, rule.replacement), text);
}

/** Decide what, if anything, may be stored for one observation. */
export function applyPrivacy(sample: RawWindowSample, settings: PrivacySettings): PrivacyVerdict {
  const app = cleanText(sample.app, 200);
  const title = cleanText(sample.title, MAX_TITLE_LENGTH);

  if (appExcluded(settings.excludedApps, app, sample.path)) return { kind: 'skip', reason: 'excluded-app' };
  // A rule that cannot run protects nothing: record nothing rather than record unprotected.
  const rules = compileRules(settings);
  if (!rules) return { kind: 'skip', reason: 'unusable-rule' };
  if (rules.exclusions.some((re) => re.test(title))) return { kind: 'skip', reason: 'excluded-title' };
  if (settings.skipPrivateWindows && isPrivateWindow({ app, title })) return { kind: 'skip', reason: 'private-window' };

  // Redaction output is cleaned again: a replacement could reintroduce nothing unsafe by itself,
  // but a pattern may join fragments into something longer than the cap.
  const redactedTitle = cleanText(redact(title, rules.redactions), MAX_TITLE_LENGTH);
  const strippedUrl = stripUrl(sample.url);
  const url = strippedUrl === null ? null : stripUrl(redact(strippedUrl, rules.redactions)) ?? null;
  // The app name too: on X11 it is the window's WM_CLASS, which a program may fill with an account
  // or document name. Exclusions above still see it as it is.
  const redactedApp = cleanText(redact(app, rules.redactions), 200);
  return { kind: 'keep', sample: { app: redactedApp, title: redactedTitle, url } };
}
