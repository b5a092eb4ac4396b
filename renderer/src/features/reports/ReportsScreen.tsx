// The Reports screen: a tab per report (the open one in the URL, #/reports/<report>), the filters,
// and the report drawn as figures, charts and tables from one view, with CSV and PDF exports. The
// data is read once for both periods when comparing and built twice; the screen root carries the
// benchmark's ready marker (data-report-ready).
import { useMemo, useRef, useState } from 'react';
import { buildReport, reportKind } from '../../../../shared/reports';
import type { ReportData, ReportId, ReportLink, ReportView } from '../../../../shared/reports/types';
import type { Weekday } from '../../../../shared/time/local-date';
import { useLiveQuery } from 'dexie-react-hooks';
import { currentZone, today } from '../../app/clock';
import { useUi } from '../../app/ui-store';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useRepos } from '../../data/repos-context';
import { ExportActions } from './ExportActions';
import { previousName } from './figure-change';
import { ReportBody } from './ReportBody';
import { ReportFiltersBar } from './ReportFiltersBar';
import { PANEL_ID, ReportTabs, tabId } from './ReportTabs';
import { initialFilters, presetOf, reportFromSection, reportSection, scopesOf, type ReportFilters, type Scopes } from './report-filters';
import { useReadyMarker } from './ready-marker';
import { useReportData, useSlow } from './use-report-data';
import './reports.css';

/** Where a row's link goes: the day view or the review at its day, or a screen at its section. */
function useOpenLink(): (link: ReportLink) => void {
  const { go, showDay } = useUi();
  return (link) => {
    if ((link.screen === 'today' || link.screen === 'review') && link.day) showDay(link.day, link.screen);
    else go(link.screen, link.section);
  };
}

/** The view for the choices, or why there is none (a builder's failure in words). */
function useView(id: ReportId, filters: ReportFilters, scopes: Scopes | null, data: ReportData | null) {
  return useMemo((): { view: ReportView | null; error: string | null } => {
    if (!scopes || !data) return { view: null, error: null };
    try {
      const previous = scopes.previous ? { data, scope: scopes.previous } : undefined;
      return { view: buildReport(id, data, scopes.scope, { by: filters.by }, previous), error: null };
    } catch (e) {
      return { view: null, error: e instanceof Error ? e.message : String(e) };
    }
  }, [id, filters.by, scopes, data]);
}

// Long because it is the screen: its choices, its read, and its layout.
export function ReportsScreen() {
  const repos = useRepos();
  const section = useUi((s) => s.section);
  const go = useUi((s) => s.go);
  const id = reportFromSection(section);
  const [filters, setFilters] = useState<ReportFilters>(initialFilters);
  const todayDate = today(currentZone());
  const weekStartsOn = useLiveQuery(() => repos.settings.get('weekStartsOn'), [repos]) as Weekday | undefined;
  const chosen = useMemo(() => (weekStartsOn === undefined ? null : scopesOf(filters, id, todayDate, weekStartsOn)), [filters, id, todayDate, weekStartsOn]);
  const scopes = chosen && !('error' in chosen) ? chosen : null;
  const loaded = useReportData(scopes?.read ?? null, todayDate);
  // Built only from a read that matches the choices; the last view of the same report stays shown
  // (dimmed) while a newer read runs, so a filter change does not blank the screen.
  const fresh = useView(id, filters, scopes, loaded.loading ? null : loaded.data);
  const [last, setLast] = useState<ReportView | null>(null);
  if (fresh.view && fresh.view !== last) setLast(fresh.view);
  const view = fresh.view ?? (last?.id === id ? last : null);
  const slow = useSlow(loaded.loading || weekStartsOn === undefined);
  const marker = useReadyMarker(fresh.view, loaded.loading);
  const openLink = useOpenLink();
  const host = useRef<HTMLDivElement>(null);

  const choose = (next: ReportId) => {
    marker.asked();
    go('reports', reportSection(next));
  };
  const change = (next: ReportFilters) => {
    marker.asked();
    setFilters(next);
  };
  const kind = reportKind(id);
  const against = scopes?.previous ? previousName(presetOf(filters, id), scopes.previous.from) : null;
  const error = loaded.error ?? fresh.error;
  return (
    <div className="reports" data-report-ready={marker.ready ?? undefined}>
      <ScreenHeader title="Reports" subtitle="Profitability, utilization and what is owed, from your time, invoices and payments."
        actions={<ExportActions view={fresh.view} scope={scopes?.scope ?? null} host={host} />} />
      <ReportTabs current={id} onChoose={choose} />
      <section id={PANEL_ID} role="tabpanel" aria-labelledby={tabId(id)} className={`rep-panel${fresh.view ? '' : ' stale'}`} aria-busy={loaded.loading}>
        <ReportFiltersBar report={id} filters={filters} clients={loaded.data?.clients ?? []} projects={loaded.data?.projects ?? []}
          error={chosen && 'error' in chosen ? chosen.error : null} onChange={change} />
        {view ? <h2 className="rep-title">{view.title} <span className="rep-period">{view.period}</span></h2> : null}
        {slow ? <p className="muted rep-loading" role="status">Loading the report…</p> : null}
        {error ? <p className="banner error" role="alert">The report could not be made: {error}</p> : null}
        {view ? (
          <ReportBody ref={host} view={view} against={against} onDrawn={marker.onDrawn} onOpen={openLink}
            emptyHint={`${kind.title} (${kind.hint.toLowerCase()}) has nothing in this period${filters.clientIds.length + filters.projectIds.length > 0 ? ' for the chosen clients and projects' : ''}. Try a longer period, or other clients and projects.`} />
        ) : null}
      </section>
    </div>
  );
}
