// The question before approving a day or the week: how many entries, their raw and billed totals
// per project, and what is left out and why.
import { useId } from 'react';
import { Modal } from '../../components/Modal';
import { formatDuration } from '../../../../shared/time/duration';
import { leftOutLines, plural, rawAndBilled, type ApproveSummary } from './approve-range';

export function ApproveDialog(props: {
  /** "Thu 3 Dec" or "the week of Mon 30 Nov". */
  what: string;
  summary: ApproveSummary;
  projectLabel: (projectId: string) => string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { what, summary: s, projectLabel, onConfirm, onCancel } = props;
  const bodyId = useId();
  const leftOut = leftOutLines(s);
  const entries = plural(s.count, 'entry', 'entries');
  return (
    <Modal title={s.count > 0 ? `Approve ${what}?` : `Nothing to approve for ${what}`} onClose={onCancel} describedBy={bodyId} className="ts-dialog">
      <div id={bodyId}>
        {s.count > 0 ? (
          <>
            <p className="ts-approve-total" data-testid="approve-total"><strong>{entries}</strong>, {rawAndBilled(s)}</p>
            <table className="ts-approve-table" aria-label="To approve">
              <thead>
                <tr><th scope="col">Project</th><th scope="col">Entries</th><th scope="col">Time</th><th scope="col">Billed</th></tr>
              </thead>
              <tbody>
                {s.byProject.map((p) => (
                  <tr key={p.projectId}>
                    <th scope="row"><span className="ts-name" title={projectLabel(p.projectId)}>{projectLabel(p.projectId)}</span></th>
                    <td>{p.count}</td>
                    <td>{formatDuration(p.rawMs)}</td>
                    <td>{formatDuration(p.billedMs)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}
        {leftOut.length > 0 ? (
          <>
            <h3 className="ts-left-out-title">Left out</h3>
            <ul className="ts-left-out" aria-label="Left out">{leftOut.map((line) => <li key={line}>{line}</li>)}</ul>
          </>
        ) : null}
        {s.count > 0 ? (
          <p className="muted">Approved entries are locked (editing one later asks first) and go to QuickBooks with the next sync. Billed time is what QuickBooks gets.</p>
        ) : leftOut.length === 0 ? <p className="muted">There is no time here yet.</p> : null}
      </div>
      <div className="modal-actions">
        {s.count > 0 ? (
          <>
            <button type="button" className="button" onClick={onCancel} autoFocus>Cancel</button>
            <button type="button" className="button primary" onClick={onConfirm}>Approve {entries}</button>
          </>
        ) : (
          <button type="button" className="button" onClick={onCancel} autoFocus>Close</button>
        )}
      </div>
    </Modal>
  );
}
