// The Accounting API v3 under /v3/company/{realmId}/: create, read, full and sparse update,
// delete, query, batch, cdc, invoice pdf/send, preferences and companyinfo. Every write
// honours ?requestid: a replay answers the original response and writes nothing.
import { nestsDeeperThan } from '../../shared/json-depth';
import { runCdc } from './cdc';
import { exchangeRate } from './exchange';
import { fillPlaceholders } from './mail';
import { faults, QboFault } from './errors';
import { invoicePdf } from './pdf';
import { runQuery } from './query';
import { markCharge, preparePurchase, removeCharges, syncCharges } from './expense';
import { preparePayment, settleInvoices } from './payment';
import { prepareRecurring, runRecurring, unwrapTemplate } from './recurring';
import { DELETABLE, NAME_LISTS, present, writable, type Company, type Entity, type EntityType, type LinkedTxn, type Ref } from './store';
import { qboDateTime } from './time';
import { checkDocNumberUnique, checkOpenPeriod, checkShape, linkedOfType, prepare, WRITABLE_TYPES } from './validate';

export interface ApiRequest {
  method: string;
  /** Path segments after /v3/company/{realmId}/ */
  segments: string[];
  query: URLSearchParams;
  body: string;
}

export interface ApiResponse {
  status: number;
  contentType: string;
  body: string | Buffer;
  /** True when this request changed the books (used to decide a drop-after-commit). */
  committed: boolean;
  /** True when the answer came from the requestid cache. */
  replayed?: boolean;
}

const PATHS: Record<string, EntityType> = {
  account: 'Account',
  class: 'Class',
  customer: 'Customer',
  employee: 'Employee',
  item: 'Item',
  taxcode: 'TaxCode',
  taxrate: 'TaxRate',
  term: 'Term',
  vendor: 'Vendor',
  invoice: 'Invoice',
  timeactivity: 'TimeActivity',
  payment: 'Payment',
  estimate: 'Estimate',
  purchase: 'Purchase',
  reimbursecharge: 'ReimburseCharge',
  recurringtransaction: 'RecurringTransaction',
};

const MAX_BATCH_ITEMS = 30;
const MAX_REQUEST_ID = 50;
const MAX_BATCH_REQUEST_ID = 36;
const MAX_BID_WITH_REQUEST_ID = 10;
const JSON_TYPE = 'application/json;charset=UTF-8';

type Op = 'create' | 'update' | 'delete' | 'void';
/** Transactions: dated (closing date applies) and numbered (DocNumber must be unique). */
const TRANSACTIONS: EntityType[] = ['Invoice', 'TimeActivity', 'Payment', 'Estimate', 'Purchase'];
type Payload = Record<string, unknown>;

/** Deeper than any QuickBooks entity nests; deeper text is refused before parsing (shared/json-depth.ts). */
const MAX_JSON_DEPTH = 32;

function parseJson(text: string): unknown {
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) throw faults.malformed('failed to parse json object; it nests deeper than any QuickBooks entity');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw faults.malformed(`failed to parse json object; a property specified is unsupported or invalid (${(e as Error).message})`);
  }
}

export class AccountingApi {
  /** The current write's `include=allowduplicatedocnum`. */
  private allowDuplicateDocNumber = false;

  constructor(
    private readonly company: () => Company,
    private readonly companyName: () => string,
  ) {}

  /**
   * A bookkeeper's change made in QuickBooks itself (the control routes): the same rules as the API,
   * at the invoice's current SyncToken. `change` edits the invoice's stored fields, or returns a
   * result (void, delete) that replaces the update.
   */
  actOnInvoice(id: string, action: 'void' | 'delete' | ((invoice: Entity) => Record<string, unknown>)): Payload {
    const invoice = this.co.get('Invoice', id);
    if (!invoice) throw faults.objectNotFound('Id');
    const key = { Id: id, SyncToken: invoice.SyncToken };
    if (action === 'void') return { Invoice: this.void('Invoice', key) };
    if (action === 'delete') return { Invoice: this.remove('Invoice', key) };
    return { Invoice: this.update('Invoice', { ...writable(invoice), ...action(invoice), ...key }) };
  }

  /**
   * A payment received in QuickBooks for one invoice: a Payment of its customer applying `amount` to
   * it, under the API's rules (more than 0, at most the balance, not a voided invoice).
   */
  receivePayment(id: string, amount: number): Payload {
    const invoice = this.co.get('Invoice', id);
    if (!invoice) throw faults.objectNotFound('Id');
    if (!(amount > 0)) throw faults.business('A payment must be more than 0.', 'Amount');
    const { Payment } = this.recordPayment((invoice.CustomerRef as Ref).value, amount, [{ id, amount }]);
    return { Payment, Invoice: this.co.get('Invoice', id) };
  }

  /** A payment received in QuickBooks: applied to the invoices named (any amount left is unapplied). */
  recordPayment(customerId: string, amount: number, invoices: Array<{ id: string; amount: number }>, txnDate?: string): Payload {
    const Line = invoices.map((i) => ({ Amount: i.amount, LinkedTxn: [{ TxnId: i.id, TxnType: 'Invoice' }] }));
    return this.apply('Payment', 'create', { CustomerRef: { value: customerId }, TotalAmt: amount, Line, ...(txnDate ? { TxnDate: txnDate } : {}) });
  }

  /** A bookkeeper deletes a payment in QuickBooks: the invoices it paid are owed again. */
  deletePayment(id: string): Payload {
    const payment = this.co.get('Payment', id);
    if (!payment) throw faults.objectNotFound('Id');
    return { Payment: this.remove('Payment', { Id: id, SyncToken: payment.SyncToken }) };
  }

  /** QuickBooks' scheduler up to `asOf`: the invoices Automated recurring templates make (recurring.ts). */
  runRecurring(asOf: string): Payload {
    const made = runRecurring(this.co, asOf, (body) => this.apply('Invoice', 'create', body).Invoice as Entity);
    return { Invoice: made };
  }

  private get co(): Company {
    return this.company();
  }

  private time(): string {
    return qboDateTime(this.co.now(), true);
  }

  private ok(payload: Payload, committed: boolean): ApiResponse {
    return { status: 200, contentType: JSON_TYPE, body: JSON.stringify({ ...payload, time: this.time() }), committed };
  }

  handle(req: ApiRequest): ApiResponse {
    try {
      return this.route(req);
    } catch (e) {
      if (!(e instanceof QboFault)) throw e;
      return { status: e.status, contentType: JSON_TYPE, body: JSON.stringify(e.body(this.time())), committed: false };
    }
  }

  private route(req: ApiRequest): ApiResponse {
    const [first, second, third] = req.segments;
    const method = req.method;
    if (first === 'query' && (method === 'GET' || method === 'POST')) {
      const text = method === 'GET' ? req.query.get('query') : req.body;
      if (!text) throw faults.requiredMissing('query');
      return this.ok({ QueryResponse: runQuery(this.co, text) }, false);
    }
    if (first === 'cdc' && method === 'GET') {
      return this.ok({ CDCResponse: runCdc(this.co, req.query.get('entities'), req.query.get('changedSince')) }, false);
    }
    if (method === 'POST') return this.idempotent(req, () => this.write(req));
    if (method !== 'GET') throw faults.unsupported(`Operation ${method} is not supported.`);
    if (first === 'exchangerate' && !second) return this.ok(exchangeRate(this.co, req.query), false);
    if (first === 'preferences' && !second) return this.ok({ Preferences: this.singleton('Preferences') }, false);
    if (first === 'companyinfo' && second && !third) {
      if (second !== this.co.realmId && second !== '1') throw faults.objectNotFound();
      return this.ok({ CompanyInfo: this.singleton('CompanyInfo') }, false);
    }
    const type = first ? PATHS[first] : undefined;
    if (!type || !second) throw faults.unsupported(`Operation GET /${req.segments.join('/')} is not supported.`);
    const entity = this.co.get(type, second);
    if (!entity) throw faults.objectNotFound();
    if (type === 'Invoice' && third === 'pdf') {
      return { status: 200, contentType: 'application/pdf', body: invoicePdf(entity, this.companyName()), committed: false };
    }
    if (third) throw faults.unsupported(`Operation GET /${req.segments.join('/')} is not supported.`);
    return this.ok({ [type]: present(type, entity) }, false);
  }

  private singleton(type: 'Preferences' | 'CompanyInfo'): Entity {
    return this.co.get(type, '1') as Entity;
  }

  /** requestid: the first answer for an id is kept; a replay gets it back and changes nothing. */
  private idempotent(req: ApiRequest, run: () => ApiResponse): ApiResponse {
    const requestId = req.query.get('requestid');
    if (!requestId) return run();
    const max = req.segments[0] === 'batch' ? MAX_BATCH_REQUEST_ID : MAX_REQUEST_ID;
    if (requestId.length > max) {
      throw faults.business(`You cannot enter more than ${max} characters in the request_id field. You tried entering ${requestId.slice(0, 10)}..., which is ${requestId.length} characters.`);
    }
    const cached = this.co.cached(requestId);
    if (cached) return { status: cached.status, contentType: JSON_TYPE, body: cached.body, committed: false, replayed: true };
    let response: ApiResponse;
    try {
      response = run();
    } catch (e) {
      if (!(e instanceof QboFault)) throw e;
      response = { status: e.status, contentType: JSON_TYPE, body: JSON.stringify(e.body(this.time())), committed: false };
    }
    this.co.remember(requestId, { status: response.status, body: response.body.toString() });
    return response;
  }

  private write(req: ApiRequest): ApiResponse {
    const [first, second, third] = req.segments;
    this.allowDuplicateDocNumber = (req.query.get('include') ?? '').split(',').includes('allowduplicatedocnum');
    if (first === 'batch' && !second) return this.batch(req);
    if (first === 'invoice' && second && third === 'send') return this.ok({ Invoice: this.send(second, req.query.get('sendTo')) }, true);
    if (first === 'preferences' && !second) return this.ok({ Preferences: this.updateSingleton('Preferences', parseJson(req.body)) }, true);
    if (first === 'companyinfo' && !second) return this.ok({ CompanyInfo: this.updateSingleton('CompanyInfo', parseJson(req.body)) }, true);
    const type = first ? PATHS[first] : undefined;
    if (!type || second) throw faults.unsupported(`Operation POST /${req.segments.join('/')} is not supported.`);
    const operation = req.query.get('operation');
    if (operation !== null && operation !== 'update' && operation !== 'delete' && operation !== 'void') throw faults.unsupported(`Operation ${operation} is not supported.`);
    const result = this.apply(type, operation ?? 'create', parseJson(req.body));
    return this.ok(result, true);
  }

  /** One create/update/delete, shared by single calls and batch items. */
  private apply(type: EntityType, requested: Op, raw: unknown): Payload {
    if (!WRITABLE_TYPES.includes(type)) throw faults.unsupported(`Operation ${requested} is not supported for ${type}.`);
    const shaped = checkShape(type, raw);
    const body = type === 'RecurringTransaction' ? unwrapTemplate(shaped) : shaped;
    if (requested === 'delete') return { [type]: this.remove(type, body) };
    if (requested === 'void') return { [type]: this.void(type, body) };
    // As in QBO, a POST that carries an Id is an update.
    if (requested === 'update' || body.Id !== undefined) return { [type]: present(type, this.update(type, body)) };
    const fields = this.prepare(type, body);
    this.checkTransaction(type, fields);
    const created = this.co.insert(type, fields);
    this.afterWrite(type, created, undefined);
    return { [type]: present(type, created) };
  }

  /** The entity as QuickBooks would keep it, or the fault it would answer. */
  private prepare(type: EntityType, body: Record<string, unknown>, existing?: Entity): Record<string, unknown> {
    if (type === 'Payment') return preparePayment(this.co, body, existing);
    if (type === 'Purchase') return preparePurchase(this.co, body, existing);
    if (type === 'RecurringTransaction') return prepareRecurring(this.co, body);
    return prepare(this.co, type, body, existing).fields;
  }

  private current(type: EntityType, body: Record<string, unknown>): Entity {
    if (body.Id === undefined) throw faults.requiredMissing('Id');
    if (body.SyncToken === undefined) throw faults.requiredMissing('SyncToken');
    const existing = this.co.get(type, String(body.Id));
    if (!existing) throw faults.objectNotFound('Id');
    if (String(body.SyncToken) !== existing.SyncToken) throw faults.stale();
    return existing;
  }

  private update(type: EntityType, body: Record<string, unknown>): Entity {
    // Intuit's RecurringTransaction reference offers create, read, query and delete (UNCONFIRMED: update).
    if (type === 'RecurringTransaction') throw faults.unsupported('Operation Update is not supported for RecurringTransaction; delete the template and create it again.');
    const existing = this.current(type, body);
    if (type === 'Invoice' && this.co.isVoided(existing.Id)) throw faults.business('This invoice has been voided and can no longer be changed.', 'Id');
    // Sparse: only the fields sent change. Full: omitted writable fields are cleared.
    const merged = body.sparse === true ? { ...writable(existing), ...body } : body;
    const fields = this.prepare(type, merged, existing);
    this.checkTransaction(type, fields, existing);
    const updated = this.co.update(type, existing, fields);
    this.afterWrite(type, updated, existing);
    return updated;
  }

  private remove(type: EntityType, body: Record<string, unknown>): Record<string, unknown> {
    if (!DELETABLE.includes(type)) {
      const hint = NAME_LISTS.includes(type) ? ' Make it inactive with Active=false instead.' : '';
      throw faults.unsupported(`Operation Delete is not supported for ${type}.${hint}`);
    }
    const existing = this.current(type, body);
    this.checkRemovable(type, existing);
    if (TRANSACTIONS.includes(type)) checkOpenPeriod(this.co, [existing.TxnDate]);
    if (type === 'Purchase') removeCharges(this.co, existing);
    this.co.remove(type, existing.Id);
    this.afterWrite(type, undefined, existing);
    return { status: 'Deleted', domain: 'QBO', Id: existing.Id };
  }

  /** What QuickBooks will not delete while other transactions depend on it. */
  private checkRemovable(type: EntityType, existing: Entity): void {
    if (type === 'TimeActivity' && existing.BillableStatus === 'HasBeenBilled') {
      throw faults.business('This time activity has been billed; remove it from its invoice before deleting it.');
    }
    const links = (existing.LinkedTxn as LinkedTxn[] | undefined) ?? [];
    if (type === 'Invoice' && links.some((t) => t.TxnType === 'Payment')) {
      throw faults.business('This invoice has payments applied; delete the payments or take the invoice off them before deleting it.', 'Id');
    }
    if (type === 'Estimate' && links.length > 0) throw faults.business('This estimate has invoices made from it; take the estimate off those invoices before deleting it.', 'Id');
  }

  /**
   * Void (qbo-api.md §3.5, `?operation=void`; batch `optionsData: "void"`, §6.2): the invoice stays,
   * its amounts become 0 and PrivateNote starts with "Voided"; the time and expenses it billed are
   * billable again, and it no longer counts against an estimate.
   * Voiding a voided invoice changes nothing and answers it as it is.
   */
  private void(type: EntityType, body: Record<string, unknown>): Entity {
    if (type !== 'Invoice') throw faults.unsupported(`Operation Void is not supported for ${type}.`);
    const existing = this.current(type, body);
    if (this.co.isVoided(existing.Id)) return existing;
    checkOpenPeriod(this.co, [existing.TxnDate]);
    // LanternOps/breeze#5187 (2026): "QuickBooks will not void an invoice a Payment settles".
    if (existing.Balance !== existing.TotalAmt) throw faults.business('This invoice has payments applied; remove the payments before voiding it.', 'Id');
    const lines = (existing.Line as Array<Record<string, unknown>>).map(({ LinkedTxn: _linked, ...line }) => ({ ...line, Amount: 0 }));
    const note = typeof existing.PrivateNote === 'string' && existing.PrivateNote ? `Voided - ${existing.PrivateNote}` : 'Voided';
    const zero = { TotalAmt: 0, Balance: 0, ...(this.co.multicurrency ? { HomeTotalAmt: 0, HomeBalance: 0 } : {}) };
    const fields = { ...writable(existing), Line: lines, LinkedTxn: [], Deposit: 0, TxnTaxDetail: { TotalTax: 0 }, PrivateNote: note, ...zero };
    this.co.markVoided(existing.Id);
    const voided = this.co.update(type, existing, fields);
    this.afterWrite(type, voided, existing);
    return voided;
  }

  /** Closing date (old and new date both open) and DocNumber uniqueness, for transactions only. */
  private checkTransaction(type: EntityType, fields: Record<string, unknown>, existing?: Entity): void {
    if (!TRANSACTIONS.includes(type)) return;
    checkOpenPeriod(this.co, [fields.TxnDate, existing?.TxnDate]);
    if (!this.allowDuplicateDocNumber) checkDocNumberUnique(this.co, type, fields.DocNumber, existing);
  }

  /**
   * What QBO does around a write (`entity` undefined for a delete): billing status of linked time and
   * expenses, estimates invoiced, invoice balances a payment settles, charges of billable expense
   * lines, and cascades through hierarchies.
   */
  private afterWrite(type: EntityType, entity: Entity | undefined, before: Entity | undefined): void {
    if (type === 'Invoice') this.afterInvoice(entity, before);
    if (type === 'Payment') settleInvoices(this.co, (entity ?? before)?.Id ?? '', before, entity);
    if (type === 'Purchase' && entity) syncCharges(this.co, entity, before);
    if (!entity || !before || !['Customer', 'Class', 'Item', 'Account'].includes(type)) return;
    const renamed = before.FullyQualifiedName !== entity.FullyQualifiedName;
    const deactivated = type === 'Customer' && before.Active !== false && entity.Active === false;
    if (renamed || deactivated) this.cascade(type, entity, deactivated);
  }

  /** An invoice written, voided or deleted: what it links changes state with it. */
  private afterInvoice(entity: Entity | undefined, before: Entity | undefined): void {
    const diff = (kind: string, list: (e: Entity) => string[]) => {
      const was = before ? list(before) : [];
      const now = entity ? list(entity) : [];
      return { added: now.filter((id) => !was.includes(id)), removed: was.filter((id) => !now.includes(id)), all: [...new Set([...was, ...now])], kind };
    };
    const time = diff('TimeActivity', (e) => linkedOfType(e, 'TimeActivity'));
    this.setBilling(time.removed, 'Billable');
    this.setBilling(time.added, 'HasBeenBilled');
    const charges = diff('ReimburseCharge', (e) => linkedOfType(e, 'ReimburseCharge'));
    for (const id of charges.removed) markCharge(this.co, id, undefined);
    for (const id of charges.added) markCharge(this.co, id, entity?.Id);
    const estimates = diff('Estimate', (e) => ((e.LinkedTxn as LinkedTxn[] | undefined) ?? []).filter((t) => t.TxnType === 'Estimate').map((t) => t.TxnId));
    for (const id of estimates.all) this.refreshEstimate(id);
  }

  /**
   * An estimate's LinkedTxn names the invoices made from it. It is Closed once they bill its whole
   * total (a full conversion closes it, as QuickBooks' screens do); until then, and again when an
   * invoice is taken off it, it keeps (or gets back) an open status. UNCONFIRMED for the API.
   */
  private refreshEstimate(id: string): void {
    const estimate = this.co.get('Estimate', id);
    if (!estimate) return;
    const invoices = this.co.all('Invoice').filter((i) => ((i.LinkedTxn as LinkedTxn[] | undefined) ?? []).some((t) => t.TxnType === 'Estimate' && t.TxnId === id));
    const billed = invoices.reduce((sum, i) => sum + Number(i.TotalAmt), 0);
    const closed = invoices.length > 0 && billed >= Number(estimate.TotalAmt);
    const status = closed ? 'Closed' : estimate.TxnStatus === 'Closed' ? 'Accepted' : estimate.TxnStatus;
    const links = invoices.map((i) => ({ TxnId: i.Id, TxnType: 'Invoice' }));
    if (status === estimate.TxnStatus && JSON.stringify(links) === JSON.stringify(estimate.LinkedTxn ?? [])) return;
    this.co.update('Estimate', estimate, { ...writable(estimate), TxnStatus: status, LinkedTxn: links });
  }

  /** Children follow their parent's name (FullyQualifiedName) and, for customers, its deactivation. */
  private cascade(type: EntityType, parent: Entity, deactivate: boolean): void {
    for (const child of this.co.all(type)) {
      if ((child.ParentRef as Ref | undefined)?.value !== parent.Id) continue;
      const name = (child.DisplayName ?? child.Name) as string;
      const fields = {
        ...writable(child),
        ParentRef: this.co.ref(type, parent.Id),
        FullyQualifiedName: `${parent.FullyQualifiedName as string}:${name}`,
        ...(deactivate ? { Active: false } : {}),
      };
      this.cascade(type, this.co.update(type, child, fields), deactivate);
    }
  }

  private setBilling(ids: string[], status: 'Billable' | 'HasBeenBilled'): void {
    for (const id of ids) {
      const time = this.co.get('TimeActivity', id);
      if (time && time.BillableStatus !== status) this.co.update('TimeActivity', time, { ...writable(time), BillableStatus: status });
    }
  }

  private send(id: string, sendTo: string | null): Entity {
    const invoice = this.co.get('Invoice', id);
    if (!invoice) throw faults.objectNotFound();
    const address = sendTo ?? (invoice.BillEmail as { Address?: string } | undefined)?.Address;
    if (!address) throw faults.business('Provide an email address: set BillEmail on the invoice or pass sendTo.');
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address)) throw faults.business(`Invalid email address: ${address}`, 'BillEmail');
    this.recordMail(invoice, address);
    return this.co.update('Invoice', invoice, {
      ...writable(invoice),
      BillEmail: { Address: address },
      EmailStatus: 'EmailSent',
      DeliveryInfo: { DeliveryType: 'Email', DeliveryTime: qboDateTime(this.co.now()) },
    });
  }

  /** The e-mail QuickBooks sends: the company's invoice message, its placeholders filled for this invoice. */
  private recordMail(invoice: Entity, to: string): void {
    const prefs = this.singleton('Preferences').EmailMessagesPrefs as { InvoiceMessage?: { Subject?: string; Message?: string } } | undefined;
    const template = prefs?.InvoiceMessage ?? {};
    const fill = (text: string | undefined) => fillPlaceholders(text ?? '', invoice, this.companyName());
    const mail = { invoiceId: invoice.Id, docNumber: String(invoice.DocNumber ?? ''), to, subject: fill(template.Subject), message: fill(template.Message), at: qboDateTime(this.co.now(), false, this.co.zone) };
    this.co.data.mail = [...(this.co.data.mail ?? []), mail];
  }

  /** Preferences and CompanyInfo: SyncToken-guarded, the sections sent replace the stored ones. */
  private updateSingleton(type: 'Preferences' | 'CompanyInfo', raw: unknown): Entity {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw faults.malformed(`failed to parse json object; ${type} must be an object`);
    const body = raw as Record<string, unknown>;
    const existing = this.singleton(type);
    if (body.SyncToken === undefined) throw faults.requiredMissing('SyncToken');
    if (String(body.SyncToken) !== existing.SyncToken) throw faults.stale();
    const fields = writable(existing);
    for (const [key, value] of Object.entries(body)) {
      if (['Id', 'SyncToken', 'MetaData', 'domain', 'sparse'].includes(key)) continue;
      if (!(key in fields)) throw faults.malformed(`Unrecognized field "${key}" (class com.intuit.schema.finance.v3.${type}), not marked as ignorable`, key);
      const before = fields[key];
      fields[key] = typeof before === 'object' && before !== null && !Array.isArray(before) && typeof value === 'object' ? { ...before, ...(value as object) } : value;
    }
    if (type === 'Preferences') {
      const multi = (fields.CurrencyPrefs as { MultiCurrencyEnabled?: boolean }).MultiCurrencyEnabled === true;
      if (this.co.multicurrency && !multi) throw faults.business('Multicurrency cannot be turned off once it has been turned on.', 'CurrencyPrefs');
      if (multi) this.co.data.variant = 'multicurrency';
    }
    return this.co.update(type, existing, fields);
  }

  private batch(req: ApiRequest): ApiResponse {
    const body = parseJson(req.body) as { BatchItemRequest?: unknown };
    const items = body?.BatchItemRequest;
    if (!Array.isArray(items) || items.length === 0) throw faults.requiredMissing('BatchItemRequest');
    if (items.length > MAX_BATCH_ITEMS) throw faults.business(`The batch has ${items.length} items; the maximum is ${MAX_BATCH_ITEMS}.`, 'BatchItemRequest');
    const withRequestId = req.query.get('requestid') !== null;
    let committed = false;
    const responses = items.map((raw) => {
      const item = (raw ?? {}) as Record<string, unknown>;
      const bId = item.bId;
      try {
        if (typeof bId !== 'string' || !bId) throw faults.requiredMissing('bId');
        if (withRequestId && bId.length > MAX_BID_WITH_REQUEST_ID) throw faults.business(`bId cannot be longer than ${MAX_BID_WITH_REQUEST_ID} characters when requestid is used.`, 'bId');
        if (typeof item.Query === 'string') return { bId, QueryResponse: runQuery(this.co, item.Query) };
        const operation = item.operation;
        if (operation !== 'create' && operation !== 'update' && operation !== 'delete') throw faults.unsupported(`Operation ${String(operation)} is not supported in a batch.`);
        const voiding = item.optionsData === 'void' && operation === 'update';
        if (item.optionsData !== undefined && !voiding) throw faults.unsupported(`optionsData ${String(item.optionsData)} is not supported with operation ${operation}.`);
        const keys = Object.keys(item).filter((k) => !['bId', 'operation', 'optionsData'].includes(k));
        const type = keys.length === 1 ? (Object.values(PATHS).find((t) => t === keys[0]) as EntityType | undefined) : undefined;
        if (!type) throw faults.malformed(`batch item ${bId} must carry exactly one entity`);
        const result = this.apply(type, voiding ? 'void' : operation, item[type]);
        committed = true;
        return { bId, ...result };
      } catch (e) {
        if (!(e instanceof QboFault)) throw e;
        return { bId, Fault: e.fault() };
      }
    });
    return this.ok({ BatchItemResponse: responses }, committed);
  }
}
