// Splitting billable time by multiplier. Time already billed in the same weeks and the time to
// bill are fed to one OvertimeCounter in start order, so overtime falls on the latest work; only
// the time to bill comes back, one segment per portion of each piece.
import { OvertimeCounter, type MultiplierKind, type MultiplierRules } from '../rates/multipliers';
import type { BillableTime } from './types';

/** One piece's stretch at one multiplier, at the unit rate of the invoice currency. */
export interface Segment {
  piece: BillableTime;
  ms: number;
  rateMinor: number;
  percent: number;
  multiplier: MultiplierKind | null;
}

const MINUTE = 60_000;

function checkDuration(piece: BillableTime): void {
  const ms = piece.billedMs;
  if (!Number.isSafeInteger(ms) || ms < 0 || ms % MINUTE !== 0) {
    throw new RangeError(`The time on ${piece.localDate} for ${piece.projectName} is not a whole number of minutes`);
  }
}

const byStart = (a: { piece: BillableTime }, b: { piece: BillableTime }): number =>
  a.piece.start - b.piece.start || compare(a.piece.entryId, b.piece.entryId) || compare(a.piece.key, b.piece.key);

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Segments of `time` in start order; `rateOf` turns a home-currency rate into the invoice's. */
export function splitByMultiplier(
  time: readonly BillableTime[],
  alreadyBilled: readonly BillableTime[],
  rules: MultiplierRules,
  rateOf: (homeRateMinor: number) => number,
): Segment[] {
  const fed = [...alreadyBilled.map((piece) => ({ piece, bill: false })), ...time.map((piece) => ({ piece, bill: true }))];
  for (const { piece } of fed) checkDuration(piece);
  fed.sort(byStart);
  const counter = new OvertimeCounter(rules);
  const segments: Segment[] = [];
  for (const { piece, bill } of fed) {
    const portions = counter.take(piece.localDate, piece.billedMs);
    if (!bill) continue;
    const rateMinor = rateOf(piece.rateMinor);
    for (const p of portions) segments.push({ piece, ms: p.toMs - p.fromMs, rateMinor, percent: p.percent, multiplier: p.multiplier });
  }
  return segments;
}
