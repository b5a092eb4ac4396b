// Settings › Activity capture: what is captured and where it stays, the opt-in switch, the status
// main reports (including why capture cannot run here), pause/resume, and the privacy rules with a
// live "Try it" preview computed by the same pure applyPrivacy main applies before storing.
import { useEffect, useMemo, useState } from 'react';
import { applyPrivacy, type PrivacyVerdict } from '../../../../shared/capture/privacy';
import type { CaptureSettings, CaptureStatus } from '../../../../shared/capture/types';
import { api } from '../../platform/api';
import { Field } from '../settings/Field';
import { fieldOfServerError, fromDraft, patternProblem, statusText, toDraft, type CaptureDraft } from './capture-form';
import './capture.css';

interface State { status: CaptureStatus; settings: CaptureSettings }

const skipText: Record<Extract<PrivacyVerdict, { kind: 'skip' }>['reason'], string> = {
  'excluded-app': 'Skipped: this application is excluded. Nothing about this window would be stored.',
  'excluded-title': 'Skipped: the title matches an excluded pattern. Nothing about this window would be stored.',
  'private-window': 'Skipped: this looks like a private or incognito window. Nothing would be stored.',
};

export function CaptureSection() {
  const [state, setState] = useState<State | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<CaptureDraft | null>(null);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  /** The switch moves at once; main's answer then confirms or reverts it. */
  const [pendingEnabled, setPendingEnabled] = useState<boolean | null>(null);
  const [sample, setSample] = useState({ app: 'Google Chrome', title: 'Invoice 2024-117 for ACME – Google Chrome', url: 'https://mail.example.com/inbox?token=abc#msg-1' });

  useEffect(() => {
    let live = true;
    void api.invoke('capture:getState').then((r) => {
      if (!live) return;
      if (r.ok) {
        setState(r.value);
        setDraft(toDraft(r.value.settings));
      } else setLoadError(r.error.message);
    });
    const off = api.on('capture:status', (status) => setState((s) => (s ? { ...s, status } : s)));
    return () => {
      live = false;
      off();
    };
  }, []);

  const preview = useMemo(() => {
    if (!draft || !state) return null;
    const { settings } = fromDraft(draft, state.settings);
    return applyPrivacy({ app: sample.app, title: sample.title, url: sample.url.trim() === '' ? null : sample.url }, settings);
  }, [draft, state, sample]);

  if (loadError) {
    return <div role="alert" className="notice error"><strong>Capture settings could not be loaded</strong>{loadError}</div>;
  }
  if (!state || !draft) return <p className="muted">Loading…</p>;

  const status = statusText(state.status);
  const edit = (patch: Partial<CaptureDraft>, clear?: string) => {
    setDraft({ ...draft, ...patch });
    setMessage(null);
    if (clear && serverErrors[clear]) {
      const { [clear]: _gone, ...rest } = serverErrors;
      setServerErrors(rest);
    }
  };
  const errorFor = (key: string, local: string | null = null) => serverErrors[key] ?? local;

  async function send(settings: CaptureSettings, success: string, keepDraft = false) {
    setBusy(true);
    try {
      const r = await api.invoke('capture:saveSettings', settings);
      if (r.ok) {
        setState(r.value);
        if (!keepDraft) {
          setDraft(toDraft(r.value.settings));
          setServerErrors({});
        }
        setMessage({ tone: 'ok', text: success });
      } else {
        const where = fieldOfServerError(r.error, draft!);
        setServerErrors({ [where.key]: where.message });
        setMessage({ tone: 'error', text: where.key === 'form' ? r.error.message : 'Not saved: fix the field marked below.' });
      }
    } finally {
      setBusy(false);
    }
  }

  async function setEnabled(enabled: boolean) {
    setPendingEnabled(enabled);
    try {
      await send({ ...state!.settings, enabled }, enabled ? 'Capture is on. What it records stays on this computer.' : 'Capture is off.', true);
    } finally {
      setPendingEnabled(null);
    }
  }

  async function save() {
    const { settings, problems } = fromDraft(draft!, state!.settings);
    if (Object.keys(problems).length > 0) {
      setServerErrors(problems);
      setMessage({ tone: 'error', text: 'Not saved: fix the field marked below.' });
      return;
    }
    await send(settings, 'Privacy rules saved. They apply to everything captured from now on.');
  }

  async function setPaused(paused: boolean) {
    setBusy(true);
    try {
      const r = await api.invoke('capture:setPaused', { paused, reason: paused ? 'Paused from Settings' : undefined });
      if (r.ok) setState(r.value);
      else setMessage({ tone: 'error', text: r.error.message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {!state.settings.enabled ? (
        <div className="capture-intro" data-testid="capture-intro">
          <h3>Let Track Nexus notice what you work on — only if you want it to</h3>
          <ul>
            <li><strong>What is captured:</strong> the application in front, its window title, and the page address where the browser tells us (without the part after <code>?</code> or <code>#</code>).</li>
            <li><strong>Where it goes:</strong> nowhere. Captured activity stays on this computer, in Track Nexus’s own data folder.</li>
            <li><strong>What reaches QuickBooks:</strong> only the time entries you approve, with the descriptions you approve. Window titles and addresses are never sent.</li>
            <li><strong>Your rules first:</strong> excluded apps, excluded titles and redactions below are applied before anything is stored; private and incognito windows are skipped.</li>
          </ul>
        </div>
      ) : null}

      <div className="capture-switch-row">
        <label className="switch">
          <input type="checkbox" role="switch" checked={pendingEnabled ?? state.settings.enabled} disabled={busy} onChange={(e) => void setEnabled(e.target.checked)} />
          <span className="switch-track" aria-hidden="true"><span className="switch-thumb" /></span>
          <span>Capture activity on this computer</span>
        </label>
        <span className={`badge ${status.tone === 'ok' ? 'ok' : status.tone === 'warn' ? 'warn' : status.tone === 'error' ? 'danger' : ''}`} data-testid="capture-status">
          Status: {status.label}
        </span>
        {state.status.state === 'running' ? <button type="button" className="button small" disabled={busy} onClick={() => void setPaused(true)}>Pause capture</button> : null}
        {state.status.state === 'paused' ? <button type="button" className="button small" disabled={busy} onClick={() => void setPaused(false)}>Resume capture</button> : null}
      </div>
      {status.tone === 'error' ? (
        <div role="alert" className="notice error capture-problem" data-testid="capture-problem">
          <strong>{state.settings.enabled ? 'Capture is on, but cannot read the active window here' : 'Capture cannot run on this computer yet'}</strong>
          <p>{status.detail}</p>
          {status.hint ? <p className="capture-hint">What to do: {status.hint}</p> : null}
        </div>
      ) : status.detail ? <p className="muted">{status.detail}</p> : null}

      <form aria-label="Privacy rules" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <h3 className="capture-h3">Privacy rules</h3>
        <p className="muted">Applied in the background service before anything is stored. Patterns are regular expressions, matched without regard to case.</p>
        <div className="form-grid">
          <Field label="Away after (minutes idle)" error={errorFor('idle')} hint="Time without keyboard or mouse counts as away">
            <input inputMode="decimal" value={draft.idleMinutes} onChange={(e) => edit({ idleMinutes: e.target.value }, 'idle')} />
          </Field>
          <div className="set-field">
            <span className="set-label">Private windows</span>
            <label className="check"><input type="checkbox" checked={draft.skipPrivateWindows} onChange={(e) => edit({ skipPrivateWindows: e.target.checked })} /> Skip private and incognito browser windows</label>
          </div>
        </div>
        <div className="form-grid">
          <Field label="Excluded applications" error={errorFor('excludedApps')} hint="One per line: a name (Signal) or a path (/usr/bin/keepassxc)">
            <textarea rows={4} value={draft.excludedApps} onChange={(e) => edit({ excludedApps: e.target.value }, 'excludedApps')} />
          </Field>
          <fieldset>
            <legend>Excluded title patterns</legend>
            {draft.excludedTitlePatterns.map((p, i) => (
              <div className="pattern-row" key={i}>
                <Field label={`Title pattern ${i + 1}`} error={errorFor(`title:${i}`, patternProblem(p))}>
                  <input value={p} className="mono" spellCheck={false} onChange={(e) => {
                    const next = [...draft.excludedTitlePatterns];
                    next[i] = e.target.value;
                    edit({ excludedTitlePatterns: next }, `title:${i}`);
                  }} />
                </Field>
                <button type="button" className="button link small" aria-label={`Remove title pattern ${i + 1}`}
                  onClick={() => edit({ excludedTitlePatterns: draft.excludedTitlePatterns.filter((_, k) => k !== i) }, `title:${i}`)}>Remove</button>
              </div>
            ))}
            <button type="button" className="button small" onClick={() => edit({ excludedTitlePatterns: [...draft.excludedTitlePatterns, ''] })}>Add title pattern</button>
          </fieldset>
        </div>
        <fieldset className="redactions">
          <legend>Redactions (pattern → replacement)</legend>
          {draft.redactions.length === 0 ? <p className="muted">None. Example: <code>\b\d{'{'}4{'}'}-\d{'{'}4{'}'}\b</code> → <code>[card]</code>.</p> : null}
          {draft.redactions.map((r, i) => (
            <div className="pattern-row" key={i}>
              <Field label={`Redaction ${i + 1} pattern`} error={errorFor(`redaction:${i}`, patternProblem(r.pattern))}>
                <input value={r.pattern} className="mono" spellCheck={false} onChange={(e) => {
                  const next = draft.redactions.map((x, k) => (k === i ? { ...x, pattern: e.target.value } : x));
                  edit({ redactions: next }, `redaction:${i}`);
                }} />
              </Field>
              <span className="arrow" aria-hidden="true">→</span>
              <Field label={`Redaction ${i + 1} replacement`}>
                <input value={r.replacement} onChange={(e) => {
                  const next = draft.redactions.map((x, k) => (k === i ? { ...x, replacement: e.target.value } : x));
                  edit({ redactions: next }, `redaction:${i}`);
                }} />
              </Field>
              <button type="button" className="button link small" aria-label={`Remove redaction ${i + 1}`}
                onClick={() => edit({ redactions: draft.redactions.filter((_, k) => k !== i) }, `redaction:${i}`)}>Remove</button>
            </div>
          ))}
          <button type="button" className="button small" onClick={() => edit({ redactions: [...draft.redactions, { pattern: '', replacement: '[redacted]' }] })}>Add redaction</button>
        </fieldset>
        <div className="capture-save">
          <button type="submit" className="button primary" disabled={busy}>Save privacy rules</button>
          {message ? <p role={message.tone === 'error' ? 'alert' : 'status'} className={message.tone === 'error' ? 'set-field-error' : 'muted'} data-testid="capture-message">{message.text}</p> : null}
        </div>
      </form>

      <section className="try-it" aria-labelledby="try-it-title">
        <h3 id="try-it-title" className="capture-h3">Try it</h3>
        <p className="muted">Type a window as the system would report it and see what would be stored with the rules above (saved or not).</p>
        <div className="form-grid">
          <Field label="Application"><input value={sample.app} onChange={(e) => setSample({ ...sample, app: e.target.value })} /></Field>
          <Field label="Window title"><input value={sample.title} onChange={(e) => setSample({ ...sample, title: e.target.value })} /></Field>
          <Field label="Address (URL)"><input value={sample.url} onChange={(e) => setSample({ ...sample, url: e.target.value })} /></Field>
        </div>
        <div className="notice" aria-live="polite" data-testid="try-it-result">
          {preview?.kind === 'skip' ? <strong>{skipText[preview.reason]}</strong> : preview ? (
            <>
              <strong>Would be stored:</strong>
              <dl className="facts">
                <dt>Application</dt><dd>{preview.sample.app || <span className="muted">(none)</span>}</dd>
                <dt>Title</dt><dd>{preview.sample.title || <span className="muted">(empty)</span>}</dd>
                <dt>Address</dt><dd>{preview.sample.url ?? <span className="muted">(none)</span>}</dd>
              </dl>
            </>
          ) : null}
        </div>
      </section>
    </>
  );
}
