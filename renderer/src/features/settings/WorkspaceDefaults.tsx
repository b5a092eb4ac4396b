// Workspace defaults: currency, rounding, week start, default billable and the default rate.
// Each change is saved as it is made (settings are validated by the repository's zod schemas).
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useRepos } from '../../data/repos-context';
import type { RoundingPolicy } from '../../db/schema';
import { RateHistory } from '../projects/RateHistory';
import { describeIncrement, describeMode, describeScope, describeRounding } from '../../../../shared/rounding/billed';
import { INCREMENTS, MODES, SCOPES } from '../projects/rules';
import { Field } from './Field';

const CURRENCIES = ['USD', 'CAD', 'EUR', 'GBP', 'AUD', 'NZD', 'CHF', 'SEK', 'NOK', 'DKK', 'JPY', 'INR', 'ZAR', 'SGD', 'HKD', 'MXN', 'BRL'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function WorkspaceDefaults() {
  const repos = useRepos();
  const settings = useLiveQuery(() => repos.settings.getAll(), [repos]);
  const defaultCards = useLiveQuery(() => repos.rates.listScope('default'), [repos]);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!settings || !defaultCards) return <p className="muted">Loading…</p>;

  async function save(label: string, write: () => Promise<unknown>) {
    try {
      await write();
      setError(null);
      setSaved(`${label} saved.`);
    } catch (e) {
      setSaved(null);
      setError(e instanceof Error ? e.message : String(e));
    }
  }
  const rounding = settings.rounding as RoundingPolicy;
  const setRounding = (patch: Partial<RoundingPolicy>) => void save('Rounding', () => repos.settings.update('rounding', (current) => ({ ...current, ...patch })));
  const currencies = CURRENCIES.includes(settings.currency) ? CURRENCIES : [settings.currency, ...CURRENCIES];

  return (
    <>
      <p className="lead">Projects inherit these unless they say otherwise. Rounding keeps the raw time beside the rounded time; only the billed figure changes.</p>
      <div className="form-grid">
        <Field label="Currency" hint="For new projects and rates (ISO 4217)">
          <select value={settings.currency} onChange={(e) => void save('Currency', () => repos.settings.set('currency', e.target.value))}>
            {currencies.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </Field>
        <Field label="Week starts on">
          <select value={settings.weekStartsOn} onChange={(e) => void save('Week start', () => repos.settings.set('weekStartsOn', Number(e.target.value) as 0 | 1 | 2 | 3 | 4 | 5 | 6))}>
            {WEEKDAYS.map((d, i) => <option key={d} value={i}>{d}</option>)}
          </select>
        </Field>
        <div className="set-field">
          <span className="set-label">Time without a project</span>
          <label className="check">
            <input type="checkbox" checked={settings.defaultBillable} onChange={(e) => void save('Default billable', () => repos.settings.set('defaultBillable', e.target.checked))} />
            Billable by default
          </label>
        </div>
      </div>
      <fieldset style={{ marginBottom: 12 }}>
        <legend>Default rounding: {describeRounding(rounding)}</legend>
        <div className="form-grid" style={{ marginBottom: 0 }}>
          <Field label="Increment">
            <select value={rounding.incrementMinutes} onChange={(e) => setRounding({ incrementMinutes: Number(e.target.value) as RoundingPolicy['incrementMinutes'] })}>
              {INCREMENTS.map((m) => <option key={m} value={m}>{describeIncrement(m)}</option>)}
            </select>
          </Field>
          <Field label="Direction">
            <select value={rounding.mode} onChange={(e) => setRounding({ mode: e.target.value as RoundingPolicy['mode'] })}>
              {MODES.map((m) => <option key={m} value={m}>{describeMode(m)}</option>)}
            </select>
          </Field>
          <Field label="Applied">
            <select value={rounding.scope} onChange={(e) => setRounding({ scope: e.target.value as RoundingPolicy['scope'] })}>
              {SCOPES.map((s) => <option key={s} value={s}>{describeScope(s)}</option>)}
            </select>
          </Field>
        </div>
      </fieldset>
      <h3 style={{ marginBottom: 6 }}>Default hourly rate</h3>
      <p className="muted">Used when neither the task, the project nor the client has a rate.</p>
      <RateHistory scope="default" scopeId={null} currency={settings.currency} cards={defaultCards} label="the workspace default" />
      <p role="status" className="muted" style={{ marginTop: 8, minHeight: '1.5em' }}>{saved}</p>
      {error ? <p role="alert" className="set-field-error">{error}</p> : null}
    </>
  );
}
