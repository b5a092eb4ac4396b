// A day's totals: all time, billable and non-billable as tracked, and billable time as it will be
// billed (after each project's rounding) where that differs, with the rules that made it differ.
import type { BilledTime } from '../../../../shared/rounding/billed';
import { describeRounding } from '../../../../shared/rounding/billed';
import { formatDuration } from '../../../../shared/time/duration';
import type { EntryRow } from '../../db/schema';

function dayTotals(entries: readonly EntryRow[], billed: ReadonlyMap<string, BilledTime>, now: number) {
  let total = 0;
  let billable = 0;
  let billedBillable = 0;
  const rules = new Set<string>();
  for (const e of entries) {
    const ms = Math.max(0, (e.end ?? now) - e.start);
    total += ms;
    if (!e.billable) continue;
    billable += ms;
    const b = billed.get(e.id);
    billedBillable += b?.billedMs ?? ms;
    if (b && b.billedMs !== b.rawMs) rules.add(describeRounding(b.policy));
  }
  return { total, billable, billedBillable, rules: [...rules] };
}

export function DayTotals({ entries, billed, now }: { entries: readonly EntryRow[]; billed: ReadonlyMap<string, BilledTime>; now: number }) {
  const t = dayTotals(entries, billed, now);
  const differs = formatDuration(t.billedBillable) !== formatDuration(t.billable);
  return (
    <dl className="totals" aria-label="Totals">
      <div><dt>Total</dt><dd data-testid="total">{formatDuration(t.total)}</dd></div>
      <div><dt>Billable</dt><dd data-testid="billable">{formatDuration(t.billable)}</dd></div>
      <div><dt>Non-billable</dt><dd data-testid="non-billable">{formatDuration(t.total - t.billable)}</dd></div>
      {differs ? (
        <div className="billed-total">
          <dt>Billed after rounding</dt>
          <dd data-testid="billed">{formatDuration(t.billedBillable)}</dd>
          <dd className="rule">{t.rules.join('; ')}</dd>
        </div>
      ) : null}
    </dl>
  );
}
