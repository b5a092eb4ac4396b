// How the Invoices screen writes hours, money, periods and the exchange rate.
import { formatMoney, money } from '../../../../shared/money/money';
import type { ExchangeRateInfo } from '../../../../shared/invoice/types';
import { formatDate } from '../../../../shared/time/display';
import { formatDuration } from '../../../../shared/time/duration';
import { addLocalDays, firstOfMonth, firstOfNextMonth, parseLocalDate, type LocalDate } from '../../../../shared/time/local-date';
import type { DateRange } from './invoice-service';

/** "12:30": minutes as h:mm. */
export const hours = (minutes: number): string => formatDuration(minutes * 60_000);

export const amount = (minor: number, currency: string): string => formatMoney(money(minor, currency));

export type PeriodKind = 'thisMonth' | 'lastMonth' | 'custom';

function monthOf(date: LocalDate): DateRange {
  return { from: firstOfMonth(date), to: addLocalDays(firstOfNextMonth(date), -1) };
}

/** This month or last month, as dates. */
export function periodRange(kind: Exclude<PeriodKind, 'custom'>, today: LocalDate): DateRange {
  return kind === 'thisMonth' ? monthOf(today) : monthOf(addLocalDays(firstOfMonth(today), -1));
}

/** In the first ten days of a month the bill is usually for the month just ended. */
export function defaultPeriod(today: LocalDate): Exclude<PeriodKind, 'custom'> {
  return parseLocalDate(today).day <= 10 ? 'lastMonth' : 'thisMonth';
}

/** "In EUR at QuickBooks' rate of 1 EUR = 1.08 USD on 4 Dec 2026; rates converted from USD." */
export function exchangeSentence(rate: ExchangeRateInfo): string {
  const { sourceCurrency: foreign, targetCurrency: home } = rate;
  return `In ${foreign} at QuickBooks' rate of 1 ${foreign} = ${rate.rate} ${home} on ${formatDate(rate.asOf)}; rates converted from ${home}.`;
}
