// Create or edit a project: name, client (existing or new), colour, billable, first rate (create
// only; later changes go through the rate history), rounding override, default task, how it is
// billed (hourly, retainer, fixed fee, progress) and the budget watched for scope creep.
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useRepos } from '../../data/repos-context';
import type { ClientRow, ProjectRow, RoundingPolicy } from '../../db/schema';
import { Field } from '../settings/Field';
import { NEW_CLIENT, saveProject, type FieldErrors } from './actions';
import { PALETTE } from './palette';
import { describeIncrement, describeMode, describeScope } from '../../../../shared/rounding/billed';
import { INCREMENTS, MODES, roundingOverride, SCOPES } from './rules';
import { billingTextOf, readBilling, type BillingErrors, type BillingText } from './billing-form';
import { BillingSection, type EstimateChoice } from './BillingSection';

export function ProjectEditor({ project, clients, presetClientId, currency, workspaceRounding, today, projectRate = null, estimates = [], onDone }: {
  project?: ProjectRow;
  clients: readonly ClientRow[];
  presetClientId?: string | null;
  currency: string;
  workspaceRounding: RoundingPolicy;
  /** The local date "Mark complete" and "Reached" write. */
  today: string;
  /** The project's rate in words ("$150.00/h"), for the overage hint. */
  projectRate?: string | null;
  /** QuickBooks Estimates a progress budget can be taken from; no picker when empty. */
  estimates?: readonly EstimateChoice[];
  onDone: (saved: ProjectRow | null) => void;
}) {
  const repos = useRepos();
  const tasks = useLiveQuery(() => (project ? repos.tasks.listForProject(project.id) : []), [repos, project]);
  const [name, setName] = useState(project?.name ?? '');
  const [clientId, setClientId] = useState(project ? (project.clientId ?? '') : (presetClientId ?? ''));
  const [newClientName, setNewClientName] = useState('');
  const [color, setColor] = useState(project?.color ?? PALETTE[0].value);
  const [billable, setBillable] = useState(project?.billable ?? true);
  const [rate, setRate] = useState('');
  const [increment, setIncrement] = useState(String(project?.rounding?.incrementMinutes ?? ''));
  const [mode, setMode] = useState<string>(project?.rounding?.mode ?? '');
  const [scope, setScope] = useState<string>(project?.rounding?.scope ?? '');
  const [defaultTaskId, setDefaultTaskId] = useState(project?.defaultTaskId ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const projectCurrency = project?.currency ?? currency;
  const [billingText, setBillingText] = useState<BillingText>(() => billingTextOf(project?.billing, project?.budget, projectCurrency, today));
  const [billingErrors, setBillingErrors] = useState<BillingErrors>({});
  const [busy, setBusy] = useState(false);
  /** A field's message goes as soon as the field is edited again. */
  const clear = (key: keyof FieldErrors) => setErrors((e) => {
    const { [key]: _gone, ...rest } = e;
    return rest;
  });
  const heading = project ? `Edit project “${project.name}”` : 'New project';
  const activeClients = clients.filter((c) => !c.archived || c.id === clientId);

  async function submit() {
    const read = readBilling(billingText, projectCurrency);
    setBillingErrors(read.errors);
    if (Object.keys(read.errors).length > 0) return;
    setBusy(true);
    try {
      const result = await saveProject(repos, {
        id: project?.id, name, clientId, newClientName, color, billable, rateText: rate,
        rounding: roundingOverride({ increment, mode, scope }), defaultTaskId: defaultTaskId || null,
        billing: read.billing, budget: read.budget,
      }, projectCurrency);
      if (result.ok) onDone(result.value);
      else setErrors(result.errors);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="editor" aria-label={heading} onSubmit={(e) => { e.preventDefault(); void submit(); }}
      onKeyDown={(e) => { if (e.key === 'Escape') onDone(null); }}>
      <h3>{heading}</h3>
      <div className="form-grid">
        <Field label="Project name" error={errors.name}>
          <input value={name} onChange={(e) => { setName(e.target.value); clear('name'); }} autoFocus autoComplete="off" />
        </Field>
        <Field label="Client" error={errors.client}>
          <select value={clientId} onChange={(e) => { setClientId(e.target.value); clear('name'); clear('client'); }}>
            <option value="">No client</option>
            {activeClients.map((c) => <option key={c.id} value={c.id}>{c.name}{c.archived ? ' (archived)' : ''}</option>)}
            <option value={NEW_CLIENT}>New client…</option>
          </select>
        </Field>
        {clientId === NEW_CLIENT ? (
          <Field label="New client name" error={errors.newClient}>
            <input value={newClientName} onChange={(e) => { setNewClientName(e.target.value); clear('newClient'); }} autoComplete="off" />
          </Field>
        ) : null}
        {project ? null : (
          <Field label={`Hourly rate (${currency})`} error={errors.rate} hint="Optional. Later changes get their own start date.">
            <input inputMode="decimal" value={rate} onChange={(e) => { setRate(e.target.value); clear('rate'); }} placeholder="e.g. 125.00" autoComplete="off" />
          </Field>
        )}
        {project ? (
          <Field label="Default task" hint="New entries on this project start with it">
            <select value={defaultTaskId} onChange={(e) => setDefaultTaskId(e.target.value)}>
              <option value="">None</option>
              {(tasks ?? []).map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
            </select>
          </Field>
        ) : null}
      </div>
      <div className="form-grid">
        <fieldset>
          <legend>Colour</legend>
          <div className="palette">
            {PALETTE.map((c) => (
              <label key={c.value} style={{ background: c.value }} title={c.name}>
                <input type="radio" name="project-colour" value={c.value} checked={color === c.value} onChange={() => setColor(c.value)} aria-label={c.name} />
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>Billing</legend>
          <label className="check"><input type="checkbox" checked={billable} onChange={(e) => setBillable(e.target.checked)} /> Billable by default</label>
        </fieldset>
      </div>
      <fieldset style={{ marginBottom: 12 }}>
        <legend>Rounding</legend>
        <div className="form-grid" style={{ marginBottom: 0 }}>
          <Field label="Increment">
            <select value={increment} onChange={(e) => setIncrement(e.target.value)}>
              <option value="">Workspace ({describeIncrement(workspaceRounding.incrementMinutes)})</option>
              {INCREMENTS.map((m) => <option key={m} value={m}>{describeIncrement(m)}</option>)}
            </select>
          </Field>
          <Field label="Direction">
            <select value={mode} onChange={(e) => setMode(e.target.value)}>
              <option value="">Workspace ({describeMode(workspaceRounding.mode)})</option>
              {MODES.map((m) => <option key={m} value={m}>{describeMode(m)}</option>)}
            </select>
          </Field>
          <Field label="Applied">
            <select value={scope} onChange={(e) => setScope(e.target.value)}>
              <option value="">Workspace ({describeScope(workspaceRounding.scope)})</option>
              {SCOPES.map((s) => <option key={s} value={s}>{describeScope(s)}</option>)}
            </select>
          </Field>
        </div>
      </fieldset>
      <BillingSection text={billingText} errors={billingErrors} currency={projectCurrency} today={today} projectRate={projectRate} estimates={estimates}
        onChange={(next) => { setBillingText(next); setBillingErrors({}); }} />
      {Object.keys(billingErrors).length > 0 ? <p className="set-field-error" role="alert">Some billing details need fixing before the project can be saved.</p> : null}
      <div className="footer">
        <button type="button" className="button" onClick={() => onDone(null)}>Cancel</button>
        <button type="submit" className="button primary" disabled={busy}>{project ? 'Save project' : 'Create project'}</button>
      </div>
    </form>
  );
}
