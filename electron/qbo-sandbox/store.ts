// The company's books: entities by type, the Id/SyncToken/MetaData bookkeeping QBO does on
// every write, delete tombstones for CDC, and the requestid replay cache.
import { qboDateTime, SANDBOX_ZONE } from './time';

export const ENTITY_TYPES = [
  'Account',
  'Class',
  'Customer',
  'Employee',
  'Item',
  'TaxCode',
  'TaxRate',
  'Term',
  'Vendor',
  'Invoice',
  'TimeActivity',
  'Payment',
  'Estimate',
  'Purchase',
  'ReimburseCharge',
  'RecurringTransaction',
  'CompanyInfo',
  'Preferences',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** Name-list entities are never deleted in QBO, only deactivated with Active=false. */
export const NAME_LISTS: readonly EntityType[] = ['Account', 'Class', 'Customer', 'Employee', 'Item', 'Vendor', 'Term', 'TaxRate'];
/** Transactions the sandbox lets a client delete with ?operation=delete. */
export const DELETABLE: readonly EntityType[] = ['Invoice', 'TimeActivity', 'Payment', 'Estimate', 'Purchase', 'RecurringTransaction'];

export type Variant = 'home' | 'multicurrency';
/** US sales tax (lines say TAX/NON, the invoice names the rate) or per-line tax codes (UK, CA, AU, …). */
export type TaxModel = 'us' | 'codes';

/** An invoice e-mail QuickBooks sent (`/invoice/{id}/send`), kept so tests can see what went out. */
interface SentMail {
  invoiceId: string;
  docNumber: string;
  to: string;
  subject: string;
  message: string;
  at: string;
}

export interface Ref {
  value: string;
  name?: string;
}

export type Entity = Record<string, unknown> & {
  Id: string;
  SyncToken: string;
  MetaData: { CreateTime: string; LastUpdatedTime: string };
};

/** A link between transactions (Invoice.LinkedTxn, Line.LinkedTxn, Payment lines). */
export interface LinkedTxn {
  TxnId: string;
  TxnType: string;
  TxnLineId?: string;
}

/** The parts of a stored entity a client wrote, without the bookkeeping QBO adds. */
export function writable(e: Entity): Record<string, unknown> {
  const { Id: _id, SyncToken: _s, MetaData: _m, domain: _d, sparse: _sp, ...rest } = e;
  return rest;
}

/**
 * How an entity is answered: a RecurringTransaction comes wrapped in the type of its template
 * (`{"Invoice": {…, "RecurringInfo": {…}}}`), everything else as stored.
 */
export function present(type: EntityType, e: Entity | Record<string, unknown>): Record<string, unknown> {
  return type === 'RecurringTransaction' ? { Invoice: e } : e;
}

interface Tombstone {
  type: EntityType;
  Id: string;
  deletedAt: number;
}

export interface CachedResponse {
  status: number;
  body: string;
}

export interface CompanyData {
  realmId: string;
  variant: Variant;
  nextId: number;
  nextDocNumber: number;
  entities: Record<EntityType, Record<string, Entity>>;
  tombstones: Tombstone[];
  requestCache: Record<string, CachedResponse>;
  /** The company's IANA zone: times are answered on its clock. Absent in older saved states. */
  timeZone?: string;
  /** Absent in older saved states: US sales tax. */
  taxModel?: TaxModel;
  /** Ids of voided invoices (absent in older saved states). */
  voided?: string[];
  /** Invoice e-mails sent, oldest first (absent in older saved states). */
  mail?: SentMail[];
}

export function emptyCompany(realmId: string, variant: Variant): CompanyData {
  const entities = Object.fromEntries(ENTITY_TYPES.map((t) => [t, {}])) as Record<EntityType, Record<string, Entity>>;
  return { realmId, variant, nextId: 1, nextDocNumber: 1001, entities, tombstones: [], requestCache: {} };
}

/** Ids are numeric strings except the US pseudo tax codes TAX/NON; order numerically first. */
export function compareIds(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  if (Number.isFinite(na)) return -1;
  if (Number.isFinite(nb)) return 1;
  return a.localeCompare(b);
}

export class Company {
  constructor(
    public data: CompanyData,
    readonly now: () => number,
  ) {}

  get realmId(): string {
    return this.data.realmId;
  }

  /** The zone QBO answers this company's times in (StartTime/EndTime, MetaData, today's date). */
  get zone(): string {
    return this.data.timeZone ?? SANDBOX_ZONE;
  }

  get multicurrency(): boolean {
    return this.data.variant === 'multicurrency';
  }

  get taxModel(): TaxModel {
    return this.data.taxModel ?? 'us';
  }

  isVoided(invoiceId: string): boolean {
    return (this.data.voided ?? []).includes(invoiceId);
  }

  markVoided(invoiceId: string): void {
    this.data.voided = [...(this.data.voided ?? []), invoiceId];
  }

  /** The records of a type; lists added in later releases are empty in older saved states. */
  private table(type: EntityType): Record<string, Entity> {
    return (this.data.entities[type] ??= {});
  }

  all(type: EntityType): Entity[] {
    return Object.values(this.table(type)).sort((a, b) => compareIds(a.Id, b.Id));
  }

  /** Unordered, for checks that look at every record (name uniqueness) without sorting. */
  each(type: EntityType): Entity[] {
    return Object.values(this.table(type));
  }

  get(type: EntityType, id: string): Entity | undefined {
    return this.table(type)[id];
  }

  /** Stores a new entity, giving it the Id, SyncToken 0 and MetaData QBO would. */
  insert(type: EntityType, fields: Record<string, unknown>, id?: string): Entity {
    const stamp = qboDateTime(this.now(), false, this.zone);
    const Id = id ?? String(this.data.nextId++);
    const entity: Entity = {
      ...fields,
      domain: 'QBO',
      sparse: false,
      Id,
      SyncToken: '0',
      MetaData: { CreateTime: stamp, LastUpdatedTime: stamp },
    };
    this.table(type)[Id] = entity;
    return entity;
  }

  /** Replaces an entity's fields and bumps its SyncToken, the version QBO checks on the next write. */
  update(type: EntityType, existing: Entity, fields: Record<string, unknown>): Entity {
    const entity: Entity = {
      ...fields,
      domain: 'QBO',
      sparse: false,
      Id: existing.Id,
      SyncToken: String(Number(existing.SyncToken) + 1),
      MetaData: { CreateTime: existing.MetaData.CreateTime, LastUpdatedTime: qboDateTime(this.now(), false, this.zone) },
    };
    this.table(type)[existing.Id] = entity;
    return entity;
  }

  remove(type: EntityType, id: string): void {
    delete this.table(type)[id];
    this.data.tombstones.push({ type, Id: id, deletedAt: this.now() });
  }

  nextDocNumber(): string {
    return String(this.data.nextDocNumber++);
  }

  /** The reference QBO echoes back: the id plus the target's display name. */
  ref(type: EntityType, id: string): Ref {
    const target = this.get(type, id);
    const name = target ? displayNameOf(type, target) : undefined;
    return name === undefined ? { value: id } : { value: id, name };
  }

  cached(requestId: string): CachedResponse | undefined {
    return this.data.requestCache[requestId];
  }

  remember(requestId: string, response: CachedResponse): void {
    this.data.requestCache[requestId] = response;
  }
}

function displayNameOf(type: EntityType, e: Entity): string | undefined {
  if (type === 'Customer' || type === 'Item' || type === 'Class' || type === 'Account') {
    return (e.FullyQualifiedName as string | undefined) ?? (e.DisplayName as string | undefined) ?? (e.Name as string | undefined);
  }
  if (type === 'Employee' || type === 'Vendor') return e.DisplayName as string | undefined;
  if (type === 'TaxCode' || type === 'TaxRate' || type === 'Term') return e.Name as string | undefined;
  return undefined;
}
