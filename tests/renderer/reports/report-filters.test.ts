// The Reports screen's choices: the URL names a report, each report opens on its own period until
// the user picks one, bad custom dates are said in words, comparing reads both periods, and choosing
// clients narrows (and prunes) the projects.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REPORTS } from '../../../shared/reports';
import type { ReportProject } from '../../../shared/reports/types';
import { initialFilters, presetOf, projectsFor, reportFromSection, reportSection, scopesOf, withClients } from '../../../renderer/src/features/reports/report-filters';

const project = (id: string, clientId: string | null): ReportProject => ({ id, name: id, clientId, arrangement: null });
const projects = [project('web', 'acme'), project('app', 'acme'), project('logo', 'zeta'), project('own', null)];

describe('report in the URL', () => {
  it('reads back every report from its kebab-case part, which the URL accepts', () => {
    for (const r of REPORTS) {
      expect(reportSection(r.id)).toMatch(/^[a-z-]{1,40}$/);
      expect(reportFromSection(reportSection(r.id))).toBe(r.id);
    }
    expect(reportSection('taxSummary')).toBe('tax-summary');
  });

  it('opens the first report for an unknown or missing part', () => {
    expect(reportFromSection(null)).toBe('profitability');
    expect(reportFromSection('nonsense')).toBe('profitability');
  });
});

describe('period', () => {
  it('follows each report’s own preset until the user picks one', () => {
    expect(presetOf(initialFilters, 'utilization')).toBe('quarter');
    expect(presetOf(initialFilters, 'taxSummary')).toBe('year');
    expect(presetOf({ ...initialFilters, preset: 'week' }, 'taxSummary')).toBe('week');
  });

  it('says what is wrong with custom dates instead of reporting on them', () => {
    const custom = (from: string, to: string) => scopesOf({ ...initialFilters, preset: 'custom', custom: { from, to } }, 'profitability', '2026-12-04', 1);
    expect(custom('', '2026-12-01')).toEqual({ error: 'Choose both dates of the period.' });
    expect(custom('2026-12-05', '2026-12-01')).toEqual({ error: 'The period ends before it starts.' });
    expect(custom('2026-11-01', '2026-11-30')).toMatchObject({ scope: { from: '2026-11-01', to: '2026-11-30' }, previous: null });
  });

  it('reads a range that holds both periods when comparing, and carries the chosen clients and projects to both', () => {
    const filters = { ...initialFilters, preset: 'custom' as const, custom: { from: '2026-11-01', to: '2026-11-30' }, compare: true, clientIds: ['acme'], projectIds: ['web'] };
    const result = scopesOf(filters, 'profitability', '2026-12-04', 1);
    if ('error' in result) throw new Error(result.error);
    expect(result.previous).toMatchObject({ clientIds: ['acme'], projectIds: ['web'] });
    for (const s of [result.scope, result.previous!]) {
      expect(result.read.from <= s.from && s.to <= result.read.to).toBe(true);
    }
  });
});

describe('clients and projects', () => {
  it('offers every project until clients are chosen, then only theirs', () => {
    expect(projectsFor(projects, []).map((p) => p.id)).toEqual(['web', 'app', 'logo', 'own']);
    expect(projectsFor(projects, ['acme']).map((p) => p.id)).toEqual(['web', 'app']);
  });

  it('never keeps a chosen project that the chosen clients no longer offer', () => {
    const ids = projects.map((p) => p.id);
    fc.assert(fc.property(fc.subarray(['acme', 'zeta']), fc.subarray(ids), (clientIds, projectIds) => {
      const next = withClients({ ...initialFilters, projectIds }, clientIds, projects);
      const offered = projectsFor(projects, clientIds).map((p) => p.id);
      expect(next.clientIds).toEqual(clientIds);
      expect(next.projectIds.every((id) => offered.includes(id))).toBe(true);
      expect(next.projectIds).toEqual(projectIds.filter((id) => offered.includes(id)));
    }));
  });
});

describe('reports about today', () => {
  it('look at now whatever period or comparison was chosen, reading the last four weeks for the recent pace of work', () => {
    const chosen = { ...initialFilters, preset: 'year' as const, compare: true, clientIds: ['c1'] };
    for (const id of ['leakage', 'forecast'] as const) {
      expect(scopesOf(chosen, id, '2026-12-04', 1)).toEqual({
        scope: { from: '2026-11-07', to: '2026-12-04', clientIds: ['c1'], projectIds: [] }, previous: null, read: { from: '2026-11-07', to: '2026-12-04' },
      });
    }
    // Receivables stand as of the chosen period's end, and compare with the one before.
    expect(scopesOf(chosen, 'receivables', '2026-12-04', 1)).toMatchObject({ scope: { to: '2026-12-31' }, previous: { to: '2025-12-31' } });
  });
});
