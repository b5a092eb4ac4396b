// Export CSV and Export PDF for the report on screen, named after the report and its dates; a
// failure is said in plain words next to the buttons.
import { useState, type RefObject } from 'react';
import type { ReportScope, ReportView } from '../../../../shared/reports/types';
import { downloadBytes, downloadText } from '../import/export';
import { reportCsv } from './export-csv';
import { reportPdf } from './export-pdf';
import { reportSection } from './report-filters';

interface ExportActionsProps {
  /** Null while there is nothing to export. */
  view: ReportView | null;
  scope: ReportScope | null;
  /** The charts and tables on screen, which the PDF copies. */
  host: RefObject<HTMLElement | null>;
}

export function ExportActions({ view, scope, host }: ExportActionsProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = view && scope ? `track-nexus-${reportSection(view.id)}-${scope.from}-to-${scope.to}` : '';

  async function run(kind: 'CSV' | 'PDF', make: (v: ReportView) => Promise<void>) {
    if (!view) return;
    setBusy(true);
    setError(null);
    try {
      await make(view);
    } catch (e) {
      setError(`The ${kind} could not be made: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  }
  const csv = () => run('CSV', async (v) => downloadText(reportCsv(v), `${name}.csv`));
  const pdf = () => run('PDF', async (v) => {
    if (!host.current) throw new Error('the report is not on screen yet.');
    downloadBytes(await reportPdf(v, host.current), `${name}.pdf`, 'application/pdf');
  });
  return (
    <>
      {error ? <p className="rep-export-error" role="alert">{error}</p> : null}
      <button type="button" className="button" disabled={!view || busy} onClick={() => void csv()}>Export CSV</button>
      <button type="button" className="button" disabled={!view || busy} onClick={() => void pdf()}>Export PDF</button>
    </>
  );
}
