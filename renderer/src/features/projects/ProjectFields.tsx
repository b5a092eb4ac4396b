// The project editor's own fields (name, client, first rate, default task), its colour and
// billable choice, and its rounding override; the state is in use-project-form.ts.
import { useLiveQuery } from 'dexie-react-hooks';
import { describeIncrement, describeMode, describeScope } from '../../../../shared/rounding/billed';
import { useRepos } from '../../data/repos-context';
import type { ClientRow, ProjectRow, RoundingPolicy } from '../../db/schema';
import { Field } from '../settings/Field';
import { NEW_CLIENT, type FieldErrors } from './actions';
import { PALETTE } from './palette';
import { INCREMENTS, MODES, SCOPES } from './rules';
import type { EditProject, ProjectText } from './use-project-form';

interface FieldsProps {
  project?: ProjectRow;
  clients: readonly ClientRow[];
  /** The workspace's currency, the first rate's on a new project. */
  currency: string;
  text: ProjectText;
  errors: FieldErrors;
  edit: EditProject;
}

/** Name, client (existing or new), first rate (create only) and default task (edit only). */
export function ProjectFields({ project, clients, currency, text, errors, edit }: FieldsProps) {
  const repos = useRepos();
  const tasks = useLiveQuery(() => (project ? repos.tasks.listForProject(project.id) : []), [repos, project]);
  const activeClients = clients.filter((c) => !c.archived || c.id === text.clientId);
  return (
    <div className="form-grid">
      <Field label="Project name" error={errors.name}>
        <input value={text.name} onChange={(e) => edit({ name: e.target.value }, 'name')} autoFocus autoComplete="off" />
      </Field>
      <Field label="Client" error={errors.client}>
        <select value={text.clientId} onChange={(e) => edit({ clientId: e.target.value }, 'name', 'client')}>
          <option value="">No client</option>
          {activeClients.map((c) => <option key={c.id} value={c.id}>{c.name}{c.archived ? ' (archived)' : ''}</option>)}
          <option value={NEW_CLIENT}>New client…</option>
        </select>
      </Field>
      {text.clientId === NEW_CLIENT ? (
        <Field label="New client name" error={errors.newClient}>
          <input value={text.newClientName} onChange={(e) => edit({ newClientName: e.target.value }, 'newClient')} autoComplete="off" />
        </Field>
      ) : null}
      {project ? null : (
        <Field label={`Hourly rate (${currency})`} error={errors.rate} hint="Optional. Later changes get their own start date.">
          <input inputMode="decimal" value={text.rate} onChange={(e) => edit({ rate: e.target.value }, 'rate')} placeholder="e.g. 125.00" autoComplete="off" />
        </Field>
      )}
      {project ? (
        <Field label="Default task" hint="New entries on this project start with it">
          <select value={text.defaultTaskId} onChange={(e) => edit({ defaultTaskId: e.target.value })}>
            <option value="">None</option>
            {(tasks ?? []).map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          </select>
        </Field>
      ) : null}
    </div>
  );
}

export function ColourAndBillable({ text, edit }: { text: ProjectText; edit: EditProject }) {
  return (
    <div className="form-grid">
      <fieldset>
        <legend>Colour</legend>
        <div className="palette">
          {PALETTE.map((c) => (
            <label key={c.value} style={{ background: c.value }} title={c.name}>
              <input type="radio" name="project-colour" value={c.value} checked={text.color === c.value} onChange={() => edit({ color: c.value })} aria-label={c.name} />
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Billing</legend>
        <label className="check"><input type="checkbox" checked={text.billable} onChange={(e) => edit({ billable: e.target.checked })} /> Billable by default</label>
      </fieldset>
    </div>
  );
}

/** The project's rounding override; each choice left empty keeps the workspace's, named in the option. */
export function RoundingFields({ text, edit, workspace }: { text: ProjectText; edit: EditProject; workspace: RoundingPolicy }) {
  return (
    <fieldset style={{ marginBottom: 12 }}>
      <legend>Rounding</legend>
      <div className="form-grid" style={{ marginBottom: 0 }}>
        <Field label="Increment">
          <select value={text.increment} onChange={(e) => edit({ increment: e.target.value })}>
            <option value="">Workspace ({describeIncrement(workspace.incrementMinutes)})</option>
            {INCREMENTS.map((m) => <option key={m} value={m}>{describeIncrement(m)}</option>)}
          </select>
        </Field>
        <Field label="Direction">
          <select value={text.mode} onChange={(e) => edit({ mode: e.target.value })}>
            <option value="">Workspace ({describeMode(workspace.mode)})</option>
            {MODES.map((m) => <option key={m} value={m}>{describeMode(m)}</option>)}
          </select>
        </Field>
        <Field label="Applied">
          <select value={text.scope} onChange={(e) => edit({ scope: e.target.value })}>
            <option value="">Workspace ({describeScope(workspace.scope)})</option>
            {SCOPES.map((s) => <option key={s} value={s}>{describeScope(s)}</option>)}
          </select>
        </Field>
      </div>
    </fieldset>
  );
}
