// The question before a lowered cell is written: every entry that changes, with its time, its
// description and what happens to it; measured and approved time are marked as such. Nothing is
// written until the user confirms.
import { useId } from 'react';
import { Modal } from '../../components/Modal';
import type { EntryRow } from '../../db/schema';
import { formatTimeRange } from '../../../../shared/time/display';
import { formatDuration } from '../../../../shared/time/duration';
import { describeStep, isApprovedTime, SOURCE_LABEL, type CellEditStep } from './cell-edit';

type Change = Exclude<CellEditStep<EntryRow>, { kind: 'create' }>;

export function LowerCellDialog(props: {
  /** "Acme · Website on Thu 3 Dec". */
  where: string;
  fromMs: number;
  toMs: number;
  steps: readonly CellEditStep<EntryRow>[];
  zone: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { where, fromMs, toMs, zone, onConfirm, onCancel } = props;
  const listId = useId();
  const changes = props.steps.filter((s): s is Change => s.kind !== 'create');
  const measured = changes.some((s) => s.entry.source !== 'manual');
  const approved = changes.some((s) => isApprovedTime(s.entry));
  const to = formatDuration(toMs);
  return (
    <Modal title={`Lower ${where} to ${to}?`} onClose={onCancel} describedBy={listId} className="ts-dialog">
      <div id={listId}>
        <p>From {formatDuration(fromMs)} to {to}. {changes.length === 1 ? 'This entry changes:' : `These ${changes.length} entries change:`}</p>
        <ul className="ts-changes" aria-label="Entries that change">
          {changes.map((s) => (
            <li key={s.entry.id}>
              <span className="ts-change-time">{formatTimeRange(s.entry.start, s.entry.end, zone)}</span>
              <span className={s.entry.description ? 'ts-change-text' : 'ts-change-text muted'}>{s.entry.description || 'No description'}</span>
              {s.entry.source !== 'manual' ? <span className="ts-badge">{SOURCE_LABEL[s.entry.source]}</span> : null}
              {isApprovedTime(s.entry) ? <span className="ts-badge">{s.entry.status === 'synced' ? 'in QuickBooks' : 'approved'}</span> : null}
              <strong className={s.kind === 'delete' ? 'ts-change-what deleted' : 'ts-change-what'}>{describeStep(s, zone)}</strong>
            </li>
          ))}
        </ul>
        {measured ? <p className="ts-warning">Some of this time was measured (timer, activity review or import), not typed: lowering the cell shortens it too.</p> : null}
        {approved ? <p className="ts-warning">Some of this time is approved: it stays approved with the new time, and QuickBooks gets the change at the next sync.</p> : null}
        <p className="muted">Drafts change first, approved time is only shortened, entries with a description are never deleted, and you can undo this right after.</p>
      </div>
      <div className="modal-actions">
        <button type="button" className="button" onClick={onCancel} autoFocus>Cancel</button>
        <button type="button" className="button primary" onClick={onConfirm}>Lower to {to}</button>
      </div>
    </Modal>
  );
}
