// Add or edit an entry: project, task, description, start and end as local times (or a duration
// when adding), billable. Messages come from the shared entry rules and the repository; overlaps
// with other entries are warned about but do not block saving.
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { DescriptionInput } from '../../components/DescriptionInput';
import { Modal } from '../../components/Modal';
import { descriptionTooLong } from '../../../../shared/entries/entry';
import { useRepos } from '../../data/repos-context';
import { InvalidEntryError, LockedEntryError } from '../../db/errors';
import type { EntryRow, LocalDate } from '../../db/schema';
import { ProjectPicker } from '../timer/ProjectPicker';
import { useReportBusy } from '../updates/update-store';
import { formatSpan } from '../timer/format';
import type { Catalog } from './catalog';
import { EntryTags } from './EntryTags';
import { candidateOverlaps, newEntryTimes, resolveTimes, timesFromEntry, type FieldError, type TimesInput } from './entry-form';
import './entries.css';

interface Props {
  mode: 'add' | 'edit';
  entry?: EntryRow;
  /** The user already agreed to edit this approved entry. */
  confirmedLocked?: boolean;
  catalog: Catalog;
  zone: string;
  now: number;
  /** Entries to check overlaps against (the day's). */
  others: readonly EntryRow[];
  /** The day the user is looking at: new time starts on it. */
  day?: LocalDate;
  defaultProjectId?: string | null;
  /** After a save, with the entry as stored (its date may differ from the day in view). */
  onSaved?: (entry: EntryRow) => void;
  onClose: () => void;
}

export function EntryDialog({ mode, entry, confirmedLocked, catalog, zone, now, others, day, defaultProjectId = null, onSaved, onClose }: Props) {
  const repos = useRepos();
  const formId = useId();
  const [projectId, setProjectId] = useState<string | null>(entry ? entry.projectId : defaultProjectId);
  const [taskId, setTaskId] = useState<string | null>(entry?.taskId ?? null);
  const [description, setDescription] = useState(entry?.description ?? '');
  const [billable, setBillable] = useState<boolean>(entry?.billable ?? (projectId ? catalog.projectById.get(projectId)?.billable ?? true : true));
  const [times, setTimes] = useState<TimesInput>(() =>
    entry ? timesFromEntry(entry, zone, now) : newEntryTimes(now, zone, day, others),
  );
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [saving, setSaving] = useState(false);
  // Any edit makes the dialog one a restart into an update waits for.
  const [touched, setTouched] = useState(false);
  useReportBusy('dialog', touched);
  /** A running timer's start (and project, text) can be corrected; its end is set by Stop. */
  const running = entry?.end === null;
  const tasks = useLiveQuery(async () => (projectId ? repos.tasks.listForProject(projectId) : []), [repos, projectId], []);

  const preview = useMemo(() => resolveTimes(times, zone), [times, zone]);
  const overlaps = preview.ok ? candidateOverlaps({ id: entry?.id ?? null, start: preview.start, end: preview.end }, others, now, zone, catalog.label) : [];
  const errorFor = (field: FieldError['field']) => errors.filter((e) => e.field === field);
  const set = (patch: Partial<TimesInput>) => {
    setTimes((t) => ({ ...t, ...patch }));
    setErrors([]);
  };

  function chooseProject(p: string | null) {
    setProjectId(p);
    setTouched(true);
    setTaskId(p ? catalog.projectById.get(p)?.defaultTaskId ?? null : null);
    if (mode === 'add') setBillable(p ? catalog.projectById.get(p)?.billable ?? true : true);
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    const tooLong = descriptionTooLong(description.trim());
    if (tooLong) {
      setErrors([{ field: 'description', message: tooLong }]);
      return;
    }
    const result = resolveTimes(times, zone);
    if (!result.ok) {
      // A running entry's end is "now": a problem with it is a start in the future.
      setErrors(running ? result.errors.map((er) => (er.field === 'end' && er.message.startsWith('The end must') ? { field: 'start', message: 'The start must be before now.' } : er)) : result.errors);
      return;
    }
    setSaving(true);
    try {
      const fields = { projectId, taskId, description: description.trim(), start: result.start, end: result.end, billable };
      let saved: EntryRow;
      if (mode === 'edit' && entry) {
        const { end: _runningHasNoEnd, ...withoutEnd } = fields;
        // Through sync: a confirmed edit of approved time stays approved and re-queues its QuickBooks write.
        saved = (await repos.entries.update(entry.id, running ? withoutEnd : fields, { expectedVersion: entry.version, confirmed: confirmedLocked ?? false })).entry;
      } else {
        saved = await repos.entries.create({ ...fields, zone, source: 'manual' });
      }
      onClose();
      onSaved?.(saved);
    } catch (err) {
      setSaving(false);
      if (err instanceof InvalidEntryError) setErrors(err.problems.map((message) => ({ field: 'entry', message })));
      else if (err instanceof LockedEntryError) setErrors([{ field: 'entry', message: err.canConfirm ? 'This entry is approved; close and choose Edit again to confirm.' : 'This entry is on a QuickBooks invoice and is locked: void the invoice or issue a credit memo in QuickBooks to change it.' }]);
      else setErrors([{ field: 'entry', message: err instanceof Error ? err.message : String(err) }]);
    }
  }

  const msg = (field: FieldError['field']) => {
    const list = errorFor(field);
    return list.length > 0 ? <p id={`${formId}-${field}`} role="alert" className="error field-error">{list.map((l) => l.message).join(' ')}</p> : null;
  };
  const invalid = (field: FieldError['field']) => (errorFor(field).length > 0 ? { 'aria-invalid': true, 'aria-describedby': `${formId}-${field}` } : {});

  return (
    <Modal title={mode === 'add' ? 'Add time' : 'Edit entry'} onClose={onClose} className="entry-dialog">
      <form onSubmit={save} onChange={() => setTouched(true)} noValidate>
        <div className="field">
          <span id={`${formId}-project`}>Project</span>
          <ProjectPicker catalog={catalog} value={projectId} onChange={chooseProject} label="Project" />
        </div>
        {tasks.length > 0 ? (
          <label className="field">
            <span>Task</span>
            <select className="input" value={taskId ?? ''} onChange={(e) => setTaskId(e.target.value || null)}>
              <option value="">No task</option>
              {tasks.filter((t) => !t.archived || t.id === taskId).map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
            </select>
          </label>
        ) : null}
        <label className="field">
          <span>Description</span>
          <DescriptionInput aria-label="Description" id={`${formId}-description-input`} value={description}
            onChange={(v) => { setDescription(v); setErrors((list) => list.filter((er) => er.field !== 'description')); }} {...invalid('description')} />
        </label>
        {msg('description')}
        {entry?.tags && entry.tags.length > 0 ? <div className="field"><span>Tags <span className="muted">(from the imported file)</span></span><EntryTags tags={entry.tags} /></div> : null}
        <fieldset className="times">
          <legend>Start</legend>
          <input type="date" className="input" aria-label="Start date" value={times.startDate} onChange={(e) => set({ startDate: e.target.value })} {...invalid('start')} />
          <input type="time" className="input" aria-label="Start time" value={times.startTime} onChange={(e) => set({ startTime: e.target.value })} {...invalid('start')} />
        </fieldset>
        {msg('start')}
        {running ? (
          <p className="muted">Running: it ends when you stop the timer.</p>
        ) : (
          <fieldset className="times" disabled={times.duration.trim() !== ''}>
            <legend>End</legend>
            <input type="date" className="input" aria-label="End date" value={times.endDate} onChange={(e) => set({ endDate: e.target.value })} {...invalid('end')} />
            <input type="time" className="input" aria-label="End time" value={times.endTime} onChange={(e) => set({ endTime: e.target.value })} {...invalid('end')} />
          </fieldset>
        )}
        {msg('end')}
        {mode === 'add' ? (
          <label className="field">
            <span>Or duration <span className="muted">(1:30, 1.5h, 90m)</span></span>
            <input className="input" aria-label="Duration" value={times.duration} onChange={(e) => set({ duration: e.target.value })} {...invalid('duration')} />
          </label>
        ) : null}
        {msg('duration')}
        <label className="check">
          <input type="checkbox" checked={billable} onChange={(e) => setBillable(e.target.checked)} /> Billable
        </label>
        {preview.ok ? <p className="muted preview">Duration: {formatSpan(preview.end - preview.start)}</p> : null}
        {overlaps.length > 0 ? (
          <div className="warning-box" role="status">
            {overlaps.map((o) => <p key={o}>⚠ {o}</p>)}
            <p className="muted">You can still save; overlapping time is counted twice.</p>
          </div>
        ) : null}
        {msg('entry')}
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="button primary" disabled={saving}>{mode === 'add' ? 'Add' : 'Save'}</button>
        </div>
      </form>
    </Modal>
  );
}
