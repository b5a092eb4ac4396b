// The notice after a delete, at the bottom of the window: "Deleted 09:00–10:00 Acme · Website.
// Undo · Open trash". It stays a while (longer while the pointer or focus is on it); Undo restores
// the entry through the trash, which within QuickBooks' hold costs nothing there.
import { useEffect, useState } from 'react';
import { useUi } from '../../app/ui-store';
import { useRepos } from '../../data/repos-context';
import { restoreFailure } from './trash-text';
import { useUndoDelete } from './undo-store';
import './trash.css';

/** Long enough to notice and reach for Undo; the trash keeps the entry after that anyway. */
const SHOWN_MS = 12_000;

export function UndoNotice() {
  const repos = useRepos();
  const { notice, show, dismiss } = useUndoDelete();
  const { screen, go } = useUi();
  const [held, setHeld] = useState(false);

  // In the trash the entry is right there to restore: the notice has done its job.
  useEffect(() => {
    if (screen === 'trash') dismiss();
  }, [screen, dismiss]);

  useEffect(() => {
    if (!notice || held || notice.error) return;
    const handle = setTimeout(dismiss, SHOWN_MS);
    return () => clearTimeout(handle);
  }, [notice, held, dismiss]);

  if (!notice) return null;

  async function undo() {
    if (!notice) return;
    try {
      await repos.trash.restore(notice.entryIds);
      dismiss();
    } catch (e) {
      show({ ...notice, error: restoreFailure(e) });
    }
  }

  return (
    <div className="undo-notice" role="status" aria-label="Deleted entry"
      onMouseEnter={() => setHeld(true)} onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)} onBlur={() => setHeld(false)}>
      <span className="undo-text">{notice.text}</span>
      {notice.error ? <span className="undo-error">{notice.error}</span> : null}
      <span className="undo-actions">
        <button type="button" className="link-button" onClick={() => void undo()}>Undo</button>
        <span aria-hidden="true">·</span>
        <button type="button" className="link-button" onClick={() => { dismiss(); go('trash'); }}>Open trash</button>
        <button type="button" className="undo-close" aria-label="Dismiss" onClick={dismiss}>×</button>
      </span>
    </div>
  );
}
