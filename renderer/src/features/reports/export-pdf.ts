// STUB: replaced by the real implementation.
import type { ReportView } from '../../../../shared/reports/types';

/** The view as a PDF laid out like the screen: title, period, figures, each chart (from its canvas in `host`), tables. */
export async function reportPdf(view: ReportView, host: HTMLElement): Promise<Uint8Array> {
  void host;
  return new TextEncoder().encode(view.title);
}
