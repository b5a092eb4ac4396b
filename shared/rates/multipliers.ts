// Surcharges on top of the resolved rate: overtime beyond a daily or weekly threshold, weekend
// work and holidays.
//
// Precedence rule: multipliers never stack. When several apply to the same minute, the single
// highest multiplier is used (overtime 150 % on a 200 % holiday is billed at 200 %, not 300 %).
// On a tie the label follows holiday > weekend > weekly overtime > daily overtime; the amount is
// the same either way.
import { startOfLocalWeek, weekdayOf, type LocalDate, type Weekday } from '../time/local-date';

export type MultiplierKind = 'holiday' | 'weekend' | 'weeklyOvertime' | 'dailyOvertime';

export interface ThresholdRule {
  /** Minutes of work in the day (or week) billed at the normal rate before the multiplier starts. */
  thresholdMinutes: number;
  /** Integer percent of the rate: 150 = time and a half. */
  percent: number;
}

export interface MultiplierRules {
  weekStartsOn: Weekday;
  dailyOvertime?: ThresholdRule | null;
  weeklyOvertime?: ThresholdRule | null;
  weekend?: { days: Weekday[]; percent: number } | null;
  /** Local dates, e.g. the freelancer's public holidays. */
  holidays?: { dates: LocalDate[]; percent: number } | null;
}

/** A stretch of one entry billed at one multiplier; offsets are ms from the entry's start. */
export interface Portion {
  fromMs: number;
  toMs: number;
  percent: number;
  multiplier: MultiplierKind | null;
}

const TIE_ORDER: readonly MultiplierKind[] = ['holiday', 'weekend', 'weeklyOvertime', 'dailyOvertime'];

/**
 * Keeps running totals of time already worked per local day and week, so overtime is assigned
 * in the order entries are fed (callers feed them in start order).
 */
export class OvertimeCounter {
  private readonly days = new Map<LocalDate, number>();
  private readonly weeks = new Map<LocalDate, number>();

  constructor(private readonly rules: MultiplierRules) {}

  /**
   * Splits an entry of `durationMs` starting on `date` into portions by multiplier and records
   * its time against the day and week. The entry counts wholly on its start date.
   */
  take(date: LocalDate, durationMs: number): Portion[] {
    const { rules } = this;
    const week = startOfLocalWeek(date, rules.weekStartsOn);
    const dayUsed = this.days.get(date) ?? 0;
    const weekUsed = this.weeks.get(week) ?? 0;
    this.days.set(date, dayUsed + durationMs);
    this.weeks.set(week, weekUsed + durationMs);

    const clamp = (ms: number) => Math.min(Math.max(ms, 0), durationMs);
    const dailyFrom = rules.dailyOvertime ? clamp(rules.dailyOvertime.thresholdMinutes * 60_000 - dayUsed) : null;
    const weeklyFrom = rules.weeklyOvertime ? clamp(rules.weeklyOvertime.thresholdMinutes * 60_000 - weekUsed) : null;
    const calendar: Array<[MultiplierKind, number]> = [];
    if (rules.holidays?.dates.includes(date)) calendar.push(['holiday', rules.holidays.percent]);
    if (rules.weekend?.days.includes(weekdayOf(date))) calendar.push(['weekend', rules.weekend.percent]);

    const cuts = [...new Set([0, dailyFrom ?? 0, weeklyFrom ?? 0, durationMs])].sort((a, b) => a - b);
    const portions: Portion[] = [];
    for (let i = 0; i + 1 < cuts.length; i++) {
      const fromMs = cuts[i]!;
      const toMs = cuts[i + 1]!;
      const applicable = [...calendar];
      if (weeklyFrom !== null && fromMs >= weeklyFrom) applicable.push(['weeklyOvertime', rules.weeklyOvertime!.percent]);
      if (dailyFrom !== null && fromMs >= dailyFrom) applicable.push(['dailyOvertime', rules.dailyOvertime!.percent]);
      const [multiplier, percent] = strongest(applicable);
      const previous = portions.at(-1);
      if (previous && previous.multiplier === multiplier) previous.toMs = toMs;
      else portions.push({ fromMs, toMs, percent, multiplier });
    }
    if (portions.length > 0) return portions;
    // A zero-length entry still gets one (empty) portion so it appears on the report.
    const [multiplier, percent] = strongest(calendar);
    return [{ fromMs: 0, toMs: 0, percent, multiplier }];
  }
}

function strongest(applicable: Array<[MultiplierKind, number]>): [MultiplierKind | null, number] {
  let best: [MultiplierKind | null, number] = [null, 100];
  for (const kind of TIE_ORDER) {
    const match = applicable.find(([k]) => k === kind);
    if (match && (best[0] === null || match[1] > best[1])) best = match;
  }
  return best;
}

