// The sync engine's only way to QuickBooks. The app implements it over IPC (`ipcQboPort`); the
// Node tests and the benchmark implement it in-process over main's QboClient (never imported from
// here: the renderer must not import electron/). Every failure of a whole request becomes a
// QboPortError whose kind says what the engine does: 'auth' pause until reconnect, 'network' resend
// the same request (same requestid), 'remote' a QuickBooks fault (its status, code and intuit_tid
// come from the IPC error's structured `remote` detail, never from its message).
import type { IpcError, RemoteDetail } from '../../../../../shared/ipc/errors';
import type { QboBatchItem, QboBatchItemResult, QboStatus } from '../../../../../shared/ipc/domains/qbo';
import type { QboAccount, QboClass, QboCustomer, QboEmployee, QboEstimate, QboFault, QboInvoice, QboItem, QboPayment, QboPurchase, QboReimburseCharge, QboTaxCode, QboTaxRate, QboTerm, QboTimeActivity, QboVendor } from '../../../../../shared/qbo/types';
import type { SendFailure } from '../../../../../shared/sync/classify';
import type { RendererApi } from '../../../../../shared/ipc/contract';
import { QBD_QUEUED } from '../../../../../shared/qbd/translate';

export type QboPortErrorKind = 'auth' | 'network' | 'remote' | 'other';

export class QboPortError extends Error {
  override readonly name = 'QboPortError';
  constructor(
    readonly kind: QboPortErrorKind,
    message: string,
    readonly details: RemoteDetail = {},
  ) {
    super(message);
  }
}

export type Entity = Record<string, unknown>;

/** The QuickBooks entities the app reads, by name, with QBO's field names (shared/qbo/types). */
interface QboEntities {
  TimeActivity: QboTimeActivity;
  Customer: QboCustomer;
  Item: QboItem;
  Employee: QboEmployee;
  Vendor: QboVendor;
  Class: QboClass;
  Invoice: QboInvoice;
  Term: QboTerm;
  TaxCode: QboTaxCode;
  TaxRate: QboTaxRate;
  Payment: QboPayment;
  Estimate: QboEstimate;
  Purchase: QboPurchase;
  ReimburseCharge: QboReimburseCharge;
  Account: QboAccount;
}
export type QboEntityName = keyof QboEntities;

/** A batch item's answer; the engine batches TimeActivity only, so `data` is one (or a delete acknowledgement, which has its Id). */
type PortBatchItem = Omit<QboBatchItemResult, 'data'> & { data: QboTimeActivity | null };

/** One QuickBooks company's way in: every call goes to that company. */
export interface QboPort {
  readonly companyId: string;
  /** One /batch request with this requestid; per-item faults come back as data. */
  batch(requestId: string, items: QboBatchItem[]): Promise<{ items: PortBatchItem[]; intuitTid?: string | null }>;
  /** Every row of one entity (the port pages by STARTPOSITION offsets). */
  queryAll<K extends QboEntityName>(entity: K, where?: string): Promise<Array<QboEntities[K]>>;
  /** The entity, or null when QuickBooks says it does not exist (610). */
  read<K extends QboEntityName>(entity: K, id: string): Promise<QboEntities[K] | null>;
  company(): Promise<{ companyInfo: Entity; preferences: Entity }>;
  /** CDC for name lists (TimeActivity is not in CDC). */
  changes(entities: string[], changedSince: string): Promise<Record<string, Entity[]>>;
  status(): Promise<QboStatus>;
  /** POST /invoice with this requestid; sending it again (same requestid) never makes a second invoice. */
  createInvoice(requestId: string, body: Entity): Promise<{ data: QboInvoice; intuitTid: string | null }>;
  /** The invoice's PDF as QuickBooks renders it. */
  invoicePdf(invoiceId: string): Promise<Uint8Array>;
  /** E-mails the invoice through QuickBooks to `to`; the answer carries EmailStatus and DeliveryInfo. */
  sendInvoice(invoiceId: string, to: string, requestId: string): Promise<QboInvoice>;
  /** Home-currency units per one unit of `currency` on `asOf` (YYYY-MM-DD), as a decimal string. */
  exchangeRate(currency: string, asOf: string): Promise<{ rate: string; asOf: string }>;
  /** Saves the subject and message QuickBooks e-mails every invoice with; answers the preferences after. */
  saveInvoiceEmailMessage(subject: string, message: string): Promise<Entity>;
  /**
   * Creates (no Id), updates (Id and SyncToken) or deletes a Purchase with this requestid: a resend
   * answers the first write again. A delete answers the deleted Purchase's Id.
   */
  writePurchase(operation: 'create' | 'update' | 'delete', requestId: string, body: Entity): Promise<QboPurchase>;
}

/** An IPC error as a port error. An auth error QuickBooks did not answer (not connected) reads as 401/3200. */
export function portErrorFromIpc(error: IpcError): QboPortError {
  const remote = error.remote ?? {};
  if (error.kind === 'auth') return new QboPortError('auth', error.message, { status: 401, code: '3200', ...remote });
  if (error.kind === 'network') return new QboPortError('network', error.message, remote);
  if (error.kind === 'remote') return new QboPortError('remote', error.message, { status: error.retryable ? 500 : 400, ...remote });
  return new QboPortError('other', error.message);
}

/** Why a request got no answer: held for the Web Connector (a Desktop company), timed out, or dropped. */
function networkReason(error: QboPortError): 'queued' | 'timeout' | 'dropped' {
  if (error.details.type === QBD_QUEUED) return 'queued';
  return /timed? ?out|ETIMEDOUT/i.test(error.message) ? 'timeout' : 'dropped';
}

/** What classify.ts reads: a NetworkError or a QboFault. */
export function sendFailureOf(error: unknown): SendFailure {
  if (error instanceof QboPortError) {
    if (error.kind === 'network') return { kind: 'network', reason: networkReason(error), message: error.message };
    const { status, code, intuitTid, type } = error.details;
    const fault: QboFault = {
      ...(status !== undefined ? { status } : error.kind === 'auth' ? { status: 401 } : {}),
      type: type ?? (error.kind === 'auth' ? 'AUTHENTICATION' : 'HTTP'),
      errors: [{ code: code ?? (error.kind === 'auth' ? '3200' : String(status ?? '')), message: error.message }],
      ...(intuitTid ? { intuitTid } : {}),
    };
    return fault;
  }
  return { kind: 'network', reason: 'unknown', message: error instanceof Error ? error.message : String(error) };
}

type Invoke = RendererApi['invoke'];

/** QuickBooks answers an entity as an object with its Id; anything else is not what was asked for. */
const hasId = <K extends QboEntityName>(row: Entity): row is Entity & QboEntities[K] => typeof row['Id'] === 'string';

/** The IPC answer's rows as the entity they are, checked to carry an Id. */
function entityOf<K extends QboEntityName>(entity: K, row: Entity): QboEntities[K] {
  if (!hasId<K>(row)) throw new QboPortError('other', `QuickBooks answered a ${entity} without an Id.`);
  return row;
}

/** The app's port to one company: every call is one qbo:* IPC call naming it. */
// Long because it is one short method per QuickBooks call the port offers, side by side.
export function ipcQboPort(api: { invoke: Invoke }, companyId: string): QboPort {
  async function unwrap<T>(result: Promise<{ ok: true; value: T } | { ok: false; error: IpcError }>): Promise<T> {
    const r = await result;
    if (!r.ok) throw portErrorFromIpc(r.error);
    return r.value;
  }
  return {
    companyId,
    async batch(requestId, items) {
      const answer = await unwrap(api.invoke('qbo:sendBatch', { companyId, requestId, items }));
      return { ...answer, items: answer.items.map((item) => ({ ...item, data: item.data ? entityOf('TimeActivity', item.data) : null })) };
    },
    async queryAll(entity, where) {
      return (await unwrap(api.invoke('qbo:queryAll', { companyId, entity, ...(where ? { where } : {}) }))).items.map((row) => entityOf(entity, row));
    },
    async read(entity, id) {
      try {
        return entityOf(entity, (await unwrap(api.invoke('qbo:readEntity', { companyId, entity, id }))).data);
      } catch (error) {
        if (error instanceof QboPortError && error.details.code === '610') return null;
        throw error;
      }
    },
    async company() {
      return unwrap(api.invoke('qbo:getCompany', { companyId }));
    },
    async changes(entities, changedSince) {
      return (await unwrap(api.invoke('qbo:getChanges', { companyId, entities, changedSince }))).changes;
    },
    async status() {
      return unwrap(api.invoke('qbo:getStatus', { companyId }));
    },
    async createInvoice(requestId, body) {
      const answer = await unwrap(api.invoke('qbo:createInvoice', { companyId, requestId, body }));
      return { data: entityOf('Invoice', answer.data), intuitTid: answer.intuitTid };
    },
    async invoicePdf(invoiceId) {
      return fromBase64((await unwrap(api.invoke('qbo:getInvoicePdf', { companyId, invoiceId }))).pdfBase64);
    },
    async sendInvoice(invoiceId, to, requestId) {
      return entityOf('Invoice', (await unwrap(api.invoke('qbo:sendInvoice', { companyId, invoiceId, sendTo: to, requestId }))).data);
    },
    async writePurchase(operation, requestId, body) {
      return entityOf('Purchase', (await unwrap(api.invoke('qbo:writePurchase', { companyId, operation, requestId, body }))).data);
    },
    async exchangeRate(currency, asOf) {
      return unwrap(api.invoke('qbo:getExchangeRate', { companyId, currency, asOf }));
    },
    async saveInvoiceEmailMessage(subject, message) {
      return (await unwrap(api.invoke('qbo:saveInvoiceEmailMessage', { companyId, subject, message }))).preferences;
    },
  };
}

/** Base64 to bytes without Node's Buffer (the renderer has none). */
function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
