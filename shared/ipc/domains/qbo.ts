// Calls and events of the QuickBooks connection (the main-process half of the QboPort).
// Tokens and the client secret never appear in any response or event schema: they stay in main.
import { z } from 'zod';
import { COMPANY_ID_PATTERN } from '../../qbo/company';

const none = z.undefined();

export const QboEnvironment = z.enum(['production', 'sandbox', 'custom', 'demo']);
export type QboEnvironment = z.infer<typeof QboEnvironment>;

/**
 * One QuickBooks company of the workspace. 'primary' is the first company ever connected (the data
 * synced before several companies existed belongs to it); later ones get `co-` plus 8 hex digits.
 * A company keeps its id when disconnected and reconnected, so its mapping and history stay its own.
 */
export const CompanyId = z.string().regex(COMPANY_ID_PATTERN, 'must be a company id');
export type CompanyId = z.infer<typeof CompanyId>;

const QboConnectionState = z.enum(['disconnected', 'connecting', 'connected', 'reconnect_required', 'error']);
type QboConnectionState = z.infer<typeof QboConnectionState>;

/** Where a company's books are: an Online environment, or QuickBooks Desktop through the Web Connector. */
const CompanyEnvironment = z.enum([...QboEnvironment.options, 'desktop']);

export const QboStatus = z.object({
  companyId: CompanyId,
  state: QboConnectionState,
  environment: CompanyEnvironment,
  realmId: z.string().nullable(),
  companyName: z.string().nullable(),
  /** Why the state is what it is ("Reconnect QuickBooks: …", the error), for the QuickBooks screen. */
  message: z.string().nullable(),
  /** When the consent was given (UTC ms); null when not connected. */
  connectedAt: z.number().nullable(),
  /** True while the consent page is open and main waits for the browser to come back. */
  awaitingBrowser: z.boolean(),
});
export type QboStatus = z.infer<typeof QboStatus>;

const httpUrl = z.string().max(2048).refine((s) => /^https?:\/\//i.test(s), 'must be an http(s) URL');

export const QboSettingsInput = z.object({
  environment: QboEnvironment,
  customApiBase: httpUrl.optional(),
  customOAuthBase: httpUrl.optional(),
  clientId: z.string().max(200).optional(),
  /** Write-only: a new secret replaces the stored one; omitted keeps it; null removes it. */
  clientSecret: z.string().min(1).max(500).nullable().optional(),
  relayUrl: z.string().max(2048).refine((s) => /^https:\/\//i.test(s), 'must be an https URL').optional(),
  loopbackPort: z.number().int().min(0).max(65535).optional(),
});
export type QboSettingsInput = z.input<typeof QboSettingsInput>;

export const QboSettingsView = z.object({
  environment: QboEnvironment,
  customApiBase: z.string().nullable(),
  customOAuthBase: z.string().nullable(),
  clientId: z.string().nullable(),
  /** Whether a client secret is stored (its value is never sent to the renderer). */
  hasClientSecret: z.boolean(),
  /** Whether QBO_CLIENT_ID / QBO_CLIENT_SECRET are set, so keys can be left empty. */
  keysFromEnvironment: z.boolean(),
  relayUrl: z.string().nullable(),
  loopbackPort: z.number().int().nullable(),
  /** QBO_API_BASE / QBO_OAUTH_BASE override every environment when set. */
  basesFromEnvironment: z.boolean(),
  /** How secrets are protected on this computer (SecretStore.describe()). */
  secretStorage: z.string(),
  /** Whether this build carries the publisher's Intuit app, so production needs no keys of one's own. */
  publisherApp: z.boolean().optional(),
});
export type QboSettingsView = z.infer<typeof QboSettingsView>;

const QboErrorDetail = z.object({
  code: z.string(),
  message: z.string(),
  detail: z.string().optional(),
  element: z.string().optional(),
});

/** A QuickBooks fault, as returned for a batch item (whole-request faults are IPC errors). */
const QboFaultData = z.object({
  type: z.string(),
  errors: z.array(QboErrorDetail),
});
type QboFaultData = z.infer<typeof QboFaultData>;

const Entity = z.record(z.string(), z.unknown());
const EntityName = z.string().regex(/^[A-Za-z]{2,40}$/, 'must be a QuickBooks entity name such as Customer');
/** QBO accepts at most 50 characters (36 in a batch); a UUID fits both. */
const RequestId = z.string().min(1).max(36);

export const QboBatchItem = z.discriminatedUnion('operation', [
  z.object({ bId: z.string().min(1).max(10), operation: z.enum(['create', 'update', 'delete']), entity: EntityName, body: Entity }),
  z.object({ bId: z.string().min(1).max(10), operation: z.literal('query'), query: z.string().min(1).max(4000) }),
]);
export type QboBatchItem = z.infer<typeof QboBatchItem>;

export const QboBatchItemResult = z.object({
  bId: z.string(),
  /** The entity type of `data` (e.g. "TimeActivity") when the item succeeded with an entity. */
  entity: z.string().nullable(),
  data: Entity.nullable(),
  queryResponse: Entity.nullable(),
  fault: QboFaultData.nullable(),
});
export type QboBatchItemResult = z.infer<typeof QboBatchItemResult>;

const company = z.object({ companyId: CompanyId });
/** A QuickBooks Id (digits for entities QuickBooks numbers; the US pseudo tax codes are TAX and NON). */
const QboId = z.string().regex(/^[A-Za-z0-9-]{1,40}$/, 'must be a QuickBooks Id');
/** Where QuickBooks e-mails an invoice; QuickBooks itself refuses a malformed address only after the request. */
const EmailAddress = z.string().trim().max(100).pipe(z.email('must be an e-mail address such as ap@example.com'));
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2026-12-04');

export const qboCalls = {
  /** Every company of the workspace (connected or not), oldest first. */
  'qbo:listCompanies': { request: none, response: z.object({ companies: z.array(QboStatus) }) },
  'qbo:getStatus': { request: company, response: QboStatus },
  'qbo:getSettings': { request: none, response: QboSettingsView },
  'qbo:saveSettings': { request: QboSettingsInput, response: QboSettingsView },
  /**
   * Opens Intuit's consent page in the system browser; resolves once connected (or fails clearly).
   * With a companyId it reconnects that company (and refuses another realm); without, the realm the
   * user picks becomes a new company, or the existing one when it is already in the workspace.
   */
  'qbo:connectCompany': { request: z.object({ companyId: CompanyId.optional() }), response: QboStatus },
  'qbo:cancelConnect': { request: none, response: z.object({ cancelled: z.boolean() }) },
  /** Revokes that company's tokens at Intuit and forgets them; local data and other companies are untouched. */
  'qbo:disconnectCompany': { request: company, response: QboStatus },
  /** Starts the local demo company and connects to it (a company of its own beside any real one). */
  'qbo:startDemo': { request: none, response: QboStatus },
  /** Every row of one entity, paged by QBO's STARTPOSITION/MAXRESULTS. */
  'qbo:queryAll': {
    request: company.extend({ entity: EntityName, where: z.string().max(4000).optional() }),
    response: z.object({ items: z.array(Entity) }),
  },
  'qbo:readEntity': {
    request: company.extend({ entity: EntityName, id: z.string().min(1).max(40) }),
    response: z.object({ data: Entity }),
  },
  /** At most 30 items; per-item faults come back as data in `items[].fault`. */
  'qbo:sendBatch': {
    request: company.extend({ requestId: RequestId, items: z.array(QboBatchItem).min(1).max(30) }),
    /** intuit_tid identifies the request at Intuit (support asks for it); kept in the sync audit. */
    response: z.object({ items: z.array(QboBatchItemResult), intuitTid: z.string().nullable() }),
  },
  /** Change data capture: changed (and deleted, with status "Deleted") entities since an instant. */
  'qbo:getChanges': {
    request: company.extend({ entities: z.array(EntityName).min(1).max(30), changedSince: z.string().datetime({ offset: true }) }),
    response: z.object({ changes: z.record(z.string(), z.array(Entity)) }),
  },
  'qbo:getCompany': {
    request: company,
    response: z.object({ companyInfo: Entity, preferences: Entity }),
  },
  /** POST /invoice with this requestid: a resend (after a drop, a 503, a refresh) answers the first invoice. */
  'qbo:createInvoice': {
    request: company.extend({ requestId: RequestId, body: Entity }),
    response: z.object({ data: Entity, intuitTid: z.string().nullable() }),
  },
  /** The invoice's PDF as QuickBooks renders it (company form style), base64; at most 20 MB. */
  'qbo:getInvoicePdf': {
    request: company.extend({ invoiceId: QboId }),
    response: z.object({ pdfBase64: z.string() }),
  },
  /** QuickBooks e-mails the invoice to `sendTo` (which becomes its BillEmail) with the company's invoice message. */
  'qbo:sendInvoice': {
    request: company.extend({ invoiceId: QboId, sendTo: EmailAddress, requestId: RequestId }),
    response: z.object({ data: Entity }),
  },
  /** Home-currency units per one unit of `currency` on `asOf`; `rate` is the decimal QuickBooks sent. */
  'qbo:getExchangeRate': {
    request: company.extend({ currency: z.string().regex(/^[A-Z]{3}$/, 'must be a currency code such as EUR'), asOf: IsoDate }),
    response: z.object({ rate: z.string(), asOf: IsoDate }),
  },
  /** Saves the subject and message QuickBooks e-mails every invoice with (Preferences.EmailMessagesPrefs.InvoiceMessage). */
  'qbo:saveInvoiceEmailMessage': {
    request: company.extend({ subject: z.string().max(500), message: z.string().max(4000) }),
    response: z.object({ preferences: Entity }),
  },
  /**
   * Creates, updates (Id + SyncToken) or deletes (?operation=delete) a Purchase with this requestid:
   * a resend answers the first write. Only expenses the user recorded are written this way.
   */
  'qbo:writePurchase': {
    request: company.extend({ operation: z.enum(['create', 'update', 'delete']), requestId: RequestId, body: Entity }),
    response: z.object({ data: Entity }),
  },
} as const;

export const qboEvents = {
  /** One company's status changed (its companyId says which). */
  'qbo:statusChanged': QboStatus,
} as const;
