// The invoice e-mail's placeholders, as QuickBooks' message editor offers them ("[Invoice No.]"),
// filled for one invoice. The list is the sandbox's: QBO's API documents none (see README).
import type { Entity, Ref } from './store';

export function fillPlaceholders(text: string, invoice: Entity, companyName: string): string {
  const currency = (invoice.CurrencyRef as Ref | undefined)?.value ?? 'USD';
  const values: Record<string, string> = {
    '[Invoice No.]': String(invoice.DocNumber ?? invoice.Id),
    '[Company Name]': companyName,
    '[Customer Name]': (invoice.CustomerRef as Ref | undefined)?.name ?? '',
    '[Due Date]': String(invoice.DueDate ?? ''),
    '[Balance Due]': `${currency} ${Number(invoice.Balance ?? 0).toFixed(2)}`,
  };
  return text.replace(/\[(Invoice No\.|Company Name|Customer Name|Due Date|Balance Due)\]/g, (m) => values[m] ?? m);
}
