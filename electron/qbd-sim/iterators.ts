// qbXML iterators in the simulated company file, shared by the list queries and TimeTrackingQuery:
// iterator="Start" hands out the first MaxReturned matches and keeps the rest under a new
// iteratorID; iterator="Continue" with that iteratorID hands out the next ones; "Stop" forgets them.
// Each Rs carries iteratorRemainingCount and iteratorID (attributes of every *QueryRsType in
// qbxmlops160.xsd). A match is written when it is handed out, so a Continue shows it as it is then.
import { randomUUID } from 'node:crypto';
import { NO_MATCH, notFound, ok, type Answer } from './xml';

/** Open iterators, by iteratorID: each match still to hand out, as a function writing its Ret (or '' once gone). */
export type Iterators = Map<string, (() => string)[]>;

function page(id: string, remaining: (() => string)[], limit: number, iterators: Iterators): Answer {
  const out = remaining.slice(0, limit);
  const rest = remaining.slice(out.length);
  if (rest.length > 0) iterators.set(id, rest);
  else iterators.delete(id);
  return ok(out.map((write) => write()).join(''), { iteratorRemainingCount: String(rest.length), iteratorID: id });
}

/** Answers an iterator request: `found` is consulted only for iterator="Start". */
export function iterate(attrs: Record<string, string>, limit: number, iterators: Iterators, found: () => (() => string)[]): Answer {
  const id = attrs['iteratorID'] ?? '';
  if (attrs['iterator'] === 'Stop') return iterators.delete(id) ? ok('', { iteratorRemainingCount: '0', iteratorID: id }) : notFound(id);
  if (attrs['iterator'] === 'Continue') {
    // An iteratorID the company does not know (never issued, finished or stopped) is answered like an unknown object (3120): the simulator's choice.
    const remaining = iterators.get(id);
    return remaining ? page(id, remaining, limit, iterators) : notFound(id);
  }
  const all = found();
  return all.length === 0 ? NO_MATCH : page(`{${randomUUID()}}`, all, limit, iterators);
}
