// The name lists of the simulated company file (customers and jobs, employees, vendors, other names,
// service items, classes) and the qbXML list queries over them: by ListID or FullName, or filtered by
// ActiveStatus, FromModifiedDate / ToModifiedDate (compared as instants) and MaxReturned, optionally
// through an iterator (iterators.ts, as qbxmlops160.xsd defines them).
import { iterate, type Iterators } from './iterators';
import { withinModified, type Stamps } from './stamps';
import { child, childText, childTexts, el, NO_MATCH, notFound, ok, unknownChild, unsupported, type Answer, type XmlNode } from './xml';

export type ListKind = 'Customer' | 'Employee' | 'Vendor' | 'OtherName' | 'ItemService' | 'Class';

/** One list entry as QuickBooks stores it. */
export interface ListEntry {
  kind: ListKind;
  listId: string;
  timeCreated: string;
  timeModified: string;
  editSequence: string;
  name: string;
  /** "Parent:Job" for customers, items and classes; the name itself for the others. */
  fullName: string;
  isActive: boolean;
  parent?: ListEntry;
  sublevel: number;
}

/** A seeded entry: a full name ("Cool Cars:Showroom Landscaping"), active unless said otherwise. */
type SeedEntry = string | { name: string; isActive?: boolean };

export interface CompanySeed {
  customers?: readonly SeedEntry[];
  employees?: readonly SeedEntry[];
  vendors?: readonly SeedEntry[];
  otherNames?: readonly SeedEntry[];
  items?: readonly SeedEntry[];
  classes?: readonly SeedEntry[];
}

const DEFAULT_SEED: Required<CompanySeed> = {
  customers: ['Cool Cars', 'Cool Cars:Showroom Landscaping', 'Kristy Abercrombie', { name: 'Old Barn Supplies', isActive: false }],
  employees: ['Emily Platt'],
  vendors: ['Timberloft Lumber'],
  otherNames: ['Sam Helper'],
  items: ['Design'],
  classes: ['Landscaping'],
};

const SEED_KEYS: Record<keyof CompanySeed, ListKind> = {
  customers: 'Customer', employees: 'Employee', vendors: 'Vendor', otherNames: 'OtherName', items: 'ItemService', classes: 'Class',
};

/** Lists whose entries nest under a parent, with a FullName of the form "Parent:Child". */
const NESTED: readonly ListKind[] = ['Customer', 'ItemService', 'Class'];

const sameName = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'accent' }) === 0;

/** QuickBooks lists names alphabetically with each job right under its parent. */
function byFullName(a: ListEntry, b: ListEntry): number {
  const [x, y] = [a.fullName.split(':'), b.fullName.split(':')];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const order = x[i]!.localeCompare(y[i]!, 'en', { sensitivity: 'base' });
    if (order !== 0) return order;
  }
  return x.length - y.length;
}

/** A list entry as kept in a saved company file (the parent found again from the full name). */
export type SavedListEntry = Pick<ListEntry, 'kind' | 'listId' | 'timeCreated' | 'timeModified' | 'editSequence' | 'fullName' | 'isActive'>;

export interface Lists {
  /** Every entry of every list, in the order they were made (parents first). */
  saved(): SavedListEntry[];
  all(kind: ListKind): readonly ListEntry[];
  byListId(kind: ListKind, listId: string): ListEntry | undefined;
  byFullName(kind: ListKind, fullName: string): ListEntry | undefined;
}

/** The seeded lists, or the saved ones when given; a job whose parent is not seeded gets its parent added. */
export function createLists(seed: CompanySeed, stamps: Stamps, saved?: readonly SavedListEntry[]): Lists {
  const entries: ListEntry[] = [];
  const find = (kind: ListKind, fullName: string) => entries.find((e) => e.kind === kind && sameName(e.fullName, fullName));
  const add = (kind: ListKind, fullName: string, isActive: boolean): ListEntry => {
    const existing = find(kind, fullName);
    if (existing) return existing;
    const cut = NESTED.includes(kind) ? fullName.lastIndexOf(':') : -1;
    const parent = cut < 0 ? undefined : add(kind, fullName.slice(0, cut), true);
    const created = stamps.time();
    const entry: ListEntry = {
      kind, listId: stamps.listId(), timeCreated: created, timeModified: created, editSequence: stamps.editSequence(),
      name: fullName.slice(cut + 1), fullName, isActive, sublevel: parent ? parent.sublevel + 1 : 0, ...(parent ? { parent } : {}),
    };
    entries.push(entry);
    return entry;
  };
  for (const e of saved ?? []) {
    const cut = NESTED.includes(e.kind) ? e.fullName.lastIndexOf(':') : -1;
    const parent = cut < 0 ? undefined : find(e.kind, e.fullName.slice(0, cut));
    entries.push({ ...e, name: e.fullName.slice(cut + 1), sublevel: parent ? parent.sublevel + 1 : 0, ...(parent ? { parent } : {}) });
  }
  for (const [key, kind] of Object.entries(SEED_KEYS) as [keyof CompanySeed, ListKind][]) {
    if (saved) break;
    for (const s of seed[key] ?? DEFAULT_SEED[key]) add(kind, typeof s === 'string' ? s : s.name, typeof s === 'string' || s.isActive !== false);
  }
  return {
    saved: () => entries.map(({ kind, listId, timeCreated, timeModified, editSequence, fullName, isActive }) => ({ kind, listId, timeCreated, timeModified, editSequence, fullName, isActive })),
    all: (kind) => entries.filter((e) => e.kind === kind).sort(byFullName),
    byListId: (kind, listId) => entries.find((e) => e.kind === kind && e.listId === listId),
    byFullName: find,
  };
}

/** A reference to an entry as QuickBooks writes it in a Ret: ListID and FullName. */
export const refElement = (name: string, e: ListEntry): string => `<${name}>${el('ListID', e.listId)}${el('FullName', e.fullName)}</${name}>`;

/** A list entry's Ret, its elements in the schema's order (qbxml160.xsd CustomerRet, EmployeeRet, …). */
function listRet(e: ListEntry): string {
  const head = el('ListID', e.listId) + el('TimeCreated', e.timeCreated) + el('TimeModified', e.timeModified) + el('EditSequence', e.editSequence) + el('Name', e.name);
  const active = el('IsActive', String(e.isActive));
  const body = NESTED.includes(e.kind)
    ? el('FullName', e.fullName) + active + (e.parent ? refElement('ParentRef', e.parent) : '') + el('Sublevel', String(e.sublevel))
    : active;
  return `<${e.kind}Ret>${head}${body}</${e.kind}Ret>`;
}

type ActiveStatus = 'ActiveOnly' | 'InactiveOnly' | 'All';
const matchesStatus = (e: ListEntry, status: ActiveStatus) => status === 'All' || e.isActive === (status === 'ActiveOnly');

const QUERY_CHILDREN = ['ListID', 'FullName', 'MaxReturned', 'ActiveStatus', 'FromModifiedDate', 'ToModifiedDate'];

/** Answers CustomerQueryRq, EmployeeQueryRq, … for one list. */
export function listQuery(kind: ListKind, rq: XmlNode, lists: Lists, iterators: Iterators): Answer {
  const other = unknownChild(rq, QUERY_CHILDREN);
  if (other !== undefined) return unsupported(`${other} in a ${rq.name}`);
  const max = childText(rq, 'MaxReturned');
  const limit = max === undefined ? Infinity : Number(max);
  if (rq.attrs['iterator'] === 'Continue' || rq.attrs['iterator'] === 'Stop') return iterate(rq.attrs, limit, iterators, () => []);
  const found = child(rq, 'ListID') || child(rq, 'FullName') ? byIdOrName(kind, rq, lists) : filtered(kind, rq, lists);
  if ('statusCode' in found) return found;
  if (rq.attrs['iterator'] === 'Start') return iterate(rq.attrs, limit, iterators, () => found.map((e) => () => listRet(e)));
  return found.length === 0 ? NO_MATCH : ok(found.slice(0, limit).map(listRet).join(''));
}

function filtered(kind: ListKind, rq: XmlNode, lists: Lists): ListEntry[] {
  const status = (childText(rq, 'ActiveStatus') ?? 'ActiveOnly') as ActiveStatus;
  const [from, to] = [childText(rq, 'FromModifiedDate'), childText(rq, 'ToModifiedDate')];
  return lists.all(kind).filter((e) => matchesStatus(e, status) && withinModified(e.timeModified, from, to));
}

/**
 * Entries asked for by ListID or FullName, active or not. A ListID QuickBooks does not hold is an
 * error (3120); a FullName it does not hold is a warning (500) naming it, as real answers quoted in
 * qbwc/qbwc spec/qbwc/session_spec.rb show.
 */
function byIdOrName(kind: ListKind, rq: XmlNode, lists: Lists): ListEntry[] | Answer {
  const found: ListEntry[] = [];
  for (const id of childTexts(rq, 'ListID')) {
    const e = lists.byListId(kind, id);
    if (!e) return notFound(id);
    found.push(e);
  }
  for (const name of childTexts(rq, 'FullName')) {
    const e = lists.byFullName(kind, name);
    if (!e) return { statusCode: 500, statusSeverity: 'Warn', statusMessage: `The query request has not been fully completed. There was a required element ("${name}") that could not be found in QuickBooks.`, body: found.map(listRet).join('') };
    found.push(e);
  }
  return found;
}
