// /_sandbox/ routes for tests and benchmarks: reset, tokens without a browser, injected
// faults, throttle settings, revoking every grant and a read-out of the whole state. Off unless enabled.
import { round2 } from './validate';
import type { HttpAnswer } from './oauth';
import { ACCOUNTING_SCOPE } from './oauth';
import type { SandboxRuntime } from './runtime';
import { isValidZone } from '../../shared/time/zone';
import { QboFault } from './errors';
import type { Entity } from './store';
import { qboDateTime } from './time';

const answer = (status: number, body: unknown): HttpAnswer => ({
  status,
  headers: { 'content-type': 'application/json;charset=UTF-8' },
  body: JSON.stringify(body),
});

function parseBody(text: string): Record<string, unknown> | undefined {
  if (!text.trim()) return {};
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * A bookkeeper editing one sales line in QuickBooks: a new Qty keeps the rate and recomputes the
 * amount; a new Amount keeps the quantity and recomputes the rate; both set the rate to Amount / Qty.
 */
function editLine(lineId: string, body: Record<string, unknown>): ((invoice: Entity) => Record<string, unknown>) | string {
  const { Amount, Qty, Description } = body;
  if (Amount !== undefined && !isNumber(Amount)) return 'Amount must be a number';
  if (Qty !== undefined && !isNumber(Qty)) return 'Qty must be a number';
  if (Description !== undefined && typeof Description !== 'string') return 'Description must be text';
  return (invoice) => ({
    Line: (invoice.Line as Array<Record<string, unknown>>).map((line) => {
      if (String(line.Id) !== lineId || line.DetailType !== 'SalesItemLineDetail') return line;
      const detail = { ...(line.SalesItemLineDetail as Record<string, unknown>) };
      const qty = Qty ?? (detail.Qty as number | undefined);
      if (Qty !== undefined) detail.Qty = Qty;
      let amount = Amount ?? (line.Amount as number);
      if (Amount !== undefined && qty) detail.UnitPrice = Amount / qty;
      else if (Qty !== undefined && isNumber(detail.UnitPrice)) amount = round2(Qty * detail.UnitPrice);
      return { ...line, Amount: amount, SalesItemLineDetail: detail, ...(Description !== undefined ? { Description } : {}) };
    }),
  });
}

/** `invoices/{id}/void|delete|payment`, `invoices/{id}/lines/{lineId}`: acting as a QuickBooks user. */
function actOnInvoice(rt: SandboxRuntime, route: string, body: Record<string, unknown>): HttpAnswer {
  const m = /^invoices\/([^/]+)\/(void|delete|payment|lines\/([^/]+))$/.exec(route);
  if (!m) return answer(404, { error: 'not_found' });
  const [, id, action, lineId] = m as unknown as [string, string, string, string | undefined];
  try {
    if (action === 'void' || action === 'delete') return answer(200, rt.api.actOnInvoice(id, action));
    if (action === 'payment') {
      if (!isNumber(body.amount)) return answer(400, { error: 'amount must be a number' });
      return answer(200, rt.api.receivePayment(id, body.amount));
    }
    const invoice = rt.company.get('Invoice', id);
    const lines = (invoice?.Line as Array<{ Id?: string; DetailType: string }> | undefined) ?? [];
    if (!lines.some((l) => l.Id === lineId && l.DetailType === 'SalesItemLineDetail')) return answer(404, { error: `invoice ${id} has no sales line ${String(lineId)}` });
    const edit = editLine(String(lineId), body);
    if (typeof edit === 'string') return answer(400, { error: edit });
    return answer(200, rt.api.actOnInvoice(id, edit));
  } catch (e) {
    if (!(e instanceof QboFault)) throw e;
    return answer(e.status, e.body(qboDateTime(rt.company.now(), true)));
  }
}

/** The answer to a bookkeeper's action: what it returns, or the fault QuickBooks would give. */
function asBookkeeper(rt: SandboxRuntime, act: () => unknown): HttpAnswer {
  try {
    return answer(200, act());
  } catch (e) {
    if (!(e instanceof QboFault)) throw e;
    return answer(e.status, e.body(qboDateTime(rt.company.now(), true)));
  }
}

const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

/** `payments {customerId, amount, invoices?: [{id, amount}], txnDate?}`: the body checked, or the error to answer. */
function paymentBody(body: Record<string, unknown>) {
  const { customerId, amount, invoices = [], txnDate } = body;
  if (typeof customerId !== 'string' || !customerId) return 'customerId must be a customer Id';
  if (!isNumber(amount)) return 'amount must be a number';
  if (txnDate !== undefined && !isDate(txnDate)) return 'txnDate must be a date such as 2026-01-31';
  const list = Array.isArray(invoices) ? (invoices as Array<{ id?: unknown; amount?: unknown } | null>) : undefined;
  if (!list || !list.every((i) => typeof i?.id === 'string' && isNumber(i.amount))) return 'invoices must be a list of {id, amount}';
  return { customerId, amount, invoices: list as Array<{ id: string; amount: number }>, txnDate };
}

/** `payments` and `payments/{id}/delete`: payments received or deleted in QuickBooks. */
function actOnPayments(rt: SandboxRuntime, route: string, body: Record<string, unknown>): HttpAnswer {
  if (route === 'payments') {
    const p = paymentBody(body);
    if (typeof p === 'string') return answer(400, { error: p });
    return asBookkeeper(rt, () => rt.api.recordPayment(p.customerId, p.amount, p.invoices, p.txnDate));
  }
  const m = /^payments\/([^/]+)\/delete$/.exec(route);
  if (!m) return answer(404, { error: 'not_found' });
  return asBookkeeper(rt, () => rt.api.deletePayment(m[1] as string));
}

/** reset's body checked: the options it takes, or the error to answer. */
function resetOptions(body: Record<string, unknown>) {
  const variant = body.variant ?? 'home';
  if (variant !== 'home' && variant !== 'multicurrency') return 'variant must be home or multicurrency';
  const taxModel = body.taxModel ?? 'us';
  if (taxModel !== 'us' && taxModel !== 'codes') return 'taxModel must be us or codes';
  const extra = body.extraCustomers ?? 0;
  if (typeof extra !== 'number' || !Number.isInteger(extra) || extra < 0 || extra > 100_000) return 'extraCustomers must be a whole number up to 100000';
  const timeZone = body.timeZone;
  if (timeZone !== undefined && (typeof timeZone !== 'string' || !isValidZone(timeZone))) return 'timeZone must be an IANA zone such as America/New_York';
  const bookCloseDate = body.bookCloseDate;
  if (bookCloseDate !== undefined && bookCloseDate !== null && (typeof bookCloseDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(bookCloseDate))) {
    return 'bookCloseDate must be a date such as 2026-10-31, or null for open books';
  }
  return { variant, taxModel, extra, timeZone: timeZone as string | undefined, bookCloseDate: bookCloseDate as string | null | undefined } as const;
}

// Long because it is the table of control routes: one short case per route, read one at a time.
export function handleControl(rt: SandboxRuntime, method: string, route: string, text: string): HttpAnswer {
  if (method === 'GET' && route === 'state') return answer(200, rt.snapshot());
  if (method === 'GET' && route === 'mail') return answer(200, { mail: rt.company.data.mail ?? [] });
  if (method !== 'POST') return answer(404, { error: 'not_found' });
  const body = parseBody(text);
  if (!body) return answer(400, { error: 'body must be a JSON object' });
  if (route.startsWith('invoices/')) return actOnInvoice(rt, route, body);
  if (route === 'payments' || route.startsWith('payments/')) return actOnPayments(rt, route, body);
  if (route === 'recurring/run') {
    if (!isDate(body.asOf)) return answer(400, { error: 'asOf must be a date such as 2026-03-31' });
    const asOf = body.asOf;
    return asBookkeeper(rt, () => rt.api.runRecurring(asOf));
  }
  switch (route) {
    case 'reset': {
      const o = resetOptions(body);
      if (typeof o === 'string') return answer(400, { error: o });
      rt.reset(o.variant, o.extra, o.timeZone, o.bookCloseDate, o.taxModel);
      return answer(200, { realmId: rt.realmId, variant: o.variant, taxModel: o.taxModel, timeZone: rt.company.zone });
    }
    case 'tokens': {
      const client = rt.options.clients.find((c) => c.clientId === (body.clientId ?? rt.options.clients[0]?.clientId));
      if (!client) return answer(400, { error: 'unknown clientId' });
      const scope = typeof body.scope === 'string' ? body.scope : ACCOUNTING_SCOPE;
      const tokens = rt.oauth.grantDirectly(client.clientId, scope.split(/\s+/).filter(Boolean));
      rt.persist();
      return answer(200, { ...tokens, realmId: rt.realmId, client_id: client.clientId, client_secret: client.clientSecret });
    }
    case 'faults': {
      const error = rt.faults.set(body);
      if (error) return answer(400, { error });
      const expired = body.expireAccessTokens === true ? rt.oauth.expireAccessTokens() : 0;
      return answer(200, { ...rt.faults.settings, expiredAccessTokens: expired });
    }
    case 'revoke': {
      // Every grant is revoked, as when the company admin disconnects the app in QuickBooks: API
      // calls answer 401 and refreshes invalid_grant until the user connects again.
      let revoked = 0;
      for (const grant of Object.values(rt.oauth.data.grants)) {
        if (!grant.revoked) {
          grant.revoked = true;
          revoked++;
        }
      }
      rt.persist();
      return answer(200, { revoked });
    }
    case 'limits': {
      const { timeScale, enabled } = body;
      if (timeScale !== undefined && (typeof timeScale !== 'number' || !(timeScale > 0))) return answer(400, { error: 'timeScale must be a positive number' });
      if (enabled !== undefined && typeof enabled !== 'boolean') return answer(400, { error: 'enabled must be a boolean' });
      rt.limiter.settings = { timeScale: (timeScale as number | undefined) ?? rt.limiter.settings.timeScale, enabled: (enabled as boolean | undefined) ?? rt.limiter.settings.enabled };
      rt.limiter.clear();
      return answer(200, rt.limiter.settings);
    }
    default:
      return answer(404, { error: 'not_found' });
  }
}
