// The evidence one segment offers: typed tokens the learner counts. Prefixes keep a word in a title apart
// from the same word as an app name or a host, because they carry different weight.

import { isIdLike, parseUrl, tokenize } from './text';
import type { MatchInput } from './types';

export interface AnalysedInput {
  /** Deduplicated feature keys: "a:" app, "t:" title word, "h:" host, "d:" base domain, "p:" host/path prefix. */
  features: string[];
  /** Title words in order, for phrase matching. */
  titleTokens: string[];
  /** Words of the host and leading path, in order, for phrase matching. */
  urlTokens: string[];
}

export function analyse(input: MatchInput): AnalysedInput {
  // A title has a dozen words at most: a linear scan beats allocating a Set per segment.
  const features: string[] = [];
  const add = (key: string): void => {
    if (!features.includes(key)) features.push(key);
  };
  const app = input.app.trim().toLowerCase();
  if (app) add('a:' + app);
  const titleTokens = tokenize(input.title);
  // Titles often end with the app's own name ("… - Google Chrome", "… - Zoom"). The app clue already says
  // that, so those words are not counted a second time as title words. They stay in titleTokens for phrases.
  const appWords = app ? tokenize(app) : [];
  for (const token of titleTokens) if (!appWords.includes(token)) add('t:' + token);
  let urlTokens: string[] = [];
  const url = parseUrl(input.url);
  if (url) {
    add('h:' + url.host);
    if (url.baseDomain !== url.host) add('d:' + url.baseDomain);
    const first = url.path[0];
    if (first !== undefined && !isIdLike(first)) {
      add(`p:${url.host}/${first}`);
      const second = url.path[1];
      if (second !== undefined && !isIdLike(second)) add(`p:${url.host}/${first}/${second}`);
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
    default:
      return `'${value}'`;
  }
}
