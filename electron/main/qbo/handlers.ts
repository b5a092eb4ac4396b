// The qbo:* IPC channels. Each handler awaits the service, calls it and maps failures to the IPC
// error kinds the renderer's sync engine acts on: 'auth' (pause until reconnect), 'network'
// (retry the same request, same requestid), 'remote' (a QuickBooks fault; retryable says whether
// a later retry can help). A QuickBooks fault's status, code and intuit_tid travel as `remote`.
import type { CompanyId, QboStatus } from '../../../shared/ipc/domains/qbo';
import { AppError } from '../../../shared/ipc/errors';
import type { Emit } from '../ipc/events';
import type { IpcRouter } from '../ipc/router';
import { QboConfigError } from './config';
import { QboFault, QboNetworkError } from './faults';
import { ConnectError } from './oauth-flow';
import type { QboClient } from './qbo-client';
import { QboService, SettingsConflictError, type QboServiceDeps } from './qbo-service';
import { NotConnectedError, ReconnectRequiredError, TokenNetworkError } from './token-keeper';

export function toAppError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  if (error instanceof ReconnectRequiredError) return new AppError('auth', error.message, { cause: error });
  if (error instanceof NotConnectedError) return new AppError('auth', 'QuickBooks is not connected. Connect it on the QuickBooks screen.', { cause: error });
  if (error instanceof TokenNetworkError) return new AppError('network', `QuickBooks sign-in could not be renewed right now (${error.message}). It will be retried.`, { retryable: true, cause: error });
  if (error instanceof QboNetworkError) return new AppError('network', error.message, { retryable: true, cause: error });
  if (error instanceof QboFault) {
    const remote = { status: error.status, type: error.type, ...(error.code ? { code: error.code } : {}), ...(error.intuitTid ? { intuitTid: error.intuitTid } : {}) };
    if (error.isAuth) return new AppError('auth', `Reconnect QuickBooks: ${error.message}`, { cause: error, remote });
    return new AppError('remote', error.message, { retryable: error.retryable, cause: error, remote });
  }
  if (error instanceof ConnectError) {
    const kind = ({ denied: 'auth', cancelled: 'conflict', timeout: 'network', exchange: 'remote', browser: 'unavailable' } as const)[error.reason];
    return new AppError(kind, error.message, { retryable: error.retryable, cause: error });
  }
  if (error instanceof QboConfigError) return new AppError('validation', error.message, { cause: error });
  if (error instanceof SettingsConflictError) return new AppError('conflict', error.message, { cause: error });
  return error;
}

async function guarded<T>(task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (error) {
    throw toAppError(error);
  }
}

/** What the data channels call on a company: QuickBooks Online's client, or a Desktop company's (electron/main/qbd/desktop-company.ts). */
export type CompanyClient = Pick<QboClient, 'queryAll' | 'read' | 'batch' | 'cdc' | 'companyInfo' | 'preferences' | 'createInvoice' | 'invoicePdf' | 'sendInvoice' | 'exchangeRate' | 'write' | 'saveInvoiceEmailMessage'>;

/**
 * The channels that read and write company data, each over the named company's client (what the
 * sync engine's port calls). `clientFor` finds it (and may start what it needs first). Also used by
 * `npm run bench:sync` in Chromium, so the benchmark's renderer reaches QuickBooks through the same
 * validation and error mapping as the app.
 */
export function registerQboDataHandlers(router: IpcRouter, clientFor: (companyId: CompanyId) => CompanyClient | Promise<CompanyClient>) {
  const data = <T>(companyId: CompanyId, task: (client: CompanyClient) => Promise<T>) => guarded(async () => task(await clientFor(companyId)));
  router.handle('qbo:queryAll', ({ companyId, entity, where }) => data(companyId, async (c) => ({ items: await c.queryAll(entity, where) })));
  router.handle('qbo:readEntity', ({ companyId, entity, id }) => data(companyId, async (c) => ({ data: await c.read(entity, id) })));
  router.handle('qbo:sendBatch', ({ companyId, requestId, items }) => data(companyId, (c) => c.batch(items, requestId)));
  router.handle('qbo:getChanges', ({ companyId, entities, changedSince }) => data(companyId, async (c) => ({ changes: await c.cdc(entities, changedSince) })));
  router.handle('qbo:getCompany', ({ companyId }) => data(companyId, async (c) => ({ companyInfo: await c.companyInfo(), preferences: await c.preferences() })));
  router.handle('qbo:createInvoice', ({ companyId, requestId, body }) => data(companyId, (c) => c.createInvoice(body, requestId)));
  router.handle('qbo:getInvoicePdf', ({ companyId, invoiceId }) => data(companyId, async (c) => ({ pdfBase64: (await c.invoicePdf(invoiceId)).toString('base64') })));
  router.handle('qbo:sendInvoice', ({ companyId, invoiceId, sendTo, requestId }) => data(companyId, async (c) => ({ data: await c.sendInvoice(invoiceId, sendTo, requestId) })));
  router.handle('qbo:getExchangeRate', ({ companyId, currency, asOf }) => data(companyId, (c) => c.exchangeRate(currency, asOf)));
  router.handle('qbo:writePurchase', ({ companyId, operation, requestId, body }) => data(companyId, async (c) => ({ data: await c.write('Purchase', operation, body, requestId) })));
  router.handle('qbo:saveInvoiceEmailMessage', ({ companyId, subject, message }) => data(companyId, async (c) => ({ preferences: await c.saveInvoiceEmailMessage(subject, message) })));
}

/** The workspace's QuickBooks Desktop companies as the qbo:* channels reach them (electron/main/qbd/desktop-service.ts). */
export interface DesktopCompanies {
  whenReady(): Promise<void>;
  has(companyId: CompanyId): boolean;
  ids(): CompanyId[];
  statuses(): QboStatus[];
  status(companyId: CompanyId): QboStatus;
  connect(companyId: CompanyId): Promise<QboStatus>;
  disconnect(companyId: CompanyId): Promise<QboStatus>;
  clientFor(companyId: CompanyId): CompanyClient;
}

export type QboHandlerDeps = Omit<QboServiceDeps, 'emitStatus' | 'otherCompanyIds'> & { desktop?: DesktopCompanies };

/** Online companies through the QboService; a Desktop company's id goes to `desktop`, listed beside them. */
export function registerQboHandlers(router: IpcRouter, emit: Emit, { desktop, ...deps }: QboHandlerDeps) {
  const desktopReady = async () => (await desktop?.whenReady(), desktop);
  const service = new QboService({
    ...deps,
    emitStatus: (status) => emit('qbo:statusChanged', status),
    otherCompanyIds: async () => (await desktopReady())?.ids() ?? [],
  });
  const ready = <T>(task: () => T) => guarded(async () => (await service.whenReady(), await desktop?.whenReady(), task()));
  /** The Desktop companies when the id is one of theirs. */
  const desktopOf = async (companyId: CompanyId | undefined) => {
    const d = await desktopReady();
    return d && companyId !== undefined && d.has(companyId) ? d : null;
  };
  const route = <T>(companyId: CompanyId | undefined, online: () => Promise<T>, offline: (d: DesktopCompanies, id: CompanyId) => T | Promise<T>) =>
    guarded(async () => {
      const d = await desktopOf(companyId);
      return d && companyId !== undefined ? offline(d, companyId) : online();
    });
  router.handle('qbo:listCompanies', () => ready(() => ({ companies: [...service.list(), ...(desktop?.statuses() ?? [])] })));
  router.handle('qbo:getStatus', ({ companyId }) => route(companyId, () => ready(() => service.status(companyId)), (d, id) => d.status(id)));
  router.handle('qbo:getSettings', () => ready(() => service.settingsView()));
  router.handle('qbo:saveSettings', (input) => guarded(() => service.saveSettings(input)));
  router.handle('qbo:connectCompany', ({ companyId }) => route(companyId, () => service.connect(companyId), (d, id) => d.connect(id)));
  router.handle('qbo:cancelConnect', () => ({ cancelled: service.cancelConnect() }));
  router.handle('qbo:disconnectCompany', ({ companyId }) => route(companyId, () => service.disconnect(companyId), (d, id) => d.disconnect(id)));
  router.handle('qbo:startDemo', () => guarded(() => service.startDemo()));
  // Data calls start the demo company first when they are for it (after a restart).
  registerQboDataHandlers(router, async (companyId) => (await desktopOf(companyId))?.clientFor(companyId) ?? service.clientFor(companyId));

  return { service, dispose: () => service.dispose() };
}
