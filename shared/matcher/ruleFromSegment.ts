// "Make this a rule": one click on a segment proposes a rule that would have caught it and its siblings.
// The aim is the narrowest pattern that still generalises: a ticket key, the project's place on a shared
// host, a distinctive word; never a shared tool on its own, because "app is Slack" would send every
// client's Slack to one project.

import type { LearnedModel } from './model';
import { checkPattern } from './patterns';
import { isIdLike, parseUrl, tokenize } from './text';
import type { MatchInput, ProjectInfo, Rule } from './types';

/** Hosts many clients share: a rule needs the path (the org or workspace) to say anything. */
const SHARED_HOSTS = new Set([
  'github.com', 'gitlab.com', 'bitbucket.org', 'dev.azure.com', 'docs.google.com', 'drive.google.com', 'mail.google.com',
  'google.com', 'notion.so', 'figma.com', 'app.slack.com', 'slack.com', 'zoom.us', 'teams.microsoft.com', 'office.com',
  'sharepoint.com', 'dropbox.com', 'trello.com', 'linear.app', 'localhost', 'stackoverflow.com', 'app.powerbi.com',
]);

/** Apps used for every client. Without a model to say otherwise, a rule on them is never proposed. */
const SHARED_APPS = new Set([
  'zoom.us', 'zoom', 'slack', 'microsoft teams', 'teams', 'microsoft excel', 'excel', 'microsoft outlook', 'outlook',
  'google chrome', 'chrome', 'firefox', 'safari', 'microsoft edge', 'arc', 'code', 'visual studio code', 'iterm2',
  'terminal', 'finder', 'explorer', 'notion', 'word', 'microsoft word', 'mail',
]);

/** Words in titles that name the tool, not the work. */
const TOOL_WORDS = new Set([
  'google', 'chrome', 'visual', 'studio', 'code', 'excel', 'word', 'slack', 'zoom', 'meeting', 'jira', 'github', 'gitlab',
  'pull', 'request', 'channel', 'message', 'outlook', 'inbox', 'docs', 'doc', 'sheet', 'microsoft', 'team', 'firefox', 'edge',
  'board', 'issue', 'merge', 'xlsx', 'docx', 'pdf', 'json', 'readme', 'tsx', 'main', 'feature', 'fix', 'untitled',
]);

export interface RuleProposal {
  rule: Rule;
  /** Why this pattern was chosen, for the confirmation dialog. */
  explanation: string;
}

/** A stable id from the rule's content, so proposing twice gives the same rule. */
function ruleId(field: string, kind: string, pattern: string, projectId: string): string {
  let h = 2166136261;
  for (const ch of `${field}|${kind}|${pattern}|${projectId}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return `rule-${(h >>> 0).toString(36)}`;
}

function make(input: Omit<Rule, 'id'>, explanation: string): RuleProposal | null {
  if (!checkPattern(input.kind, input.pattern).ok) return null;
  return { rule: { id: ruleId(input.field, input.kind, input.pattern, input.projectId), ...input }, explanation };
}

export function ruleFromSegment(input: MatchInput, project: ProjectInfo, options: { model?: LearnedModel } = {}): RuleProposal {
  const base = { projectId: project.id, taskId: null, caseSensitive: false };

  // 1. A ticket key (ACME-1234) names the tracker project; every ticket of it belongs here.
  const ticket = /\b([A-Z][A-Z0-9]{1,9})-\d+\b/.exec(input.title);
  if (ticket) {
    const found = make({ ...base, field: 'title', kind: 'contains', pattern: `${ticket[1]}-` }, `the ticket key ${ticket[1]} appears in the title`);
    if (found) return found;
  }

  // 2. The URL: a client's own host, or the project's org/workspace on a shared host.
  const url = parseUrl(input.url);
  if (url) {
    const first = url.path[0];
    if (!SHARED_HOSTS.has(url.host) && !SHARED_HOSTS.has(url.baseDomain)) {
      const found = make({ ...base, field: 'url', kind: 'contains', pattern: url.host }, `the site ${url.host} is this client's`);
      if (found) return found;
    } else if (first && !isIdLike(first)) {
      const second = url.path[1];
      const prefix = second && !isIdLike(second) && url.host !== 'github.com' ? `${url.host}/${first}/${second}` : `${url.host}/${first}`;
      const found = make({ ...base, field: 'url', kind: 'contains', pattern: `${prefix}/` }, `${prefix} is this project's place on a shared site`);
      if (found) return found;
    }
  }

  // 3. A distinctive word of the title: the one history ties most to this project, else the longest
  //    word that is not a tool's name.
  const words = titleWords(input.title);
  if (words.length > 0) {
    let best = words[0]!;
    let bestScore = -Infinity;
    for (const word of words) {
      const evidence = options.model?.evidence('t:' + tokenize(word)[0]);
      const share = evidence?.dist.find((d) => d.label === project.id)?.p ?? 0;
      const score = (evidence ? share * 10 + evidence.weight : 0) + word.length / 100;
      if (score > bestScore) {
        best = word;
        bestScore = score;
      }
    }
    const found = make({ ...base, field: 'title', kind: 'contains', pattern: best }, `'${best}' in the title is distinctive for this project`);
    if (found) return found;
  }

  // 4. The app, only when it is not a shared tool (by history when there is a model, else by name).
  const app = input.app.trim();
  const appEvidence = options.model?.evidence('a:' + app.toLowerCase());
  const appIsShared = appEvidence ? appEvidence.dist.length > 1 && (appEvidence.dist[0]?.p ?? 0) < 0.9 : SHARED_APPS.has(app.toLowerCase());
  if (app && !appIsShared) {
    const found = make({ ...base, field: 'app', kind: 'glob', pattern: app.replace(/[*?]/g, '?') }, `the app ${app} is only used for this project`);
    if (found) return found;
  }

  // 5. Nothing distinctive: the whole title, as typed.
  const title = input.title.trim().slice(0, 120) || app;
  return make({ ...base, field: 'title', kind: 'contains', pattern: title }, 'nothing more distinctive was found, so the rule uses the whole title')!;
}

/** Title words worth a rule: not numbers, not the tool's own name, at least three letters; original case. */
function titleWords(title: string): string[] {
  const out: string[] = [];
  for (const raw of title.split(/[\s\-–—|·:()[\]{}"'`,;!?/\\]+/)) {
    const word = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (word.length < 3 || /^\d+$/.test(word)) continue;
    const token = tokenize(word)[0];
    if (!token || TOOL_WORDS.has(token)) continue;
    if (/\.\w{1,5}$/.test(word)) continue; // file names change from window to window
    if (!out.includes(word)) out.push(word);
  }
  return out;
}
