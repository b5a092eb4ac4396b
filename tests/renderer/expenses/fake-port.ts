// A QuickBooks company that keeps Purchases as QuickBooks does for the push engine: a write with a
// requestid it has answered is answered again (the first answer, nothing written twice); answers
// carry Id, SyncToken and TotalAmt; a delete answers { Id, status: 'Deleted' }; a billable line makes
// a ReimburseCharge that the Purchase's line names in its LinkedTxn (as the sandbox and Intuit's
// samples have it: the charge itself links only the invoice that bills it). Faults are scripted per writePurchase call: 'lost' (the
// write commits, the answer never arrives), 503, 'auth' (expired token), 'refuse' (6000).
import { QboPortError, type QboPort } from '../../../renderer/src/features/quickbooks/engine/qbo-port';
import type { QboPurchase, QboReimburseCharge } from '../../../shared/qbo/types';

type Fault = 'lost' | '503' | 'auth' | 'refuse' | 'stale';
type Body = Record<string, unknown>;

export interface FakeCompany {
  port: QboPort;
  purchases: Map<string, QboPurchase>;
  charges: QboReimburseCharge[];
  /** Every writePurchase call: operation and requestid. */
  calls: Array<{ op: string; requestId: string }>;
  /** Faults for the next writePurchase calls, in order. */
  faults: Fault[];
  /** Creates QuickBooks actually made (a duplicate would show here). */
  created: number;
}

const total = (body: Body) => ((body['Line'] as Array<{ Amount: number }>) ?? []).reduce((s, l) => s + Math.round(l.Amount * 100), 0) / 100;

function remote(status: number, code: string, message: string): QboPortError {
  return new QboPortError(status === 401 ? 'auth' : 'remote', message, { status, code });
}

export function fakeCompany(companyId = 'primary'): FakeCompany {
  const answered = new Map<string, QboPurchase>();
  const c: FakeCompany = { purchases: new Map(), charges: [], calls: [], faults: [], created: 0, port: undefined as unknown as QboPort };
  let next = 100;

  function commit(op: string, body: Body): QboPurchase {
    if (op === 'delete') {
      c.purchases.delete(String(body['Id']));
      return { Id: String(body['Id']), status: 'Deleted' } as unknown as QboPurchase;
    }
    const id = op === 'create' ? String(++next) : String(body['Id']);
    const before = c.purchases.get(id);
    if (op === 'update' && (!before || before.SyncToken !== body['SyncToken'])) throw remote(400, '5010', 'Stale Object Error');
    const purchase = { ...(body as unknown as QboPurchase), Id: id, SyncToken: before ? String(Number(before.SyncToken) + 1) : '0', TotalAmt: total(body) };
    c.purchases.set(id, purchase);
    if (op === 'create') {
      c.created++;
      const line = purchase.Line[0]!;
      const detail = line.AccountBasedExpenseLineDetail;
      if (detail.BillableStatus === 'Billable' && detail.CustomerRef) {
        c.charges.push({ Id: `rc-${id}`, SyncToken: '0', CustomerRef: detail.CustomerRef, Amount: purchase.TotalAmt!, HasBeenInvoiced: false });
        purchase.Line = [{ ...line, LinkedTxn: [{ TxnId: `rc-${id}`, TxnType: 'ReimburseCharge' }] }];
      }
    }
    return purchase;
  }

  const unused = () => Promise.reject(new Error('not used by the push engine'));
  c.port = {
    companyId,
    async writePurchase(op, requestId, body) {
      c.calls.push({ op, requestId });
      const fault = c.faults.shift();
      if (fault === '503') throw remote(503, '', 'Service Unavailable');
      if (fault === 'auth') throw remote(401, '3200', 'Token expired');
      if (fault === 'refuse') throw remote(400, '6000', 'The account period has closed.');
      if (fault === 'stale') {
        const p = c.purchases.get(String(body['Id']));
        if (p) c.purchases.set(p.Id, { ...p, SyncToken: String(Number(p.SyncToken) + 1) });
      }
      const answer = answered.get(requestId) ?? commit(op, body);
      answered.set(requestId, answer);
      if (fault === 'lost') throw new QboPortError('network', 'The connection dropped');
      return answer;
    },
    queryAll: unused,
    async read(entity, id) {
      if (entity !== 'Purchase') throw new Error(`unexpected read of ${entity}`);
      return (c.purchases.get(id) ?? null) as never;
    },
    batch: unused,
    company: unused,
    changes: unused,
    status: unused,
    createInvoice: unused,
    invoicePdf: unused,
    sendInvoice: unused,
    exchangeRate: unused,
    saveInvoiceEmailMessage: unused,
  };
  return c;
}
