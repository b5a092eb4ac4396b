// A report as a PDF laid out like the screen: title and period, the headline figures in a row of
// boxes, each chart copied from its canvas on the screen (on the theme's surface colour, with a
// legend, since uPlot's legend is HTML), then the tables with their header repeated on every page,
// the notes, and "Page 1 of 3" at the foot. jsPDF is loaded on first use.
import type { jsPDF } from 'jspdf';
import { formatValue } from '../../../../shared/reports/format';
import type { Cell, ChartSpec, ReportFigure, ReportTable, ReportView, ValueKind } from '../../../../shared/reports/types';
import { seriesStyles } from '../../components/charts/chart-model';

const MARGIN = 40;
const ROW = 16;
const FOOT = 30;
const INK = '#1b1f27';
const MUTED = '#5d6675';
const LINE = '#dde1e8';
/** Tables this wide are laid out on a landscape page. */
const WIDE_TABLE = 6;

/** Where the next thing goes, and a new page when it would not fit. */
class Layout {
  y = MARGIN;
  constructor(readonly doc: jsPDF) {}
  get width() { return this.doc.internal.pageSize.getWidth() - 2 * MARGIN; }
  /** Starts a new page unless `height` still fits on this one; true when it did. */
  ensure(height: number): boolean {
    if (this.y + height <= this.doc.internal.pageSize.getHeight() - MARGIN - FOOT) return false;
    this.doc.addPage();
    this.y = MARGIN;
    return true;
  }
  text(text: string, size: number, options: { bold?: boolean; color?: string; gap?: number } = {}) {
    const lines: string[] = this.doc.setFont('helvetica', options.bold ? 'bold' : 'normal').setFontSize(size).splitTextToSize(text, this.width);
    for (const line of lines) {
      this.ensure(size * 1.3);
      this.doc.setTextColor(options.color ?? INK).text(line, MARGIN, this.y + size);
      this.y += size * 1.3;
    }
    this.y += options.gap ?? 0;
  }
}

/** The figures side by side in boxes, four to a row: label, value, and the earlier period's when compared. */
function drawFigures(layout: Layout, figures: ReportFigure[], currency: string) {
  const { doc } = layout;
  const perRow = Math.min(4, figures.length);
  const gap = 8;
  const boxWidth = (layout.width - gap * (perRow - 1)) / perRow;
  for (let start = 0; start < figures.length; start += perRow) {
    layout.ensure(56);
    figures.slice(start, start + perRow).forEach((figure, i) => {
      const x = MARGIN + i * (boxWidth + gap);
      doc.setDrawColor(LINE).roundedRect(x, layout.y, boxWidth, 50, 4, 4, 'S');
      doc.setFont('helvetica', 'normal').setFontSize(8).setTextColor(MUTED).text(figure.label, x + 8, layout.y + 14, { maxWidth: boxWidth - 16 });
      doc.setFont('helvetica', 'bold').setFontSize(13).setTextColor(INK).text(formatValue(figure.kind, figure.value, currency), x + 8, layout.y + 32);
      if (figure.previous !== undefined) {
        doc.setFont('helvetica', 'normal').setFontSize(7).setTextColor(MUTED).text(`Before: ${formatValue(figure.kind, figure.previous, currency)}`, x + 8, layout.y + 44);
      }
    });
    layout.y += 50 + gap;
  }
  layout.y += 8;
}

/** The chart's canvas on its figure's background colour (the canvas itself is transparent). */
function chartImage(canvas: HTMLCanvasElement): string {
  const copy = document.createElement('canvas');
  copy.width = canvas.width;
  copy.height = canvas.height;
  const ctx = copy.getContext('2d')!;
  ctx.fillStyle = getComputedStyle(canvas).getPropertyValue('--surface').trim() || '#ffffff';
  ctx.fillRect(0, 0, copy.width, copy.height);
  ctx.drawImage(canvas, 0, 0);
  // JPEG: the copy is opaque, and a chart weighs a tenth of its PNG.
  return copy.toDataURL('image/jpeg', 0.92);
}

/** A palette colour with its alpha ("#3b82f659") laid on white paper, as jsPDF takes opaque colours. */
function onPaper(color: string): string {
  const alpha = color.length === 9 ? parseInt(color.slice(7), 16) / 255 : 1;
  const channel = (i: number) => Math.round(255 - (255 - parseInt(color.slice(i, i + 2), 16)) * alpha);
  return `#${[1, 3, 5].map((i) => channel(i).toString(16).padStart(2, '0')).join('')}`;
}

const CHART_GAP = 16;
/** A chart's image is at most this tall on paper (points). */
const MAX_CHART_HEIGHT = 200;
const LEGEND_LINE = 14;

/** The legend's entries laid out in rows within `width`: each with its x offset and row. */
function legendPlaces(doc: jsPDF, spec: ChartSpec, width: number): Array<{ x: number; row: number }> {
  doc.setFont('helvetica', 'normal').setFontSize(8);
  let x = 0;
  let row = 0;
  return spec.series.map((s) => {
    const w = 24 + doc.getTextWidth(s.label);
    if (x > 0 && x + w > width) [x, row] = [0, row + 1];
    const place = { x, row };
    x += w;
    return place;
  });
}

interface ChartBox {
  spec: ChartSpec;
  canvas: HTMLCanvasElement | null;
  imageHeight: number;
  height: number;
}

/** What a chart takes in a column `width` wide: title, image (kept to the canvas's proportions), legend. */
function chartBox(doc: jsPDF, spec: ChartSpec, host: HTMLElement, width: number): ChartBox {
  const found = host.querySelector<HTMLCanvasElement>(`[data-chart="${spec.id.replace(/["\\]/g, '\\$&')}"] canvas`);
  const canvas = found && found.width > 0 && found.height > 0 ? found : null;
  const imageHeight = canvas ? Math.min(MAX_CHART_HEIGHT, (width * canvas.height) / canvas.width) : 24;
  const rows = canvas ? Math.max(...legendPlaces(doc, spec, width).map((p) => p.row)) + 1 : 0;
  return { spec, canvas, imageHeight, height: 18 + imageHeight + 4 + rows * LEGEND_LINE + CHART_GAP };
}

/** One chart in its column at the layout's line: title, image (or why there is none), legend. */
function drawChartAt(layout: Layout, box: ChartBox, x: number, width: number) {
  const { doc } = layout;
  const { spec, canvas } = box;
  doc.setFont('helvetica', 'bold').setFontSize(11).setTextColor(INK).text(fit(doc, spec.title, width), x, layout.y + 11);
  const top = layout.y + 18;
  if (!canvas) {
    doc.setFont('helvetica', 'normal').setFontSize(9).setTextColor(MUTED).text(doc.splitTextToSize('This chart could not be copied; its numbers are in the tables below.', width), x, top + 9);
    return;
  }
  doc.addImage(chartImage(canvas), 'JPEG', x, top, width, box.imageHeight);
  const styles = seriesStyles(spec.series, { text: INK, muted: MUTED, border: LINE });
  const legendTop = top + box.imageHeight + 4;
  legendPlaces(doc, spec, width).forEach((place, k) => {
    const y = legendTop + place.row * LEGEND_LINE;
    doc.setFillColor(onPaper(styles[k]!.fill)).rect(x + place.x, y + 2, 8, 8, 'F');
    doc.setTextColor(INK).text(spec.series[k]!.label, x + place.x + 12, y + 9);
  });
}

/** The charts two to a row, as the screen's grid shows them, each row kept on one page. */
function drawCharts(layout: Layout, specs: readonly ChartSpec[], host: HTMLElement) {
  const width = (layout.width - CHART_GAP) / 2;
  for (let i = 0; i < specs.length; i += 2) {
    const boxes = specs.slice(i, i + 2).map((spec) => chartBox(layout.doc, spec, host, width));
    const height = Math.max(...boxes.map((b) => b.height));
    layout.ensure(height);
    boxes.forEach((box, k) => drawChartAt(layout, box, MARGIN + k * (width + CHART_GAP), width));
    layout.y += height;
  }
}

const isNumeric = (kind: ValueKind) => kind !== 'text';

/** Shortens text with "…" until it fits the width. */
function fit(doc: jsPDF, text: string, width: number): string {
  if (doc.getTextWidth(text) <= width) return text;
  let cut = text;
  while (cut.length > 1 && doc.getTextWidth(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Each column as wide as its widest cell, shrunk together when the table is wider than the page. */
function columnWidths(doc: jsPDF, table: ReportTable, rows: string[][], width: number): number[] {
  doc.setFont('helvetica', 'bold').setFontSize(9);
  const natural = table.columns.map((c, i) => Math.max(doc.getTextWidth(c.label), ...rows.map((r) => doc.getTextWidth(r[i]!))) + 12);
  const total = natural.reduce((a, b) => a + b, 0);
  return total <= width ? natural : natural.map((w) => (w * width) / total);
}

/** One line of cells: text from the left of its column, numbers to its right edge. */
function drawRow(layout: Layout, table: ReportTable, cells: string[], widths: number[], bold: boolean) {
  const { doc } = layout;
  doc.setFont('helvetica', bold ? 'bold' : 'normal').setFontSize(9).setTextColor(INK);
  let x = MARGIN;
  table.columns.forEach((column, i) => {
    const text = fit(doc, cells[i]!, widths[i]! - 8);
    if (isNumeric(column.kind)) doc.text(text, x + widths[i]! - 4, layout.y + 11, { align: 'right' });
    else doc.text(text, x + 4, layout.y + 11);
    x += widths[i]!;
  });
  layout.y += ROW;
}

function drawRule(layout: Layout, weight: number) {
  layout.doc.setDrawColor(LINE).setLineWidth(weight).line(MARGIN, layout.y, MARGIN + layout.width, layout.y);
}

/** The table under its title; its header comes again at the top of each page it runs onto. */
function drawTable(layout: Layout, table: ReportTable, currency: string) {
  const format = (cells: Record<string, Cell>) => table.columns.map((c) => formatValue(c.kind, cells[c.key] ?? null, currency));
  const rows = table.rows.map((row) => format(row.cells));
  const total = table.total ? table.columns.map((c) => (table.total![c.key] == null ? '' : formatValue(c.kind, table.total![c.key]!, currency))) : null;
  const widths = columnWidths(layout.doc, table, [...rows, ...(total ? [total] : [])], layout.width);
  const header = () => {
    drawRow(layout, table, table.columns.map((c) => c.label), widths, true);
    drawRule(layout, 0.8);
  };
  layout.ensure(ROW * 4);
  layout.text(table.title, 11, { bold: true, gap: 2 });
  header();
  for (const row of rows) {
    if (layout.ensure(ROW)) header();
    drawRow(layout, table, row, widths, false);
  }
  if (total) {
    if (layout.ensure(ROW)) header();
    drawRule(layout, 1.2);
    drawRow(layout, table, total, widths, true);
  }
  layout.y += 14;
}

/** "Page 1 of 3" at the foot of every page, with the report's title. */
function drawFooters(doc: jsPDF, title: string) {
  const pages = doc.getNumberOfPages();
  const { width, height } = { width: doc.internal.pageSize.getWidth(), height: doc.internal.pageSize.getHeight() };
  for (let page = 1; page <= pages; page++) {
    doc.setPage(page).setFont('helvetica', 'normal').setFontSize(8).setTextColor(MUTED);
    doc.text(title, MARGIN, height - MARGIN / 2 - 4);
    doc.text(`Page ${page} of ${pages}`, width - MARGIN, height - MARGIN / 2 - 4, { align: 'right' });
  }
}

/** The view as a PDF laid out like the screen: title, period, figures, each chart (from its canvas in `host`), tables. */
export async function reportPdf(view: ReportView, host: HTMLElement): Promise<Uint8Array> {
  const { jsPDF } = await import('jspdf');
  const wide = view.tables.some((t) => t.columns.length > WIDE_TABLE);
  const doc = new jsPDF({ orientation: wide ? 'landscape' : 'portrait', unit: 'pt', format: 'a4' });
  doc.setProperties({ title: `${view.title} – ${view.period}` });
  const layout = new Layout(doc);
  layout.text(view.title, 18, { bold: true });
  layout.text(view.period, 10, { color: MUTED, gap: 12 });
  if (view.figures.length > 0) drawFigures(layout, view.figures, view.currency);
  drawCharts(layout, view.charts, host);
  for (const table of view.tables) drawTable(layout, table, view.currency);
  if (view.notes.length > 0) {
    layout.ensure(40);
    layout.text('Notes', 11, { bold: true, gap: 2 });
    for (const note of view.notes) layout.text(`• ${note}`, 9, { gap: 2 });
  }
  drawFooters(doc, view.title);
  return new Uint8Array(doc.output('arraybuffer'));
}
