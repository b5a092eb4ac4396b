// A figure against the previous period in words ("▲ Up 12% vs Nov"), for the cards above a report.
// The arrow and the word carry the direction, so it reads the same without colour.
import type { PeriodPreset, ReportFigure } from '../../../../shared/reports/types';
import { parseLocalDate, type LocalDate } from '../../../../shared/time/local-date';

export interface FigureChange {
  /** Whether the change is good news (costs and money owed going down are). */
  tone: 'good' | 'bad' | 'neutral';
  text: string;
}

const monthName = new Intl.DateTimeFormat(undefined, { month: 'short', timeZone: 'UTC' });

/** What the previous period is called: "Nov", "Q3 2026", "2025", "the week before", "the period before". */
export function previousName(preset: PeriodPreset, previousFrom: LocalDate): string {
  const { year, month } = parseLocalDate(previousFrom);
  if (preset === 'month') return monthName.format(Date.UTC(year, month - 1, 15));
  if (preset === 'quarter') return `Q${Math.ceil(month / 3)} ${year}`;
  if (preset === 'year') return String(year);
  return preset === 'week' ? 'the week before' : 'the period before';
}

/** The change, or null without a previous value (or for text and dates, which do not rise or fall). */
export function figureChange(figure: ReportFigure, against: string): FigureChange | null {
  const { value, previous, kind } = figure;
  if (previous === undefined || kind === 'text' || kind === 'date') return null;
  if (value === previous) return { tone: 'neutral', text: `No change vs ${against}` };
  const direction = value > previous ? 'up' : 'down';
  const tone = direction === (figure.good ?? 'up') ? 'good' : 'bad';
  const word = direction === 'up' ? '▲ Up' : '▼ Down';
  // A share changes by points (60% → 72% is 12 points, not 20%); from nothing there is no percentage.
  if (kind === 'percent') {
    const points = Math.round(Math.abs(value - previous));
    return { tone, text: `${word} ${points < 1 ? 'less than 1 point' : points === 1 ? '1 point' : `${points} points`} vs ${against}` };
  }
  if (previous === 0) return { tone, text: `${word} from none vs ${against}` };
  const percent = Math.round((Math.abs(value - previous) / Math.abs(previous)) * 100);
  return { tone, text: `${word} ${percent < 1 ? 'less than 1' : percent}% vs ${against}` };
}
