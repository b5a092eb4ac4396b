// Settings › Activity capture: what is captured and where it stays, the opt-in switch, the status
// main reports (including why capture cannot run here), pause/resume, and the privacy rules with a
// live "Try it" preview computed by the same pure applyPrivacy main applies before storing.
import { useMemo, useState } from 'react';
import { applyPrivacy, type PrivacyVerdict } from '../../../../shared/capture/privacy';
import type { CaptureSettings } from '../../../../shared/capture/types';
import { Field } from '../settings/Field';
import { fromDraft, statusText, type CaptureDraft } from './capture-form';
import { PrivacyRulesForm } from './PrivacyRulesForm';
import { SafeModeBanner } from './SafeModeBanner';
import { useCaptureForm, useCaptureState, type CaptureForm, type CaptureState } from './use-capture-settings';
import './capture.css';

const skipText: Record<Extract<PrivacyVerdict, { kind: 'skip' }>['reason'], string> = {
  'excluded-app': 'Skipped: this application is excluded. Nothing about this window would be stored.',
  'excluded-title': 'Skipped: the title matches an excluded pattern. Nothing about this window would be stored.',
  'private-window': 'Skipped: this looks like a private or incognito window. Nothing would be stored.',
  'unusable-rule': 'Skipped: one of the rules below cannot be used (see its message). Nothing is recorded until it is fixed or removed.',
};

export function CaptureSection() {
  const { state, setState, loadError } = useCaptureState();
  if (loadError) {
    return <div role="alert" className="notice error"><strong>Capture settings could not be loaded</strong>{loadError}</div>;
  }
  if (!state) return <p className="muted">Loading…</p>;
  return <><SafeModeBanner /><CaptureSettingsForm state={state} setState={setState} /></>;
}

/** The section once main answered: the form's draft starts from the settings it sent. */
function CaptureSettingsForm({ state, setState }: { state: CaptureState; setState: (state: CaptureState) => void }) {
  const form = useCaptureForm(state, setState);
  return (
    <>
      {!state.settings.enabled ? <CaptureIntro /> : null}
      <CaptureSwitch state={state} form={form} />
      <PrivacyRulesForm form={form} />
      <TryIt draft={form.draft} saved={state.settings} />
    </>
  );
}

function CaptureIntro() {
  return (
    <div className="capture-intro" data-testid="capture-intro">
      <h3>Let Track Nexus notice what you work on — only if you want it to</h3>
      <ul>
        <li><strong>What is captured:</strong> the application in front, its window title, and the page address where the browser tells us (without the part after <code>?</code> or <code>#</code>).</li>
        <li><strong>Where it goes:</strong> nowhere. Captured activity stays on this computer, in Track Nexus’s own data folder.</li>
        <li><strong>What reaches QuickBooks:</strong> only the time entries you approve, with the descriptions you approve. Window titles and addresses are never sent.</li>
        <li><strong>Your rules first:</strong> excluded apps, excluded titles and redactions below are applied before anything is stored; private and incognito windows are skipped.</li>
      </ul>
    </div>
  );
}

/** The opt-in switch, the status main reports with pause/resume, and why capture cannot run here. */
function CaptureSwitch({ state, form }: { state: CaptureState; form: CaptureForm }) {
  const { busy } = form;
  const status = statusText(state.status);
  return (
    <>
      <div className="capture-switch-row">
        <label className="switch">
          <input type="checkbox" role="switch" checked={form.pendingEnabled ?? state.settings.enabled} disabled={busy} onChange={(e) => void form.setEnabled(e.target.checked)} />
          <span className="switch-track" aria-hidden="true"><span className="switch-thumb" /></span>
          <span>Capture activity on this computer</span>
        </label>
        <span className={`badge ${status.tone === 'ok' ? 'ok' : status.tone === 'warn' ? 'warn' : status.tone === 'error' ? 'danger' : ''}`} data-testid="capture-status">
          Status: {status.label}
        </span>
        {state.status.state === 'running' ? <button type="button" className="button small" disabled={busy} onClick={() => void form.setPaused(true)}>Pause capture</button> : null}
        {state.status.state === 'paused' ? <button type="button" className="button small" disabled={busy} onClick={() => void form.setPaused(false)}>Resume capture</button> : null}
      </div>
      {status.tone === 'error' ? (
        <div role="alert" className="notice error capture-problem" data-testid="capture-problem">
          <strong>{state.settings.enabled ? 'Capture is on, but cannot read the active window here' : 'Capture cannot run on this computer yet'}</strong>
          <p>{status.detail}</p>
          {status.hint ? <p className="capture-hint">What to do: {status.hint}</p> : null}
        </div>
      ) : status.detail ? <p className="muted">{status.detail}</p> : null}
    </>
  );
}

/** A window typed in, and what the rules being edited (saved or not) would store of it. */
function TryIt({ draft, saved }: { draft: CaptureDraft; saved: CaptureSettings }) {
  const [sample, setSample] = useState({ app: 'Google Chrome', title: 'Invoice 2024-117 for ACME – Google Chrome', url: 'https://mail.example.com/inbox?token=abc#msg-1' });
  const preview = useMemo(() => {
    const { settings } = fromDraft(draft, saved);
    return applyPrivacy({ app: sample.app, title: sample.title, url: sample.url.trim() === '' ? null : sample.url }, settings);
  }, [draft, saved, sample]);

  return (
    <section className="try-it" aria-labelledby="try-it-title">
      <h3 id="try-it-title" className="capture-h3">Try it</h3>
      <p className="muted">Type a window as the system would report it and see what would be stored with the rules above (saved or not).</p>
      <div className="form-grid">
        <Field label="Application"><input value={sample.app} onChange={(e) => setSample({ ...sample, app: e.target.value })} /></Field>
        <Field label="Window title"><input value={sample.title} onChange={(e) => setSample({ ...sample, title: e.target.value })} /></Field>
        <Field label="Address (URL)"><input value={sample.url} onChange={(e) => setSample({ ...sample, url: e.target.value })} /></Field>
      </div>
      <div className="notice" aria-live="polite" data-testid="try-it-result">
        {preview.kind === 'skip' ? <strong>{skipText[preview.reason]}</strong> : (
          <>
            <strong>Would be stored:</strong>
            <dl className="facts">
              <dt>Application</dt><dd>{preview.sample.app || <span className="muted">(none)</span>}</dd>
              <dt>Title</dt><dd>{preview.sample.title || <span className="muted">(empty)</span>}</dd>
              <dt>Address</dt><dd>{preview.sample.url ?? <span className="muted">(none)</span>}</dd>
            </dl>
          </>
        )}
      </div>
    </section>
  );
}
