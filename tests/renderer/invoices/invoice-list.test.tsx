// @vitest-environment jsdom
// The invoices made: their state in QuickBooks in words, a refresh from QuickBooks, an invoice
// changed in QuickBooks shown with both sides and taken over on request, and e-mailing, which
// sends nothing until Send is clicked and passes on a changed cover message.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InvoiceStatus } from '../../../renderer/src/features/invoices/invoice-service';
import { connected, renderScreen } from './render-screen';
import { fakeService, summary } from './fake-service';

vi.mock('../../../renderer/src/platform/api', () => ({
  api: { invoke: vi.fn(async () => ({ ok: true, value: { companies: [connected('primary', 'Nexus Consulting')] } })), on: () => () => {} },
}));

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const STATUSES: Array<[InvoiceStatus, string]> = [
  ['draft', 'draft'], ['sent', 'sent'], ['overdue', 'overdue'], ['partlyPaid', 'partly paid'], ['paid', 'paid'],
  ['voided', 'voided'], ['deleted', 'deleted'], ['sending', 'sending'], ['failed', 'failed'],
];

async function openInvoice(number: string) {
  const table = await screen.findByRole('table', { name: 'Invoices made from the app' });
  fireEvent.click(within(table).getByRole('button', { name: number }));
  return screen.findByRole('region', { name: new RegExp(`^Invoice ${number} for`) });
}

describe('Invoices made', () => {
  it('shows each invoice with its amounts and its state in words, and refreshes from QuickBooks', async () => {
    const invoices = STATUSES.map(([status], i) => summary(String(i), { status, balanceMinor: status === 'partlyPaid' ? 70_000 : 170_836 }));
    const service = fakeService({ invoices });
    renderScreen(service);
    const table = await screen.findByRole('table', { name: 'Invoices made from the app' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.lastElementChild!.textContent)).toEqual(STATUSES.map(([, words]) => words));
    expect(rows[3]!.textContent).toContain('$700.00');
    expect(rows[3]!.textContent).toContain('$1,708.36');
    expect(rows[3]!.textContent).toContain('3 Jan 2027');
    fireEvent.click(screen.getByRole('button', { name: 'Refresh from QuickBooks' }));
    await waitFor(() => expect(service.list).toHaveBeenCalledTimes(2));
    expect(service.refresh).toHaveBeenCalledTimes(1);
  });

  it('shows what changed in QuickBooks and takes QuickBooks’ version when asked', async () => {
    const differences = ['Line 2: 2:30 h × $150.00 = $375.00 here, 2:00 h × $150.00 = $300.00 in QuickBooks'];
    const service = fakeService({ invoices: [summary('1', { conflict: { differences, seenAt: 1 } })] });
    renderScreen(service);
    const table = await screen.findByRole('table', { name: 'Invoices made from the app' });
    expect(table.textContent).toContain('changed in QuickBooks');
    const detail = await openInvoice('101');
    expect(within(detail).getByRole('group', { name: 'Changed in QuickBooks' }).textContent).toContain(differences[0]);
    fireEvent.click(within(detail).getByRole('button', { name: "Accept QuickBooks' version" }));
    await waitFor(() => expect(service.acceptQuickBooks).toHaveBeenCalledWith('1'));
    await waitFor(() => expect(screen.queryByRole('group', { name: 'Changed in QuickBooks' })).toBeNull());
  });

  it('e-mails only on Send, to the address given, with the edited message, and then says it was sent', async () => {
    const service = fakeService({ invoices: [summary('1')] });
    renderScreen(service);
    const detail = await openInvoice('101');
    expect(detail.textContent).toContain('Not sent');
    fireEvent.click(within(detail).getByRole('button', { name: 'Send by e-mail…' }));
    const dialog = await screen.findByRole('dialog');
    const to = within(dialog).getByRole('textbox', { name: 'To' }) as HTMLInputElement;
    await waitFor(() => expect(to.value).toBe('ap@acme.example'));
    expect(dialog.textContent).toContain('QuickBooks uses one message for all invoice e-mails');
    fireEvent.change(to, { target: { value: 'billing@acme.example' } });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Message' }), { target: { value: 'Thanks for November.' } });
    expect(service.email).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(service.email).toHaveBeenCalledWith('1', 'billing@acme.example', { subject: 'Invoice [Invoice No.] from Nexus', message: 'Thanks for November.' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((await openInvoiceAgain()).textContent).toContain('Sent to billing@acme.example on 4 Dec 2026');
  });

  it('sends no changed message when the cover message was left as it is, and Cancel sends nothing', async () => {
    const service = fakeService({ invoices: [summary('1')] });
    renderScreen(service);
    const detail = await openInvoice('101');
    fireEvent.click(within(detail).getByRole('button', { name: 'Send by e-mail…' }));
    let dialog = await screen.findByRole('dialog');
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(service.email).not.toHaveBeenCalled();
    fireEvent.click(within(detail).getByRole('button', { name: 'Send by e-mail…' }));
    dialog = await screen.findByRole('dialog');
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Send' }));
    await waitFor(() => expect(service.email).toHaveBeenCalledWith('1', 'ap@acme.example', undefined));
  });

  it('asks QuickBooks for the PDF and names the saved file after the invoice', async () => {
    const service = fakeService({ invoices: [summary('1')] });
    const created: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => (created.push(b), 'blob:pdf'));
    URL.revokeObjectURL = vi.fn();
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { clicked.push(this.download); });
    renderScreen(service);
    const detail = await openInvoice('101');
    fireEvent.click(within(detail).getByRole('button', { name: 'Save PDF' }));
    await waitFor(() => expect(clicked).toEqual(['Invoice-101.pdf']));
    expect(service.pdf).toHaveBeenCalledWith('1');
    expect(created[0]!.type).toBe('application/pdf');
    expect(created[0]!.size).toBe(4);
    await waitFor(() => expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:pdf'));
  });
});

describe('View PDF', () => {
  it('asks QuickBooks for the PDF and says in words when it cannot be drawn', async () => {
    // PDF.js warns on the console that Node is not a browser; jsdom is only the first step here.
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const service = fakeService({ invoices: [summary('1')] });
    renderScreen(service);
    const detail = await openInvoice('101');
    fireEvent.click(within(detail).getByRole('button', { name: 'View PDF' }));
    await waitFor(() => expect(service.pdf).toHaveBeenCalledWith('1'));
    // The fake's four bytes are no PDF: PDF.js refuses them and the screen says so.
    const alert = await within(detail).findByRole('alert', {}, { timeout: 15_000 });
    expect(alert.textContent).toMatch(/^The PDF could not be shown: .+ Save PDF still gives you the file\.$/);
    expect(within(detail).getByRole('button', { name: 'Hide PDF' }).getAttribute('aria-expanded')).toBe('true');
  });
});

/** The detail after the list was read again (the invoice stays chosen). */
function openInvoiceAgain() {
  return screen.findByRole('region', { name: /^Invoice 101 for/ });
}
