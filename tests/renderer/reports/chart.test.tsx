// @vitest-environment jsdom
// The chart as keyboard and screen-reader users meet it: focus, arrow keys, the spoken read-out,
// the table toggle, and the drawing handed to uPlot (replaced here: uPlot needs a real canvas).
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Chart } from '../../../renderer/src/components/charts/Chart';
import { drawChart } from '../../../renderer/src/components/charts/draw';
import type { ChartSpec } from '../../../shared/reports/types';

const highlight = vi.fn();
vi.mock('../../../renderer/src/components/charts/draw', () => ({
  drawChart: vi.fn((_el: HTMLElement, _spec: ChartSpec, _currency: string, onDrawn: () => void) => {
    onDrawn();
    return { resize: vi.fn(), highlight, destroy: vi.fn() };
  }),
}));

beforeAll(() => {
  globalThis.ResizeObserver ??= class { observe() {} disconnect() {} unobserve() {} } as unknown as typeof ResizeObserver;
});
afterEach(cleanup);

const spec: ChartSpec = {
  id: 'margin', title: 'Margin by client', kind: 'stackedBar', unit: 'money',
  categories: ['Acme Corp', 'Globex', 'Initech'],
  series: [{ label: 'Cost', values: [40000, 1000, null] }, { label: 'Margin', values: [80000, 2000, 300] }],
};

describe('Chart', () => {
  it('is a focusable figure titled and described for screen readers, found by the PDF export', async () => {
    const onDrawn = vi.fn();
    render(<Chart spec={spec} currency="USD" onDrawn={onDrawn} />);
    const figure = screen.getByRole('figure', { name: 'Margin by client' });
    expect(figure.tabIndex).toBe(0);
    expect(figure.getAttribute('data-chart')).toBe('margin');
    expect(document.getElementById(figure.getAttribute('aria-describedby')!)?.textContent).toMatch(/Stacked bar chart of Cost and Margin for 3 items/);
    await waitFor(() => expect(onDrawn).toHaveBeenCalledOnce());
    expect(vi.mocked(drawChart).mock.calls[0]![1]).toBe(spec);
  });

  it('reads out each client as the arrow keys move, and Home and End jump to the ends', async () => {
    render(<Chart spec={spec} currency="USD" />);
    await waitFor(() => expect(drawChart).toHaveBeenCalled());
    const figure = screen.getByRole('figure');
    const live = figure.querySelector('[aria-live="polite"]')!;
    act(() => void fireEvent.keyDown(figure, { key: 'ArrowRight' }));
    expect(live.textContent).toBe('Acme Corp: Cost US$400.00, Margin US$800.00');
    fireEvent.keyDown(figure, { key: 'ArrowRight' });
    expect(live.textContent).toMatch(/^Globex:/);
    expect(highlight).toHaveBeenLastCalledWith(1);
    fireEvent.keyDown(figure, { key: 'End' });
    expect(live.textContent).toBe('Initech: Cost none, Margin US$3.00');
    fireEvent.keyDown(figure, { key: 'ArrowRight' });
    expect(live.textContent).toMatch(/^Initech:/);
    fireEvent.keyDown(figure, { key: 'Home' });
    expect(live.textContent).toMatch(/^Acme Corp:/);
  });

  it('shows the same numbers as a table', () => {
    render(<Chart spec={spec} currency="USD" />);
    const table = within(screen.getByRole('group')).getByRole('table', { hidden: true });
    expect(within(table).getAllByRole('columnheader', { hidden: true }).map((h) => h.textContent)).toEqual(['Cost', 'Margin']);
    const acme = within(table).getByRole('rowheader', { name: 'Acme Corp', hidden: true }).closest('tr')!;
    expect(within(acme).getAllByRole('cell', { hidden: true }).map((c) => c.textContent)).toEqual(['US$400.00', 'US$800.00']);
  });
});
