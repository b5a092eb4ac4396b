// A minimal, valid PDF 1.4 written by hand (header, objects, xref table, trailer), so the
// invoice PDF is a real document a viewer or a PDF parser accepts, with no dependency.
import type { Entity, Ref } from './store';

function escapeText(s: string): string {
  // Helvetica with WinAnsi covers Latin-1; anything else becomes '?'.
  return s.replace(/[^\x20-\xff]/g, '?').replace(/([\\()])/g, '\\$1');
}

export function invoicePdf(invoice: Entity, companyName: string): Buffer {
  const customer = (invoice.CustomerRef as Ref | undefined)?.name ?? (invoice.CustomerRef as Ref | undefined)?.value ?? '';
  const currency = (invoice.CurrencyRef as Ref | undefined)?.value ?? 'USD';
  const money = (n: unknown) => `${currency} ${Number(n ?? 0).toFixed(2)}`;
  const lines: string[] = [
    companyName,
    `Invoice ${String(invoice.DocNumber ?? invoice.Id)}`,
    `Date: ${String(invoice.TxnDate ?? '')}   Due: ${String(invoice.DueDate ?? '')}`,
    `Bill to: ${customer}`,
    '',
  ];
  for (const line of (invoice.Line as Array<Record<string, unknown>> | undefined) ?? []) {
    if (line.DetailType !== 'SalesItemLineDetail') continue;
    const d = line.SalesItemLineDetail as { ItemRef?: Ref; Qty?: number; UnitPrice?: number };
    const qty = d.Qty !== undefined && d.UnitPrice !== undefined ? `  ${d.Qty} x ${d.UnitPrice}` : '';
    lines.push(`${d.ItemRef?.name ?? ''}  ${String(line.Description ?? '')}${qty}  ${money(line.Amount)}`);
  }
  lines.push('', `Total: ${money(invoice.TotalAmt)}`);

  const content = ['BT', '/F1 11 Tf', '14 TL', '50 790 Td', ...lines.map((l) => `(${escapeText(l)}) Tj T*`), 'ET'].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
