// The one question before an entry is deleted, whatever its status: it names the status and what
// happens in QuickBooks (kept until the hold ends, or a queued send cancelled). Confirmed, the entry
// moves to the trash through repos.sync and the undo notice takes over.
import { EntryDescription } from '../entries/EntryDescription';
import { useLiveQuery } from 'dexie-react-hooks';
import { Modal } from '../../components/Modal';
import { useRepos } from '../../data/repos-context';
import { QBO_HOLD_MS } from '../../db/repos/trash-repo';
import type { EntryRow } from '../../db/schema';
import { formatTimeRange } from '../../../../shared/time/display';
import type { Catalog } from '../entries/catalog';
import { deleteQuestion, entryName, undoText } from './trash-text';
import { useUndoDelete } from './undo-store';

export function DeleteEntryDialog({ entry, catalog, zone, now, run, onClose }: {
  entry: EntryRow;
  catalog: Catalog;
  zone: string;
  now: number;
  /** The list's runner: shows a failure in the list's words. */
  run: (fn: () => Promise<unknown>) => Promise<void>;
  onClose: () => void;
}) {
  const repos = useRepos();
  const showUndo = useUndoDelete((s) => s.show);
  // Whether QuickBooks holds (or may hold) the time decides what the question says.
  const held = useLiveQuery(() => repos.entries.deleteNeedsConfirmation([entry.id]), [repos, entry.id]);
  const { title, body } = deleteQuestion(entry, held ? now + QBO_HOLD_MS : null, zone);
  const label = catalog.label(entry.projectId);

  function confirm() {
    onClose();
    void run(async () => {
      // The user answered the question above, including for time QuickBooks holds.
      const result = await repos.entries.delete([entry.id], { confirmed: true });
      showUndo({ entryIds: [entry.id], text: undoText(entryName(entry, label, zone), result.qboHoldUntil, zone) });
    });
  }

  return (
    <Modal title={title} onClose={onClose}>
      <p>{formatTimeRange(entry.start, entry.end, zone)} · {label}</p>
      {entry.description ? <EntryDescription text={entry.description} /> : null}
      <p className="muted">{held === undefined ? '\u00a0' : body}</p>
      <div className="modal-actions">
        <button type="button" className="button" onClick={onClose} autoFocus>Cancel</button>
        <button type="button" className="button danger" onClick={confirm} disabled={held === undefined}>Delete</button>
      </div>
    </Modal>
  );
}
