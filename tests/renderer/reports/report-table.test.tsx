// @vitest-environment jsdom
// A report table as people use it: headers, formatted numbers, the total at the foot, sorting by
// a column, and a row's button that goes where the problem can be fixed.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReportTableView } from '../../../renderer/src/features/reports/ReportTableView';
import type { ReportTable } from '../../../shared/reports/types';

afterEach(cleanup);

const HOUR = 3_600_000;
const table: ReportTable = {
  id: 'clients', title: 'By client',
  columns: [
    { key: 'client', label: 'Client', kind: 'text' },
    { key: 'hours', label: 'Hours', kind: 'ms' },
    { key: 'revenue', label: 'Revenue', kind: 'money' },
  ],
  rows: [
    { cells: { client: 'Globex', hours: 2 * HOUR, revenue: 30000 } },
    { cells: { client: 'Acme Corp', hours: 12.5 * HOUR, revenue: 120000 }, link: { screen: 'review', day: '2026-12-03', label: 'Review 3 Dec' } },
    { cells: { client: 'Initech', hours: 5 * HOUR, revenue: null } },
  ],
  total: { client: 'Total', hours: 19.5 * HOUR, revenue: 150000 },
};

const bodyClients = () => within(screen.getAllByRole('rowgroup')[1]!).getAllByRole('row').map((r) => within(r).getAllByRole('cell')[0]!.textContent);

describe('ReportTableView', () => {
  it('shows the numbers formatted and right-aligned, with the total at the foot', () => {
    render(<ReportTableView table={table} currency="USD" onOpen={vi.fn()} />);
    const grid = screen.getByRole('table', { name: 'By client' });
    expect(within(grid).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Client', 'Hours', 'Revenue']);
    const acme = screen.getByText('Acme Corp').closest('tr')!;
    const cells = within(acme).getAllByRole('cell');
    expect(cells.slice(0, 3).map((c) => c.textContent)).toEqual(['Acme Corp', '12:30', 'US$1,200.00']);
    expect(cells[1]!.className).toBe('num');
    expect(screen.getByText('Initech').closest('tr')!.textContent).toContain('—');
    const foot = grid.querySelector('tfoot')!;
    expect(foot.textContent).toBe('Total19:30US$1,500.00');
  });

  it('sorts by a column when its header is clicked, and says so', () => {
    render(<ReportTableView table={table} currency="USD" onOpen={vi.fn()} />);
    expect(bodyClients()).toEqual(['Globex', 'Acme Corp', 'Initech']);
    const revenue = screen.getByRole('columnheader', { name: 'Revenue' });
    fireEvent.click(within(revenue).getByRole('button'));
    expect(revenue.getAttribute('aria-sort')).toBe('descending');
    expect(bodyClients()).toEqual(['Acme Corp', 'Globex', 'Initech']);
    fireEvent.click(within(revenue).getByRole('button'));
    expect(revenue.getAttribute('aria-sort')).toBe('ascending');
    expect(bodyClients()).toEqual(['Globex', 'Acme Corp', 'Initech']);
    fireEvent.click(within(screen.getByRole('columnheader', { name: 'Client' })).getByRole('button'));
    expect(bodyClients()).toEqual(['Acme Corp', 'Globex', 'Initech']);
    expect(revenue.getAttribute('aria-sort')).toBeNull();
  });

  it('opens the place to fix a row', () => {
    const onOpen = vi.fn();
    render(<ReportTableView table={table} currency="USD" onOpen={onOpen} />);
    fireEvent.click(screen.getByRole('button', { name: 'Review 3 Dec' }));
    expect(onOpen).toHaveBeenCalledWith(table.rows[1]!.link);
    expect(screen.getAllByRole('button', { name: /Review/ })).toHaveLength(1);
  });

  it('shows the first hundred rows of a long table and the rest on request, sorted as a whole', () => {
    const rows = Array.from({ length: 250 }, (_, i) => ({ cells: { client: `Client ${String(i).padStart(3, '0')}`, hours: i * HOUR, revenue: i } }));
    render(<ReportTableView table={{ ...table, rows }} currency="USD" onOpen={() => undefined} />);
    expect(bodyClients()).toHaveLength(101);
    fireEvent.click(screen.getByRole('button', { name: 'Hours' }));
    // Largest first over all 250, not over the hundred shown.
    expect(bodyClients()[0]).toBe('Client 249');
    fireEvent.click(screen.getByRole('button', { name: 'Show all 250 rows' }));
    expect(bodyClients()).toHaveLength(250);
  });
});
