// Company and item names as people type them: "ACME Corporation", "Acme Corp.", "acme, inc", "Hale & Partners LLP",
// "Intl. Widgets Mgmt". Normalising first makes the comparison about the distinctive words only.

import { LEGAL_SUFFIXES } from '../matcher/text';

/** Common business abbreviations, expanded so "Intl Mgmt" meets "International Management". */
const ABBREVIATIONS: Record<string, string> = {
  intl: 'international', int: 'international', mgmt: 'management', mgt: 'management', svc: 'services', svcs: 'services',
  service: 'services', tech: 'technology', technologies: 'technology', assoc: 'associates', assocs: 'associates',
  bros: 'brothers', dept: 'department', grp: 'group', sys: 'systems', system: 'systems', dev: 'development',
  mfg: 'manufacturing', natl: 'national', univ: 'university', hosp: 'hospital', med: 'medical', ctr: 'center',
  centre: 'center', mktg: 'marketing', acct: 'accounting', consult: 'consulting', eng: 'engineering', dr: 'doctor',
  st: 'saint', mtg: 'meetings', meeting: 'meetings', hr: 'human resources', dba: '',
};

/**
 * Lower case, accents removed, "&" and "+" read as "and", punctuation as spaces, legal forms
 * (Inc, LLC, Ltd, GmbH, Corp, ...) and a leading "The" dropped, known abbreviations expanded.
 * "ACME Corporation" and "Acme Corp." both become "acme".
 */
export function normaliseName(name: string): string {
  return nameTokens(name).join(' ');
}

export function nameTokens(name: string, options: { expandAbbreviations?: boolean } = {}): string[] {
  const expand = options.expandAbbreviations ?? true;
  const plain = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[&+]/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  if (!plain) return [];
  const words = plain.split(' ');
  const out: string[] = [];
  words.forEach((word, i) => {
    if (i === 0 && word === 'the' && words.length > 1) return;
    // A legal form only counts as one at the end or before another legal form ("Acme Co Ltd"); "Co" in the
    // middle of "Co Op Foods" is part of the name.
    if (LEGAL_SUFFIXES.has(word) && words.slice(i + 1).every((w) => LEGAL_SUFFIXES.has(w)) && i > 0) return;
    const expanded = expand ? ABBREVIATIONS[word] : undefined;
    if (expanded === undefined) out.push(word);
    else if (expanded) out.push(...expanded.split(' '));
  });
  // "and" joins names ("Hale and Partners") but carries no identity of its own.
  const meaningful = out.filter((w) => w !== 'and');
  return meaningful.length > 0 ? meaningful : out;
}
