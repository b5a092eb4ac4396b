// How invoice lines read: dates ("3 Dec 2026", "1 Dec – 5 Dec 2026") and multiplier rules
// ("Overtime ×1.5: time beyond 8:00 in a day"). English, fixed, so the same input always gives the
// same invoice whatever the machine's locale.
import type { MultiplierKind, MultiplierRules } from '../rates/multipliers';
import { parseLocalDate, type LocalDate, type Weekday } from '../time/local-date';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function dayMonth(date: LocalDate): string {
  const { month, day } = parseLocalDate(date);
  return `${day} ${MONTHS[month - 1]}`;
}

function formatDate(date: LocalDate): string {
  return `${dayMonth(date)} ${parseLocalDate(date).year}`;
}

/** One date, or the first to the last of sorted `dates`. */
export function formatDates(dates: readonly LocalDate[]): string {
  const first = dates[0]!;
  const last = dates.at(-1)!;
  if (first === last) return formatDate(first);
  if (first.slice(0, 4) === last.slice(0, 4)) return `${dayMonth(first)} – ${formatDate(last)}`;
  return `${formatDate(first)} – ${formatDate(last)}`;
}

/** "×1.5" for 150 %. */
function factor(percent: number): string {
  return `×${String(percent / 100)}`;
}

const NAMES: Record<MultiplierKind, string> = { holiday: 'Holiday', weekend: 'Weekend', weeklyOvertime: 'Overtime', dailyOvertime: 'Overtime' };

/** "Overtime ×1.5", the label a multiplied line carries. */
export function multiplierLabel(kind: MultiplierKind, percent: number): string {
  return `${NAMES[kind]} ${factor(percent)}`;
}

function hoursMinutes(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

function joinWords(words: readonly string[]): string {
  return words.length < 2 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** The rule in words; `dates` are the line's dates (a holiday line names its holidays). */
export function ruleWords(kind: MultiplierKind, percent: number, rules: MultiplierRules, dates: readonly LocalDate[]): string {
  const label = multiplierLabel(kind, percent);
  const start = rules.weekStartsOn;
  if (kind === 'dailyOvertime') return `${label}: time beyond ${hoursMinutes(rules.dailyOvertime?.thresholdMinutes ?? 0)} in a day`;
  if (kind === 'weeklyOvertime') {
    return `${label}: time beyond ${hoursMinutes(rules.weeklyOvertime?.thresholdMinutes ?? 0)} in a week (weeks start ${WEEKDAYS[start]})`;
  }
  if (kind === 'weekend') {
    const days = [...(rules.weekend?.days ?? [])].sort((a: Weekday, b: Weekday) => ((a - start + 7) % 7) - ((b - start + 7) % 7));
    return `${label}: ${joinWords(days.map((d) => WEEKDAYS[d]!))}`;
  }
  return `${label}: ${joinWords(dates.map(formatDate))}`;
}
