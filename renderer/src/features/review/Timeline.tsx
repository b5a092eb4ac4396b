// The day at a glance: each captured window as a block coloured by its suggested project, away time
// as hatched gaps, and below it the entries already on the day (timer, manual, imported, accepted),
// so time the review would count twice lines up with an entry. Hovering a block names it.
import { memo } from 'react';
import type { Interval } from '../../../../shared/proposals';
import type { WindowView } from './review-day';

export interface TimelineProps {
  windows: readonly WindowView[];
  away: readonly Interval[];
  /** The day's entries (clipped to the day by the caller). */
  entries: ReadonlyArray<{ id: string; projectId: string | null; start: number; end: number | null }>;
  now: number;
  colourOf: (projectId: string | null) => string;
  labelOf: (projectId: string | null) => string;
  formatTime: (ms: number) => string;
}

const HOUR = 3_600_000;

/** Memoised: a day of 600 windows is the screen's largest render, and a split or a typed description does not change it. */
export const Timeline = memo(function Timeline({ windows, away, entries, now, colourOf, labelOf, formatTime }: TimelineProps) {
  const shown = entries.map((e) => ({ ...e, end: e.end ?? Math.max(now, e.start) }));
  const spans = [...windows, ...away, ...shown];
  if (spans.length === 0) return null;
  const from = Math.floor(Math.min(...spans.map((s) => s.start)) / HOUR) * HOUR;
  const to = Math.max(Math.ceil(Math.max(...spans.map((s) => s.end)) / HOUR) * HOUR, from + HOUR);
  const clamp = (ms: number) => Math.min(Math.max(ms, from), to);
  const pct = (ms: number) => `${((clamp(ms) - from) / (to - from)) * 100}%`;
  const width = (a: number, b: number) => `${Math.max(((clamp(b) - clamp(a)) / (to - from)) * 100, 0.15)}%`;
  const ticks: number[] = [];
  const step = to - from > 8 * HOUR ? 2 * HOUR : HOUR;
  for (let t = from; t <= to; t += step) ticks.push(t);

  return (
    <figure className="timeline" aria-label="Timeline of the day">
      <div className="timeline-lane">
        <span className="timeline-label">Activity</span>
        <div className="timeline-track">
          {away.map((a) => (
            <div key={`away-${a.start}`} className="timeline-away" style={{ left: pct(a.start), width: width(a.start, a.end) }} title={`Away ${formatTime(a.start)}–${formatTime(a.end)}`} />
          ))}
          {windows.map((s) => (
            <div key={s.id} className="timeline-block" tabIndex={-1}
              style={{ left: pct(s.start), width: width(s.start, s.end), background: colourOf(s.projectId) }}
              title={`${formatTime(s.start)}–${formatTime(s.end)} ${s.app}: ${s.title}\n${s.projectId ? labelOf(s.projectId) : 'Not assigned'}: ${s.reason}`} />
          ))}
        </div>
      </div>
      {shown.length > 0 ? (
        <div className="timeline-lane">
          <span className="timeline-label">Entries</span>
          <div className="timeline-track entries" role="list" aria-label="Entries already on this day">
            {shown.map((e) => (
              <div key={e.id} role="listitem" className="timeline-entry" aria-label={`${formatTime(e.start)}–${formatTime(e.end)} ${labelOf(e.projectId)}`}
                style={{ left: pct(e.start), width: width(e.start, e.end), borderColor: colourOf(e.projectId) }}
                title={`${formatTime(e.start)}–${formatTime(e.end)} ${labelOf(e.projectId)}`} />
            ))}
          </div>
        </div>
      ) : null}
      <div className="timeline-lane" aria-hidden="true">
        <span className="timeline-label" />
        <div className="timeline-axis">
          {ticks.map((t) => <span key={t} style={{ left: pct(t) }}>{formatTime(t)}</span>)}
        </div>
      </div>
    </figure>
  );
});
