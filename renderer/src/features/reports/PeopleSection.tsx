// Settings › People and costs: who does the work the reports count (You, and everyone named in
// imported time), each as an employee or a contractor, with the hours a week they can work and what
// an hour of theirs costs from which date; and the workspace's utilization target. Saved through
// the settings repository (validated and audited) as each field is changed.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { formatMoney } from '../../../../shared/money/money';
import { formatDate } from '../../../../shared/time/display';
import { today } from '../../app/clock';
import { useRepos } from '../../data/repos-context';
import { Field } from '../settings/Field';
import { addCostRate, capacityText, checkCostRate, parseCapacity, parseTarget, type CostRateErrors } from './people-form';
import { DEFAULT_PERSON, reportPeople, type PersonSettings } from './store/people';

type Save = (label: string, write: () => Promise<unknown>) => Promise<boolean>;
/**
 * Saves a change to one person, applied to the stored settings inside the write (settings.update),
 * so two quick changes never overwrite each other with a stale copy.
 */
type SavePerson = (change: (current: PersonSettings) => PersonSettings) => Promise<boolean>;

export function PeopleSection() {
  const repos = useRepos();
  const settings = useLiveQuery(() => repos.settings.getAll(), [repos]);
  // Imported people are found once, when the section opens: a scan of the imported entries only.
  const [found, setFound] = useState<string[] | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void repos.reports.importedPeople().then(setFound);
  }, [repos]);
  if (!settings || !found) return <p className="muted">Loading…</p>;

  const save: Save = async (label, write) => {
    try {
      await write();
      setError(null);
      setSaved(`${label} saved.`);
      return true;
    } catch (e) {
      setSaved(null);
      setError(e instanceof Error ? e.message : String(e));
      return false;
    }
  };
  const people = reportPeople(settings.reportPeople, found);
  const savePerson = (id: string, name: string): SavePerson => (change) =>
    save(name, () => repos.settings.update('reportPeople', (current) => ({ ...current, [id]: change(current[id] ?? DEFAULT_PERSON) })));

  return (
    <>
      <p className="lead">The reports use these to work out what your time costs and how much of it is billable. Everyone starts as an employee with 40 hours a week.</p>
      <TargetField value={settings.utilizationTargetPercent} save={(v) => save('Utilization target', () => repos.settings.set('utilizationTargetPercent', v))} />
      {people.map((p) => (
        <PersonCard key={p.id} name={p.name} person={settings.reportPeople[p.id] ?? DEFAULT_PERSON} currency={settings.currency} save={savePerson(p.id, p.name)} />
      ))}
      <p role="status" className="muted" style={{ marginTop: 8, minHeight: '1.5em' }}>{saved}</p>
      {error ? <p role="alert" className="set-field-error">{error}</p> : null}
    </>
  );
}

function TargetField({ value, save }: { value: number; save: (v: number) => Promise<boolean> }) {
  const [text, setText] = useState(String(value));
  const [error, setError] = useState<string | null>(null);
  const commit = () => {
    const parsed = parseTarget(text);
    setError(parsed.ok ? null : parsed.error);
    if (parsed.ok && parsed.value !== value) void save(parsed.value);
  };
  return (
    <div className="form-grid">
      <Field label="Utilization target (%)" hint="The share of working hours you aim to bill" error={error}>
        <input inputMode="numeric" value={text} onChange={(e) => setText(e.target.value)} onBlur={commit} autoComplete="off" />
      </Field>
    </div>
  );
}

function PersonCard({ name, person, currency, save }: { name: string; person: PersonSettings; currency: string; save: SavePerson }) {
  const [capacity, setCapacity] = useState(capacityText(person.capacityMinutesPerWeek));
  const [capacityError, setCapacityError] = useState<string | null>(null);
  const commitCapacity = () => {
    const parsed = parseCapacity(capacity);
    setCapacityError(parsed.ok ? null : parsed.error);
    if (!parsed.ok) return;
    setCapacity(capacityText(parsed.value));
    if (parsed.value !== person.capacityMinutesPerWeek) void save((p) => ({ ...p, capacityMinutesPerWeek: parsed.value }));
  };
  return (
    <fieldset style={{ marginBottom: 12 }}>
      <legend>{name}</legend>
      <div className="form-grid">
        <Field label="Works as" hint="For W-2 / 1099 style totals">
          <select value={person.kind} onChange={(e) => {
            const kind = e.target.value as PersonSettings['kind'];
            void save((p) => ({ ...p, kind }));
          }}>
            <option value="employee">Employee</option>
            <option value="contractor">Contractor</option>
          </select>
        </Field>
        <Field label="Hours a week" hint="Like 40 or 37:30" error={capacityError}>
          <input value={capacity} onChange={(e) => setCapacity(e.target.value)} onBlur={commitCapacity} autoComplete="off" />
        </Field>
      </div>
      <CostRates name={name} person={person} currency={currency} save={save} />
    </fieldset>
  );
}

function CostRates({ name, person, currency, save }: { name: string; person: PersonSettings; currency: string; save: SavePerson }) {
  const [from, setFrom] = useState(() => today());
  const [rate, setRate] = useState('');
  const [errors, setErrors] = useState<CostRateErrors>({});
  const add = async () => {
    const checked = checkCostRate(from, rate, currency);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    if (await save((p) => addCostRate(p, checked.rate))) setRate('');
  };
  const remove = (effectiveFrom: string) => void save((p) => ({ ...p, costRates: p.costRates.filter((r) => r.effectiveFrom !== effectiveFrom) }));
  return (
    <>
      {person.costRates.length === 0 ? <p className="muted">No cost per hour yet: the reports count this time as costing nothing.</p> : (
        <table className="rate-history" aria-label={`Cost per hour for ${name}`}>
          <thead><tr><th scope="col">From</th><th scope="col">Cost per hour</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
          <tbody>
            {person.costRates.map((r) => (
              <tr key={r.effectiveFrom}>
                <td>{formatDate(r.effectiveFrom)}</td>
                <td>{formatMoney({ amountMinor: r.rateMinor, currency })}</td>
                <td><button type="button" className="button link small" aria-label={`Remove the cost from ${formatDate(r.effectiveFrom)} for ${name}`} onClick={() => remove(r.effectiveFrom)}>Remove</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="inline-form" aria-label={`Add a cost for ${name}`} onSubmit={(e) => { e.preventDefault(); void add(); }}>
        <Field label="Cost from" error={errors.date}>
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </Field>
        <Field label={`Cost per hour (${currency})`} error={errors.rate}>
          <input inputMode="decimal" value={rate} onChange={(e) => setRate(e.target.value)} placeholder="45.00" autoComplete="off" />
        </Field>
        <div className="set-field"><span className="set-label">&nbsp;</span>
          <button type="submit" className="button small">Add cost</button>
        </div>
      </form>
    </>
  );
}
