// Which period's time to bill: this month, last month, or dates of one's own.
import { useState } from 'react';
import { isLocalDate, type LocalDate } from '../../../../shared/time/local-date';
import type { DateRange } from './invoice-service';
import { defaultPeriod, periodRange, type PeriodKind } from './invoice-format';

interface Period {
  kind: PeriodKind;
  from: string;
  to: string;
  /** The dates billed; null while the custom dates do not make a period. */
  range: DateRange | null;
  error: string | null;
  set(patch: Partial<Pick<Period, 'kind' | 'from' | 'to'>>): void;
}

export function usePeriod(today: LocalDate): Period {
  const [state, setState] = useState(() => {
    const kind = defaultPeriod(today);
    return { kind: kind as PeriodKind, ...periodRange(kind, today) };
  });
  const { kind, from, to } = state;
  const set = (patch: Partial<Pick<Period, 'kind' | 'from' | 'to'>>) => setState((s) => {
    const next = { ...s, ...patch };
    return patch.kind && patch.kind !== 'custom' ? { ...next, ...periodRange(patch.kind, today) } : next;
  });
  if (kind !== 'custom') return { kind, from, to, range: periodRange(kind, today), error: null, set };
  const valid = isLocalDate(from) && isLocalDate(to);
  const error = !valid ? 'Choose both dates of the period.' : from > to ? 'The period ends before it starts.' : null;
  return { kind, from, to, range: error ? null : { from, to }, error, set };
}

export function PeriodPicker({ period }: { period: Period }) {
  return (
    <fieldset className="inv-period">
      <legend className="qbo-visually-hidden">Period to bill</legend>
      <label className="field inline">Period
        <select value={period.kind} onChange={(e) => period.set({ kind: e.target.value as PeriodKind })}>
          <option value="thisMonth">This month</option>
          <option value="lastMonth">Last month</option>
          <option value="custom">Custom</option>
        </select>
      </label>
      {period.kind === 'custom' ? (
        <>
          <label className="field inline">From <input type="date" value={period.from} onChange={(e) => period.set({ from: e.target.value })} /></label>
          <label className="field inline">To <input type="date" value={period.to} onChange={(e) => period.set({ to: e.target.value })} /></label>
        </>
      ) : null}
    </fieldset>
  );
}
