// The report PDF, read back as text: title, period, figures, tables that run over pages with their
// header again, totals, notes and page numbers; a chart that is not on the screen is said so.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { reportPdf } from '../../../renderer/src/features/reports/export-pdf';
import type { ReportTable, ReportView } from '../../../shared/reports/types';

const HOUR = 3_600_000;

function table(id: string, title: string, rows: number): ReportTable {
  return {
    id, title,
    columns: [{ key: 'client', label: 'Client', kind: 'text' }, { key: 'hours', label: 'Hours', kind: 'ms' }, { key: 'revenue', label: 'Revenue', kind: 'money' }],
    rows: Array.from({ length: rows }, (_, i) => ({ cells: { client: i === 7 ? 'Acme Corp' : `Client ${i + 1}`, hours: (i + 1) * HOUR, revenue: (i + 1) * 10000 } })),
    total: { client: 'Total', hours: 0, revenue: 987654 },
  };
}

const view: ReportView = {
  id: 'profitability', title: 'Profitability', period: '1 Dec 2026 - 31 Dec 2026', currency: 'USD',
  figures: [{ label: 'Revenue', kind: 'money', value: 987654, previous: 500000 }, { label: 'Hours', kind: 'ms', value: 30 * HOUR }],
  charts: [{ id: 'margin', title: 'Margin by client', kind: 'bar', unit: 'money', categories: ['Acme Corp'], series: [{ label: 'Margin', values: [100] }] }],
  tables: [table('clients', 'By client', 60), table('projects', 'By project', 40)],
  notes: ['2 entries in EUR are left out.'],
};

/** Each page's text, its pieces joined by spaces. */
async function pagesOf(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocument({ data: bytes, standardFontDataUrl: 'node_modules/pdfjs-dist/standard_fonts/' }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' ').replace(/\s+/g, ' '));
  }
  return pages;
}

describe('reportPdf', () => {
  it('writes the report over several numbered pages, repeating the table header on each', async () => {
    const host = { querySelector: () => null } as unknown as HTMLElement;
    const bytes = await reportPdf(view, host);
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    const pages = await pagesOf(bytes);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const all = pages.join('\n');
    expect(pages[0]).toContain('Profitability');
    expect(pages[0]).toContain('1 Dec 2026 - 31 Dec 2026');
    expect(pages[0]).toContain('US$9,876.54');
    expect(pages[0]).toContain('Before: US$5,000.00');
    expect(pages[0]).toContain('This chart could not be copied');
    expect(all).toContain('Acme Corp');
    expect(all).toContain('Client 60');
    expect(all).toContain('Page 2 of');
    expect(pages.at(-1)).toContain(`Page ${pages.length} of ${pages.length}`);
    expect(pages.at(-1)).toContain('2 entries in EUR are left out.');
    // Every page with table rows starts them under the header again.
    expect(pages.filter((p) => /Client \d/.test(p)).every((p) => p.includes('Client Hours Revenue'))).toBe(true);
  });

  it('lays a wide table on a landscape page', async () => {
    const columns = Array.from({ length: 9 }, (_, i) => ({ key: `c${i}`, label: `Column ${i}`, kind: 'count' as const }));
    const wide: ReportView = { ...view, charts: [], tables: [{ id: 'wide', title: 'Wide', columns, rows: [{ cells: { c0: 1 } }] }] };
    const pdf = await getDocument({ data: await reportPdf(wide, { querySelector: () => null } as unknown as HTMLElement) }).promise;
    const { width, height } = (await pdf.getPage(1)).getViewport({ scale: 1 });
    expect(width).toBeGreaterThan(height);
  });
});
