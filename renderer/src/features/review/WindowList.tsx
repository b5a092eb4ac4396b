// Captured windows as a list: when, which app, the title, and an action per window. Titles can be
// hundreds of characters long; they are clamped to two lines (the whole title on hover) so a long
// one never stretches the card.
import type { ReactNode } from 'react';
import type { WindowView } from './review-day';

interface Props {
  windows: readonly WindowView[];
  formatTime: (ms: number) => string;
  /** The matcher's sentence for each window, shown beside it (the unassigned list). */
  showReason?: boolean;
  /** A line after the reason, e.g. that the window's time is already in an entry. */
  note?: (window: WindowView) => string | null;
  action: (window: WindowView) => ReactNode;
}

export function WindowList({ windows, formatTime, showReason = false, note, action }: Props) {
  return (
    <ul className={`window-list${showReason ? ' with-reason' : ''}`}>
      {windows.map((w) => (
        <li key={w.id}>
          <span className="muted">{formatTime(w.start)}–{formatTime(w.end)}</span>
          <span className="seg-app" title={w.app}>{w.app}</span>
          <span className="seg-title" title={w.title}>{w.title}</span>
          {showReason ? (
            <span className="muted reason" title={`${w.reason}\n${w.detail}`}>
              {note?.(w) ? <strong className="window-note">{note(w)} </strong> : null}{w.reason}
            </span>
          ) : null}
          <span className="window-action">{action(w)}</span>
        </li>
      ))}
    </ul>
  );
}
