// The day at a glance: each captured window as a block coloured by its suggested project, away time
// as hatched gaps. Hovering (or focusing) a block names the window and the suggestion's reason.
import type { Interval, SuggestedSegment } from '../../../../shared/proposals';

export interface TimelineProps {
  segments: ReadonlyArray<SuggestedSegment & { app: string; title: string }>;
  away: readonly Interval[];
  colourOf: (projectId: string | null) => string;
  labelOf: (projectId: string | null) => string;
  formatTime: (ms: number) => string;
}

const HOUR = 3_600_000;

export function Timeline({ segments, away, colourOf, labelOf, formatTime }: TimelineProps) {
  if (segments.length === 0) return null;
  const first = Math.min(...segments.map((s) => s.start), ...away.map((a) => a.start));
  const last = Math.max(...segments.map((s) => s.end), ...away.map((a) => a.end));
  const from = Math.floor(first / HOUR) * HOUR;
  const to = Math.max(Math.ceil(last / HOUR) * HOUR, from + HOUR);
  const pct = (ms: number) => `${((ms - from) / (to - from)) * 100}%`;
  const width = (a: number, b: number) => `${Math.max(((b - a) / (to - from)) * 100, 0.15)}%`;
  const ticks: number[] = [];
  const step = to - from > 8 * HOUR ? 2 * HOUR : HOUR;
  for (let t = from; t <= to; t += step) ticks.push(t);

  return (
    <figure className="timeline" aria-label="Timeline of the day">
      <div className="timeline-track">
        {away.map((a) => (
          <div key={`away-${a.start}`} className="timeline-away" style={{ left: pct(a.start), width: width(a.start, a.end) }} title={`Away ${formatTime(a.start)}–${formatTime(a.end)}`} />
        ))}
        {segments.map((s) => (
          <div key={s.id} className="timeline-block" tabIndex={-1}
            style={{ left: pct(s.start), width: width(s.start, s.end), background: colourOf(s.projectId) }}
            title={`${formatTime(s.start)}–${formatTime(s.end)} ${s.app}: ${s.title}\n${labelOf(s.projectId)} — ${s.reason}`} />
        ))}
      </div>
      <div className="timeline-axis" aria-hidden="true">
        {ticks.map((t) => <span key={t} style={{ left: pct(t) }}>{formatTime(t)}</span>)}
      </div>
    </figure>
  );
}
