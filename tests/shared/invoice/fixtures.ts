// Small builders for invoice inputs, shared by the invoice tests.
import type { BillableTime, InvoiceInput, InvoiceItem } from '../../../shared/invoice/types';
import { DEFAULT_INVOICE_LAYOUT } from '../../../shared/invoice/types';
import { localDate, zonedInstant } from '../../../shared/time/zone';

export const HOUR = 3_600_000;
export const MINUTE = 60_000;

export const items = new Map<string, InvoiceItem>([
  ['1', { id: '1', name: 'Hours', active: true, taxable: false, incomeAccountId: '79', taxCodeId: null }],
  ['2', { id: '2', name: 'Design', active: true, taxable: true, incomeAccountId: '79', taxCodeId: null }],
]);

/** A piece of time; `date` and `time` are local to `zone` (New York unless given). */
export function piece(over: Partial<BillableTime> & { date?: string; time?: string } = {}): BillableTime {
  const { date = '2026-12-01', time = '09:00', zone = 'America/New_York', ...rest } = over;
  const start = rest.start ?? zonedInstant(date, time, zone);
  return {
    entryId: 'e1',
    key: 'k1',
    timeActivityId: 'ta1',
    customerId: 'c1',
    clientId: 'acme',
    clientName: 'Acme',
    projectId: 'web',
    projectName: 'Website redesign',
    taskId: 'design',
    taskName: 'Design',
    itemId: '1',
    classId: null,
    localDate: localDate(start, zone),
    start,
    zone,
    billedMs: HOUR,
    rateMinor: 15_000,
    description: '',
    ...rest,
  };
}

export function input(time: BillableTime[], over: Partial<InvoiceInput> = {}): InvoiceInput {
  return {
    customer: { id: 'c1', name: 'Acme', currency: 'USD', active: true, taxable: true, taxCodeId: null, email: null, termId: null },
    time,
    layout: DEFAULT_INVOICE_LAYOUT,
    multipliers: { weekStartsOn: 1 },
    homeCurrency: 'USD',
    exchangeRate: null,
    tax: { mode: 'none', codes: [] },
    items,
    header: { txnDate: '2026-12-07', dueDate: null, termId: null, memo: '', message: '', billEmail: null, docNumber: null },
    ...over,
  };
}
