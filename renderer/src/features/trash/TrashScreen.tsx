// The trash: deleted entries, newest first, each with what QuickBooks still holds of it. Restore
// brings one back as it was (within QuickBooks' hold that costs nothing there); "Delete forever" and
// "Empty trash" take entries out for good and ask first when QuickBooks would lose time.
import { EntryDescription } from '../entries/EntryDescription';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { currentZone, useNow } from '../../app/clock';
import { EmptyState } from '../../components/EmptyState';
import { Modal } from '../../components/Modal';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useRepos } from '../../data/repos-context';
import { heldInQbo } from '../../db/repos';
import { TRASH_KEEP_DAYS } from '../../db/repos/trash-repo';
import type { EntryRow } from '../../db/schema';
import { formatDateTime, formatDayShort, formatTimeRange } from '../../../../shared/time/display';
import { formatDuration } from '../../../../shared/time/duration';
import { useCatalog, type Catalog } from '../entries/catalog';
import { entryName, qboLine, restoreFailure } from './trash-text';
import '../entries/entries.css';
import './trash.css';

type Ask = { kind: 'forever'; entry: EntryRow } | { kind: 'empty'; count: number; held: number };

export function TrashScreen() {
  const repos = useRepos();
  const zone = currentZone();
  const now = useNow(60_000);
  const catalog = useCatalog();
  const rows = useLiveQuery(() => repos.trash.list(), [repos]);
  const [ask, setAsk] = useState<Ask | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  useEffect(() => {
    if (!message || message.error) return;
    const handle = setTimeout(() => setMessage(null), 8000);
    return () => clearTimeout(handle);
  }, [message]);

  async function act(fn: () => Promise<string>, failed: (e: unknown) => string = (e) => `Not deleted: ${e instanceof Error ? e.message : String(e)}`) {
    setMessage(null);
    try {
      setMessage({ text: await fn(), error: false });
    } catch (e) {
      setMessage({ text: failed(e), error: true });
    }
  }

  const restore = (e: EntryRow, label: string) =>
    act(async () => {
      await repos.trash.restore([e.id]);
      const name = entryName(e, label, zone);
      if (e.qboHold && !heldInQbo(e)) return `Restored ${name} as a draft: QuickBooks no longer has it, so approve it to send it again.`;
      if (e.status === 'approved' && !e.qboHold) return `Restored ${name}: it is approved and queued for QuickBooks again.`;
      return `Restored ${name} to ${formatDayShort(e.localDate)}.`;
    }, restoreFailure);

  const forever = (e: EntryRow) => {
    if (heldInQbo(e)) setAsk({ kind: 'forever', entry: e });
    else void act(async () => (await repos.trash.deleteForever([e.id]), 'Deleted forever.'));
  };

  const list = rows ?? [];
  return (
    <>
      <ScreenHeader title="Trash" subtitle={`Deleted entries stay here for ${TRASH_KEEP_DAYS} days, then they are deleted for good.`}
        actions={<button type="button" className="button danger" disabled={list.length === 0}
          onClick={() => setAsk({ kind: 'empty', count: list.length, held: list.filter(heldInQbo).length })}>Empty trash</button>} />
      {message ? <p role={message.error ? 'alert' : 'status'} className={`list-message ${message.error ? 'error' : 'muted'}`}>{message.text}</p> : null}
      {rows && catalog && list.length > 0 ? (
        <ul className="trash-list" aria-label="Deleted entries">
          {list.map((e) => (
            <TrashItem key={e.id} entry={e} catalog={catalog} zone={zone} now={now}
              onRestore={() => void restore(e, catalog.label(e.projectId))} onDeleteForever={() => forever(e)} />
          ))}
        </ul>
      ) : rows ? (
        <EmptyState icon="trash" title="The trash is empty">
          <p>Entries you delete wait here for {TRASH_KEEP_DAYS} days, so you can restore them as they were.</p>
          <p className="muted">Time already in QuickBooks stays there for 24 hours after you delete it (or until you empty the trash), so restoring it within that time changes nothing in QuickBooks.</p>
        </EmptyState>
      ) : null}
      {ask ? <TrashQuestion ask={ask} label={ask.kind === 'forever' ? catalog?.label(ask.entry.projectId) ?? '' : ''} zone={zone} onClose={() => setAsk(null)}
        onConfirm={() => {
          setAsk(null);
          if (ask.kind === 'forever') void act(async () => (await repos.trash.deleteForever([ask.entry.id]), 'Deleted forever. The next sync deletes it from QuickBooks.'));
          else void act(async () => {
            const gone = await repos.trash.empty();
            return `Emptied the trash: ${plural(gone.length, 'entry', 'entries')} deleted for good.${ask.held > 0 ? ' The next sync deletes what QuickBooks still held.' : ''}`;
          });
        }} /> : null}
    </>
  );
}

function TrashItem({ entry: e, catalog, zone, now, onRestore, onDeleteForever }: { entry: EntryRow; catalog: Catalog; zone: string; now: number; onRestore: () => void; onDeleteForever: () => void }) {
  const label = catalog.label(e.projectId);
  const name = entryName(e, label, zone);
  const qbo = qboLine(e, now, zone);
  return (
    <li className="trash-item" aria-label={name}>
      <span className="chip entry-chip" style={{ background: catalog.color(e.projectId) }} aria-hidden="true" />
      <div className="entry-main">
        <div className="entry-line">
          <span className="trash-day">{formatDayShort(e.localDate)}</span>
          <span className="entry-time">{formatTimeRange(e.start, e.end, zone)}</span>
          <span className="entry-duration">{formatDuration(Math.max(0, (e.end ?? e.start) - e.start))}</span>
          <span className="entry-project">{label}</span>
          <span className={`badge status-${e.status}`}>{e.status}</span>
        </div>
        {e.description ? <EntryDescription text={e.description} /> : null}
        <div className="trash-meta">Deleted {formatDateTime(e.trashedAt!, zone)}</div>
        <div className={`trash-qbo ${qbo.held ? 'held' : ''}`}>{qbo.text}</div>
      </div>
      <div className="entry-actions">
        <button type="button" className="button small" aria-label={`Restore ${name}`} onClick={onRestore}>Restore</button>
        <button type="button" className="button small danger" aria-label={`Delete forever ${name}`} onClick={onDeleteForever}>Delete forever</button>
      </div>
    </li>
  );
}

function TrashQuestion({ ask, label, zone, onClose, onConfirm }: { ask: Ask; label: string; zone: string; onClose: () => void; onConfirm: () => void }) {
  const forever = ask.kind === 'forever';
  return (
    <Modal title={forever ? 'Delete forever?' : 'Empty the trash?'} onClose={onClose}>
      {forever ? (
        <>
          <p>{formatTimeRange(ask.entry.start, ask.entry.end, zone)} · {label}{ask.entry.description ? ` · ${ask.entry.description}` : ''}</p>
          <p className="muted">QuickBooks still holds this time: the next sync deletes it there. This cannot be undone.</p>
        </>
      ) : (
        <>
          <p>{plural(ask.count, 'entry is', 'entries are')} deleted for good. This cannot be undone.</p>
          <p className="muted">{ask.held === 0 ? 'None of them is in QuickBooks.' : `${plural(ask.held, 'of them is', 'of them are')} still in QuickBooks: the next sync deletes ${ask.held === 1 ? 'it' : 'them'} there.`}</p>
        </>
      )}
      <div className="modal-actions">
        <button type="button" className="button" onClick={onClose} autoFocus>Cancel</button>
        <button type="button" className="button danger" onClick={onConfirm}>{forever ? 'Delete forever' : 'Empty trash'}</button>
      </div>
    </Modal>
  );
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
