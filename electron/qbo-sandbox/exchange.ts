// GET /exchangerate?sourcecurrencycode=EUR[&asofdate=YYYY-MM-DD] (qbo-api.md §3.8): the rate from a
// foreign currency to the home currency on a day. The sandbox's rates are fixed (SAMPLE_RATES), the
// same on every date, and are also what an invoice in that currency gets when it sends no ExchangeRate.
import { faults } from './errors';
import { CURRENCIES, SAMPLE_RATES } from './seed';
import type { Company } from './store';
import { qboDate } from './time';

const SEED_STAMP = '2025-01-02T09:00:00-08:00';

export function exchangeRate(co: Company, query: URLSearchParams): Record<string, unknown> {
  // Intuit: exchange rates exist only for multicurrency companies (M exchangerate.md); the fault a
  // home-currency company gets is not recorded, so it is the sandbox's own business fault.
  if (!co.multicurrency) throw faults.business('Multicurrency is not enabled for this company, so it has no exchange rates.', 'sourcecurrencycode');
  const source = (query.get('sourcecurrencycode') ?? '').toUpperCase();
  if (!source) throw faults.requiredMissing('sourcecurrencycode');
  const rate = SAMPLE_RATES[source];
  if (!CURRENCIES[source] || rate === undefined || source === 'USD') throw faults.objectNotFound('sourcecurrencycode');
  const asOf = query.get('asofdate') ?? qboDate(co.now(), co.zone);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf))) throw faults.malformed(`asofdate ${asOf} is not a valid date (yyyy-MM-dd)`, 'asofdate');
  return {
    ExchangeRate: {
      SourceCurrencyCode: source,
      TargetCurrencyCode: 'USD',
      Rate: rate,
      AsOfDate: asOf,
      SyncToken: '0',
      domain: 'QBO',
      sparse: false,
      MetaData: { CreateTime: SEED_STAMP, LastUpdatedTime: SEED_STAMP },
    },
  };
}
