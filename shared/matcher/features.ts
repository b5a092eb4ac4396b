// The evidence one segment offers: typed tokens the learner counts. Prefixes keep a word in a title apart
// from the same word as an app name or a host, because they carry different weight.

import { isIdLike, parseUrl, tokenize } from './text';
import type { MatchInput } from './types';

export interface AnalysedInput {
  /**
   * Deduplicated feature keys: "a:" app, "t:" title word, "h:" host, "d:" base domain, "p:" host/path prefix,
   * "k:" ticket-key prefix ("HCV" of "[HCV-417]").
   */
  features: string[];
  /** Title words in order, for phrase matching. */
  titleTokens: string[];
  /** Words of the host and leading path, in order, for phrase matching. */
  urlTokens: string[];
}

// A person uses a few dozen apps; their key and words are worked out once. Bounded so odd input cannot grow it.
const appCache = new Map<string, { key: string; words: string[] }>();
function appInfo(rawApp: string): { key: string; words: string[] } {
  let info = appCache.get(rawApp);
  if (!info) {
    if (appCache.size > 500) appCache.clear();
    const app = rawApp.trim().toLowerCase();
    info = { key: app ? 'a:' + app : '', words: app ? tokenize(app) : [] };
    appCache.set(rawApp, info);
  }
  return info;
}

// "HCV-417", "ACME-12", "MOB-3": an upper-case project key, a dash, a number. Case matters: it is what tells a
// ticket key from "x-1" or a date. The key before the dash is the same on every ticket of one project.
const TICKET_KEY = /(?:^|[^A-Za-z0-9])([A-Z][A-Z0-9]{1,9})-[0-9]{1,7}(?![A-Za-z0-9])/g;

/** The ticket-key prefixes in a title or URL, as feature keys, added to features unless already there. */
function addTicketKeys(text: string, features: string[]): void {
  if (text.indexOf('-') < 0) return;
  TICKET_KEY.lastIndex = 0;
  for (let m = TICKET_KEY.exec(text); m; m = TICKET_KEY.exec(text)) {
    const key = 'k:' + m[1]!.toLowerCase();
    if (!features.includes(key)) features.push(key);
  }
}

export function analyse(input: MatchInput): AnalysedInput {
  // Keys are unique by construction except repeated title words, which are skipped by position:
  // cheaper than a Set per segment.
  const features: string[] = [];
  const app = appInfo(input.app);
  if (app.key) features.push(app.key);
  const titleTokens = tokenize(input.title);
  // Titles often end with the app's own name ("… - Google Chrome", "… - Zoom"). The app clue already says
  // that, so those words are not counted a second time as title words. They stay in titleTokens for phrases.
  for (let i = 0; i < titleTokens.length; i++) {
    const token = titleTokens[i]!;
    if (titleTokens.indexOf(token) === i && !app.words.includes(token)) features.push('t:' + token);
  }
  addTicketKeys(input.title, features);
  if (input.url) addTicketKeys(input.url, features);
  let urlTokens: string[] = [];
  const url = parseUrl(input.url);
  if (url) {
    features.push('h:' + url.host);
    if (url.baseDomain !== url.host) features.push('d:' + url.baseDomain);
    const first = url.path[0];
    if (first !== undefined && !isIdLike(first)) {
      features.push(`p:${url.host}/${first}`);
      const second = url.path[1];
      if (second !== undefined && !isIdLike(second)) features.push(`p:${url.host}/${first}/${second}`);
    }
    const dot = url.host.lastIndexOf('.');
    urlTokens = tokenize((dot > 0 ? url.host.slice(0, dot) : url.host) + ' ' + url.path.join(' '));
  }
  return { features, titleTokens, urlTokens };
}

/** How a feature key reads in a reason: 'portal', app 'Slack', 'acme.atlassian.net'. */
export function describeFeature(key: string): string {
  const value = key.slice(2);
  switch (key[0]) {
    case 'a':
      return `app '${value}'`;
    case 't':
      return `'${value}'`;
    case 'k':
      return `ticket key ${value.toUpperCase()}`;
    default:
      return `'${value}'`;
  }
}
