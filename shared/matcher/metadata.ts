// Project metadata as evidence: client and project names, keywords and repository names found as whole
// words or phrases in a title or URL. This is what lets a project created this morning be suggested
// before it has a single confirmed segment.

import { LEGAL_SUFFIXES, tokenize } from './text';
import type { ProjectInfo } from './types';
import { PARAMS } from './params';

type MetadataKind = 'project name' | 'keyword' | 'repository' | 'client name';

interface Phrase {
  tokens: string[];
  text: string;
  kind: MetadataKind;
  projectIds: string[];
}

export interface MetadataHit {
  /** The projects the phrase belongs to; evidence is split evenly between them. */
  projectIds: string[];
  kind: MetadataKind;
  text: string;
  where: 'title' | 'URL';
  /** Log-odds added to each of the projects' scores. */
  weight: number;
}

const KIND_RANK: Record<MetadataKind, number> = { 'project name': 3, repository: 2, keyword: 1, 'client name': 0 };

export class MetadataIndex {
  private readonly byFirstToken = new Map<string, Phrase[]>();

  constructor(projects: readonly ProjectInfo[]) {
    const byText = new Map<string, Phrase>();
    const add = (raw: string, kind: MetadataKind, projectId: string): void => {
      const tokens = tokenize(raw);
      if (tokens.length === 0) return;
      const text = tokens.join(' ');
      const existing = byText.get(text);
      if (!existing) {
        byText.set(text, { tokens, text, kind, projectIds: [projectId] });
        return;
      }
      if (!existing.projectIds.includes(projectId)) existing.projectIds.push(projectId);
      if (KIND_RANK[kind] > KIND_RANK[existing.kind]) existing.kind = kind;
    };
    for (const project of projects) {
      if (project.active === false) continue;
      add(project.name, 'project name', project.id);
      for (const keyword of project.keywords ?? []) add(keyword, 'keyword', project.id);
      for (const repo of project.repositories ?? []) add(repo.split('/').pop() ?? repo, 'repository', project.id);
      if (project.clientName) {
        // People and hosts shorten a client's name: "Hale & Partners LLP" is also "Hale" in a meeting title
        // and "halepartners" in halepartners.atlassian.net.
        const words = tokenize(project.clientName).filter((t) => !LEGAL_SUFFIXES.has(t));
        add(words.join(' '), 'client name', project.id);
        if (words.length > 1) {
          if (words[0]!.length >= 4) add(words[0]!, 'client name', project.id);
          add(words.join(''), 'client name', project.id);
        }
      }
    }
    for (const phrase of byText.values()) {
      phrase.projectIds.sort();
      const first = phrase.tokens[0]!;
      const list = this.byFirstToken.get(first);
      if (list) list.push(phrase);
      else this.byFirstToken.set(first, [phrase]);
    }
  }

  /** Phrases found in the title and URL words. Each phrase counts once even if it appears in both. */
  hits(titleTokens: readonly string[], urlTokens: readonly string[]): MetadataHit[] {
    const found: MetadataHit[] = [];
    // Hits are few (usually none), so a list beats allocating a Set per segment.
    const seen: Phrase[] = [];
    this.scan(titleTokens, 'title', seen, found);
    this.scan(urlTokens, 'URL', seen, found);
    return found;
  }

  private scan(tokens: readonly string[], where: 'title' | 'URL', seen: Phrase[], found: MetadataHit[]): void {
    for (let i = 0; i < tokens.length; i++) {
      const candidates = this.byFirstToken.get(tokens[i]!);
      if (!candidates) continue;
      for (const phrase of candidates) {
        if (i + phrase.tokens.length > tokens.length || seen.includes(phrase)) continue;
        let ok = true;
        for (let k = 1; k < phrase.tokens.length; k++) {
          if (tokens[i + k] !== phrase.tokens[k]) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        seen.push(phrase);
        // A client with one active project names that project (see PARAMS.soleClientPhraseWeight); a client
        // with several names none of them on its own.
        const weight =
          phrase.projectIds.length > 1 ? PARAMS.sharedPhraseWeight : phrase.kind === 'client name' ? PARAMS.soleClientPhraseWeight : PARAMS.projectPhraseWeight;
        found.push({ projectIds: phrase.projectIds, kind: phrase.kind, text: phrase.text, where, weight });
      }
    }
  }
}
