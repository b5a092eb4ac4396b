// A day's entries with their actions: edit, duplicate, split, approve, delete, merge two adjacent
// ones, split at midnight. Each shows its task and, where rounding changes it, its billed time. Approved entries ask before any change and then pass confirmLockedEdit.
// Split and merge go through repos.sync, which re-queues the QuickBooks writes in the same
// transaction (the parts stay approved, so QuickBooks ends up holding what the entries say).
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Modal } from '../../components/Modal';
import { useRepos } from '../../data/repos-context';
import { editPermission } from '../../db/entry-rules';
import { InvalidEntryError } from '../../db/errors';
import type { EntryRow } from '../../db/schema';
import { describeBilledRule, describeRounding, type BilledTime } from '../../../../shared/rounding/billed';
import { localDate, localTime, zonedInstant } from '../../../../shared/time/zone';
import { formatDuration } from '../../../../shared/time/duration';
import { formatTimeRange } from '../../../../shared/time/display';
import { DeleteEntryDialog } from '../trash/DeleteEntryDialog';
import type { Catalog } from './catalog';
import { EntryDescription } from './EntryDescription';
import { EntryDialog } from './EntryDialog';
import { EntryTags } from './EntryTags';
import { LockedEntryNotice } from './LockedEntryNotice';
import { midnightSplitPoint, overlapNotes } from './entry-form';
import './entries.css';

type Pending =
  | { kind: 'confirmLocked'; entry: EntryRow; then: 'edit' | 'split' | 'splitMidnight' }
  | { kind: 'confirmMerge'; ids: string[] }
  | { kind: 'edit'; entry: EntryRow; confirmed: boolean }
  | { kind: 'split'; entry: EntryRow; confirmed: boolean }
  | { kind: 'delete'; entry: EntryRow }
  | { kind: 'locked'; entry: EntryRow };

/** Editing keeps the approval: confirming is approving the new numbers, and sync sends them. */
const LOCKED_QUESTION = 'This entry is approved. Edit it anyway? It stays approved with your changes, its version increases, and the next sync sends the edited version to QuickBooks.';
/** Splitting keeps the approval: both parts are what was approved, cut in two. */
const LOCKED_SPLIT_QUESTION = 'This entry is approved. Split it anyway? Both parts stay approved, and the next sync updates QuickBooks to match.';
const LOCKED_MERGE_QUESTION = 'These entries are approved or already in QuickBooks. Merge them anyway? The next sync updates QuickBooks to match: one time record keeps the merged time and the others are deleted there.';

interface ListProps {
  entries: EntryRow[];
  catalog: Catalog;
  zone: string;
  now: number;
  /** Billed time of the finished entries (shared/rounding/billed). */
  billed: ReadonlyMap<string, BilledTime>;
  /** The list's accessible name, e.g. "Today’s entries". */
  label: string;
  /** An edit was saved (the entry may now be on another day). */
  onSaved: (entry: EntryRow) => void;
}

export function EntryList({ entries, catalog, zone, now, billed, label, onSaved }: ListProps) {
  const repos = useRepos();
  const [selected, setSelected] = useState<string[]>([]);
  const [pending, setPending] = useState<Pending | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const notes = overlapNotes(entries, now, zone, catalog.label);

  // Confirmations fade after a few seconds; errors stay until the next action, or until the
  // entries change (the timer stopped, another window fixed it), which is when their cause is gone.
  useEffect(() => {
    if (!message || message.error) return;
    const handle = setTimeout(() => setMessage(null), 6000);
    return () => clearTimeout(handle);
  }, [message]);
  const [seenEntries, setSeenEntries] = useState(entries);
  if (entries !== seenEntries) {
    setSeenEntries(entries);
    if (message?.error) setMessage(null);
  }

  async function run(fn: () => Promise<unknown>, done?: string) {
    setMessage(null);
    try {
      await fn();
      if (done) setMessage({ text: done, error: false });
    } catch (e) {
      const text = e instanceof InvalidEntryError ? e.problems.join(' ') : e instanceof Error ? e.message : String(e);
      setMessage({ text, error: true });
    }
  }

  /** Approved and synced entries ask first; invoiced and paid ones cannot change here, and say why. */
  function guarded(entry: EntryRow, then: 'edit' | 'split' | 'splitMidnight') {
    const permission = editPermission(entry.status);
    if (permission === 'frozen') setPending({ kind: 'locked', entry });
    else if (permission === 'confirm') setPending({ kind: 'confirmLocked', entry, then });
    else proceed(entry, then, false);
  }

  function proceed(entry: EntryRow, then: 'edit' | 'split' | 'splitMidnight', confirmed: boolean) {
    if (then === 'splitMidnight') {
      setPending(null);
      const at = midnightSplitPoint(entry);
      if (at !== null) void run(() => repos.entries.split(entry.id, at, { confirmed }), 'Split at midnight: the part after midnight is on the next day.');
    } else {
      setPending({ kind: then, entry, confirmed });
    }
  }

  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const live = selected.filter((id) => entries.some((e) => e.id === id));
  const indexes = live.map((id) => entries.findIndex((e) => e.id === id)).sort((a, b) => a - b);
  const adjacent = indexes.length === 2 && indexes[1]! - indexes[0]! === 1;

  return (
    <>
      {live.length > 0 ? (
        <div className="merge-bar" role="region" aria-label="Selection">
          <span>{live.length} selected</span>
          <button type="button" className="button" disabled={!adjacent}
            onClick={() => void run(async () => {
              const chosen = entries.filter((e) => live.includes(e.id));
              if (chosen.some((e) => editPermission(e.status) === 'frozen')) throw new Error('Invoiced entries cannot be merged: their time is on a QuickBooks invoice. Void the invoice in QuickBooks first.');
              // Approved entries, and time QuickBooks already holds, ask first.
              const ask = chosen.some((e) => editPermission(e.status) === 'confirm') || (await repos.entries.deleteNeedsConfirmation(live));
              if (ask) {
                setPending({ kind: 'confirmMerge', ids: live });
                return;
              }
              await repos.entries.merge(live);
              setSelected([]);
              setMessage({ text: 'Merged into one entry.', error: false });
            })}>
            Merge
          </button>
          {!adjacent ? <span className="muted">Select two entries next to each other to merge them.</span> : null}
          <button type="button" className="link-button" onClick={() => setSelected([])}>Clear selection</button>
        </div>
      ) : null}
      {message ? (
        <p role={message.error ? 'alert' : 'status'} className={`list-message ${message.error ? 'error' : 'muted'}`}>{message.text}</p>
      ) : null}
      <ul className="entry-list" aria-label={label}>
        {entries.map((e) => (
          <EntryItem key={e.id} entry={e} catalog={catalog} zone={zone} now={now} notes={notes.get(e.id) ?? []} billed={billed.get(e.id)}
            selected={live.includes(e.id)} onToggle={() => toggle(e.id)}
            onEdit={() => guarded(e, 'edit')}
            onSplit={() => guarded(e, 'split')}
            onDelete={() => setPending(editPermission(e.status) === 'frozen' ? { kind: 'locked', entry: e } : { kind: 'delete', entry: e })}
            onSplitMidnight={() => guarded(e, 'splitMidnight')}
            onDuplicate={() => void run(() => repos.entries.duplicate(e.id), 'Duplicated.')}
            onApprove={() => void run(async () => {
              // Through sync, so the QuickBooks outbox row is written in the same transaction.
              const r = await repos.entries.approve([e.id]);
              if (r.skipped.length > 0) throw new Error(`Not approved: ${r.skipped[0]!.reason}.`);
            }, 'Approved. The entry is now locked.')} />
        ))}
      </ul>

      {pending?.kind === 'locked' ? <LockedEntryNotice entry={pending.entry} onClose={() => setPending(null)} /> : null}
      {pending?.kind === 'confirmLocked' ? (
        <Modal title="Edit an approved entry?" onClose={() => setPending(null)}>
          <p>{pending.then === 'split' || pending.then === 'splitMidnight' ? LOCKED_SPLIT_QUESTION : LOCKED_QUESTION}</p>
          <div className="modal-actions">
            <button type="button" className="button" onClick={() => setPending(null)} autoFocus>Cancel</button>
            <button type="button" className="button primary" onClick={() => proceed(pending.entry, pending.then, true)}>Edit anyway</button>
          </div>
        </Modal>
      ) : null}
      {pending?.kind === 'edit' ? (
        <EntryDialog mode="edit" entry={pending.entry} confirmedLocked={pending.confirmed} catalog={catalog} zone={zone} now={now}
          others={entries} onSaved={onSaved} onClose={() => setPending(null)} />
      ) : null}
      {pending?.kind === 'split' ? (
        <SplitDialog entry={pending.entry} zone={zone} onClose={() => setPending(null)}
          onSplit={(at) => run(() => repos.entries.split(pending.entry.id, at, { confirmed: pending.confirmed }), 'Split in two.')} />
      ) : null}
      {pending?.kind === 'confirmMerge' ? (
        <Modal title="Merge approved entries?" onClose={() => setPending(null)}>
          <p>{LOCKED_MERGE_QUESTION}</p>
          <div className="modal-actions">
            <button type="button" className="button" onClick={() => setPending(null)} autoFocus>Cancel</button>
            <button type="button" className="button primary" onClick={() => {
              const { ids } = pending;
              setPending(null);
              void run(async () => {
                await repos.entries.merge(ids, { confirmed: true });
                setSelected([]);
              }, 'Merged into one entry.');
            }}>Merge anyway</button>
          </div>
        </Modal>
      ) : null}
      {pending?.kind === 'delete' ? (
        // One question, whatever the status: it names what happens in QuickBooks; Undo follows.
        <DeleteEntryDialog entry={pending.entry} catalog={catalog} zone={zone} now={now} run={run} onClose={() => setPending(null)} />
      ) : null}
    </>
  );
}

function EntryItem(props: {
  entry: EntryRow;
  catalog: Catalog;
  zone: string;
  now: number;
  notes: string[];
  billed: BilledTime | undefined;
  selected: boolean;
  onToggle: () => void;
  onEdit: () => void;
  onSplit: () => void;
  onDelete: () => void;
  onDuplicate: () => void;
  onApprove: () => void;
  onSplitMidnight: () => void;
}) {
  const { entry: e, catalog, zone, now, notes } = props;
  const running = e.end === null;
  const range = formatTimeRange(e.start, e.end, zone);
  const label = catalog.label(e.projectId);
  const task = e.taskId ? catalog.taskById.get(e.taskId)?.name : undefined;
  const name = `${range} ${label}`;
  const billedDiffers = props.billed && formatDuration(props.billed.billedMs) !== formatDuration(props.billed.rawMs);
  const permission = editPermission(e.status);
  const frozen = permission === 'frozen';
  const crossesMidnight = running ? localDate(now, zone) !== e.localDate : midnightSplitPoint(e) !== null;
  const action = (text: string, onClick: () => void, extra: { disabled?: boolean; title?: string } = {}): ReactNode => (
    <button type="button" className="button small" aria-label={`${text} ${name}`} onClick={onClick} {...extra}>{text}</button>
  );

  return (
    <li className={`entry ${notes.length > 0 ? 'has-overlap' : ''} ${running ? 'is-running' : ''}`} aria-label={name}>
      <input type="checkbox" className="entry-select" aria-label={`Select ${name}`} checked={props.selected} onChange={props.onToggle} disabled={running} />
      <span className="chip entry-chip" style={{ background: catalog.color(e.projectId) }} aria-hidden="true" />
      <div className="entry-main">
        <div className="entry-line">
          <span className="entry-time">{range}</span>
          <span className="entry-duration">{formatDuration(Math.max(0, (e.end ?? now) - e.start))}</span>
          {billedDiffers ? (
            <span className="entry-billed" title={describeBilledRule(props.billed!)}>
              billed {formatDuration(props.billed!.billedMs)} <span className="muted">({describeRounding(props.billed!.policy)})</span>
            </span>
          ) : null}
          <span className="entry-project">{label}{task ? <span className="entry-task"> · {task}</span> : null}</span>
          {e.billable ? <span className="badge billable" title="Billable">$ billable</span> : <span className="badge muted-badge">non-billable</span>}
          <span className={`badge status-${running ? 'running' : e.status}`}>{running ? 'running' : e.status}</span>
        </div>
        {e.description ? <EntryDescription text={e.description} /> : null}
        {e.tags && e.tags.length > 0 ? <EntryTags tags={e.tags} /> : null}
        {notes.map((n) => <div key={n} className="entry-warning">⚠ {n}</div>)}
        {crossesMidnight ? (
          <div className="entry-note">
            Continues past midnight; it counts on {e.localDate}.{' '}
            {!running ? <button type="button" className="link-button" aria-label={`Split at midnight ${name}`} onClick={props.onSplitMidnight}>Split at midnight</button> : null}
          </div>
        ) : null}
      </div>
      {running ? (
        <div className="entry-actions">{action('Edit', props.onEdit)}</div>
      ) : (
        <div className="entry-actions">
          {action('Edit', props.onEdit, frozen ? { title: 'On an invoice: see why it cannot change' } : {})}
          {action('Duplicate', props.onDuplicate)}
          {action('Split', props.onSplit)}
          {e.status === 'draft' ? action('Approve', props.onApprove) : null}
          {action('Delete', props.onDelete)}
        </div>
      )}
    </li>
  );
}

function SplitDialog({ entry, zone, onSplit, onClose }: { entry: EntryRow; zone: string; onSplit: (at: number) => Promise<void>; onClose: () => void }) {
  const middle = entry.start + Math.floor((entry.end! - entry.start) / 2 / 60_000) * 60_000;
  const [date, setDate] = useState(localDate(middle, zone));
  const [time, setTime] = useState(localTime(middle, zone));
  const [error, setError] = useState<string | null>(null);
  const sameDay = localDate(entry.start, zone) === localDate(entry.end!, zone);

  function submit(ev: FormEvent) {
    ev.preventDefault();
    let at: number;
    try {
      at = zonedInstant(date, time, zone);
    } catch {
      setError('Enter the split time as HH:MM.');
      return;
    }
    if (!(at > entry.start && at < entry.end!)) {
      setError(`The split time must lie inside the entry (${formatTimeRange(entry.start, entry.end, zone)}).`);
      return;
    }
    onClose();
    void onSplit(at);
  }

  return (
    <Modal title="Split entry" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p className="muted">{formatTimeRange(entry.start, entry.end, zone)}: the first part ends and the second begins at</p>
        <div className="field-row">
          {!sameDay ? <input type="date" className="input" aria-label="Split date" value={date} onChange={(e) => setDate(e.target.value)} /> : null}
          <input type="time" className="input" aria-label="Split at" value={time} autoFocus
            onChange={(e) => { setTime(e.target.value); setError(null); }} aria-invalid={error ? true : undefined} />
        </div>
        {error ? <p role="alert" className="error field-error">{error}</p> : null}
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="button primary">Split</button>
        </div>
      </form>
    </Modal>
  );
}
