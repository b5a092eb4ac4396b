// The preview of the invoices the ticked customers' time would make, each changeable, and creating
// them in QuickBooks: only those pre-flight lets through, with the outcome of each.
import { useState } from 'react';
import type { InvoiceLayout } from '../../../../shared/invoice/types';
import type { CreateResult, DateRange, InvoiceOverrides, InvoicePreview, InvoiceService } from './invoice-service';
import { amount } from './invoice-format';
import { isBlocked, PreviewCard, type LayoutScope } from './PreviewCard';
import { errorText, useLoad } from './use-load';

type Overrides = Record<string, InvoiceOverrides>;

/** The change on top of what was chosen before; layouts also under the customer, so a new grouping (new preview ids) keeps them. */
function withChange(all: Overrides, p: InvoicePreview, change: InvoiceOverrides): Overrides {
  const merge = (id: string, o: InvoiceOverrides): InvoiceOverrides => ({
    layout: { ...all[id]?.layout, ...o.layout },
    header: { ...all[id]?.header, ...o.header },
  });
  const next = { ...all, [p.previewId]: merge(p.previewId, change) };
  const customer = p.input.customer.id;
  if (change.layout && customer !== p.previewId) next[customer] = merge(customer, { layout: change.layout });
  return next;
}

type Creating = { state: 'idle' } | { state: 'running'; count: number } | { state: 'done'; result: CreateResult } | { state: 'error'; message: string };

function CreateOutcome({ creating }: { creating: Creating }) {
  if (creating.state === 'idle') return null;
  if (creating.state === 'running') {
    return <p role="status" className="inv-creating"><progress aria-label="Creating invoices" /> Creating {creating.count} invoice{creating.count === 1 ? '' : 's'} in QuickBooks…</p>;
  }
  if (creating.state === 'error') return <p role="alert" className="error">Creating stopped: {creating.message} Nothing is sent twice; try again.</p>;
  const { created, failed } = creating.result;
  return (
    <div role="status" className="inv-result">
      {created.length > 0 ? <p className="qbo-ok">Created {created.length} invoice{created.length === 1 ? '' : 's'} in QuickBooks: {created.map((c) => `${c.docNumber ?? 'no number yet'} for ${c.customerName} (${amount(c.totalMinor, c.currency)})`).join('; ')}.</p> : null}
      {failed.length > 0 ? (
        <ul className="error" aria-label="Invoices not created">
          {failed.map((f) => <li key={f.id}>Not created for {f.customerName}: {f.lastError ?? 'QuickBooks did not say why.'}</li>)}
        </ul>
      ) : null}
    </div>
  );
}

/** What is previewed: the ticked customers' hourly time, or the chosen arrangement proposals. */
export type PreviewTarget = { customers: string[] } | { arrangements: string[] };

function load(service: InvoiceService, target: PreviewTarget, range: DateRange, overrides: Overrides): Promise<InvoicePreview[]> {
  return 'customers' in target ? service.preview(target.customers, range, overrides) : service.previewArrangements(target.arrangements, overrides);
}

/** `version` changes when invoices were made or refreshed elsewhere: the preview is made again. */
export function PreviewSection({ service, range, target, version, onCreated }: { service: InvoiceService; range: DateRange; target: PreviewTarget; version: number; onCreated: () => void }) {
  const [overrides, setOverrides] = useState<Overrides>({});
  const [creating, setCreating] = useState<Creating>({ state: 'idle' });
  const [saved, setSaved] = useState<string | null>(null);
  const key = JSON.stringify([target, range, overrides, version]);
  const previews = useLoad(() => load(service, target, range, overrides), key);
  const list = previews.data ?? [];
  const ready = list.filter((p) => !isBlocked(p));

  const create = async (chosen: InvoicePreview[]) => {
    setCreating({ state: 'running', count: chosen.length });
    try {
      setCreating({ state: 'done', result: await service.create(chosen) });
    } catch (e) {
      setCreating({ state: 'error', message: errorText(e) });
    }
    onCreated();
  };
  const keep = async (p: InvoicePreview, scope: LayoutScope, layout: InvoiceLayout) => {
    const settings = await service.layouts();
    const next = scope === 'default' ? { ...settings, defaultLayout: layout } : { ...settings, byClient: { ...settings.byClient, [p.clientId!]: layout } };
    await service.saveLayouts(next);
    setSaved(scope === 'default' ? 'Saved as the default layout for new invoices.' : `Saved: ${p.customerName}'s invoices use this layout from now on.`);
  };
  // Create clicked while a change (a field just left) is still being previewed: the invoices are
  // made from a preview with that change, never from the numbers shown before it.
  const createFor = async (which: 'all' | string) => {
    setCreating({ state: 'running', count: which === 'all' ? ready.length : 1 });
    const current = previews.loading || !previews.data ? await load(service, target, range, overrides) : previews.data;
    const chosen = current.filter((p) => !isBlocked(p) && (which === 'all' || p.previewId === which));
    if (chosen.length > 0) await create(chosen);
  };
  const busy = creating.state === 'running';
  return (
    <section className="inv-previews" aria-labelledby="inv-preview-title">
      <h2 id="inv-preview-title">Preview</h2>
      {previews.error ? <p role="alert" className="error">The preview could not be made: {previews.error}</p> : null}
      {previews.loading && list.length === 0 ? <p className="muted">Working out the invoices…</p> : null}
      {saved ? <p role="status" className="qbo-ok">{saved}</p> : null}
      {list.map((p) => (
        <PreviewCard key={p.previewId} preview={p} busy={busy}
          onChange={(o) => setOverrides((all) => withChange(all, p, o))}
          onKeep={(scope, layout) => void keep(p, scope, layout).catch((e: unknown) => setSaved(`The layout was not saved: ${errorText(e)}`))}
          onCreate={() => void createFor(p.previewId)} />
      ))}
      {list.length > 0 ? (
        <div className="qbo-actions inv-create">
          <button type="button" className="button primary" disabled={busy || ready.length === 0} onClick={() => void createFor('all')}>
            Create {ready.length} invoice{ready.length === 1 ? '' : 's'} in QuickBooks
          </button>
          {ready.length < list.length ? <span className="muted">{list.length - ready.length} held back until the problems above are fixed.</span> : null}
        </div>
      ) : null}
      <CreateOutcome creating={creating} />
    </section>
  );
}
