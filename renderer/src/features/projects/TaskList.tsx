// A project's tasks: add, rename, archive, and a task's own rate (the most specific scope).
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useRepos } from '../../data/repos-context';
import type { ProjectRow, RateCardRow, TaskRow } from '../../db/schema';
import { Field } from '../settings/Field';
import { saveTask } from './actions';
import { RateHistory } from './RateHistory';

export function TaskList({ project, showArchived, rateCards }: { project: ProjectRow; showArchived: boolean; rateCards: readonly RateCardRow[] }) {
  const repos = useRepos();
  const tasks = useLiveQuery(() => repos.tasks.listForProject(project.id, { includeArchived: true }), [repos, project.id]);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const shown = (tasks ?? []).filter((t) => showArchived || !t.archived);

  async function add() {
    const result = await saveTask(repos, project.id, name);
    if (result.ok) {
      setName('');
      setError(null);
    } else setError(result.errors.name ?? null);
  }

  return (
    <div>
      <h4>Tasks</h4>
      {shown.length === 0 ? <p className="muted">No tasks. Entries can still be tracked on the project.</p> : (
        <ul className="plain-list" aria-label={`Tasks of ${project.name}`}>
          {shown.map((t) => <TaskItem key={t.id} task={t} project={project} rateCards={rateCards.filter((c) => c.scope === 'task' && c.scopeId === t.id)} />)}
        </ul>
      )}
      <form className="inline-form" aria-label={`Add a task to ${project.name}`} onChange={() => setError(null)} onSubmit={(e) => { e.preventDefault(); void add(); }}>
        <Field label="New task" error={error}>
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Design" autoComplete="off" />
        </Field>
        <div className="set-field"><span className="set-label">&nbsp;</span><button type="submit" className="button small">Add task</button></div>
      </form>
    </div>
  );
}

function TaskItem({ task, project, rateCards }: { task: TaskRow; project: ProjectRow; rateCards: readonly RateCardRow[] }) {
  const repos = useRepos();
  const [editing, setEditing] = useState(false);
  const [showRates, setShowRates] = useState(false);
  const [name, setName] = useState(task.name);
  const [error, setError] = useState<string | null>(null);

  async function rename() {
    const result = await saveTask(repos, project.id, name, task.id);
    if (result.ok) {
      setEditing(false);
      setError(null);
    } else setError(result.errors.name ?? null);
  }

  return (
    <li className={task.archived ? 'archived' : undefined}>
      {editing ? (
        <form className="inline-form" aria-label={`Rename task ${task.name}`} onChange={() => setError(null)} onSubmit={(e) => { e.preventDefault(); void rename(); }}>
          <Field label="Task name" error={error}><input value={name} onChange={(e) => setName(e.target.value)} autoFocus /></Field>
          <div className="set-field"><span className="set-label">&nbsp;</span>
            <div className="inline-form">
              <button type="submit" className="button small primary">Save</button>
              <button type="button" className="button small" onClick={() => { setEditing(false); setName(task.name); setError(null); }}>Cancel</button>
            </div>
          </div>
        </form>
      ) : (
        <>
          <span>{task.name}</span>
          {task.archived ? <span className="badge">archived</span> : null}
          {project.defaultTaskId === task.id ? <span className="badge">default</span> : null}
          <button type="button" className="button link small" aria-label={`Rename task ${task.name}`} onClick={() => setEditing(true)}>Rename</button>
          <button type="button" className="button link small" aria-expanded={showRates} aria-label={`Rates for task ${task.name}`} onClick={() => setShowRates((v) => !v)}>Rate</button>
          <button type="button" className="button link small" aria-label={`${task.archived ? 'Restore' : 'Archive'} task ${task.name}`}
            onClick={() => void (task.archived ? repos.tasks.unarchive(task.id) : repos.tasks.archive(task.id))}>{task.archived ? 'Restore' : 'Archive'}</button>
        </>
      )}
      {showRates ? (
        <div style={{ width: '100%', paddingLeft: 12 }}>
          <RateHistory scope="task" scopeId={task.id} currency={project.currency} cards={rateCards} label={`task ${task.name}`} />
        </div>
      ) : null}
    </li>
  );
}
