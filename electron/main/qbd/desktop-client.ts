// What the qbo:* data channels call on a QuickBooks Desktop company: the same CompanyClient as an
// Online company's. Batches are written to the journal and answered once the Web Connector has
// taken them to QuickBooks (until then a retryable "queued" network error, so the engine sends the
// identical batch again later, as it does after any network failure); reads are answered from the
// journal's mirror of QuickBooks' lists and time, so they never wait for the Web Connector.
import { AppError } from '../../../shared/ipc/errors';
import { uuidFromSeed } from '../../../shared/qbo/hash';
import { QBD_QUEUED, qbdTimeOf, QbdTranslateError, type QbdListKind } from '../../../shared/qbd/translate';
import { QboFault } from '../qbo/faults';
import type { CompanyClient } from '../qbo/handlers';
import type { BatchItem, BatchItemResult } from '../qbo/qbo-client';
import { answered, type Journal, type JournalItem } from './desktop-journal';

/** The home currency of the QuickBooks Desktop editions qbXML serves here (US); rates are in it. */
const DESKTOP_CURRENCY = 'USD';

const QUEUED_WORDS = 'Waiting for QuickBooks Desktop: the Web Connector takes this at its next update.';

/** The Online entity names the renderer asks for, and the Desktop lists behind each (other names are vendors in Online's terms). */
const LISTS_OF: Record<string, QbdListKind[]> = {
  Customer: ['Customer'], Item: ['ItemService'], Employee: ['Employee'], Vendor: ['Vendor', 'OtherName'], Class: ['Class'],
};

/** A refusal as QuickBooks Online words one, so the renderer treats it the same ('remote'; 610 reads as "not there"). */
const refused = (code: string, message: string) => new QboFault(400, 'ValidationFault', [{ code, message }], null);

const notOnDesktop = (what: string) => new AppError('unavailable', `${what} is not available for QuickBooks Desktop companies in Track Nexus yet.`);

/** ExternalGUID in qbXML's GUIDTYPE ("{8-4-4-4-12}", upper case), the same for every resend of the batch. */
const externalGuidOf = (requestId: string, bId: string) => `{${uuidFromSeed(`${requestId}:${bId}`).toUpperCase()}}`;

const translateFault = (message: string) => ({ type: 'ValidationFault', errors: [{ code: 'QBD_TRANSLATE', message, detail: message }] });

/** One engine item as the journal keeps it: answered at once when Desktop cannot take it, queued otherwise. */
function journalItem(item: BatchItem, requestId: string): JournalItem {
  if (item.operation === 'query' || item.entity !== 'TimeActivity') {
    const fault = translateFault('Only time entries are sent to QuickBooks Desktop.');
    return { bId: item.bId, operation: item.operation === 'query' ? 'create' : item.operation, body: {}, state: 'answered', answer: answered(item.bId, { fault }) };
  }
  const base = { bId: item.bId, operation: item.operation, body: item.body };
  try {
    if (item.operation !== 'delete') qbdTimeOf(item.body);
    if (item.operation !== 'create' && typeof item.body['Id'] !== 'string') throw new QbdTranslateError('This entry has no QuickBooks transaction to change.');
  } catch (e) {
    if (!(e instanceof QbdTranslateError)) throw e;
    return { ...base, state: 'answered', answer: answered(item.bId, { fault: translateFault(e.message) }) };
  }
  return { ...base, state: 'queued', ...(item.operation === 'create' ? { guid: externalGuidOf(requestId, item.bId) } : {}) };
}

/** The TxnDate filter the renderer sends for time (reconcile-run.ts); anything else is refused. */
const TXN_DATE_RANGE = /^TxnDate >= '(\d{4}-\d{2}-\d{2})' AND TxnDate <= '(\d{4}-\d{2}-\d{2})'$/;
const ALL_ACTIVE_STATES = 'Active IN (true, false)';

// Long because it is the CompanyClient's whole surface, one short method each (and six refusals).
export function createDesktopClient(journal: Journal, deps: { name: string; now(): number; onChange(): void }): CompanyClient {
  const { data } = journal;
  const listEntities = (entity: string) => (LISTS_OF[entity] ?? []).flatMap((kind) => Object.values(data.lists[kind]));

  return {
    async batch(items, requestId) {
      const known = data.batches.find((b) => b.requestId === requestId);
      if (known === undefined) {
        data.batches.push({ requestId, createdAt: deps.now(), items: items.map((item) => journalItem(item, requestId)) });
        await journal.save();
        deps.onChange();
      }
      const batch = known ?? data.batches.at(-1)!;
      if (batch.items.every((i) => i.answer !== undefined)) return { items: batch.items.map((i) => i.answer!) as BatchItemResult[], intuitTid: null };
      throw new AppError('network', QUEUED_WORDS, { retryable: true, remote: { type: QBD_QUEUED } });
    },

    async queryAll(entity, where) {
      if (entity === 'TimeActivity') {
        const range = where === undefined ? null : TXN_DATE_RANGE.exec(where);
        if (where !== undefined && range === null) throw refused('4000', `QuickBooks Desktop time is looked up by date range only, not "${where}".`);
        return Object.values(data.time).map((m) => m.entity).filter((t) => range === null || (String(t['TxnDate']) >= range[1]! && String(t['TxnDate']) <= range[2]!));
      }
      if (LISTS_OF[entity] === undefined) throw refused('QBD_UNSUPPORTED', `Track Nexus does not read ${entity} records from QuickBooks Desktop.`);
      if (where !== undefined && where !== ALL_ACTIVE_STATES) throw refused('4000', `QuickBooks Desktop lists are read whole, not filtered by "${where}".`);
      return listEntities(entity).map((m) => m.entity);
    },

    async read(entity, id) {
      const found = entity === 'TimeActivity' ? data.time[id] : listEntities(entity).find((m) => m.entity['Id'] === id);
      if (found === undefined) throw refused('610', `QuickBooks Desktop has no ${entity} ${id} (as of the Web Connector's last update).`);
      return found.entity;
    },

    async cdc(entities, changedSince) {
      const since = Date.parse(changedSince);
      return Object.fromEntries(entities.filter((e) => LISTS_OF[e] !== undefined).map((e) => [e, listEntities(e).filter((m) => m.seenAt >= since).map((m) => m.entity)]));
    },

    async companyInfo() {
      return { Id: data.companyFile ?? deps.name, CompanyName: deps.name, Country: 'US', ...(data.companyFile === null ? {} : { CompanyFile: data.companyFile }) };
    },

    async preferences() {
      return { CurrencyPrefs: { HomeCurrency: { value: DESKTOP_CURRENCY }, MultiCurrencyEnabled: false } };
    },

    createInvoice: () => Promise.reject(notOnDesktop('Invoicing')),
    invoicePdf: () => Promise.reject(notOnDesktop('Invoicing')),
    sendInvoice: () => Promise.reject(notOnDesktop('Invoicing')),
    saveInvoiceEmailMessage: () => Promise.reject(notOnDesktop('Invoicing')),
    exchangeRate: () => Promise.reject(notOnDesktop('Exchange rates')),
    write: () => Promise.reject(notOnDesktop('Expenses')),
  };
}
