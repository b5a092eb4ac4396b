// The benchmark's ready marker: a report counts as shown once its view is built and every chart has
// drawn. Then the screen root gets data-report-ready="<id>" and a performance measure `report:<id>`
// runs from the moment the report was asked for (opened, a tab or a filter changed) to that point.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReportView } from '../../../../shared/reports/types';
import { isEmptyView } from '../../../../shared/reports/view';

const ASKED = 'report:asked';

interface ReadyMarker {
  /** The report's id once it is shown; null while loading or drawing. */
  ready: string | null;
  /** Each chart's onDrawn, stable per view. */
  onDrawn: ReadonlyMap<string, () => void>;
  /** Call when the user asks for a report (a tab, a filter). */
  asked: () => void;
}

export function useReadyMarker(view: ReportView | null, loading: boolean): ReadyMarker {
  // Opening the screen is the first ask.
  useState(() => performance.mark(ASKED));
  const measuring = useRef(true);
  const [drawn, setDrawn] = useState<{ view: ReportView | null; ids: ReadonlySet<string> }>({ view: null, ids: new Set() });
  const onDrawn = useMemo(() => new Map((view?.charts ?? []).map((c) => [c.id, () => setDrawn((d) => {
    const ids = d.view === view ? d.ids : new Set<string>();
    return ids.has(c.id) && d.view === view ? d : { view, ids: new Set([...ids, c.id]) };
  })])), [view]);
  // An empty view draws no charts (the screen says there is nothing to report).
  const shown = view !== null && !loading && (isEmptyView(view) || view.charts.every((c) => drawn.view === view && drawn.ids.has(c.id)));
  const ready = shown ? view.id : null;
  // Per view: a filter that rebuilds without reading (By) still ends its measure.
  useEffect(() => {
    if (ready === null || !measuring.current) return;
    measuring.current = false;
    performance.measure(`report:${ready}`, ASKED);
  }, [ready, view]);
  const asked = useCallback(() => {
    performance.mark(ASKED);
    measuring.current = true;
  }, []);
  return { ready, onDrawn, asked };
}
