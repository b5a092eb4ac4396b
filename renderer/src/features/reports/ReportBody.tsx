// One report as the screen shows it: its figures as cards (with the change against the previous
// period when comparing), then its charts in a grid, then its tables, then its notes; or, when the
// period holds nothing, a friendly empty state that says so.
import { forwardRef } from 'react';
import { formatValue } from '../../../../shared/reports/format';
import type { ReportFigure, ReportLink, ReportView } from '../../../../shared/reports/types';
import { Chart } from '../../components/charts/Chart';
import { EmptyState } from '../../components/EmptyState';
import { ReportTableView } from './ReportTableView';
import { figureChange } from './figure-change';
import { isEmptyView } from '../../../../shared/reports/view';

function FigureCard({ figure, currency, against }: { figure: ReportFigure; currency: string; against: string | null }) {
  const change = against === null ? null : figureChange(figure, against);
  return (
    <li className="rep-figure">
      <span className="rep-figure-label">{figure.label}</span>
      <span className="rep-figure-value">{formatValue(figure.kind, figure.value, currency)}</span>
      {change ? <span className={`rep-change ${change.tone}`}>{change.text}</span> : null}
    </li>
  );
}

interface ReportBodyProps {
  view: ReportView;
  /** The previous period's name when comparing ("Nov"); null otherwise. */
  against: string | null;
  onDrawn: ReadonlyMap<string, () => void>;
  onOpen: (link: ReportLink) => void;
  /** What to suggest when the period is empty. */
  emptyHint: string;
}

/** The element it forwards holds the charts and tables: the PDF export copies from it. */
export const ReportBody = forwardRef<HTMLDivElement, ReportBodyProps>(function ReportBody({ view, against, onDrawn, onOpen, emptyHint }, ref) {
  const notes = view.notes.length > 0 ? (
    <ul className="rep-notes" aria-label="Notes">{view.notes.map((n) => <li key={n}>{n}</li>)}</ul>
  ) : null;
  if (isEmptyView(view)) {
    return (
      <div ref={ref}>
        <EmptyState icon="reports" title={`Nothing to report for ${view.period || 'this period'}`}>
          <p>{emptyHint}</p>
        </EmptyState>
        {notes}
      </div>
    );
  }
  return (
    <div ref={ref} className="rep-body">
      {view.figures.length > 0 ? (
        <ul className="rep-figures" aria-label="Figures">
          {view.figures.map((f) => <FigureCard key={f.label} figure={f} currency={view.currency} against={against} />)}
        </ul>
      ) : null}
      {view.charts.length > 0 ? (
        <div className="rep-charts">
          {view.charts.map((c) => <Chart key={c.id} spec={c} currency={view.currency} onDrawn={onDrawn.get(c.id)} />)}
        </div>
      ) : null}
      {view.tables.map((t) => <ReportTableView key={t.id} table={t} currency={view.currency} onOpen={onOpen} />)}
      {notes}
    </div>
  );
});
