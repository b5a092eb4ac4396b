// How a suggestion reads to a person: one plain sentence for each way the matcher decides ("You put
// 40 Xcode windows on Acme Corp · Mobile app before."). The matcher's own account, with counts and
// scores, stays beside it as the suggestion's `detail`; these sentences never carry a score.

import type { MetadataHit } from './metadata';
import type { RuleField, RuleKind } from './types';

const FIELD_TEXT: Record<Exclude<RuleField, 'any'>, string> = { title: 'title', app: 'app name', url: 'web address' };
const WHERE_TEXT: Record<MetadataHit['where'], string> = { title: 'window title', URL: 'web address' };

const windows = (n: number) => (n === 1 ? '1 window' : `${n} windows`);

/**
 * "12 windows with ‘cutover’ in the title", "40 Xcode windows", "3 windows from acme.atlassian.net",
 * "2 windows about HCV tickets". `app` is the window's own app name, for an app clue in its own case.
 */
function windowsWith(feature: string, n: number, app: string): string {
  const value = feature.slice(2);
  switch (feature[0]) {
    case 'a':
      return `${n} ${app.trim() || value} window${n === 1 ? '' : 's'}`;
    case 't':
      return `${windows(n)} with ‘${value}’ in the title`;
    case 'k':
      return `${windows(n)} about ${value.toUpperCase()} tickets`;
    default:
      return `${windows(n)} from ${value}`;
  }
}

export const explain = {
  rule(field: Exclude<RuleField, 'any'>, kind: RuleKind, pattern: string, project: string): string {
    const how = kind === 'contains' ? `contains “${pattern}”` : kind === 'glob' ? `matches “${pattern}”` : `matches the pattern /${pattern}/`;
    return `Your rule sends windows whose ${FIELD_TEXT[field]} ${how} to ${project}.`;
  },

  /** Every confirmed window with this clue went to the project. */
  soleClue(feature: string, n: number, app: string, project: string): string {
    const phrase = windowsWith(feature, n, app);
    return n === 1 ? `You put the one ${phrase.slice(2)} on ${project}.` : `You put all ${phrase} on ${project}.`;
  },

  learned(feature: string, n: number, app: string, project: string): string {
    return `You put ${windowsWith(feature, n, app)} on ${project} before.`;
  },

  clientClue(feature: string, n: number, app: string, client: string | undefined): string {
    return `You put ${windowsWith(feature, n, app)} on ${client ? `${client}’s` : 'this client’s'} projects before.`;
  },

  personal(feature: string, n: number, app: string): string {
    return `Looks personal: you marked ${windowsWith(feature, n, app)} as not work.`;
  },

  hit(hit: Pick<MetadataHit, 'kind' | 'text' | 'where'>, project: string, client: string | undefined): string {
    const where = WHERE_TEXT[hit.where];
    switch (hit.kind) {
      case 'project name':
        return `The ${where} names the project ${project}.`;
      case 'client name':
        return `The ${where} names the client${client ? ` ${client}` : ''} (${project}).`;
      case 'keyword':
        return `The ${where} mentions ‘${hit.text}’, a keyword of ${project}.`;
      case 'repository':
        return `The ${where} mentions ‘${hit.text}’, a repository of ${project}.`;
    }
  },

  history: (project: string) => `Most of your reviewed time went to ${project}, and nothing in this window points elsewhere.`,
  continues: (project: string) => `Continues ${project} from the window just before, as windows like this usually do.`,
  nothingKnown: 'Not sure enough to suggest a project: nothing in this window was seen in your reviewed time, and it names no project.',
  onlyInactive: 'Not suggested: only archived or unknown projects match this window.',
  personalLikeMost: 'Looks personal, like most of the time you left unassigned.',
  unsure: (project: string) => `Not sure enough to suggest a project. Closest: ${project}.`,
};
