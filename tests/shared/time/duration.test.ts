import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../../shared/time/duration';

describe('parseDuration', () => {
  it.each([
    ['1:30', 90],
    ['1.5h', 90],
    ['1,5h', 90],
    ['90m', 90],
    ['1h 30m', 90],
    ['1h30', 90],
    ['2', 120],
    ['0:05', 5],
    ['.25h', 15],
    [' 45 min ', 45],
    ['1.5', 90],
    ['24:00', 1440],
    ['0.01h', 1],
  ])('reads %j as %i minutes', (text, minutes) => {
    expect(parseDuration(text)).toEqual({ ok: true, minutes });
  });

  it.each([
    ['', /Enter a duration/],
    ['abc', /Could not read "abc"/],
    ['-1h', /negative/],
    ['1:75', /more than 59 minutes/],
    ['1h 75m', /more than 59 minutes/],
    ['130', /longer than 24 hours/],
    ['1..5h', /Could not read/],
  ])('rejects %j with a clear message', (text, message) => {
    const result = parseDuration(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});

describe('formatDuration', () => {
  it('shows h:mm and drops unfinished minutes', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(5 * 60_000)).toBe('0:05');
    expect(formatDuration(90 * 60_000 + 59_999)).toBe('1:30');
    expect(formatDuration(26 * 3_600_000)).toBe('26:00');
  });
  it('round-trips: what we show parses back to the same minutes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 24 * 60 }), fc.integer({ min: 0, max: 59_999 }), (minutes, extraMs) => {
        expect(parseDuration(formatDuration(minutes * 60_000 + extraMs))).toEqual({ ok: true, minutes });
      }),
    );
  });
});
