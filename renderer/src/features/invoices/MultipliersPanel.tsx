// Overtime, weekend and holiday rates: when time is billed above the normal rate, and by how much.
// Folded away until opened; saved as a whole, after the form reads correctly.
import { useState } from 'react';
import type { MultiplierRules } from '../../../../shared/rates/multipliers';
import type { Weekday } from '../../../../shared/time/local-date';
import type { InvoiceService } from './invoice-service';
import { formOf, readForm, type FormErrors, type MultiplierForm, type RuleText } from './multiplier-form';
import { errorText, useLoad } from './use-load';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

function Percent({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  return <label className="field inline"><input type="number" min={100} max={1000} step={1} aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} /> % of the rate</label>;
}

function ThresholdRow({ title, per, rule, error, onChange }: { title: string; per: string; rule: RuleText; error: string | undefined; onChange: (r: RuleText) => void }) {
  return (
    <fieldset className="inv-rule-row">
      <legend><label><input type="checkbox" checked={rule.on} onChange={(e) => onChange({ ...rule, on: e.target.checked })} /> {title}</label></legend>
      {rule.on ? (
        <div className="field-row">
          <label className="field inline">Beyond <input className="inv-hours-input" value={rule.threshold} aria-label={`${title}: hours ${per} at the normal rate`} onChange={(e) => onChange({ ...rule, threshold: e.target.value })} /> h {per}</label>
          <Percent label={`${title}: percent of the rate`} value={rule.percent} onChange={(percent) => onChange({ ...rule, percent })} />
        </div>
      ) : null}
      {error ? <p className="error" role="alert">{error}</p> : null}
    </fieldset>
  );
}

function WeekendRow({ form, error, set }: { form: MultiplierForm; error: string | undefined; set: (f: MultiplierForm) => void }) {
  const w = form.weekend;
  const toggle = (d: Weekday, on: boolean) => set({ ...form, weekend: { ...w, days: on ? [...w.days, d] : w.days.filter((x) => x !== d) } });
  return (
    <fieldset className="inv-rule-row">
      <legend><label><input type="checkbox" checked={w.on} onChange={(e) => set({ ...form, weekend: { ...w, on: e.target.checked } })} /> Weekend work</label></legend>
      {w.on ? (
        <div className="field-row">
          <span className="inv-days" role="group" aria-label="Weekend days">
            {DAYS.map((name, d) => <label key={name} className="field inline"><input type="checkbox" checked={w.days.includes(d as Weekday)} onChange={(e) => toggle(d as Weekday, e.target.checked)} /> {name.slice(0, 3)}</label>)}
          </span>
          <Percent label="Weekend work: percent of the rate" value={w.percent} onChange={(percent) => set({ ...form, weekend: { ...w, percent } })} />
        </div>
      ) : null}
      {error ? <p className="error" role="alert">{error}</p> : null}
    </fieldset>
  );
}

function HolidayRow({ form, error, set }: { form: MultiplierForm; error: string | undefined; set: (f: MultiplierForm) => void }) {
  const h = form.holidays;
  return (
    <fieldset className="inv-rule-row">
      <legend><label><input type="checkbox" checked={h.on} onChange={(e) => set({ ...form, holidays: { ...h, on: e.target.checked } })} /> Holidays</label></legend>
      {h.on ? (
        <div className="field-row">
          <label className="field grow"><span>Dates, one per line (2026-12-25)</span><textarea rows={3} value={h.dates} onChange={(e) => set({ ...form, holidays: { ...h, dates: e.target.value } })} /></label>
          <Percent label="Holidays: percent of the rate" value={h.percent} onChange={(percent) => set({ ...form, holidays: { ...h, percent } })} />
        </div>
      ) : null}
      {error ? <p className="error" role="alert">{error}</p> : null}
    </fieldset>
  );
}

function RulesForm({ rules, onSave }: { rules: MultiplierRules; onSave: (r: MultiplierRules) => Promise<void> }) {
  const [form, setForm] = useState(() => formOf(rules));
  const [errors, setErrors] = useState<FormErrors>({});
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const save = async () => {
    const read = readForm(form);
    setErrors(read.errors);
    if (Object.keys(read.errors).length > 0) return setNote(null);
    try {
      await onSave(read.rules);
      setNote({ ok: true, text: 'Saved. New previews use these rates; invoices already made keep theirs.' });
    } catch (e) {
      setNote({ ok: false, text: `Not saved: ${errorText(e)}` });
    }
  };
  return (
    <form className="inv-rules" noValidate onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <p className="muted">Rates never add up: when several apply to the same time, the highest one is billed.</p>
      <ThresholdRow title="Daily overtime" per="a day" rule={form.daily} error={errors.daily} onChange={(daily) => setForm({ ...form, daily })} />
      <ThresholdRow title="Weekly overtime" per="a week" rule={form.weekly} error={errors.weekly} onChange={(weekly) => setForm({ ...form, weekly })} />
      <WeekendRow form={form} error={errors.weekend} set={setForm} />
      <HolidayRow form={form} error={errors.holidays} set={setForm} />
      <label className="field inline">Weeks start on
        <select value={form.weekStartsOn} onChange={(e) => setForm({ ...form, weekStartsOn: Number(e.target.value) as Weekday })}>
          {DAYS.map((name, d) => <option key={name} value={d}>{name}</option>)}
        </select>
      </label>
      <div className="qbo-actions"><button type="submit" className="button primary">Save rates</button></div>
      {note ? <p role="status" className={note.ok ? 'qbo-ok' : 'error'}>{note.text}</p> : null}
    </form>
  );
}

export function MultipliersPanel({ service }: { service: InvoiceService }) {
  const [open, setOpen] = useState(false);
  const rules = useLoad(open ? () => service.multipliers() : null, service.companyId);
  return (
    <details className="card inv-multipliers" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary><h2>Overtime, weekends and holidays</h2></summary>
      {rules.error ? <p role="alert" className="error">The rates could not be read: {rules.error}</p> : null}
      {rules.data ? <RulesForm rules={rules.data} onSave={(r) => service.saveMultipliers(r)} /> : open && !rules.error ? <p className="muted">Loading…</p> : null}
    </details>
  );
}
