// The overtime and holiday settings as the form holds them (text as typed) and back, with what is
// wrong in words. Thresholds read as h:mm or decimal hours; percents are whole numbers of the rate.
import type { MultiplierRules } from '../../../../shared/rates/multipliers';
import { isLocalDate, type LocalDate, type Weekday } from '../../../../shared/time/local-date';
import { hours } from './invoice-format';

export interface RuleText {
  on: boolean;
  threshold: string;
  percent: string;
}

export interface MultiplierForm {
  weekStartsOn: Weekday;
  daily: RuleText;
  weekly: RuleText;
  weekend: { on: boolean; days: Weekday[]; percent: string };
  holidays: { on: boolean; dates: string; percent: string };
}

export type FormErrors = Partial<Record<'daily' | 'weekly' | 'weekend' | 'holidays', string>>;

export function formOf(rules: MultiplierRules): MultiplierForm {
  const rule = (r: MultiplierRules['dailyOvertime'], fallback: number): RuleText =>
    ({ on: Boolean(r), threshold: hours(r?.thresholdMinutes ?? fallback), percent: String(r?.percent ?? 150) });
  return {
    weekStartsOn: rules.weekStartsOn,
    daily: rule(rules.dailyOvertime, 8 * 60),
    weekly: rule(rules.weeklyOvertime, 40 * 60),
    weekend: { on: Boolean(rules.weekend), days: rules.weekend?.days ?? [0, 6], percent: String(rules.weekend?.percent ?? 150) },
    holidays: { on: Boolean(rules.holidays), dates: (rules.holidays?.dates ?? []).join('\n'), percent: String(rules.holidays?.percent ?? 200) },
  };
}

/** Minutes from "8:00", "7:30", "37.5" or "40h"; null when unreadable. */
function readThreshold(text: string): number | null {
  const t = text.trim().replace(/\s*h$/i, '').replace(',', '.');
  const clock = /^(\d{1,3}):([0-5]\d)$/.exec(t);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  return /^\d{1,3}(\.\d+)?$/.test(t) ? Math.round(Number(t) * 60) : null;
}

function readPercent(text: string): number | null {
  const n = Number(text.trim());
  return Number.isInteger(n) && n >= 100 && n <= 1000 ? n : null;
}

const PERCENT_HINT = 'Enter the percent of the normal rate as a whole number from 100 to 1000, e.g. 150 for time and a half.';

function readThresholdRule(r: RuleText, maxMinutes: number, what: string): { rule: MultiplierRules['dailyOvertime']; error?: string } {
  if (!r.on) return { rule: null };
  const minutes = readThreshold(r.threshold);
  if (minutes === null || minutes <= 0 || minutes >= maxMinutes) return { rule: null, error: `Enter the hours in a ${what} before overtime starts, e.g. ${what === 'day' ? '8:00' : '40:00'}.` };
  const percent = readPercent(r.percent);
  return percent === null ? { rule: null, error: PERCENT_HINT } : { rule: { thresholdMinutes: minutes, percent } };
}

function readHolidays(h: MultiplierForm['holidays']): { rule: MultiplierRules['holidays']; error?: string } {
  if (!h.on) return { rule: null };
  const dates = h.dates.split(/[\s,;]+/).filter(Boolean);
  const wrong = dates.filter((d) => !isLocalDate(d));
  if (wrong.length > 0) return { rule: null, error: `Not a date (write 2026-12-25): ${wrong.join(', ')}` };
  const percent = readPercent(h.percent);
  return percent === null ? { rule: null, error: PERCENT_HINT } : { rule: { dates: [...new Set(dates as LocalDate[])].sort(), percent } };
}

/** The rules the form says, or what to fix. */
export function readForm(f: MultiplierForm): { rules: MultiplierRules; errors: FormErrors } {
  const daily = readThresholdRule(f.daily, 24 * 60, 'day');
  const weekly = readThresholdRule(f.weekly, 7 * 24 * 60, 'week');
  const holidays = readHolidays(f.holidays);
  const weekendPercent = readPercent(f.weekend.percent);
  const errors: FormErrors = {};
  if (daily.error) errors.daily = daily.error;
  if (weekly.error) errors.weekly = weekly.error;
  if (holidays.error) errors.holidays = holidays.error;
  if (f.weekend.on && f.weekend.days.length === 0) errors.weekend = 'Tick at least one weekend day, or turn weekend rates off.';
  else if (f.weekend.on && weekendPercent === null) errors.weekend = PERCENT_HINT;
  const weekend = f.weekend.on && weekendPercent !== null ? { days: [...f.weekend.days].sort(), percent: weekendPercent } : null;
  return { rules: { weekStartsOn: f.weekStartsOn, dailyOvertime: daily.rule, weeklyOvertime: weekly.rule, weekend, holidays: holidays.rule }, errors };
}
