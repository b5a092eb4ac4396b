// The filters above a report: its period (a preset or dates of one's own), the clients and projects
// it looks at (projects narrowed to the chosen clients), profitability's grouping, and comparing
// with the previous period.
import { useId } from 'react';
import { reportKind } from '../../../../shared/reports';
import type { PeriodPreset, ProfitabilityBy, ReportClient, ReportId, ReportProject } from '../../../../shared/reports/types';
import { MultiPick } from './MultiPick';
import { presetOf, projectsFor, withClients, type ReportFilters } from './report-filters';

const PERIODS: ReadonlyArray<[PeriodPreset, string]> = [
  ['week', 'This week'], ['month', 'This month'], ['quarter', 'This quarter'], ['year', 'This year'], ['custom', 'Custom dates'],
];

const BY: ReadonlyArray<[ProfitabilityBy, string]> = [['client', 'Client'], ['project', 'Project'], ['task', 'Service (task)'], ['person', 'Person']];

interface ReportFiltersBarProps {
  report: ReportId;
  filters: ReportFilters;
  clients: readonly ReportClient[];
  projects: readonly ReportProject[];
  /** What is wrong with the custom dates, in words. */
  error: string | null;
  onChange: (next: ReportFilters) => void;
}

export function ReportFiltersBar({ report, filters, clients, projects, error, onChange }: ReportFiltersBarProps) {
  const ids = useId();
  const set = (patch: Partial<ReportFilters>) => onChange({ ...filters, ...patch });
  const preset = presetOf(filters, report);
  const looksAt = reportKind(report).looksAt;
  return (
    <form className="rep-filters" aria-label="Report filters" onSubmit={(e) => e.preventDefault()}>
      {looksAt === 'today' ? null : <div className="field">
        <label htmlFor={`${ids}-period`}>{looksAt === 'asOf' ? 'As of the end of' : 'Period'}</label>
        <select id={`${ids}-period`} value={preset} onChange={(e) => set({ preset: e.target.value as PeriodPreset })}>
          {PERIODS.map(([id, words]) => <option key={id} value={id}>{words}</option>)}
        </select>
      </div>}
      {preset === 'custom' && looksAt !== 'today' ? (
        <>
          <div className="field">
            <label htmlFor={`${ids}-from`}>From</label>
            <input id={`${ids}-from`} type="date" value={filters.custom.from} onChange={(e) => set({ custom: { ...filters.custom, from: e.target.value } })} />
          </div>
          <div className="field">
            <label htmlFor={`${ids}-to`}>To</label>
            <input id={`${ids}-to`} type="date" value={filters.custom.to} onChange={(e) => set({ custom: { ...filters.custom, to: e.target.value } })} />
          </div>
        </>
      ) : null}
      <MultiPick label="Clients" noun="client" options={clients} chosen={filters.clientIds} onChange={(ids) => onChange(withClients(filters, ids, projects))} />
      <MultiPick label="Projects" noun="project" options={projectsFor(projects, filters.clientIds)} chosen={filters.projectIds} onChange={(ids) => set({ projectIds: ids })} />
      {report === 'profitability' ? (
        <div className="field">
          <label htmlFor={`${ids}-by`}>By</label>
          <select id={`${ids}-by`} value={filters.by} onChange={(e) => set({ by: e.target.value as ProfitabilityBy })}>
            {BY.map(([id, words]) => <option key={id} value={id}>{words}</option>)}
          </select>
        </div>
      ) : null}
      {looksAt === 'today' ? null : (
        <label className="rep-compare">
          <input type="checkbox" checked={filters.compare} onChange={(e) => set({ compare: e.target.checked })} /> Compare with previous period
        </label>
      )}
      {error ? <p className="rep-filter-error" role="alert">{error}</p> : null}
    </form>
  );
}
