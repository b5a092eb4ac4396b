// Which hourly rate an entry is billed at. More specific scopes win (task > project > client >
// workspace default); within a scope, the record in force on the entry's local start date wins,
// so a rate change mid-project applies only to work from its effective date on.
import { isLocalDate, type LocalDate } from '../time/local-date';
import { localDate } from '../time/zone';

export type RateScope = 'task' | 'project' | 'client' | 'default';

export interface RateRecord {
  scope: RateScope;
  /** The task, project or client id; ignored for 'default'. */
  scopeId: string | null;
  rateMinor: number;
  currency: string;
  /** First local date the rate applies to. */
  effectiveFrom: LocalDate;
}

/** What rate resolution needs to know about an entry. */
export interface RateSubject {
  taskId: string | null;
  projectId: string | null;
  clientId: string | null;
  start: number;
  zone: string;
}

export interface ResolvedRate {
  rateMinor: number;
  currency: string;
  source: RateScope;
  /** For people: why this rate, e.g. "project rate from 2024-03-01". */
  reason: string;
}

const PRECEDENCE: readonly RateScope[] = ['task', 'project', 'client', 'default'];

/**
 * The rate for the entry, or null when no record applies (no default, or every record starts
 * later). If two records share a scope and effective date, the later one in the list wins, so
 * appending a correction replaces the earlier record.
 */
export function resolveRate(entry: RateSubject, rates: readonly RateRecord[]): ResolvedRate | null {
  const day = localDate(entry.start, entry.zone);
  const idFor: Record<RateScope, string | null> = {
    task: entry.taskId,
    project: entry.projectId,
    client: entry.clientId,
    default: null,
  };
  for (const scope of PRECEDENCE) {
    const id = idFor[scope];
    if (scope !== 'default' && id === null) continue;
    let best: RateRecord | undefined;
    for (const rate of rates) {
      if (!isLocalDate(rate.effectiveFrom)) throw new RangeError(`Rate effective date "${rate.effectiveFrom}" is not YYYY-MM-DD`);
      if (rate.scope !== scope || (scope !== 'default' && rate.scopeId !== id) || rate.effectiveFrom > day) continue;
      if (!best || rate.effectiveFrom >= best.effectiveFrom) best = rate;
    }
    if (best) {
      return {
        rateMinor: best.rateMinor,
        currency: best.currency,
        source: scope,
        reason: `${scope === 'default' ? 'workspace default' : scope} rate from ${best.effectiveFrom}`,
      };
    }
  }
  return null;
}
