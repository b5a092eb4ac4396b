// One proposed entry: when, how long, the suggested project with its confidence and reasons, and the
// windows behind it. The user accepts it as is, changes the project or task, splits or rejects it.
import { useState } from 'react';
import type { ProposedEntry, SuggestedSegment } from '../../../../shared/proposals';
import { formatDuration } from '../../../../shared/time/duration';
import { DescriptionInput } from '../../components/DescriptionInput';

export interface ProjectOption {
  id: string;
  label: string;
  tasks: Array<{ id: string; name: string }>;
}

export interface ProposalDecision {
  projectId: string;
  taskId: string | null;
  description: string;
}

interface Props {
  proposal: ProposedEntry;
  segments: ReadonlyArray<SuggestedSegment & { app: string; title: string }>;
  projects: readonly ProjectOption[];
  colour: string;
  formatTime: (ms: number) => string;
  busy: boolean;
  onAccept: (decision: ProposalDecision) => void;
  onReject: () => void;
  /** Local wall time 'HH:mm' on the proposal's day. */
  onSplit: (hhmm: string) => void;
  onMakeRule: (segmentId: string) => void;
}

export function ProposalCard({ proposal, segments, projects, colour, formatTime, busy, onAccept, onReject, onSplit, onMakeRule }: Props) {
  const [projectId, setProjectId] = useState(proposal.projectId);
  const [taskId, setTaskId] = useState<string | null>(proposal.taskId);
  const [description, setDescription] = useState('');
  const [splitAt, setSplitAt] = useState('');
  const [open, setOpen] = useState(false);
  const project = projects.find((p) => p.id === projectId);
  const range = `${formatTime(proposal.start)}–${formatTime(proposal.end)}`;
  const confidence = Math.round(proposal.confidence * 100);
  const changed = projectId !== proposal.projectId;

  return (
    <article className="proposal card" aria-label={`Proposed entry ${range}`}>
      <div className="proposal-head">
        <span className="proposal-colour" style={{ background: colour }} aria-hidden="true" />
        <div className="proposal-when">
          <strong>{range}</strong>
          <span className="muted">{formatDuration(proposal.durationMs)} counted</span>
        </div>
        <label className="field">
          <span>Project</span>
          <select value={projectId} onChange={(e) => { setProjectId(e.target.value); setTaskId(null); }}>
            {projects.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
          </select>
        </label>
        {project && project.tasks.length > 0 ? (
          <label className="field">
            <span>Task</span>
            <select value={taskId ?? ''} onChange={(e) => setTaskId(e.target.value || null)}>
              <option value="">No task</option>
              {project.tasks.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
            </select>
          </label>
        ) : null}
        <label className="field grow">
          <span>Description (sent to QuickBooks when approved)</span>
          <DescriptionInput className="" aria-label="Description" value={description} onChange={setDescription} placeholder="What did you do?" />
        </label>
      </div>

      <div className="proposal-why">
        <span className={`confidence ${confidence >= 90 ? 'high' : confidence >= 70 ? 'mid' : 'low'}`} title="How sure the suggestion is">
          {changed ? 'your choice' : `${confidence}% sure`}
        </span>
        <ul className="reasons">
          {proposal.reasons.map((r) => <li key={r.text}>{r.text}</li>)}
        </ul>
      </div>

      <div className="proposal-actions">
        <button type="button" className="button primary" disabled={busy} onClick={() => onAccept({ projectId, taskId, description })}>Accept</button>
        <button type="button" className="button" disabled={busy} onClick={onReject}>Reject</button>
        <form className="split" onSubmit={(e) => {
          e.preventDefault();
          if (!/^\d{2}:\d{2}$/.test(splitAt)) return;
          onSplit(splitAt);
          setSplitAt('');
        }}>
          <label><span className="visually-hidden">Split at</span>
            <input type="time" value={splitAt} onChange={(e) => setSplitAt(e.target.value)} aria-label={`Split ${range} at`} />
          </label>
          <button type="submit" className="button" disabled={busy || splitAt === ''}>Split</button>
        </form>
        <button type="button" className="button link" aria-expanded={open} onClick={() => setOpen(!open)}>
          {segments.length} window{segments.length === 1 ? '' : 's'}
        </button>
      </div>

      {open ? (
        <ul className="proposal-segments">
          {segments.map((s) => (
            <li key={s.id}>
              <span className="muted">{formatTime(s.start)}–{formatTime(s.end)}</span>
              <span className="seg-app">{s.app}</span>
              <span className="seg-title">{s.title}</span>
              <button type="button" className="button small" onClick={() => onMakeRule(s.id)}>Make this a rule</button>
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}
