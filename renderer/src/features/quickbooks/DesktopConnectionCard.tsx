// A QuickBooks Desktop company on the QuickBooks screen: the form that sets up its Web Connector
// connection, then its card: how it is going (the local service, the Web Connector's last call,
// what waits, the last problem), the steps that add it to the Web Connector (the .QWC download
// first), and changes to the password, schedule and port. Everything live from main's
// qbd:connectionChanged; the password is only ever sent, never shown or read back.
import { useEffect, useState, type ReactNode } from 'react';
import type { QbdConnection } from '../../../../shared/ipc/contract';
import type { IpcResult } from '../../../../shared/ipc/errors';
import { formatDateTime } from '../../../../shared/time/display';
import { currentZone } from '../../app/clock';
import { api } from '../../platform/api';
import { downloadText } from '../import/export';
import { desktopFormErrors, EMPTY_DESKTOP_FORM, errorsFromIpc, timeAgo, type DesktopField, type DesktopForm, type FieldErrors } from './desktop-setup';

function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string | undefined; children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode }) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': !!error, ...(described ? { 'aria-describedby': described } : {}) })}
      {hint ? <p id={`${id}-hint`} className="muted">{hint}</p> : null}
      {error ? <p id={`${id}-error`} className="error">{error}</p> : null}
    </div>
  );
}

/** The form's state, its field errors, and a submit that checks, sends and maps main's refusal onto the fields. */
function useDesktopForm(initial: DesktopForm, fields: readonly DesktopField[], send: (form: DesktopForm) => Promise<IpcResult<QbdConnection>>, done: (c: QbdConnection) => void) {
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: DesktopField) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  async function submit() {
    const found = desktopFormErrors(form, fields);
    setErrors(found);
    setProblem(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const r = await send(form);
      if (r.ok) {
        // A password is sent once and never kept on screen.
        setForm((f) => ({ ...f, password: '', confirm: '' }));
        return done(r.value);
      }
      const { fields: byField, form: whole } = errorsFromIpc(r.error);
      setErrors(byField);
      setProblem(whole);
    } finally {
      setBusy(false);
    }
  }
  return { form, errors, problem, busy, set, submit };
}

function PasswordFields({ f, label }: { f: ReturnType<typeof useDesktopForm>; label: string }) {
  return (
    <>
      <Field id="qbd-password" label={label} hint="At least 8 characters. You will type this once into the Web Connector." error={f.errors.password}>
        {(p) => <input {...p} type="password" autoComplete="new-password" value={f.form.password} onChange={f.set('password')} />}
      </Field>
      <Field id="qbd-confirm" label="Type the password again" error={f.errors.confirm}>
        {(p) => <input {...p} type="password" autoComplete="new-password" value={f.form.confirm} onChange={f.set('confirm')} />}
      </Field>
    </>
  );
}

function ScheduleFields({ f }: { f: ReturnType<typeof useDesktopForm> }) {
  return (
    <>
      <Field id="qbd-port" label="Port for the local service" hint="Any free port from 1024 to 65535; change it only if another program uses it." error={f.errors.port}>
        {(p) => <input {...p} inputMode="numeric" value={f.form.port} onChange={f.set('port')} />}
      </Field>
      <Field id="qbd-interval" label="Update every (minutes)" hint="How often the Web Connector brings changes to and from QuickBooks; 5 minutes at least." error={f.errors.intervalMinutes}>
        {(p) => <input {...p} inputMode="numeric" value={f.form.intervalMinutes} onChange={f.set('intervalMinutes')} />}
      </Field>
    </>
  );
}

const asInput = (form: DesktopForm) => ({ name: form.name.trim(), port: Number(form.port), intervalMinutes: Number(form.intervalMinutes), password: form.password });

/** Sets up a new Desktop company; `onCreated` gets its connection (the company list follows from main). */
export function DesktopSetupForm({ onCreated }: { onCreated: (c: QbdConnection) => void }) {
  const f = useDesktopForm(EMPTY_DESKTOP_FORM, ['name', 'port', 'intervalMinutes', 'password', 'confirm'], (form) => api.invoke('qbd:createConnection', asInput(form)), onCreated);
  return (
    <section className="card qbo-connection" aria-labelledby="qbd-setup-title">
      <h2 id="qbd-setup-title">Add QuickBooks Desktop</h2>
      <p className="muted">For QuickBooks Desktop Pro, Premier or Enterprise on this computer. Intuit's QuickBooks Web Connector brings time to QuickBooks on a schedule while QuickBooks and Track Nexus are both open.</p>
      <form className="qbd-form" noValidate onSubmit={(e) => { e.preventDefault(); void f.submit(); }}>
        <Field id="qbd-name" label="Company file" hint="The name you call it by, such as “Cool Cars”; the Web Connector shows it." error={f.errors.name}>
          {(p) => <input {...p} value={f.form.name} onChange={f.set('name')} />}
        </Field>
        <ScheduleFields f={f} />
        <PasswordFields f={f} label="Password for the Web Connector" />
        <button type="submit" className="button primary" disabled={f.busy}>Add QuickBooks Desktop</button>
      </form>
      {f.problem ? <p role="alert" className="error">{f.problem}</p> : null}
    </section>
  );
}

/** The clock for "3 minutes ago", moved once a minute. */
function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function When({ at, now }: { at: number | null; now: number }) {
  if (at === null) return <>never</>;
  return <time dateTime={new Date(at).toISOString()} title={formatDateTime(at, currentZone())}>{timeAgo(at, now)}</time>;
}

function DesktopStatus({ c }: { c: QbdConnection }) {
  const now = useMinuteClock();
  return (
    <dl className="facts" aria-label="Web Connector status">
      <dt>Local service</dt>
      <dd>{c.listening ? `Listening on localhost:${c.port}` : <span className="error">Not listening: {c.listenError ?? 'not started yet'}</span>}</dd>
      <dt>Web Connector last called</dt><dd><When at={c.lastCallAt} now={now} /></dd>
      <dt>Waiting for the next update</dt><dd>{c.pending === 0 ? 'nothing' : `${c.pending} ${c.pending === 1 ? 'change' : 'changes'}`}</dd>
      <dt>Last problem</dt><dd>{c.lastError ?? 'none'}</dd>
      <dt>Company file open in QuickBooks</dt><dd>{c.companyFile || '—'}</dd>
      <dt>qbXML version</dt><dd>{c.qbxmlVersion ?? '—'}</dd>
      <dt>Name lists last read</dt><dd><When at={c.listsReadAt} now={now} /></dd>
    </dl>
  );
}

/** Offers the .QWC as a file to save (Electron asks where), named as main names it. */
function QwcDownload({ companyId }: { companyId: string }) {
  const [problem, setProblem] = useState<string | null>(null);
  const download = async () => {
    setProblem(null);
    const r = await api.invoke('qbd:getQwcFile', { companyId });
    if (!r.ok) return setProblem(`The .QWC file could not be made: ${r.error.message}`);
    downloadText(r.value.text, r.value.fileName, 'application/xml');
  };
  return (
    <>
      <button type="button" className="button primary" onClick={() => void download()}>Download the .QWC file</button>
      {problem ? <p role="alert" className="error">{problem}</p> : null}
    </>
  );
}

/** The Web Connector's own screens, in order (Web Connector Programmer's Guide ch. 4). Open until the Web Connector has called. */
function WebConnectorSteps({ c }: { c: QbdConnection }) {
  return (
    <details className="qbd-steps" open={c.lastCallAt === null}>
      <summary>Add Track Nexus to the QuickBooks Web Connector</summary>
      <ol>
        <li>Download the .QWC file and save it where you will find it. <QwcDownload companyId={c.companyId} /></li>
        <li>In QuickBooks Desktop, open the company file as the Admin user. Choose <strong>File › Update Web Services</strong>; the Web Connector opens. Choose <strong>Add an application</strong>, pick the .QWC file, and choose <strong>OK</strong>.</li>
        <li>QuickBooks asks <strong>Authorize New Web Service</strong>: choose <strong>Yes, whenever this QuickBooks company file is open</strong>, then <strong>Continue</strong> and <strong>Done</strong>.</li>
        <li>Back in the Web Connector, type your password into the <strong>Password</strong> column of the Track Nexus row, and answer <strong>Yes</strong> when it asks to save it.</li>
        <li>Tick <strong>Auto-Run</strong> to update every {c.intervalMinutes} minutes, or choose <strong>Update Selected</strong> to update now.</li>
      </ol>
    </details>
  );
}

function ScheduleChange({ c, onChanged }: { c: QbdConnection; onChanged: (c: QbdConnection) => void }) {
  const initial = { ...EMPTY_DESKTOP_FORM, name: c.name, port: String(c.port), intervalMinutes: String(c.intervalMinutes) };
  const f = useDesktopForm(initial, ['port', 'intervalMinutes'], (form) => api.invoke('qbd:updateConnection', { companyId: c.companyId, port: Number(form.port), intervalMinutes: Number(form.intervalMinutes) }), onChanged);
  return (
    <form className="qbd-form" noValidate aria-label="Schedule and port" onSubmit={(e) => { e.preventDefault(); void f.submit(); }}>
      <h3>Schedule and port</h3>
      <ScheduleFields f={f} />
      <p className="muted">After a change, download the .QWC file again and add it to the Web Connector again (step 2): the Web Connector keeps the old schedule and port until then.</p>
      <button type="submit" className="button" disabled={f.busy}>Save schedule and port</button>
      {f.problem ? <p role="alert" className="error">{f.problem}</p> : null}
    </form>
  );
}

function PasswordChange({ c, onChanged }: { c: QbdConnection; onChanged: (c: QbdConnection) => void }) {
  const f = useDesktopForm(EMPTY_DESKTOP_FORM, ['password', 'confirm'], (form) => api.invoke('qbd:updateConnection', { companyId: c.companyId, password: form.password }), onChanged);
  return (
    <form className="qbd-form" noValidate aria-label="Password" onSubmit={(e) => { e.preventDefault(); void f.submit(); }}>
      <h3>Password</h3>
      <PasswordFields f={f} label="New password for the Web Connector" />
      <p className="muted">Then type the new password into the Web Connector's Password column as well.</p>
      <button type="submit" className="button" disabled={f.busy}>Change password</button>
      {f.problem ? <p role="alert" className="error">{f.problem}</p> : null}
    </form>
  );
}

/** The card of one Desktop company; `connection` null while main's list is on its way. */
export function DesktopConnectionCard({ connection }: { connection: QbdConnection | null }) {
  const [saved, setSaved] = useState<string | null>(null);
  if (!connection) return <section className="card qbo-connection"><p className="muted">Checking the QuickBooks Desktop connection…</p></section>;
  const c = connection;
  return (
    <section className="card qbo-connection" aria-labelledby="qbd-connection-title">
      <h2 id="qbd-connection-title">{c.name} (QuickBooks Desktop)</h2>
      <DesktopStatus c={c} />
      {c.hasPassword ? null : <p role="alert" className="banner error">No password is set: the Web Connector cannot sign in until you set one below.</p>}
      <WebConnectorSteps c={c} />
      <details className="qbd-settings">
        <summary>Change the password, schedule or port</summary>
        <ScheduleChange key={`${c.port}/${c.intervalMinutes}`} c={c} onChanged={() => setSaved('Saved. Download the .QWC file again and add it to the Web Connector.')} />
        <PasswordChange c={c} onChanged={() => setSaved('Password changed. Type it into the Web Connector too.')} />
      </details>
      {saved ? <p role="status" className="qbo-ok">{saved}</p> : null}
    </section>
  );
}
