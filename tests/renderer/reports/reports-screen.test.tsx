// @vitest-environment jsdom
// The Reports screen around a report's view: figures as cards with their change against the previous
// period in words, the ready marker once charts are drawn, a row's link opening the review at its
// day, profitability's By reaching the builder, and the empty state for a period with nothing.
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Reports from '../../../shared/reports';
import type * as Store from '../../../renderer/src/features/reports/store/report-store';
import type { ReportData, ReportId, ReportOptions, ReportScope, ReportView } from '../../../shared/reports/types';

const built: Array<{ id: ReportId; options: ReportOptions; previous: boolean }> = [];
let nextView: (id: ReportId, scope: ReportScope, compared: boolean) => ReportView;

vi.mock('../../../shared/reports', async (original) => ({
  ...(await original<typeof Reports>()),
  buildReport: (id: ReportId, _data: ReportData, scope: ReportScope, options: ReportOptions, previous?: unknown) => {
    built.push({ id, options, previous: previous !== undefined });
    return nextView(id, scope, previous !== undefined);
  },
}));

// uPlot needs a real canvas: in jsdom the chart's drawing is a stand-in that says it has drawn.
vi.mock('../../../renderer/src/components/charts/draw', () => ({
  drawChart: (_el: HTMLElement, _spec: unknown, _currency: string, onDrawn: () => void) => {
    onDrawn();
    return { resize: () => undefined, highlight: () => undefined, destroy: () => undefined };
  },
}));

// Counts the store's reads (of an empty workspace).
const reads: Array<{ from: string; to: string }> = [];
vi.mock('../../../renderer/src/features/reports/store/report-store', async (original) => {
  const real = await original<typeof Store>();
  return {
    createReportStore: (ctx: Parameters<typeof real.createReportStore>[0]) => {
      const store = real.createReportStore(ctx);
      return { read: (range: { from: string; to: string }, today: string) => (reads.push(range), store.read(range, today)) };
    },
  };
});

const { openDatabase } = await import('../../../renderer/src/db/database');
const { createRepos } = await import('../../../renderer/src/db/repos');
const { ReposProvider } = await import('../../../renderer/src/data/repos-context');
const { ReportsScreen } = await import('../../../renderer/src/features/reports/ReportsScreen');
const { useUi } = await import('../../../renderer/src/app/ui-store');

function richView(id: ReportId, scope: ReportScope, compared: boolean): ReportView {
  return {
    id, title: 'Profitability', period: `${scope.from} – ${scope.to}`, currency: 'USD',
    figures: [
      { label: 'Revenue', kind: 'money', value: 11_200_00, ...(compared ? { previous: 10_000_00 } : {}) },
      { label: 'Margin', kind: 'percent', value: 40, ...(compared ? { previous: 45 } : {}) },
    ],
    charts: [{ id: 'by-client', title: 'Revenue by client', kind: 'bar', categories: ['Acme'], unit: 'money', series: [{ label: 'Revenue', values: [11_200_00] }] }],
    tables: [{ id: 'rows', title: 'By client', columns: [{ key: 'name', label: 'Client', kind: 'text' }], rows: [{ cells: { name: 'Acme' }, link: { screen: 'review', day: '2026-12-03', label: 'Review 3 Dec' } }] }],
    notes: ['2 entries in EUR are left out.'],
  };
}

let dbs = 0;
function open() {
  useUi.getState().go('reports');
  const { container } = render(<ReposProvider dbName={`reports-screen-${++dbs}`}><ReportsScreen /></ReposProvider>);
  return container;
}

beforeEach(() => {
  built.length = 0;
  reads.length = 0;
  nextView = richView;
});
beforeAll(() => {
  globalThis.ResizeObserver ??= class { observe() {} disconnect() {} unobserve() {} } as unknown as typeof ResizeObserver;
});
afterEach(() => cleanup());

describe('Reports screen', () => {
  it('shows the figures, then says how they changed in words when comparing', async () => {
    open();
    const figures = await screen.findByRole('list', { name: 'Figures' });
    expect(within(figures).getByText(/11,200\.00/)).toBeTruthy();
    expect(within(figures).queryByText(/vs/)).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Compare with previous period' }));
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Figures' })).getByText(/^▲ Up 12% vs /)).toBeTruthy());
    expect(within(screen.getByRole('list', { name: 'Figures' })).getByText(/^▼ Down 5 points vs /)).toBeTruthy();
    expect(built.at(-1)?.previous).toBe(true);
    expect(screen.getByRole('list', { name: 'Notes' }).textContent).toContain('EUR');
  });

  it('marks the report ready once its view is built and its charts drawn, and clears the mark for a new one', async () => {
    const root = open();
    await waitFor(() => expect(root.querySelector('.reports')?.getAttribute('data-report-ready')).toBe('profitability'));
    expect(performance.getEntriesByName('report:profitability', 'measure').length).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole('tab', { name: /^Utilization/ }));
    await waitFor(() => expect(root.querySelector('.reports')?.getAttribute('data-report-ready')).toBe('utilization'));
    expect(window.location.hash).toBe('#/reports/utilization');
  });

  it('opens the review at the day a row points to', async () => {
    open();
    fireEvent.click(await screen.findByRole('button', { name: 'Review 3 Dec' }));
    expect(useUi.getState()).toMatchObject({ screen: 'review', day: '2026-12-03' });
    expect(window.location.hash).toBe('#/review/2026-12-03');
  });

  it('builds profitability by the grouping chosen', async () => {
    open();
    await screen.findByRole('list', { name: 'Figures' });
    fireEvent.change(screen.getByLabelText('By'), { target: { value: 'person' } });
    await waitFor(() => expect(built.at(-1)?.options).toEqual({ by: 'person' }));
  });

  it('reads again after the data changes, once for a burst of writes', async () => {
    open();
    await screen.findByRole('list', { name: 'Figures' });
    const before = reads.length;
    const repos = createRepos(await openDatabase(`reports-screen-${dbs}`));
    await repos.clients.create({ name: 'Acme' });
    await repos.clients.create({ name: 'Zeta' });
    await waitFor(() => expect(reads.length).toBe(before + 1), { timeout: 3_000 });
    await new Promise((r) => setTimeout(r, 1_200));
    expect(reads.length).toBe(before + 1);
  });

  it('says so, without figures, when the period holds nothing', async () => {
    nextView = (id, scope) => ({ ...richView(id, scope, false), figures: [{ label: 'Revenue', kind: 'money', value: 0 }], charts: [], tables: [], notes: [] });
    open();
    expect(await screen.findByRole('heading', { name: /^Nothing to report for / })).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Figures' })).toBeNull();
  });
});
