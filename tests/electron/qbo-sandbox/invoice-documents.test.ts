import { beforeAll, describe, expect, it } from 'vitest';
import { boot, findId, firstError } from './helpers';
import { useSandbox } from '../../fixtures/use-sandbox';

const h = useSandbox(() => boot());
let invoice: { Id: string; DocNumber: string };
beforeAll(async () => {
  const cars = await findId(h, 'Customer', 'DisplayName', 'Cool Cars');
  const design = await findId(h, 'Item', 'Name', 'Design');
  invoice = (
    await h.api('POST', 'invoice', {
      CustomerRef: { value: cars },
      Line: [
        { DetailType: 'SalesItemLineDetail', Amount: 150, Description: 'Showroom design (draft)', SalesItemLineDetail: { ItemRef: { value: design }, Qty: 2, UnitPrice: 75 } },
        { DetailType: 'SalesItemLineDetail', Amount: 37.5, SalesItemLineDetail: { ItemRef: { value: design }, Qty: 0.5, UnitPrice: 75 } },
      ],
    })
  ).json.Invoice;
});

describe('invoice pdf', () => {
  it('is a well-formed PDF with the number, customer, lines and total', async () => {
    const res = await fetch(`${h.sb.url}/v3/company/${h.sb.realmId}/invoice/${invoice.Id}/pdf`, { headers: { Authorization: `Bearer ${h.token}`, Accept: 'application/pdf' } });
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer()).toString('latin1');
    expect(pdf.startsWith('%PDF-1.4')).toBe(true);
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
    for (const text of [`Invoice ${invoice.DocNumber}`, 'Cool Cars', 'Showroom design \\(draft\\)', 'USD 187.50']) expect(pdf).toContain(text);
    // The xref table must point at each object exactly, or viewers reject the file.
    const startxref = Number(/startxref\n(\d+)/.exec(pdf)?.[1]);
    expect(pdf.slice(startxref, startxref + 4)).toBe('xref');
    const offsets = [...pdf.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(offsets).toHaveLength(5);
    offsets.forEach((o, i) => expect(pdf.slice(o, o + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));
    const length = Number(/\/Length (\d+)/.exec(pdf)?.[1]);
    const streamStart = pdf.indexOf('stream\n') + 'stream\n'.length;
    expect(pdf.slice(streamStart + length, streamStart + length + '\nendstream'.length)).toBe('\nendstream');
  });
});

describe('invoice send', () => {
  it('marks the invoice EmailSent with DeliveryInfo and the address', async () => {
    const r = await h.api('POST', `invoice/${invoice.Id}/send?sendTo=${encodeURIComponent('ap@coolcars.example')}`, '', { contentType: 'application/octet-stream' });
    expect(r.status).toBe(200);
    expect(r.json.Invoice).toMatchObject({ EmailStatus: 'EmailSent', BillEmail: { Address: 'ap@coolcars.example' }, DeliveryInfo: { DeliveryType: 'Email' } });
  });

  it('refuses a malformed address', async () => {
    expect(firstError(await h.api('POST', `invoice/${invoice.Id}/send?sendTo=not-an-address`, ''))?.code).toBe('6000');
  });
});
