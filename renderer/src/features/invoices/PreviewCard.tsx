// One invoice of the preview: how it is laid out (and keeping that for the client or as the
// default), its header as QuickBooks will get it, its lines, and what stops or worries pre-flight.
import { useState } from 'react';
import type { InvoiceGrouping, InvoiceHeader, InvoiceLayout, LineDetail } from '../../../../shared/invoice/types';
import type { InvoiceOverrides, InvoicePreview } from './invoice-service';
import { PreviewLines } from './PreviewLines';

const GROUPINGS: Array<{ id: InvoiceGrouping; label: string }> = [
  { id: 'perProject', label: 'One invoice per project' },
  { id: 'perClient', label: 'One invoice per client, a section per project' },
];

const DETAILS: Array<{ id: LineDetail; label: string }> = [
  { id: 'entry', label: 'A line per entry' },
  { id: 'taskDay', label: 'A line per task per day' },
  { id: 'task', label: 'A line per task' },
  { id: 'project', label: 'A line per project' },
];

export type LayoutScope = 'client' | 'default';

function LayoutControls({ preview, onChange, onKeep }: { preview: InvoicePreview; onChange: (o: InvoiceOverrides) => void; onKeep: (scope: LayoutScope, layout: InvoiceLayout) => void }) {
  const layout = preview.input.layout;
  const [template, setTemplate] = useState(layout.descriptionTemplate);
  return (
    <fieldset className="inv-layout">
      <legend>Layout</legend>
      <label className="field"><span>Invoices</span>
        <select value={layout.grouping} onChange={(e) => onChange({ layout: { grouping: e.target.value as InvoiceGrouping } })}>
          {GROUPINGS.map((g) => <option key={g.id} value={g.id}>{g.label}</option>)}
        </select>
      </label>
      <label className="field"><span>Lines</span>
        <select value={layout.detail} onChange={(e) => onChange({ layout: { detail: e.target.value as LineDetail } })}>
          {DETAILS.map((d) => <option key={d.id} value={d.id}>{d.label}</option>)}
        </select>
      </label>
      <label className="field grow"><span>Line description</span>
        <input value={template} onChange={(e) => setTemplate(e.target.value)}
          onBlur={() => template !== layout.descriptionTemplate && onChange({ layout: { descriptionTemplate: template } })} />
      </label>
      <div className="qbo-actions">
        {preview.clientId ? <button type="button" className="button" onClick={() => onKeep('client', layout)}>Use for this client from now on</button> : null}
        <button type="button" className="button" onClick={() => onKeep('default', layout)}>Make this the default</button>
      </div>
    </fieldset>
  );
}

/** A text field that reports its value when left, not on every key. */
function HeaderText({ label, value, type = 'text', onCommit, placeholder }: { label: string; value: string; type?: string; placeholder?: string; onCommit: (v: string) => void }) {
  const [text, setText] = useState(value);
  return (
    <label className="field"><span>{label}</span>
      <input type={type} value={text} placeholder={placeholder} onChange={(e) => setText(e.target.value)} onBlur={() => text !== value && onCommit(text)} />
    </label>
  );
}

function HeaderFields({ preview, onChange }: { preview: InvoicePreview; onChange: (h: Partial<InvoiceHeader>) => void }) {
  const h = preview.input.header;
  return (
    <fieldset className="inv-header-fields">
      <legend>Invoice details</legend>
      <label className="field"><span>Terms</span>
        <select value={h.termId ?? ''} onChange={(e) => onChange({ termId: e.target.value || null })}>
          <option value="">No terms</option>
          {preview.terms.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </select>
      </label>
      <HeaderText label="Invoice date" type="date" value={h.txnDate} onCommit={(v) => v && onChange({ txnDate: v })} />
      <HeaderText label="Due date" type="date" value={h.dueDate ?? ''} onCommit={(v) => onChange({ dueDate: v || null })} />
      <HeaderText label="Invoice number" value={h.docNumber ?? ''} placeholder="QuickBooks numbers it" onCommit={(v) => onChange({ docNumber: v.trim() || null })} />
      <HeaderText label="Billing e-mail" type="email" value={h.billEmail ?? ''} onCommit={(v) => onChange({ billEmail: v.trim() || null })} />
      <HeaderText label="Message on invoice" value={h.message} onCommit={(v) => onChange({ message: v })} />
      <HeaderText label="Private memo (not on the invoice)" value={h.memo} onCommit={(v) => onChange({ memo: v })} />
    </fieldset>
  );
}

function Issues({ preview }: { preview: InvoicePreview }) {
  if (preview.issues.length === 0) return null;
  return (
    <ul className="inv-issues" aria-label={`Checks for ${preview.customerName}`}>
      {preview.issues.map((i) => <li key={i.code + i.message} className={i.blocking ? 'error' : 'inv-warning'}>{i.blocking ? 'Cannot create: ' : ''}{i.message}</li>)}
    </ul>
  );
}

export const isBlocked = (p: InvoicePreview): boolean => p.issues.some((i) => i.blocking);

export function PreviewCard({ preview, busy, onChange, onKeep, onCreate }: {
  preview: InvoicePreview;
  busy: boolean;
  onChange: (o: InvoiceOverrides) => void;
  onKeep: (scope: LayoutScope, layout: InvoiceLayout) => void;
  onCreate: () => void;
}) {
  const title = `Invoice for ${preview.customerName}`;
  const key = JSON.stringify(preview.input.layout) + JSON.stringify(preview.input.header);
  return (
    <article className="card inv-preview" aria-label={title}>
      <h3>{title}</h3>
      {/* An arrangement's lines are its own (fee, overage, milestone): the hourly layout does not apply. */}
      {preview.arrangement ? null : <LayoutControls key={`l${key}`} preview={preview} onChange={onChange} onKeep={onKeep} />}
      <HeaderFields key={`h${key}`} preview={preview} onChange={(header) => onChange({ header })} />
      <PreviewLines draft={preview.draft} caption={`Lines of the invoice for ${preview.customerName}`} />
      <Issues preview={preview} />
      <button type="button" className="button" disabled={busy || isBlocked(preview)} onClick={onCreate}>Create this invoice</button>
    </article>
  );
}
