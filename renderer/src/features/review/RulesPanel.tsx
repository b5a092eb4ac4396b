// The user's rules: what each matches and where it sends time, with a form to add one. A refused
// pattern (empty, invalid, or one that could hang on a long title) is explained, never stored.
import { DELETED_PROJECT } from '../../../../shared/entries/project-label';
import { useState } from 'react';
import { describeRule, describeRuleFlavour, type RuleField, type RuleKind } from '../../../../shared/matcher';
import type { RuleRow } from '../../db/schema';
import type { ProjectOption } from './use-review-day';

export interface RuleDraft {
  field: RuleField;
  kind: RuleKind;
  pattern: string;
  projectId: string;
}

interface Props {
  rules: readonly RuleRow[];
  projects: readonly ProjectOption[];
  draft: RuleDraft | null;
  explanation: string | null;
  error: string | null;
  onSave: (draft: RuleDraft) => void;
  onDelete: (id: string) => void;
  onCancel: () => void;
}

export function RulesPanel({ rules, projects, draft, explanation, error, onSave, onDelete, onCancel }: Props) {
  const [form, setForm] = useState<RuleDraft>(draft ?? { field: 'title', kind: 'contains', pattern: '', projectId: projects[0]?.id ?? '' });
  const label = (id: string) => projects.find((p) => p.id === id)?.label ?? DELETED_PROJECT;

  return (
    <section className="card rules" aria-labelledby="rules-title">
      <h2 id="rules-title">Rules</h2>
      <p className="muted">Rules decide before anything learned. The most specific rule wins, then the higher priority. Changing a rule re-applies it to every day you have not reviewed yet.</p>
      {rules.length === 0 ? <p className="muted">No rules yet. Use “Make this a rule” on any window, or add one here.</p> : (
        <ul className="rule-list">
          {rules.map((r) => (
            <li key={r.id}>
              <code>{describeRule(r).replace(/^rule: /, '')}</code> → {label(r.projectId)}
              <button type="button" className="button small" onClick={() => onDelete(r.id)} aria-label={`Delete rule ${describeRule(r)}`}>Delete</button>
            </li>
          ))}
        </ul>
      )}
      <form className="rule-form" onSubmit={(e) => { e.preventDefault(); onSave(form); }}>
        {explanation ? <p className="muted">{explanation}</p> : null}
        <label className="field"><span>Field</span>
          <select value={form.field} onChange={(e) => setForm({ ...form, field: e.target.value as RuleField })}>
            <option value="title">Window title</option><option value="app">Application</option><option value="url">URL</option><option value="any">Any of them</option>
          </select>
        </label>
        <label className="field"><span>Match</span>
          <select value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as RuleKind })}>
            <option value="contains">contains</option><option value="glob">glob (* and ?)</option><option value="regex">regular expression</option>
          </select>
        </label>
        <label className="field grow"><span>Pattern</span>
          <input value={form.pattern} onChange={(e) => setForm({ ...form, pattern: e.target.value })} aria-invalid={error ? true : undefined} aria-describedby="rule-error rule-flavour" />
        </label>
        <label className="field"><span>Project</span>
          <select value={form.projectId} onChange={(e) => setForm({ ...form, projectId: e.target.value })}>
            {projects.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
          </select>
        </label>
        <button type="submit" className="button primary">Save rule</button>
        {draft ? <button type="button" className="button" onClick={onCancel}>Cancel</button> : null}
        {error ? <p id="rule-error" role="alert" className="error">{error}</p> : null}
        <details id="rule-flavour"><summary>How patterns work</summary><p className="muted">{describeRuleFlavour()}</p></details>
      </form>
    </section>
  );
}
