// The privacy rules form of Settings › Activity capture: idle threshold, private windows,
// excluded applications and title patterns, redactions, and Save with its message.
import { Field } from '../settings/Field';
import { patternProblem } from './capture-form';
import type { CaptureForm } from './use-capture-settings';

export function PrivacyRulesForm({ form }: { form: CaptureForm }) {
  const { draft, edit, errorFor, busy, message } = form;
  return (
    <form aria-label="Privacy rules" onSubmit={(e) => { e.preventDefault(); void form.save(); }}>
      <h3 className="capture-h3">Privacy rules</h3>
      <p className="muted">Applied in the background service before anything is stored. Patterns are regular expressions, matched without regard to case. They run in linear time, so none can slow capture down; look-aheads, look-behinds and back-references are not supported.</p>
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
        <TitlePatterns form={form} />
      </div>
      <Redactions form={form} />
      <div className="capture-save">
        <button type="submit" className="button primary" disabled={busy}>Save privacy rules</button>
        {message ? <p role={message.tone === 'error' ? 'alert' : 'status'} className={message.tone === 'error' ? 'set-field-error' : 'muted'} data-testid="capture-message">{message.text}</p> : null}
      </div>
    </form>
  );
}

function TitlePatterns({ form: { draft, edit, errorFor } }: { form: CaptureForm }) {
  return (
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
  );
}

function Redactions({ form: { draft, edit, errorFor } }: { form: CaptureForm }) {
  return (
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
  );
}
