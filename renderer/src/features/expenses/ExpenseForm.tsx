// Adding or changing one expense: date, amount as typed ("12.50"), category, project (its billable
// flag is the default), note, and a receipt photo or PDF kept on this computer only.
import { useState, type FormEvent } from 'react';
import type { ExpenseRow, ProjectRow } from '../../db/schema';
import { minorToInput, parseMoneyInput } from '../settings/money-input';
import type { ExpenseInput } from './store/expense-store';
import { checkReceipt } from './receipt';

interface Props {
  editing: ExpenseRow | null;
  projects: readonly ProjectRow[];
  categories: ReadonlyArray<{ id: string; name: string }>;
  currency: string;
  today: string;
  onSave: (input: ExpenseInput) => Promise<void>;
  onCancel: () => void;
}

// Long because it is one form: each field is a few lines of markup over the state above it.
export function ExpenseForm({ editing, projects, categories, currency, today, onSave, onCancel }: Props) {
  const [date, setDate] = useState(editing?.localDate ?? today);
  const [amount, setAmount] = useState(editing ? minorToInput(editing.amountMinor, editing.currency) : '');
  const [code, setCode] = useState(editing?.currency ?? currency);
  const [categoryId, setCategoryId] = useState(editing?.categoryId ?? categories[0]?.id ?? '');
  const [projectId, setProjectId] = useState(editing?.projectId ?? '');
  const [note, setNote] = useState(editing?.note ?? '');
  const [billable, setBillable] = useState<boolean | null>(editing ? editing.billable : null);
  const [receipt, setReceipt] = useState<ExpenseInput['receipt']>(undefined);
  const [error, setError] = useState<string | null>(null);
  const project = projects.find((p) => p.id === projectId);
  // Until the person ticks or unticks it, billable follows the project's own flag.
  const isBillable = billable ?? project?.billable ?? false;

  async function pickReceipt(file: File | undefined) {
    setError(null);
    if (!file) return;
    const check = await checkReceipt(file);
    if (!check.ok) setError(check.error);
    else setReceipt({ name: file.name, type: check.type, data: file });
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = parseMoneyInput(amount, code.trim().toUpperCase());
    if (!parsed.ok) return setError(parsed.error.replace('A rate', 'An expense'));
    if (parsed.minor === 0) return setError('Enter the amount you spent, like 12.50.');
    if (!categoryId) return setError('Choose a category.');
    try {
      await onSave({ localDate: date, amountMinor: parsed.minor, currency: code.trim().toUpperCase(), categoryId, projectId: projectId || null, note: note.trim(), billable: isBillable, ...(receipt !== undefined ? { receipt } : {}) });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  const hasReceipt = receipt ? true : receipt === null ? false : Boolean(editing?.receiptId);
  return (
    <form className="expense-form card" aria-label={editing ? 'Change expense' : 'New expense'} onSubmit={(e) => void submit(e)}>
      <label>Date <input type="date" required value={date} onChange={(e) => setDate(e.target.value)} /></label>
      <label>Amount <input inputMode="decimal" value={amount} placeholder="12.50" onChange={(e) => setAmount(e.target.value)} /></label>
      <label>Currency <input value={code} maxLength={3} size={4} onChange={(e) => setCode(e.target.value)} /></label>
      <label>Category
        <select value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
          {categories.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select>
      </label>
      <label>Project
        <select value={projectId} onChange={(e) => setProjectId(e.target.value)}>
          <option value="">No project</option>
          {projects.filter((p) => !p.archived || p.id === projectId).map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </label>
      <label>Note <input value={note} maxLength={4000} onChange={(e) => setNote(e.target.value)} /></label>
      <label className="expense-check"><input type="checkbox" checked={isBillable} onChange={(e) => setBillable(e.target.checked)} /> Billable to the customer</label>
      <label>Receipt (photo or PDF, kept on this computer only)
        <input type="file" accept="image/*,application/pdf" onChange={(e) => void pickReceipt(e.target.files?.[0])} />
      </label>
      {hasReceipt ? <button type="button" className="button small" onClick={() => setReceipt(null)}>Remove receipt</button> : null}
      {error ? <p role="alert" className="error">{error}</p> : null}
      <div className="form-actions">
        <button type="submit" className="button primary">{editing ? 'Save changes' : 'Add expense'}</button>
        <button type="button" className="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
