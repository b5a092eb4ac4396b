// What was already decided on this day, each decision with its Undo while all its entries are still
// drafts (and the reason when they are not), and "Reopen this day" for a whole fresh look.
import { formatDuration } from '../../../../shared/time/duration';
import type { DayDecision } from '../../db/repos';

interface Props {
  decisions: readonly DayDecision[];
  /** Reviewed windows of the day, decisions or not (windows reviewed before decisions were kept have none). */
  reviewedCount: number;
  labelOf: (projectId: string | null) => string;
  formatTime: (ms: number) => string;
  busy: boolean;
  onUndo: (decisionId: string) => void;
  onReopen: () => void;
}

const KIND_WORD: Record<DayDecision['kind'], string> = { accept: 'Accepted', assign: 'Assigned', reject: 'Not work' };

function outcome(d: DayDecision): string {
  if (d.kind === 'reject') return 'no entry';
  if (d.entries.length === 0) return 'no new entry (already in your entries)';
  const ms = d.entries.reduce((sum, e) => sum + (e.end ?? e.start) - e.start, 0);
  return `${d.entries.length === 1 ? '1 entry' : `${d.entries.length} entries`} (${formatDuration(ms)})`;
}

export function ReviewedList({ decisions, reviewedCount, labelOf, formatTime, busy, onUndo, onReopen }: Props) {
  return (
    <section className="card reviewed" aria-labelledby="reviewed-title">
      <h2 id="reviewed-title">Already reviewed on this day ({reviewedCount} window{reviewedCount === 1 ? '' : 's'})</h2>
      {decisions.length > 0 ? (
        <ul className="decision-list">
          {decisions.map((d) => {
            const range = `${formatTime(d.start)}–${formatTime(d.end)}`;
            return (
              <li key={d.decisionId}>
                <span className="muted">{range}</span>
                <span className="decision-what">{KIND_WORD[d.kind]}{d.kind === 'reject' ? '' : `: ${labelOf(d.projectId)}`}</span>
                <span className="muted">{outcome(d)}</span>
                {d.locked ? (
                  <span className="decision-locked">{d.locked}</span>
                ) : (
                  <button type="button" className="button small" disabled={busy} onClick={() => onUndo(d.decisionId)} aria-label={`Undo ${range}`}
                    title={d.kind === 'reject' ? 'Bring these windows back for review' : 'Delete its draft entries and bring its windows back for review'}>
                    Undo
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
      <div className="reopen">
        <button type="button" className="button" disabled={busy} onClick={onReopen}>Reopen this day</button>
        <p className="muted">
          Brings every window of this day back for review. Entries you already accepted stay as they are, and proposals they cover
          show as already in your entries, so nothing is counted twice. To take an accepted proposal back instead, use its Undo.
        </p>
      </div>
    </section>
  );
}
