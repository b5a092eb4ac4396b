// A figure against the previous period, as the cards say it: direction in an arrow and a word (not
// colour alone), percentages for amounts, points for shares, and the previous period by name.
import { describe, expect, it } from 'vitest';
import { figureChange, previousName } from '../../../renderer/src/features/reports/figure-change';

describe('figureChange', () => {
  it('says a rise and a fall in words with the percentage', () => {
    expect(figureChange({ label: 'Revenue', kind: 'money', value: 112_00, previous: 100_00 }, 'Nov')).toEqual({ tone: 'good', text: '▲ Up 12% vs Nov' });
    expect(figureChange({ label: 'Hours', kind: 'ms', value: 75, previous: 100 }, 'Nov')).toEqual({ tone: 'bad', text: '▼ Down 25% vs Nov' });
    // Money owed and costs going down is good news.
    expect(figureChange({ label: 'Owed', kind: 'money', value: 75, previous: 100, good: 'down' }, 'Nov')).toEqual({ tone: 'good', text: '▼ Down 25% vs Nov' });
    expect(figureChange({ label: 'Cost', kind: 'money', value: 120, previous: 100, good: 'down' }, 'Nov')).toEqual({ tone: 'bad', text: '▲ Up 20% vs Nov' });
  });

  it('counts a share’s change in points, not percent of percent', () => {
    expect(figureChange({ label: 'Utilization', kind: 'percent', value: 72, previous: 60 }, 'Q3 2026')?.text).toBe('▲ Up 12 points vs Q3 2026');
    expect(figureChange({ label: 'Utilization', kind: 'percent', value: 37.2, previous: 36.9 }, 'Q3 2026')?.text).toBe('▲ Up less than 1 point vs Q3 2026');
    expect(figureChange({ label: 'Utilization', kind: 'percent', value: 36, previous: 37 }, 'Q3 2026')?.text).toBe('▼ Down 1 point vs Q3 2026');
  });

  it('handles no change, a start from nothing and a missing comparison', () => {
    expect(figureChange({ label: 'Revenue', kind: 'money', value: 5, previous: 5 }, 'Nov')).toEqual({ tone: 'neutral', text: 'No change vs Nov' });
    expect(figureChange({ label: 'Revenue', kind: 'money', value: 5, previous: 0 }, 'Nov')?.text).toBe('▲ Up from none vs Nov');
    expect(figureChange({ label: 'Revenue', kind: 'money', value: 5 }, 'Nov')).toBeNull();
    expect(figureChange({ label: 'Tiny', kind: 'count', value: 1001, previous: 1000 }, 'Nov')?.text).toBe('▲ Up less than 1% vs Nov');
  });
});

describe('previousName', () => {
  it('names the previous month, quarter and year as a bookkeeper would', () => {
    expect(previousName('month', '2026-11-01')).toBe('Nov');
    expect(previousName('quarter', '2026-07-01')).toBe('Q3 2026');
    expect(previousName('year', '2025-01-01')).toBe('2025');
    expect(previousName('week', '2026-11-23')).toBe('the week before');
  });
});
