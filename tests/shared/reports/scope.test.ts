import { describe, expect, it } from 'vitest';
import { formatDate } from '../../../shared/time/display';
import { describePeriod, entryInScope, periodRange, previousRange } from '../../../shared/reports/scope';
import { scope } from './data';

describe('periodRange', () => {
  it('gives the week, month, quarter and year around today', () => {
    expect(periodRange('week', '2026-12-04', 1)).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(periodRange('week', '2026-12-04', 0)).toEqual({ from: '2026-11-29', to: '2026-12-05' });
    expect(periodRange('month', '2026-02-10', 1)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodRange('month', '2028-02-10', 1)).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodRange('quarter', '2026-12-04', 1)).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodRange('quarter', '2026-05-31', 1)).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(periodRange('year', '2026-12-04', 1)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('takes a custom range as given and refuses a missing or backwards one', () => {
    expect(periodRange('custom', '2026-12-04', 1, { from: '2026-03-01', to: '2026-03-09' })).toEqual({ from: '2026-03-01', to: '2026-03-09' });
    expect(() => periodRange('custom', '2026-12-04', 1)).toThrow(RangeError);
    expect(() => periodRange('custom', '2026-12-04', 1, { from: '2026-03-10', to: '2026-03-09' })).toThrow(RangeError);
  });
});

describe('previousRange', () => {
  it('steps back one week, month, quarter or year', () => {
    expect(previousRange('week', { from: '2026-11-30', to: '2026-12-06' })).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(previousRange('month', { from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousRange('month', { from: '2028-03-01', to: '2028-03-31' })).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(previousRange('quarter', { from: '2027-01-01', to: '2027-03-31' })).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(previousRange('year', { from: '2029-01-01', to: '2029-12-31' })).toEqual({ from: '2028-01-01', to: '2028-12-31' });
  });

  it('puts a custom range of the same length just before, across a leap day', () => {
    expect(previousRange('custom', { from: '2028-03-01', to: '2028-03-03' })).toEqual({ from: '2028-02-27', to: '2028-02-29' });
    expect(previousRange('custom', { from: '2026-12-04', to: '2026-12-04' })).toEqual({ from: '2026-12-03', to: '2026-12-03' });
  });
});

describe('describePeriod', () => {
  it('reads its dates as every screen does (the system locale; en-GB here), one date for a single day', () => {
    expect(describePeriod({ from: '2026-12-01', to: '2026-12-31' })).toBe('1 Dec 2026 – 31 Dec 2026');
    expect(describePeriod({ from: '2026-09-04', to: '2026-09-04' })).toBe(formatDate('2026-09-04'));
  });
});

describe('entryInScope', () => {
  const e = { localDate: '2026-12-04', clientId: 'c1', projectId: 'p1' };
  it('keeps entries on the edge dates and leaves out the days outside', () => {
    expect(entryInScope(e, scope('2026-12-04', '2026-12-04'))).toBe(true);
    expect(entryInScope(e, scope('2026-12-05', '2026-12-31'))).toBe(false);
  });
  it('applies the client and project filters together', () => {
    expect(entryInScope(e, scope('2026-12-01', '2026-12-31', { clientIds: ['c1'] }))).toBe(true);
    expect(entryInScope(e, scope('2026-12-01', '2026-12-31', { clientIds: ['c2'] }))).toBe(false);
    expect(entryInScope(e, scope('2026-12-01', '2026-12-31', { clientIds: ['c1'], projectIds: ['p2'] }))).toBe(false);
    expect(entryInScope({ ...e, clientId: null }, scope('2026-12-01', '2026-12-31', { clientIds: ['c1'] }))).toBe(false);
  });
});
