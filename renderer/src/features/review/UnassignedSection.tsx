// Windows the matcher left without a project. Each can be assigned once, by hand (a draft entry for
// that window, and the matcher learns from it as from an accept), made into a rule for all windows
// like it, or, with the rest, marked as not work.
import { useState } from 'react';
import { formatDuration } from '../../../../shared/time/duration';
import { formatSpan } from '../timer/format';
import type { Overlap } from './accept-plan';
import { NOT_WORK_HINT } from './ProposalCard';
import type { WindowView } from './review-day';
import type { ProjectOption } from './use-review-day';
import { WindowList } from './WindowList';

interface Props {
  unassigned: ReadonlyArray<{ window: WindowView; overlap: Overlap }>;
  projects: readonly ProjectOption[];
  formatTime: (ms: number) => string;
  busy: boolean;
  onAssign: (window: WindowView, overlap: Overlap, projectId: string, taskId: string | null) => void;
  onMakeRule: (segmentId: string) => void;
  onNotWork: () => void;
}

export function UnassignedSection({ unassigned, projects, formatTime, busy, onAssign, onMakeRule, onNotWork }: Props) {
  const [assigning, setAssigning] = useState<string | null>(null);
  const totalMs = unassigned.reduce((sum, u) => sum + u.window.end - u.window.start, 0);
  const overlapOf = new Map(unassigned.map((u) => [u.window.id, u.overlap]));
  return (
    <section className="card unassigned" aria-labelledby="unassigned-title">
      <h2 id="unassigned-title">Not assigned ({formatDuration(totalMs)})</h2>
      <p className="muted">
        The matcher was not sure enough to suggest a project for these windows, or they look personal. Assign one to a project
        (a draft entry for that window only), make a rule for windows like it, or mark them as not work.
      </p>
      <WindowList
        windows={unassigned.map((u) => u.window)}
        formatTime={formatTime}
        showReason
        note={(w) => (overlapOf.get(w.id)!.freeMs === 0 && overlapOf.get(w.id)!.coveredMs > 0 ? 'Already in your entries.' : null)}
        action={(w) =>
          assigning === w.id ? (
            <AssignForm window={w} overlap={overlapOf.get(w.id)!} projects={projects} busy={busy} onCancel={() => setAssigning(null)}
              onAssign={(projectId, taskId) => {
                setAssigning(null);
                onAssign(w, overlapOf.get(w.id)!, projectId, taskId);
              }} />
          ) : (
            <>
              <button type="button" className="button small" disabled={busy || projects.length === 0} onClick={() => setAssigning(w.id)}
                aria-label={`Assign ${formatTime(w.start)}–${formatTime(w.end)} to a project`}>Assign…</button>
              <button type="button" className="button small" disabled={projects.length === 0} onClick={() => onMakeRule(w.id)}>Make this a rule</button>
            </>
          )
        }
      />
      <button type="button" className="button" disabled={busy} onClick={onNotWork} title={NOT_WORK_HINT}>Mark all as not work</button>
    </section>
  );
}

function AssignForm({ window: w, overlap, projects, busy, onAssign, onCancel }: {
  window: WindowView;
  overlap: Overlap;
  projects: readonly ProjectOption[];
  busy: boolean;
  onAssign: (projectId: string, taskId: string | null) => void;
  onCancel: () => void;
}) {
  const [projectId, setProjectId] = useState('');
  const [taskId, setTaskId] = useState<string | null>(null);
  const project = projects.find((p) => p.id === projectId);
  const note = overlap.freeMs === 0 && overlap.coveredMs > 0
    ? 'This time is already in your entries: no entry is added, the window is marked reviewed.'
    : `Adds one draft entry (${formatSpan(overlap.freeMs)}) for this window only; no rule is made.`;
  return (
    <form className="assign-form" aria-label={`Assign ${w.app} window`} onSubmit={(e) => {
      e.preventDefault();
      if (projectId) onAssign(projectId, taskId);
    }}>
      <label className="field"><span>Project</span>
        <select value={projectId} onChange={(e) => { setProjectId(e.target.value); setTaskId(null); }}>
          <option value="">Choose a project…</option>
          {projects.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
        </select>
      </label>
      {project && project.tasks.length > 0 ? (
        <label className="field"><span>Task</span>
          <select value={taskId ?? ''} onChange={(e) => setTaskId(e.target.value || null)}>
            <option value="">No task</option>
            {project.tasks.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          </select>
        </label>
      ) : null}
      <button type="submit" className="button primary small" disabled={busy || !projectId}>Assign</button>
      <button type="button" className="button small" onClick={onCancel}>Cancel</button>
      <p className="muted">{note}</p>
    </form>
  );
}
