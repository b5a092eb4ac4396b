// The project editor's state and its save: what the person typed, the messages next to the
// fields, and the save that checks the billing part first (billing-form.ts), then the rest
// (actions.ts).
import { useState } from 'react';
import { useRepos } from '../../data/repos-context';
import type { ProjectRow } from '../../db/schema';
import { saveProject, type FieldErrors } from './actions';
import { billingTextOf, readBilling, type BillingErrors, type BillingText } from './billing-form';
import { PALETTE } from './palette';
import { roundingOverride } from './rules';

/** The editor's fields as typed; '' in a rounding field keeps the workspace's choice. */
export interface ProjectText {
  name: string;
  clientId: string;
  newClientName: string;
  color: string;
  billable: boolean;
  rate: string;
  increment: string;
  mode: string;
  scope: string;
  defaultTaskId: string;
}

/** Changes fields; the messages of `cleared` go (a field's message goes as soon as it is edited again). */
export type EditProject = (patch: Partial<ProjectText>, ...cleared: Array<keyof FieldErrors>) => void;

function textOf(project: ProjectRow | undefined, presetClientId: string | null | undefined): ProjectText {
  return {
    name: project?.name ?? '',
    clientId: project ? (project.clientId ?? '') : (presetClientId ?? ''),
    newClientName: '',
    color: project?.color ?? PALETTE[0].value,
    billable: project?.billable ?? true,
    rate: '',
    increment: String(project?.rounding?.incrementMinutes ?? ''),
    mode: project?.rounding?.mode ?? '',
    scope: project?.rounding?.scope ?? '',
    defaultTaskId: project?.defaultTaskId ?? '',
  };
}

function without(errors: FieldErrors, keys: ReadonlyArray<keyof FieldErrors>): FieldErrors {
  return Object.fromEntries(Object.entries(errors).filter(([k]) => !keys.includes(k as keyof FieldErrors)));
}

/** `currency` is the project's own (a new project takes the workspace's). */
export function useProjectForm(project: ProjectRow | undefined, presetClientId: string | null | undefined, currency: string, today: string, onDone: (saved: ProjectRow | null) => void) {
  const repos = useRepos();
  const [text, setText] = useState(() => textOf(project, presetClientId));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [billingText, setBillingText] = useState<BillingText>(() => billingTextOf(project?.billing, project?.budget, currency, today));
  const [billingErrors, setBillingErrors] = useState<BillingErrors>({});
  const [busy, setBusy] = useState(false);

  const edit: EditProject = (patch, ...cleared) => {
    setText((t) => ({ ...t, ...patch }));
    if (cleared.length > 0) setErrors((e) => without(e, cleared));
  };
  const editBilling = (next: (t: BillingText) => BillingText) => {
    setBillingText(next);
    setBillingErrors({});
  };

  async function submit() {
    const read = readBilling(billingText, currency);
    setBillingErrors(read.errors);
    if (Object.keys(read.errors).length > 0) return;
    setBusy(true);
    try {
      const { name, clientId, newClientName, color, billable, rate, increment, mode, scope, defaultTaskId } = text;
      const result = await saveProject(repos, {
        id: project?.id, name, clientId, newClientName, color, billable, rateText: rate,
        rounding: roundingOverride({ increment, mode, scope }), defaultTaskId: defaultTaskId || null,
        billing: read.billing, budget: read.budget,
      }, currency);
      if (result.ok) onDone(result.value);
      else setErrors(result.errors);
    } finally {
      setBusy(false);
    }
  }

  return { text, edit, errors, billingText, editBilling, billingErrors, busy, submit };
}
