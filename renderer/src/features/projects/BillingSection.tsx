// The project editor's billing part: how the project is billed (hourly, retainer, fixed fee or
// progress billing) with each arrangement's fields, and the budget watched for scope creep.
// Text as typed lives in the editor; billing-form.ts reads it when the project is saved.
import type { ReactNode } from 'react';
import { formatMoney } from '../../../../shared/money/money';
import { minorToInput } from '../settings/money-input';
import { Field } from '../settings/Field';
import type { BillingErrors, BillingText, MilestoneText } from './billing-form';

/** A QuickBooks Estimate a progress budget can be taken from (the lead supplies the list). */
export interface EstimateChoice {
  companyId: string;
  id: string;
  docNumber: string | null;
  customerName: string;
  totalMinor: number;
}

type Change = (next: (t: BillingText) => BillingText) => void;

interface Props {
  text: BillingText;
  onChange: Change;
  errors: BillingErrors;
  currency: string;
  today: string;
  /** "$150.00/h": what overage is billed at when no overage rate is given. */
  projectRate: string | null;
  estimates: readonly EstimateChoice[];
}

const KINDS = [
  { kind: 'hourly', label: 'Hourly', hint: 'Time at the project’s rate' },
  { kind: 'retainer', label: 'Retainer', hint: 'A fixed amount each month or quarter, with hours included' },
  { kind: 'fixedFee', label: 'Fixed fee', hint: 'A price for an estimated number of hours' },
  { kind: 'progress', label: 'Progress billing', hint: 'A budget billed by milestone or percentage complete' },
] as const;

export function BillingSection(props: Props) {
  const { text, onChange } = props;
  return (
    <>
      <fieldset style={{ marginBottom: 12 }}>
        <legend>How this project is billed</legend>
        <div role="radiogroup" aria-label="Billing arrangement" className="inline-form">
          {KINDS.map((k) => (
            <label key={k.kind} className="check" title={k.hint}>
              <input type="radio" name="billing-kind" checked={text.kind === k.kind} onChange={() => onChange((t) => ({ ...t, kind: k.kind }))} /> {k.label}
            </label>
          ))}
        </div>
        {text.kind === 'retainer' ? <RetainerFields {...props} /> : null}
        {text.kind === 'fixedFee' ? <FixedFeeFields {...props} /> : null}
        {text.kind === 'progress' ? <ProgressFields {...props} /> : null}
      </fieldset>
      <BudgetFields {...props} />
    </>
  );
}

const overageHint = (rate: string | null) => `Empty: the project’s rate${rate ? ` (${rate})` : ''}.`;

function RetainerFields({ text, onChange, errors, currency, projectRate }: Props) {
  const r = text.retainer;
  const set = (patch: Partial<BillingText['retainer']>) => onChange((t) => ({ ...t, retainer: { ...t.retainer, ...patch } }));
  return (
    <div className="form-grid" style={{ marginBottom: 0 }}>
      <Field label="Billed every">
        <select value={r.period} onChange={(e) => set({ period: e.target.value as 'monthly' | 'quarterly' })}>
          <option value="monthly">Month</option>
          <option value="quarterly">Quarter</option>
        </select>
      </Field>
      <Field label={`Amount per ${r.period === 'monthly' ? 'month' : 'quarter'} (${currency})`} error={errors['retainerFee']}>
        <input inputMode="decimal" value={r.fee} onChange={(e) => set({ fee: e.target.value })} placeholder="e.g. 2,000.00" autoComplete="off" />
      </Field>
      <Field label="Hours included" error={errors['retainerAllowance']} hint="Per period, like 20 or 20:30; empty: none">
        <input value={r.allowance} onChange={(e) => set({ allowance: e.target.value })} autoComplete="off" />
      </Field>
      <Field label={`Overage rate (${currency}/h)`} error={errors['retainerOverage']} hint={overageHint(projectRate)}>
        <input inputMode="decimal" value={r.overageRate} onChange={(e) => set({ overageRate: e.target.value })} autoComplete="off" />
      </Field>
      <Field label="First period starts" error={errors['retainerStart']}>
        <input type="date" value={r.startDate} onChange={(e) => set({ startDate: e.target.value })} />
      </Field>
      <Field label="Last day billed" error={errors['retainerEnd']} hint="Empty: until you end it">
        <input type="date" value={r.endDate} onChange={(e) => set({ endDate: e.target.value })} />
      </Field>
      <Field label="Invoiced">
        <select value={r.billedInAdvance ? 'advance' : 'arrears'} onChange={(e) => set({ billedInAdvance: e.target.value === 'advance' })}>
          <option value="advance">In advance, when the period starts</option>
          <option value="arrears">In arrears, when the period ends</option>
        </select>
      </Field>
      <label className="check"><input type="checkbox" checked={r.autoCreate} onChange={(e) => set({ autoCreate: e.target.checked })} /> Create the invoice automatically</label>
      <label className="check"><input type="checkbox" checked={r.rollover} onChange={(e) => set({ rollover: e.target.checked })} /> Carry unused hours over</label>
      {r.rollover ? (
        <>
          <Field label="Most hours carried over" error={errors['rolloverCap']} hint="Empty: no limit">
            <input value={r.rolloverCap} onChange={(e) => set({ rolloverCap: e.target.value })} autoComplete="off" />
          </Field>
          <Field label="Carried-over hours expire after (periods)" error={errors['rolloverExpiry']} hint="Empty: they do not expire">
            <input inputMode="numeric" value={r.rolloverExpiry} onChange={(e) => set({ rolloverExpiry: e.target.value })} autoComplete="off" />
          </Field>
        </>
      ) : null}
    </div>
  );
}

function CompleteAction({ completedOn, today, onSet }: { completedOn: string | null; today: string; onSet: (date: string | null) => void }) {
  return completedOn ? (
    <p className="muted">Marked complete on {completedOn}. <button type="button" className="button link small" onClick={() => onSet(null)}>Not complete</button></p>
  ) : (
    <p><button type="button" className="button small" onClick={() => onSet(today)}>Mark complete</button></p>
  );
}

function FixedFeeFields({ text, onChange, errors, currency, projectRate, today }: Props) {
  const f = text.fixedFee;
  const set = (patch: Partial<BillingText['fixedFee']>) => onChange((t) => ({ ...t, fixedFee: { ...t.fixedFee, ...patch } }));
  return (
    <>
      <div className="form-grid" style={{ marginBottom: 0 }}>
        <Field label={`Fixed price (${currency})`} error={errors['fixedFee']}>
          <input inputMode="decimal" value={f.fee} onChange={(e) => set({ fee: e.target.value })} placeholder="e.g. 8,000.00" autoComplete="off" />
        </Field>
        <Field label="Estimated hours" error={errors['fixedEstimate']} hint="Like 40 or 37:30">
          <input value={f.estimate} onChange={(e) => set({ estimate: e.target.value })} autoComplete="off" />
        </Field>
        <Field label={`Overage rate (${currency}/h)`} error={errors['fixedOverage']} hint={overageHint(projectRate)}>
          <input inputMode="decimal" value={f.overageRate} onChange={(e) => set({ overageRate: e.target.value })} autoComplete="off" />
        </Field>
        <Field label="Price invoiced">
          <select value={f.feeBilled} onChange={(e) => set({ feeBilled: e.target.value as 'upfront' | 'onCompletion' })}>
            <option value="upfront">Up front</option>
            <option value="onCompletion">On completion</option>
          </select>
        </Field>
      </div>
      <CompleteAction completedOn={f.completedOn} today={today} onSet={(completedOn) => set({ completedOn })} />
    </>
  );
}

function EstimatePicker({ text, onChange, estimates, currency }: Props) {
  if (estimates.length === 0) return null;
  const chosen = text.progress.estimate;
  const pick = (key: string) => onChange((t) => {
    const e = estimates.find((x) => `${x.companyId}/${x.id}` === key);
    if (!e) return { ...t, progress: { ...t.progress, estimate: null } };
    const estimate = { companyId: e.companyId, id: e.id, docNumber: e.docNumber };
    return { ...t, progress: { ...t.progress, estimate, budgetKind: 'amount', amount: minorToInput(e.totalMinor, currency) } };
  });
  return (
    <Field label="Budget from a QuickBooks estimate" hint="Its total becomes the budget; progress invoices link to it">
      <select value={chosen ? `${chosen.companyId}/${chosen.id}` : ''} onChange={(e) => pick(e.target.value)}>
        <option value="">None</option>
        {estimates.map((e) => (
          <option key={`${e.companyId}/${e.id}`} value={`${e.companyId}/${e.id}`}>
            {`Estimate ${e.docNumber ?? e.id} · ${e.customerName} · ${formatMoney({ amountMinor: e.totalMinor, currency })}`}
          </option>
        ))}
      </select>
    </Field>
  );
}

function ProgressFields(props: Props) {
  const { text, onChange, errors, currency, today } = props;
  const p = text.progress;
  const set = (patch: Partial<BillingText['progress']>) => onChange((t) => ({ ...t, progress: { ...t.progress, ...patch } }));
  return (
    <>
      <div className="form-grid" style={{ marginBottom: 0 }}>
        <EstimatePicker {...props} />
        <Field label="Budget as">
          <select value={p.budgetKind} onChange={(e) => set({ budgetKind: e.target.value as 'amount' | 'hours' })}>
            <option value="amount">An amount</option>
            <option value="hours">Hours at a rate</option>
          </select>
        </Field>
        {p.budgetKind === 'amount' ? (
          <Field label={`Budget (${currency})`} error={errors['progressAmount']}>
            <input inputMode="decimal" value={p.amount} onChange={(e) => set({ amount: e.target.value, estimate: null })} autoComplete="off" />
          </Field>
        ) : (
          <>
            <Field label="Budgeted hours" error={errors['progressHours']}><input value={p.hours} onChange={(e) => set({ hours: e.target.value })} autoComplete="off" /></Field>
            <Field label={`At (${currency}/h)`} error={errors['progressRate']}><input inputMode="decimal" value={p.rate} onChange={(e) => set({ rate: e.target.value })} autoComplete="off" /></Field>
          </>
        )}
        <Field label="Billed by">
          <select value={p.mode} onChange={(e) => set({ mode: e.target.value as 'milestones' | 'percent' })}>
            <option value="milestones">Milestones</option>
            <option value="percent">Percentage complete</option>
          </select>
        </Field>
        {p.mode === 'percent' ? (
          <Field label="Percent complete" error={errors['progressComplete']}><input inputMode="decimal" value={p.complete} onChange={(e) => set({ complete: e.target.value })} autoComplete="off" /></Field>
        ) : null}
      </div>
      {p.mode === 'milestones' ? <MilestoneList {...props} /> : null}
      <CompleteAction completedOn={p.completedOn} today={today} onSet={(completedOn) => set({ completedOn })} />
    </>
  );
}

function MilestoneList({ text, onChange, errors, today }: Props) {
  const list = text.progress.milestones;
  const setList = (next: (l: MilestoneText[]) => MilestoneText[]) => onChange((t) => ({ ...t, progress: { ...t.progress, milestones: next(t.progress.milestones) } }));
  const edit = (id: string, patch: Partial<MilestoneText>) => setList((l) => l.map((m) => (m.id === id ? { ...m, ...patch } : m)));
  return (
    <div role="group" aria-label="Milestones">
      <h4>Milestones</h4>
      {list.map((m, i) => (
        <div key={m.id} className="inline-form">
          <Field label={`Milestone ${i + 1}`} error={errors[`milestone-${m.id}`]}>
            <input value={m.name} onChange={(e) => edit(m.id, { name: e.target.value })} autoComplete="off" />
          </Field>
          <Field label={`Milestone ${i + 1} share (%)`}>
            <input inputMode="decimal" value={m.percent} onChange={(e) => edit(m.id, { percent: e.target.value })} autoComplete="off" />
          </Field>
          <MilestoneActions m={m} today={today} onEdit={(patch) => edit(m.id, patch)} onRemove={() => setList((l) => l.filter((x) => x.id !== m.id))} />
        </div>
      ))}
      {errors['milestones'] ? <p className="set-field-error" role="alert">{errors['milestones']}</p> : null}
      <button type="button" className="button small" onClick={() => setList((l) => [...l, { id: crypto.randomUUID(), name: '', percent: '', reachedOn: null }])}>Add milestone</button>
    </div>
  );
}

function MilestoneActions({ m, today, onEdit, onRemove }: { m: MilestoneText; today: string; onEdit: (patch: Partial<MilestoneText>) => void; onRemove: () => void }): ReactNode {
  const name = m.name.trim() || 'this milestone';
  return (
    <span className="row-actions">
      {m.reachedOn ? (
        <>
          <span className="badge ok">Reached {m.reachedOn}</span>
          <button type="button" className="button link small" aria-label={`Not reached: ${name}`} onClick={() => onEdit({ reachedOn: null })}>Not reached</button>
        </>
      ) : (
        <button type="button" className="button link small" aria-label={`Reached: ${name}`} onClick={() => onEdit({ reachedOn: today })}>Reached</button>
      )}
      <button type="button" className="button link small" aria-label={`Remove ${name}`} onClick={onRemove}>Remove</button>
    </span>
  );
}

function BudgetFields({ text, onChange, errors, currency }: Props) {
  const b = text.budget;
  const set = (patch: Partial<BillingText['budget']>) => onChange((t) => ({ ...t, budget: { ...t.budget, ...patch } }));
  return (
    <fieldset style={{ marginBottom: 12 }}>
      <legend>Budget</legend>
      <div className="form-grid" style={{ marginBottom: 0 }}>
        <Field label="Watch a budget" hint="You are told at 80% and at 100%">
          <select value={b.kind} onChange={(e) => set({ kind: e.target.value as BillingText['budget']['kind'] })}>
            <option value="">No budget</option>
            <option value="hours">Hours</option>
            <option value="amount">Amount at the rates</option>
          </select>
        </Field>
        {b.kind !== '' ? (
          <Field label={b.kind === 'hours' ? 'Budget (hours)' : `Budget (${currency})`} error={errors['budgetLimit']}>
            <input inputMode="decimal" value={b.limit} onChange={(e) => set({ limit: e.target.value })} autoComplete="off" />
          </Field>
        ) : null}
      </div>
    </fieldset>
  );
}
