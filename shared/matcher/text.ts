// Tokenising titles, apps and URLs into the words the learner and the metadata index compare.
// This runs for every segment of every day, so it avoids URL objects and unicode regexes in the hot path.

const STOP_WORDS = new Set([
  'the', 'and', 'of', 'for', 'to', 'in', 'on', 'at', 'by', 'with', 'from', 'is', 'it', 'an', 'or', 'be',
  're', 'fw', 'fwd', 'www', 'http', 'https', 'com', 'html', 'htm', 'php', 'index',
]);

/** Legal-form words that say nothing about which client it is ("Acme Corp" is "Acme"). */
export const LEGAL_SUFFIXES = new Set([
  'inc', 'incorporated', 'llc', 'llp', 'lp', 'ltd', 'limited', 'gmbh', 'ag', 'sa', 'sarl', 'bv', 'nv', 'plc',
  'corp', 'corporation', 'co', 'company', 'pty', 'oy', 'ab', 'as', 'srl', 'spa', 'kg',
]);

function isWordChar(code: number): boolean {
  // ASCII letters and digits, plus everything above 0x7f (letters of other scripts, accented letters).
  // Treating all non-ASCII as word characters keeps "café" and "東京" whole without a unicode regex.
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || code > 127;
}

function digitCount(word: string): number {
  let n = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/**
 * Light stemming so "dashboard" meets "dashboards" and "meetings" meets "meeting".
 * Only a plural "s" is removed: anything cleverer mangles product and repository names.
 */
function stem(word: string): string {
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) {
    return word.slice(0, -1);
  }
  return word;
}

/**
 * Splits text into lower-case word tokens, dropping stop words, one-letter words and numbers
 * (ticket and PR numbers, dates and document ids change every time, so they never generalise).
 * Order is kept so phrases can be matched.
 */
export function tokenize(text: string): string[] {
  const lower = text.toLowerCase();
  const out: string[] = [];
  let startAt = -1;
  const n = lower.length;
  for (let i = 0; i <= n; i++) {
    const code = i < n ? lower.charCodeAt(i) : 32;
    if (isWordChar(code)) {
      if (startAt < 0) startAt = i;
      continue;
    }
    if (startAt >= 0) {
      const word = lower.slice(startAt, i);
      startAt = -1;
      if (word.length < 2 || word.length > 32) continue;
      if (digitCount(word) >= 3 || (word.length <= 3 && digitCount(word) === word.length)) continue;
      if (STOP_WORDS.has(word)) continue;
      out.push(stem(word));
    }
  }
  return out;
}

export interface ParsedUrl {
  /** Lower-case host without "www." and port, e.g. "acme.atlassian.net". */
  host: string;
  /** The registrable part, e.g. "atlassian.net", "bbc.co.uk". */
  baseDomain: string;
  /** Up to three decoded path segments. */
  path: string[];
}

const SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'ac', 'gov', 'edu']);

/** A small, allocation-light URL parser: enough for host and leading path, tolerant of junk. */
export function parseUrl(url: string | null): ParsedUrl | null {
  if (!url) return null;
  let rest = url.trim();
  const scheme = rest.indexOf('://');
  if (scheme >= 0 && scheme < 12) rest = rest.slice(scheme + 3);
  let hostEnd = rest.length;
  for (let i = 0; i < rest.length; i++) {
    const c = rest.charCodeAt(i);
    if (c === 47 || c === 63 || c === 35) {
      hostEnd = i;
      break;
    }
  }
  let host = rest.slice(0, hostEnd).toLowerCase();
  const at = host.lastIndexOf('@');
  if (at >= 0) host = host.slice(at + 1);
  const colon = host.indexOf(':');
  if (colon >= 0) host = host.slice(0, colon);
  if (host.startsWith('www.')) host = host.slice(4);
  if (!host) return null;
  const labels = host.split('.');
  let baseDomain = host;
  if (labels.length > 2) {
    const tld = labels[labels.length - 1]!;
    const second = labels[labels.length - 2]!;
    const keep = tld.length === 2 && SECOND_LEVEL.has(second) ? 3 : 2;
    baseDomain = labels.slice(-keep).join('.');
  }
  const path: string[] = [];
  let tail = rest.slice(hostEnd);
  const q = tail.indexOf('?');
  if (q >= 0) tail = tail.slice(0, q);
  const h = tail.indexOf('#');
  if (h >= 0) tail = tail.slice(0, h);
  for (const seg of tail.split('/')) {
    if (!seg) continue;
    let decoded = seg;
    if (seg.includes('%')) {
      try {
        decoded = decodeURIComponent(seg);
      } catch {
        // Malformed escapes stay as they are.
      }
    }
    path.push(decoded.toLowerCase());
    if (path.length === 3) break;
  }
  return { host, baseDomain, path };
}

/** True for path segments that are ids rather than names (hashes, numbers, long random strings). */
export function isIdLike(segment: string): boolean {
  if (segment.length > 40) return true;
  const digits = digitCount(segment);
  return digits >= 3 || (segment.length >= 16 && !segment.includes('-'));
}
