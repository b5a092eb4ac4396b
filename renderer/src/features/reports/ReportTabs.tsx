// The reports as tabs (WAI-ARIA tabs with automatic activation): each names its report and what it
// answers; arrow keys, Home and End move between them, and only the chosen one is in the Tab order.
import { useRef, type KeyboardEvent } from 'react';
import { REPORTS } from '../../../../shared/reports';
import type { ReportId } from '../../../../shared/reports/types';

export const tabId = (id: ReportId) => `report-tab-${id}`;
export const PANEL_ID = 'report-panel';

export function ReportTabs({ current, onChoose }: { current: ReportId; onChoose: (id: ReportId) => void }) {
  const list = useRef<HTMLDivElement>(null);
  const onKey = (e: KeyboardEvent) => {
    const at = REPORTS.findIndex((r) => r.id === current);
    const moves: Record<string, number> = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: REPORTS.length - 1 };
    const to = moves[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const next = REPORTS[(to + REPORTS.length) % REPORTS.length]!.id;
    onChoose(next);
    list.current?.querySelector<HTMLElement>(`#${tabId(next)}`)?.focus();
  };
  return (
    <div className="rep-tabs" role="tablist" aria-label="Reports" ref={list} onKeyDown={onKey}>
      {REPORTS.map((r) => (
        <button key={r.id} type="button" role="tab" id={tabId(r.id)} aria-selected={r.id === current} aria-controls={PANEL_ID}
          tabIndex={r.id === current ? 0 : -1} className="rep-tab" onClick={() => onChoose(r.id)}>
          <span className="rep-tab-title">{r.title}</span>
          <span className="rep-tab-hint">{r.hint}</span>
        </button>
      ))}
    </div>
  );
}
