// One proposed entry: when, how long, what of it is already in the day's entries, what it bills,
// the suggested project with its reasons, and the windows behind it. The card shows the decision
// as the screen holds it (decisions.ts), so Accept here and Accept all save the same thing.
import { useState } from 'react';
import { DEFAULT_THRESHOLD } from '../../../../shared/matcher';
import { formatDuration } from '../../../../shared/time/duration';
import { DescriptionInput } from '../../components/DescriptionInput';
import { formatSpan } from '../timer/format';
import type { Billing } from './accept-plan';
import type { ProposalDecision } from './decisions';
import type { ProposalView } from './review-day';
import type { ProjectOption } from './use-review-day';
import { WindowList } from './WindowList';

interface Props {
  view: ProposalView;
  decision: ProposalDecision;
  projects: readonly ProjectOption[];
  /** What the entries this accept creates bill, or null when it creates none. */
  billing: Billing | null;
  colourOf: (projectId: string | null) => string;
  labelOf: (projectId: string | null) => string;
  formatTime: (ms: number) => string;
  busy: boolean;
  onChange: (patch: Partial<ProposalDecision>) => void;
  onAccept: () => void;
  onReject: () => void;
  /** Local wall time 'HH:mm' on the proposal's day. */
  onSplit: (hhmm: string) => void;
  onMakeRule: (segmentId: string) => void;
}

export const NOT_WORK_HINT = 'Mark as personal: no entry, and the matcher learns to leave windows like these unassigned.';

function sureness(confidence: number): { word: string; tone: 'high' | 'mid' | 'low' } {
  if (confidence >= 0.9) return { word: 'Sure', tone: 'high' };
  if (confidence >= DEFAULT_THRESHOLD) return { word: 'Fairly sure', tone: 'mid' };
  return { word: 'Less sure', tone: 'low' };
}

export function ProposalCard({ view, decision, projects, billing, colourOf, labelOf, formatTime, busy, onChange, onAccept, onReject, onSplit, onMakeRule }: Props) {
  const { proposal, overlap, windows } = view;
  const [splitAt, setSplitAt] = useState('');
  const [showWindows, setShowWindows] = useState(false);
  const [showDetails, setShowDetails] = useState(false);
  const project = projects.find((p) => p.id === decision.projectId);
  const range = `${formatTime(proposal.start)}–${formatTime(proposal.end)}`;
  const changed = decision.projectId !== proposal.projectId || decision.taskId !== proposal.taskId;
  const sure = sureness(proposal.confidence);
  const covered = overlap.coveredMs > 0;
  const allCovered = covered && overlap.freeMs === 0;
  const noEntry = allCovered && !decision.countAll;
  const idBase = `proposal-${view.key}`;

  return (
    <article className="proposal card" aria-label={`Proposed entry ${range}`}>
      <div className="proposal-head">
        <span className="proposal-colour" style={{ background: colourOf(decision.projectId) }} aria-hidden="true" />
        <div className="proposal-when">
          <strong>{range}</strong>
          <span className="muted">{formatDuration(overlap.countedMs)} counted</span>
        </div>
        <label className="field">
          <span>Project</span>
          <select value={decision.projectId} onChange={(e) => onChange({ projectId: e.target.value })}>
            {project ? null : <option value={decision.projectId}>{labelOf(decision.projectId)}</option>}
            {projects.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
          </select>
        </label>
        {project && project.tasks.length > 0 ? (
          <label className="field">
            <span>Task</span>
            <select value={decision.taskId ?? ''} onChange={(e) => onChange({ taskId: e.target.value || null })}>
              <option value="">No task</option>
              {project.tasks.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
            </select>
          </label>
        ) : null}
        <label className="field grow">
          <span>Description (sent to QuickBooks when approved)</span>
          <DescriptionInput id={`${idBase}-description`} aria-label="Description" value={decision.description} onChange={(description) => onChange({ description })} placeholder="What did you do?" />
        </label>
      </div>

      {covered ? (
        <div className="proposal-overlap" role="note">
          <p>
            {allCovered ? 'All of this is already in your entries: ' : `${formatSpan(overlap.coveredMs)} of this is already in your entries: `}
            {overlap.covered.map((c) => `${formatTime(c.start)}–${formatTime(c.end)} ${labelOf(c.projectId)}`).join(', ')}.{' '}
            {decision.countAll
              ? `Accepting counts all ${formatDuration(overlap.countedMs)} again, beside them.`
              : allCovered
                ? 'Accepting marks these windows reviewed and adds no entry.'
                : `Accepting adds only the other ${formatSpan(overlap.freeMs)}.`}
          </p>
          <label className="check">
            <input type="checkbox" checked={decision.countAll} onChange={(e) => onChange({ countAll: e.target.checked })} />
            Count all of it anyway
          </label>
        </div>
      ) : null}

      {billing && billing.billedMs !== billing.rawMs ? (
        <p className="proposal-billed">
          {formatDuration(billing.rawMs)} {covered && !decision.countAll ? 'added' : 'counted'} · billed {formatDuration(billing.billedMs)} — {billing.rule}
        </p>
      ) : null}

      <div className="proposal-why">
        <span className={`confidence ${changed ? 'mid' : sure.tone}`}>{changed ? 'Your choice' : sure.word}</span>
        <ul className="reasons">
          {proposal.reasons.map((r) => <li key={r.text}>{r.text}</li>)}
        </ul>
      </div>
      {showDetails ? (
        <div className="proposal-details" id={`${idBase}-details`}>
          <p className="muted">
            The matcher is {Math.round(proposal.confidence * 100)}% sure of {labelOf(proposal.projectId)} (it suggests a project at {Math.round(DEFAULT_THRESHOLD * 100)}% and above).
          </p>
          <ul>{proposal.reasons.flatMap((r) => r.details).map((d) => <li key={d}><code>{d}</code></li>)}</ul>
        </div>
      ) : null}

      <div className="proposal-actions">
        <button type="button" className="button primary" disabled={busy} onClick={onAccept}>{noEntry ? 'Mark reviewed' : 'Accept'}</button>
        <button type="button" className="button" disabled={busy} onClick={onReject} title={NOT_WORK_HINT}>Not work</button>
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
        <button type="button" className="button link" aria-expanded={showWindows} onClick={() => setShowWindows(!showWindows)}>
          {windows.length} window{windows.length === 1 ? '' : 's'}
        </button>
        <button type="button" className="button link" aria-expanded={showDetails} aria-controls={`${idBase}-details`} onClick={() => setShowDetails(!showDetails)}>Details</button>
      </div>

      {showWindows ? (
        <WindowList windows={windows} formatTime={formatTime}
          action={(w) => <button type="button" className="button small" onClick={() => onMakeRule(w.id)}>Make this a rule</button>} />
      ) : null}
    </article>
  );
}
