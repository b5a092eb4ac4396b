// Whose rows to import from a file that names people: one person is just shown; with several, the
// user's own name is ticked, or no one and the preview asks.
import type { PersonSummary } from '../../../../shared/csv/types';
import { formatDuration } from '../../../../shared/time/duration';
import { plural } from './use-import';

const summary = (p: PersonSummary) => `${plural(p.rows, 'row')}, ${formatDuration(p.ms)}`;

export function PeoplePicker({ people, chosen, disabled, onToggle, onChooseAll }: {
  people: readonly PersonSummary[];
  chosen: readonly string[];
  disabled: boolean;
  onToggle: (name: string) => void;
  /** Everyone (or no one): a team file can name a hundred people. */
  onChooseAll: (names: string[]) => void;
}) {
  if (people.length === 0) return null;
  if (people.length === 1) {
    return <p data-testid="import-people">Time of <strong>{people[0]!.name}</strong>: {summary(people[0]!)}.</p>;
  }
  return (
    <fieldset className="import-people" data-testid="import-people">
      <legend>Whose time to import</legend>
      {chosen.length === 0 ? (
        <p className="notice warn">This file holds the time of {people.length} people. Tick whose rows to import: yours, or several people’s.</p>
      ) : null}
      <div className="row-actions import-people-all">
        <button type="button" className="button link" disabled={disabled} onClick={() => onChooseAll(people.map((p) => p.name))}>Everyone</button>
        <button type="button" className="button link" disabled={disabled} onClick={() => onChooseAll([])}>No one</button>
      </div>
      <ul className="plain-list">
        {people.map((p) => (
          <li key={p.name}>
            <label className="check">
              <input type="checkbox" checked={chosen.includes(p.name)} disabled={disabled} onChange={() => onToggle(p.name)} />
              {p.name} <span className="muted">{summary(p)}</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
