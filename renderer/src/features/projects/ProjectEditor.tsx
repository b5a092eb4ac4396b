// Create or edit a project: name, client (existing or new), colour, billable, first rate (create
// only; later changes go through the rate history), rounding override, default task, how it is
// billed (hourly, retainer, fixed fee, progress) and the budget watched for scope creep.
import type { ClientRow, ProjectRow, RoundingPolicy } from '../../db/schema';
import { BillingSection, type EstimateChoice } from './BillingSection';
import { ColourAndBillable, ProjectFields, RoundingFields } from './ProjectFields';
import { useProjectForm } from './use-project-form';

interface ProjectEditorProps {
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
}

export function ProjectEditor({ project, clients, presetClientId, currency, workspaceRounding, today, projectRate = null, estimates = [], onDone }: ProjectEditorProps) {
  const projectCurrency = project?.currency ?? currency;
  const form = useProjectForm(project, presetClientId, projectCurrency, today, onDone);
  const heading = project ? `Edit project “${project.name}”` : 'New project';
  return (
    <form className="editor" aria-label={heading} onSubmit={(e) => { e.preventDefault(); void form.submit(); }}
      onKeyDown={(e) => { if (e.key === 'Escape') onDone(null); }}>
      <h3>{heading}</h3>
      <ProjectFields project={project} clients={clients} currency={currency} text={form.text} errors={form.errors} edit={form.edit} />
      <ColourAndBillable text={form.text} edit={form.edit} />
      <RoundingFields text={form.text} edit={form.edit} workspace={workspaceRounding} />
      <BillingSection text={form.billingText} errors={form.billingErrors} currency={projectCurrency} today={today} projectRate={projectRate} estimates={estimates}
        onChange={form.editBilling} />
      {Object.keys(form.billingErrors).length > 0 ? <p className="set-field-error" role="alert">Some billing details need fixing before the project can be saved.</p> : null}
      <div className="footer">
        <button type="button" className="button" onClick={() => onDone(null)}>Cancel</button>
        <button type="submit" className="button primary" disabled={form.busy}>{project ? 'Save project' : 'Create project'}</button>
      </div>
    </form>
  );
}
