// Periods and filters (STUB: replaced by the real implementation).
import type { LocalDate, Weekday } from '../time/local-date';
import type { PeriodPreset } from './types';

export interface DateRange {
  from: LocalDate;
  to: LocalDate;
}

/** The preset's range around `today` (custom: `custom` as given). */
export function periodRange(preset: PeriodPreset, today: LocalDate, weekStartsOn: Weekday, custom?: DateRange): DateRange {
  void preset; void weekStartsOn;
  return custom ?? { from: today, to: today };
}

/** The period just before: the previous week, month, quarter or year; a custom range's same length before it. */
export function previousRange(preset: PeriodPreset, range: DateRange): DateRange {
  void preset;
  return range;
}
