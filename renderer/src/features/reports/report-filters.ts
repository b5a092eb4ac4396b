// The Reports screen's choices as plain data, and what they mean: which report the URL names, the
// period each report opens on until the user picks one, the scopes the builders get (with the
// previous period's when comparing), the dates to read, and the projects left when clients are chosen.
import { previousRange, periodRange, type DateRange } from '../../../../shared/reports/scope';
import { REPORTS, reportKind } from '../../../../shared/reports';
import type { PeriodPreset, ProfitabilityBy, ReportId, ReportProject, ReportScope } from '../../../../shared/reports/types';
import { addLocalDays, isLocalDate, type LocalDate, type Weekday } from '../../../../shared/time/local-date';

export interface ReportFilters {
  /** The period the user picked; null: each report's own (REPORTS[].preset). */
  preset: PeriodPreset | null;
  /** The dates typed for Custom ('' until chosen). */
  custom: { from: string; to: string };
  clientIds: string[];
  projectIds: string[];
  by: ProfitabilityBy;
  compare: boolean;
}

export const initialFilters: ReportFilters = { preset: null, custom: { from: '', to: '' }, clientIds: [], projectIds: [], by: 'client', compare: false };

/** The URL's part for a report: 'taxSummary' → 'tax-summary'. */
export function reportSection(id: ReportId): string {
  return id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** The report a URL part names; the first report when it names none. */
export function reportFromSection(section: string | null): ReportId {
  return REPORTS.find((r) => reportSection(r.id) === section)?.id ?? REPORTS[0]!.id;
}

export function presetOf(filters: ReportFilters, id: ReportId): PeriodPreset {
  return filters.preset ?? REPORTS.find((r) => r.id === id)!.preset;
}

export interface Scopes {
  scope: ReportScope;
  /** The previous period's, when comparing. */
  previous: ReportScope | null;
  /** What to read: both periods, first day to last. */
  read: DateRange;
}

/** The scopes the choices make, or what is wrong with the custom dates in words. */
/** Days of work a report about today reads (the forecast's recent pace of work looks at 28). */
const RECENT_DAYS = 28;

export function scopesOf(filters: ReportFilters, id: ReportId, today: LocalDate, weekStartsOn: Weekday): Scopes | { error: string } {
  const preset = presetOf(filters, id);
  let custom: DateRange | undefined;
  if (preset === 'custom') {
    const { from, to } = filters.custom;
    if (!isLocalDate(from) || !isLocalDate(to)) return { error: 'Choose both dates of the period.' };
    if (to < from) return { error: 'The period ends before it starts.' };
    custom = { from, to };
  }
  const chosen = { clientIds: filters.clientIds, projectIds: filters.projectIds };
  if (reportKind(id).looksAt === 'today') {
    // Now: no period, nothing to compare; the last four weeks read give the recent pace of work.
    const recent = { from: addLocalDays(today, -(RECENT_DAYS - 1)), to: today };
    return { scope: { ...recent, ...chosen }, previous: null, read: recent };
  }
  const range = periodRange(preset, today, weekStartsOn, custom);
  const scope = { ...range, ...chosen };
  if (!filters.compare) return { scope, previous: null, read: range };
  const before = previousRange(preset, range);
  const read = { from: before.from < range.from ? before.from : range.from, to: before.to > range.to ? before.to : range.to };
  return { scope, previous: { ...before, ...chosen }, read };
}

/** The projects offered: all, or only the chosen clients' ones. */
export function projectsFor(projects: readonly ReportProject[], clientIds: readonly string[]): ReportProject[] {
  if (clientIds.length === 0) return [...projects];
  const chosen = new Set(clientIds);
  return projects.filter((p) => p.clientId !== null && chosen.has(p.clientId));
}

/** New clients chosen: the projects that no longer belong to one of them are let go. */
export function withClients(filters: ReportFilters, clientIds: string[], projects: readonly ReportProject[]): ReportFilters {
  const offered = new Set(projectsFor(projects, clientIds).map((p) => p.id));
  return { ...filters, clientIds, projectIds: filters.projectIds.filter((id) => offered.has(id)) };
}
