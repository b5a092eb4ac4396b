// Buckets by days: past due for receivables, waiting for unbilled work, ahead for the cash forecast.
// Each bucket is named by the last day it holds; a value beyond the last bound falls in the final one.

/** Receivables by days past due at the day looked at (0 or less: not due yet). */
export const PAST_DUE_BUCKETS = ['Current', '1–30 days', '31–60 days', '61–90 days', 'Over 90 days'] as const;
const PAST_DUE_BOUNDS = [0, 30, 60, 90];

/** Unbilled work by days since it was done. */
export const AGE_BUCKETS = ['0–7 days', '8–30 days', '31–60 days', 'Over 60 days'] as const;
const AGE_BOUNDS = [7, 30, 60];

/** The index of the first bucket whose last day is at or after `days`; the last bucket beyond them all. */
function bucketOf(days: number, bounds: readonly number[]): number {
  const i = bounds.findIndex((last) => days <= last);
  return i === -1 ? bounds.length : i;
}

export const pastDueBucket = (daysPastDue: number): number => bucketOf(daysPastDue, PAST_DUE_BOUNDS);
export const ageBucket = (days: number): number => bucketOf(days, AGE_BOUNDS);

/** The cash forecast by days from today; a fourth index (3) is later than the horizon. */
export const FORECAST_BUCKETS = ['Next 30 days', '31–60 days', '61–90 days'] as const;
export const forecastBucket = (daysAhead: number): number => bucketOf(daysAhead, [30, 60, 90]);
