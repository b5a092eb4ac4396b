// QuickBooks mapping suggestions: which QuickBooks customer (or sub-customer), service item, employee or vendor
// each local project, task or user corresponds to. Ranked with a confidence and a reason; only an active,
// unambiguous candidate at or above the threshold is offered for automatic application. Everything else
// waits for the user on the mapping screen.

import { nameSimilarity, type NameMatch } from './similarity';

type QboKind = 'customer' | 'item' | 'employee' | 'vendor';

/** The fields of a QuickBooks entity the mapping needs. Sub-customers carry "Parent:Job" as fullyQualifiedName. */
export interface QboRef {
  id: string;
  name: string;
  fullyQualifiedName?: string;
  active: boolean;
  kind: QboKind;
}

type LocalKind = 'project' | 'task' | 'user';

export interface LocalItem {
  id: string;
  kind: LocalKind;
  name: string;
  /** For projects: the client's name, matched against the parent customer. */
  clientName?: string;
}

interface MappingCandidate {
  qboId: string;
  name: string;
  fullyQualifiedName: string;
  kind: QboKind;
  confidence: number;
  reason: string;
  /** Inactive QuickBooks entities are listed so the user can reactivate one, but never applied automatically. */
  inactive: boolean;
}

export interface MappingSuggestion {
  localId: string;
  localKind: LocalKind;
  /** Best first. */
  candidates: MappingCandidate[];
  /** The candidate that may be applied without asking: active, at or above the threshold, clearly ahead. */
  autoApply: MappingCandidate | null;
}

export interface MappingOptions {
  /** Confidence needed to apply without the user. Default 0.9. */
  threshold?: number;
  /** Candidates listed per local item. Default 5. */
  limit?: number;
  /** Lower bound for listing a candidate at all. Default 0.4. */
  minimum?: number;
}

/** The lead the best candidate needs over the next before it is applied alone. */
const AUTO_MARGIN = 0.05;

const TARGET_KINDS: Record<LocalKind, QboKind[]> = { project: ['customer'], task: ['item'], user: ['employee', 'vendor'] };

/** "Acme — Website", "Acme: Website", "Acme / Website" read as client and project when no client is given. */
function splitClient(item: LocalItem): { client: string | null; project: string } {
  if (item.clientName) return { client: item.clientName, project: item.name };
  const parts = item.name.split(/\s*(?:[—–:|/]|\s-\s)\s*/).filter(Boolean);
  if (parts.length >= 2) return { client: parts[0]!, project: parts.slice(1).join(' ') };
  return { client: null, project: item.name };
}

function scoreProject(item: LocalItem, ref: QboRef): { score: number; reason: string } {
  const fqn = ref.fullyQualifiedName ?? ref.name;
  const path = fqn.split(':').map((p) => p.trim()).filter(Boolean);
  const { client, project } = splitClient(item);
  if (path.length >= 2) {
    const job = path[path.length - 1]!;
    const parent = path[0]!;
    const jobMatch = nameSimilarity(project, job);
    if (client) {
      const parentMatch = nameSimilarity(client, parent);
      // Both halves must agree: a right job under the wrong customer is a different client's job.
      const score = Math.min(1, 0.45 * parentMatch.score + 0.55 * jobMatch.score) * (parentMatch.score < 0.5 ? 0.6 : 1);
      return { score, reason: `sub-customer ${fqn}: client ${describe(parentMatch)}, project ${describe(jobMatch)}` };
    }
    return { score: jobMatch.score * 0.85, reason: `sub-customer ${fqn}: project ${describe(jobMatch)} (no client to check the parent)` };
  }
  // A top-level customer: either the project itself is billed as a customer, or the client is.
  const asProject = nameSimilarity(client ? `${client} ${project}` : project, fqn);
  const asClient = client ? nameSimilarity(client, fqn) : { score: 0, how: '' };
  if (asClient.score * 0.9 > asProject.score) {
    return { score: asClient.score * 0.9, reason: `customer ${fqn} is the client (${asClient.how}); no sub-customer for the project` };
  }
  return { score: asProject.score, reason: `customer ${fqn}: ${describe(asProject)}` };
}

function describe(match: NameMatch): string {
  return `${match.how} (${match.score.toFixed(2)})`;
}

export function suggestMappings(localItems: readonly LocalItem[], qboItems: readonly QboRef[], options: MappingOptions = {}): MappingSuggestion[] {
  const threshold = options.threshold ?? 0.9;
  const limit = options.limit ?? 5;
  const minimum = options.minimum ?? 0.4;
  return localItems.map((item) => {
    const kinds = TARGET_KINDS[item.kind];
    const candidates: MappingCandidate[] = [];
    for (const ref of qboItems) {
      if (!kinds.includes(ref.kind)) continue;
      const { score, reason } =
        item.kind === 'project'
          ? scoreProject(item, ref)
          : (() => {
              const match = nameSimilarity(item.name, ref.name);
              return { score: match.score, reason: `${ref.kind} ${ref.name}: ${describe(match)}` };
            })();
      if (score < minimum) continue;
      candidates.push({
        qboId: ref.id,
        name: ref.name,
        fullyQualifiedName: ref.fullyQualifiedName ?? ref.name,
        kind: ref.kind,
        confidence: Math.round(score * 1000) / 1000,
        reason: ref.active ? reason : `${reason}; inactive in QuickBooks`,
        inactive: !ref.active,
      });
    }
    // Best first; on equal confidence active before inactive, then by id so the order is stable.
    candidates.sort((a, b) => b.confidence - a.confidence || Number(a.inactive) - Number(b.inactive) || (a.qboId < b.qboId ? -1 : 1));
    const top = candidates.slice(0, limit);
    const first = top[0];
    const second = top[1];
    const autoApply =
      first && !first.inactive && first.confidence >= threshold && (!second || first.confidence - second.confidence >= AUTO_MARGIN) ? first : null;
    return { localId: item.id, localKind: item.kind, candidates: top, autoApply };
  });
}
