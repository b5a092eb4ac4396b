// Projects billed by arrangement (retainer, fixed fee, progress billing) rather than by the hour:
// where each stands, and the invoices now due (shared/billing/propose.ts decides both from the
// project's synced time, what its invoices billed so far and today; store/arranged.ts reads those).
// Their time never shows among the hourly unbilled time; it is covered by the arrangement's own
// lines, linked so QuickBooks marks it billed and the entries follow the invoice to paid.
import { arrangementStatus, proposeInvoices } from '../../../../../shared/billing/propose';
import type { BillableExpense } from '../../../../../shared/invoice/types';
import type { ArrangedProject } from '../store/arranged';
import type { ArrangementSummary, InvoiceOverrides, InvoicePreview } from '../invoice-service';
import { previewBasis, previewOf, type PreviewDeps, type PreviewSpec } from './preview';

/** Where each arranged project stands and the invoices due, for the Invoices screen. */
export function summariesOf(arranged: readonly ArrangedProject[]): ArrangementSummary[] {
  return arranged.map(({ project, clientName, customerId, ctx }) => ({
    projectId: project.id,
    projectName: project.name,
    clientName,
    kind: project.billing.kind,
    linked: customerId !== null,
    status: arrangementStatus(project.billing, ctx),
    autoCreate: project.billing.kind === 'retainer' && project.billing.autoCreate,
    proposals: proposeInvoices(project.billing, ctx).map((p) => ({ key: p.key, title: p.title, dueOn: p.dueOn, totalMinor: p.totalMinor, currency: ctx.currency })),
  }));
}

/** The previews of the chosen proposals, each with the project's billable expenses. */
export async function previewArrangements(keys: readonly string[], arranged: readonly ArrangedProject[], expenses: readonly BillableExpense[], deps: PreviewDeps, overrides: Readonly<Record<string, InvoiceOverrides>>): Promise<InvoicePreview[]> {
  const specs: PreviewSpec[] = [];
  for (const { project, customerId, ctx } of arranged) {
    if (!customerId) continue;
    // The project's expenses ride on its first invoice of the run only, never on two.
    let spent = expenses.filter((e) => e.projectId === project.id);
    for (const proposal of proposeInvoices(project.billing, ctx).filter((p) => keys.includes(p.key))) {
      specs.push({
        previewId: proposal.key,
        customerId,
        clientId: project.clientId,
        layout: deps.layouts.defaultLayout,
        time: [],
        charges: proposal.charges,
        expenses: spent,
        ...(project.billing.kind === 'progress' && project.billing.estimate ? { estimateId: project.billing.estimate.id } : {}),
      });
      spent = [];
    }
  }
  const basis = await previewBasis(deps, specs.flatMap((s) => (s.charges ?? []).flatMap((c) => c.covers)));
  const previews: InvoicePreview[] = [];
  for (const spec of specs) previews.push({ ...(await previewOf(spec, basis, deps, overrides)), arrangement: spec.previewId });
  return previews;
}
