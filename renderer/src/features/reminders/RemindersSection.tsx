// Settings › Reminders: which reminders show as notifications, the working hours and days "no timer
// running" watches, the time a day should be reviewed by, how long approved time may wait, and quiet
// hours. Each change is saved as it is made.
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type ReactNode } from 'react';
import type { ReminderSettings } from '../../../../shared/reminders/policy';
import { useRepos } from '../../data/repos-context';
import { Field } from '../settings/Field';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

type Change = (patch: Partial<ReminderSettings>) => void;

function Toggle({ on, label, onChange, children }: { on: boolean; label: string; onChange: (on: boolean) => void; children?: ReactNode }) {
  return (
    <div className="set-field">
      <label className="check">
        <input type="checkbox" checked={on} onChange={(e) => onChange(e.target.checked)} /> {label}
      </label>
      {on ? children : null}
    </div>
  );
}

function Time({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  return (
    <Field label={label}>
      <input type="time" value={value} required onChange={(e) => e.target.value && onChange(e.target.value)} />
    </Field>
  );
}

function WorkingHours({ s, change }: { s: ReminderSettings; change: Change }) {
  const toggleDay = (d: number) => change({ workDays: s.workDays.includes(d) ? s.workDays.filter((x) => x !== d) : [...s.workDays, d].sort() });
  return (
    <div className="form-grid">
      <Time label="Working hours from" value={s.workStart} onChange={(v) => change({ workStart: v })} />
      <Time label="to" value={s.workEnd} onChange={(v) => change({ workEnd: v })} />
      <fieldset>
        <legend>Working days</legend>
        {DAYS.map((d, i) => (
          <label key={d} className="check"><input type="checkbox" checked={s.workDays.includes(i)} onChange={() => toggleDay(i)} /> {d}</label>
        ))}
      </fieldset>
    </div>
  );
}

function ReminderControls({ s, change }: { s: ReminderSettings; change: Change }) {
  return (
    <>
      <Toggle on={s.noTimer} label="No timer running during working hours" onChange={(on) => change({ noTimer: on })}>
        <WorkingHours s={s} change={change} />
      </Toggle>
      <Toggle on={s.dayNotReviewed} label="A day’s captured activity is not reviewed" onChange={(on) => change({ dayNotReviewed: on })}>
        <Time label="Review by" value={s.reviewBy} onChange={(v) => change({ reviewBy: v })} />
      </Toggle>
      <Toggle on={s.approvedWaiting} label="Approved time is waiting to sync" onChange={(on) => change({ approvedWaiting: on })}>
        <Field label="After (hours)">
          <input type="number" min={1} max={336} value={s.approvedWaitingHours}
            onChange={(e) => { const n = Number(e.target.value); if (Number.isInteger(n) && n >= 1 && n <= 336) change({ approvedWaitingHours: n }); }} />
        </Field>
      </Toggle>
      <Toggle on={s.syncProblem} label="A sync failed or QuickBooks needs reconnecting" onChange={(on) => change({ syncProblem: on })} />
      <Toggle on={s.budgetReached} label="A project reached its budget" onChange={(on) => change({ budgetReached: on })} />
      <Toggle on={s.quietHours.on} label="Quiet hours (no reminders)" onChange={(on) => change({ quietHours: { ...s.quietHours, on } })}>
        <div className="form-grid">
          <Time label="From" value={s.quietHours.start} onChange={(v) => change({ quietHours: { ...s.quietHours, start: v } })} />
          <Time label="Until" value={s.quietHours.end} onChange={(v) => change({ quietHours: { ...s.quietHours, end: v } })} />
        </div>
      </Toggle>
    </>
  );
}

export function RemindersSection() {
  const repos = useRepos();
  const settings = useLiveQuery(() => repos.settings.get('reminders'), [repos]);
  const [error, setError] = useState<string | null>(null);
  if (!settings) return <p className="muted">Loading…</p>;
  const change: Change = (patch) =>
    void repos.settings.update('reminders', (current) => ({ ...current, ...patch })).then(
      () => setError(null),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  return (
    <div className="reminders-settings">
      <p className="lead">Reminders show as notifications of your system, each once; clicking one opens the screen that deals with it.</p>
      {error ? <p role="alert" className="error">That could not be saved: {error}</p> : null}
      <ReminderControls s={settings} change={change} />
    </div>
  );
}
