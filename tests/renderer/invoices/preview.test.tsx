// @vitest-environment jsdom
// Previewing and creating invoices: the preview shows the lines with the overtime rule, sections,
// subtotals, tax, total and the exchange rate in words; a blocking pre-flight problem holds that
// invoice back; a layout change asks for the preview again with it; Create sends exactly the
// invoices shown that may be created, and says what happened to each.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connected, renderScreen } from './render-screen';
import { fakeService } from './fake-service';

vi.mock('../../../renderer/src/platform/api', () => ({
  api: { invoke: vi.fn(async () => ({ ok: true, value: { companies: [connected('primary', 'Nexus Consulting')] } })), on: () => () => {} },
}));

afterEach(cleanup);

let service: ReturnType<typeof fakeService>;

async function previewBoth(options: Parameters<typeof fakeService>[0] = {}) {
  service = fakeService(options);
  renderScreen(service);
  const list = await screen.findByRole('list', { name: 'Customers with unbilled time' });
  for (const box of within(list).getAllByRole('checkbox')) fireEvent.click(box);
  fireEvent.click(screen.getByRole('button', { name: 'Preview invoices (2)' }));
  return screen.findByRole('article', { name: 'Invoice for Acme Cars' });
}

describe('Preview', () => {
  beforeEach(() => vi.clearAllMocks());

  it('shows the lines, the overtime rule, sections, subtotals, tax, total and the exchange rate', async () => {
    const acme = await previewBoth();
    expect(service.preview).toHaveBeenCalledWith(['c-acme', 'c-beta'], { from: '2026-11-01', to: '2026-11-30' }, {});
    const table = within(acme).getByRole('table', { name: 'Lines of the invoice for Acme Cars' });
    expect(within(table).getByRole('rowheader', { name: 'Website' })).toBeTruthy();
    const overtime = within(table).getByText('Overtime ×1.5: hours beyond 8 h in a day').closest('tr')!;
    expect(overtime.textContent).toContain('1:30');
    expect(overtime.textContent).toContain('at 150%');
    expect(overtime.textContent).toContain('€312.51');
    expect(within(table).getByRole('rowheader', { name: 'Subtotal Website' }).closest('tr')!.textContent).toContain('€1,423.63');
    expect(within(table).getByRole('rowheader', { name: /VAT \(20%/ }).closest('tr')!.textContent).toContain('€284.73');
    expect(within(table).getByRole('rowheader', { name: 'Total' }).closest('tr')!.textContent).toContain('€1,708.36');
    expect(acme.textContent).toContain("In EUR at QuickBooks' rate of 1 EUR = 1.08 USD on 4 Dec 2026; rates converted from USD.");
    expect(within(screen.getByRole('article', { name: 'Invoice for Beta Bikes' })).queryByText(/QuickBooks' rate/)).toBeNull();
    expect(within(acme).getByRole('list', { name: 'Checks for Acme Cars' }).textContent).toContain('One entry has no rate');
  });

  it('holds back an invoice with a blocking problem and creates only the others', async () => {
    const acme = await previewBoth({ blocked: ['c-beta'] });
    const beta = screen.getByRole('article', { name: 'Invoice for Beta Bikes' });
    expect(within(beta).getByText(/Cannot create: Beta Bikes is inactive in QuickBooks/).className).toBe('error');
    expect((within(beta).getByRole('button', { name: 'Create this invoice' }) as HTMLButtonElement).disabled).toBe(true);
    expect((within(acme).getByRole('button', { name: 'Create this invoice' }) as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Create 1 invoice in QuickBooks' }));
    await screen.findByText(/Created 1 invoice in QuickBooks/);
    expect(service.create).toHaveBeenCalledTimes(1);
    expect(service.create.mock.calls[0]![0].map((p) => p.previewId)).toEqual(['c-acme']);
  });

  it('asks for the preview again with a changed layout, and keeps it for the client when told', async () => {
    const acme = await previewBoth();
    fireEvent.change(within(acme).getByRole('combobox', { name: 'Lines' }), { target: { value: 'task' } });
    await waitFor(() => expect(service.preview).toHaveBeenLastCalledWith(['c-acme', 'c-beta'], expect.anything(), { 'c-acme': { layout: { detail: 'task' }, header: {} } }));
    const again = await screen.findByRole('article', { name: 'Invoice for Acme Cars' });
    await waitFor(() => expect((within(again).getByRole('combobox', { name: 'Lines' }) as HTMLSelectElement).value).toBe('task'));
    fireEvent.click(within(again).getByRole('button', { name: 'Use for this client from now on' }));
    await waitFor(() => expect(service.saveLayouts).toHaveBeenCalledWith({ defaultLayout: expect.objectContaining({ detail: 'taskDay' }), byClient: { 'cl-c-acme': expect.objectContaining({ detail: 'task' }) } }));
  });

  it('lets the invoice be dated later (after a closing date), asking the preview again', async () => {
    const acme = await previewBoth();
    const date = within(acme).getByLabelText('Invoice date');
    fireEvent.change(date, { target: { value: '2026-12-07' } });
    fireEvent.blur(date);
    await waitFor(() => expect(service.preview).toHaveBeenLastCalledWith(expect.anything(), expect.anything(), { 'c-acme': { layout: {}, header: { txnDate: '2026-12-07' } } }));
  });

  it('sends changed invoice details with the preview', async () => {
    const acme = await previewBoth();
    const number = within(acme).getByRole('textbox', { name: 'Invoice number' });
    fireEvent.change(number, { target: { value: 'INV-77' } });
    fireEvent.blur(number);
    await waitFor(() => expect(service.preview).toHaveBeenLastCalledWith(expect.anything(), expect.anything(), { 'c-acme': { layout: {}, header: { docNumber: 'INV-77' } } }));
  });

  it('creates the invoices shown and tells which were made and which failed and why', async () => {
    await previewBoth();
    fireEvent.click(screen.getByRole('button', { name: 'Create 2 invoices in QuickBooks' }));
    expect(await screen.findByText(/Created 1 invoice in QuickBooks: 200 for Acme Cars/)).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Invoices not created' }).textContent).toContain('Not created for Beta Bikes: The books are closed for 20 Nov 2026.');
    const sent = service.create.mock.calls[0]![0];
    const shown = await service.preview.mock.results[0]!.value;
    expect(sent.map((p) => p.previewId)).toEqual(['c-acme', 'c-beta']);
    expect(sent.map((p) => p.draft.totalMinor)).toEqual(shown.map((p: { draft: { totalMinor: number } }) => p.draft.totalMinor));
    await waitFor(() => expect(service.unbilled).toHaveBeenCalledTimes(2));
  });

  it('a Create clicked right after changing a field creates the invoice with that change, not the one shown before it', async () => {
    const acme = await previewBoth();
    const number = within(acme).getByRole('textbox', { name: 'Invoice number' });
    fireEvent.change(number, { target: { value: 'INV-78' } });
    fireEvent.blur(number);
    fireEvent.click(within(acme).getByRole('button', { name: 'Create this invoice' }));
    await screen.findByText(/Created 1 invoice in QuickBooks/);
    const sent = service.create.mock.calls[0]![0];
    expect(sent.map((p) => [p.previewId, p.input.header.docNumber])).toEqual([['c-acme', 'INV-78']]);
  });
});
