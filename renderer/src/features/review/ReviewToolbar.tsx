// Above the proposals: how much time accepting them all adds (each minute once: time already in
// entries is named, not added), the grouping settings, and Accept all.
import { formatDuration } from '../../../../shared/time/duration';
import { useRepos } from '../../data/repos-context';
import { formatSpan } from '../timer/format';
import type { ReviewData } from './use-review-day';

interface Props {
  proposals: number;
  /** What Accept all would add as entries, as the cards stand. */
  addMs: number;
  /** Counted time already in entries that Accept all leaves out. */
  heldMs: number;
  options: ReviewData['options'];
  busy: boolean;
  onAcceptAll: () => void;
}

export function ReviewToolbar({ proposals, addMs, heldMs, options, busy, onAcceptAll }: Props) {
  const repos = useRepos();
  return (
    <div className="review-toolbar">
      <span className="muted" data-testid="review-totals">
        {proposals} proposed entr{proposals === 1 ? 'y' : 'ies'} · {formatDuration(addMs)} to add
        {heldMs > 0 ? ` · ${formatSpan(heldMs)} already in your entries, not counted again` : ''}
      </span>
      <label className="field inline">Fill gaps under
        <input type="number" min={0} max={60} value={options.gapFillMinutes} onChange={(e) => void repos.settings.set('reviewGapFillMinutes', Number(e.target.value))} /> min
      </label>
      <label className="field inline">Fragments under
        <input type="number" min={0} max={60} value={options.minFragmentMinutes} onChange={(e) => void repos.settings.set('reviewMinFragmentMinutes', Number(e.target.value))} /> min are
        <select value={options.fragments} onChange={(e) => void repos.settings.set('reviewFragments', e.target.value as 'fold' | 'drop')}>
          <option value="fold">folded in</option><option value="drop">dropped</option>
        </select>
      </label>
      <button type="button" className="button primary" disabled={busy || proposals === 0} onClick={onAcceptAll}>Accept all</button>
    </div>
  );
}
