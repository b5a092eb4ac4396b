// Name similarity in 0..1 with the reason it matched, tolerant of abbreviations, initialisms and typos.

import { nameTokens } from './normalise';

export interface NameMatch {
  score: number;
  /** "same name", "initials", "abbreviation", "similar words", ... */
  how: string;
}

function trigrams(word: string): Set<string> {
  const padded = `  ${word} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}

function trigramSimilarity(a: string, b: string): number {
  const ta = trigrams(a);
  const tb = trigrams(b);
  let shared = 0;
  for (const g of ta) if (tb.has(g)) shared++;
  return (2 * shared) / (ta.size + tb.size);
}

/** "mgmt" abbreviates "management": same first letter, letters in order, at least three of them. */
function abbreviates(short: string, long: string): boolean {
  if (short.length < 2 || short.length >= long.length || short[0] !== long[0]) return false;
  if (long.startsWith(short) && short.length >= 3) return true;
  let j = 0;
  for (const ch of long) if (ch === short[j]) j++;
  return j === short.length && short.length >= 3;
}

function wordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (abbreviates(a, b) || abbreviates(b, a)) return 0.85;
  const t = trigramSimilarity(a, b);
  return t >= 0.6 ? t * 0.9 : 0;
}

/** Compares two names; both are normalised first. */
export function nameSimilarity(a: string, b: string): NameMatch {
  const ta = nameTokens(a);
  const tb = nameTokens(b);
  if (ta.length === 0 || tb.length === 0) return { score: 0, how: 'empty name' };
  const ja = ta.join(' ');
  const jb = tb.join(' ');
  if (ja === jb) {
    if (a.trim().toLowerCase() === b.trim().toLowerCase()) return { score: 1, how: 'same name' };
    const literal = nameTokens(a, { expandAbbreviations: false }).join(' ') === nameTokens(b, { expandAbbreviations: false }).join(' ');
    return literal ? { score: 1, how: 'same name once punctuation and legal forms are ignored' } : { score: 0.95, how: 'same name with abbreviations expanded' };
  }
  if (ja.replace(/ /g, '') === jb.replace(/ /g, '')) return { score: 0.95, how: 'same name, spaced differently' };
  // Initialisms: "IBM" and "International Business Machines".
  const initials = (ts: string[]): string => ts.map((t) => t[0]).join('');
  if ((ta.length === 1 && tb.length >= 2 && ta[0] === initials(tb)) || (tb.length === 1 && ta.length >= 2 && tb[0] === initials(ta))) {
    return { score: 0.9, how: 'initials' };
  }
  // Word by word: each word's best partner, as a Dice coefficient over both sides.
  const best = (xs: string[], ys: string[]): number => xs.reduce((sum, x) => sum + Math.max(...ys.map((y) => wordSimilarity(x, y))), 0);
  const score = (best(ta, tb) + best(tb, ta)) / (ta.length + tb.length);
  const exactShare = ta.filter((t) => tb.includes(t)).length / Math.max(ta.length, tb.length);
  const how = exactShare === 1 ? 'same words' : score >= 0.8 ? 'abbreviation or close spelling' : 'some words in common';
  return { score: Math.round(score * 1000) / 1000, how };
}
