// The pure side of a report chart: where bars sit (grouped or stacked), which category names fit
// under the axis, each series' colour and dash, the words a screen reader hears, and the uPlot
// options built from a ChartSpec. No DOM here, so all of it is tested in Node; draw.ts hands the
// options to uPlot.
import type uPlot from 'uplot';
import { axisValue, formatValue } from '../../../../shared/reports/format';
import type { ChartSeries, ChartSpec } from '../../../../shared/reports/types';

/** The page's colours, read from its CSS variables so the light and dark themes both hold. */
export interface ChartTheme {
  text: string;
  muted: string;
  border: string;
}

/** Mid-tone colours that read on a light and a dark surface alike. */
const PALETTE = ['#3b82f6', '#f59e0b', '#10b981', '#a855f7', '#ef4444', '#14b8a6'];
/** The share of a category's width its bars fill; the rest is the gap between categories. */
const GROUP = 0.8;
const HOUR = 3_600_000;
const FONT = '12px system-ui, sans-serif';
/** Rough width of one character of FONT, and the longest category name drawn in full. */
const CHAR_PX = 7;
const MAX_LABEL = 20;

/** One series' bars: left edges and width in category units (x = category index), bottoms and tops in values. */
export interface BarGeometry {
  x0: number[];
  width: number;
  y0: Array<number | null>;
  y1: Array<number | null>;
}

/**
 * Stacked bars: each value starts where the ones before it in its category ended. Positive values
 * stack upwards from zero and negative ones downwards from zero, so a loss shows below the line.
 */
export function stack(series: ChartSeries[]): Array<{ y0: Array<number | null>; y1: Array<number | null> }> {
  const length = series[0]?.values.length ?? 0;
  const up = new Array<number>(length).fill(0);
  const down = new Array<number>(length).fill(0);
  return series.map((s) => {
    const y0 = s.values.map((v, i) => (v === null ? null : v >= 0 ? up[i]! : down[i]!));
    const y1 = s.values.map((v, i) => {
      if (v === null) return null;
      const totals = v >= 0 ? up : down;
      totals[i]! += v;
      return totals[i]!;
    });
    return { y0, y1 };
  });
}

/**
 * Grouped bars side by side within each category, or one stacked bar per category: two side by
 * side when the previous period is shown, its series stacked apart from the current ones.
 */
export function barGeometry(spec: ChartSpec): BarGeometry[] {
  const starts = spec.categories.map((_, i) => i - GROUP / 2);
  if (spec.kind === 'stackedBar') return stackedGeometry(spec.series, starts);
  const width = GROUP / Math.max(1, spec.series.length);
  return spec.series.map((s, k) => ({
    x0: starts.map((x) => x + k * width),
    width,
    y0: s.values.map((v) => (v === null ? null : 0)),
    y1: s.values,
  }));
}

function stackedGeometry(series: ChartSeries[], starts: number[]): BarGeometry[] {
  const previous = series.map((s) => s.role === 'previous');
  const stacks = previous.some(Boolean) ? [false, true] : [false];
  const width = GROUP / stacks.length;
  const out = new Array<BarGeometry>(series.length);
  stacks.forEach((isPrevious, g) => {
    const members = series.map((_, k) => k).filter((k) => previous[k] === isPrevious);
    stack(members.map((k) => series[k]!)).forEach((ends, j) => {
      out[members[j]!] = { x0: starts.map((x) => x + g * width), width, ...ends };
    });
  });
  return out;
}

export interface XLabels {
  /** The names drawn, long ones cut short with "…". */
  text: string[];
  /** Draw every step-th name only. */
  step: number;
  /** Degrees, for uPlot: 45 slants names up to end at their tick; 0 when they fit side by side. */
  rotate: number;
  /** Height of the axis in CSS pixels. */
  size: number;
}

/** Category names that fit under a plot this wide: level when they fit, slanted and thinned when crowded. */
export function xLabels(categories: string[], plotWidth: number): XLabels {
  const text = categories.map((c) => (c.length > MAX_LABEL ? `${c.slice(0, MAX_LABEL - 1)}…` : c));
  const longest = Math.max(1, ...text.map((t) => t.length)) * CHAR_PX;
  const slot = plotWidth / Math.max(1, categories.length);
  if (longest + 8 <= slot) return { text, step: 1, rotate: 0, size: 32 };
  // Slanted names need a little more than a line's height of room each along the axis.
  return { text, step: Math.max(1, Math.ceil(24 / slot)), rotate: 45, size: Math.round(longest * 0.71) + 20 };
}

export interface SeriesStyle {
  color: string;
  /** Bars' fill: lighter for the previous period. */
  fill: string;
  dash?: number[];
}

/** Current series take the palette in turn; each previous-period series is its current twin, lighter and dashed; a target is a dashed muted line. */
export function seriesStyles(series: ChartSeries[], theme: ChartTheme): SeriesStyle[] {
  let current = 0;
  let previous = 0;
  return series.map((s) => {
    if (s.role === 'target') return { color: theme.muted, fill: theme.muted, dash: [6, 4] };
    if (s.role === 'previous') {
      const color = PALETTE[previous++ % PALETTE.length]!;
      return { color: `${color}99`, fill: `${color}59`, dash: [3, 3] };
    }
    const color = PALETTE[current++ % PALETTE.length]!;
    return { color, fill: color };
  });
}

/** What a screen reader says on one category: "Acme Corp: Cost $400.00, Margin $800.00". */
export function readout(spec: ChartSpec, index: number, currency: string): string {
  const values = spec.series.map((s) => {
    const v = s.values[index] ?? null;
    return `${s.label} ${v === null ? 'none' : formatValue(spec.unit, v, currency)}`;
  });
  return `${spec.categories[index] ?? ''}: ${values.join(', ')}`;
}

const KIND_WORDS: Record<ChartSpec['kind'], string> = { bar: 'Bar chart', stackedBar: 'Stacked bar chart', line: 'Line chart' };

/** The chart in a sentence, with its largest value, and how to read it from the keyboard. */
export function summary(spec: ChartSpec, currency: string): string {
  const names = spec.series.map((s) => s.label);
  const what = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? 'nothing');
  const first = spec.series[0];
  let top = -1;
  first?.values.forEach((v, i) => {
    if (v !== null && (top < 0 || v > first.values[top]!)) top = i;
  });
  const highest = first && top >= 0 ? ` Highest ${first.label}: ${spec.categories[top]}, ${formatValue(spec.unit, first.values[top]!, currency)}.` : '';
  return `${KIND_WORDS[spec.kind]} of ${what} for ${spec.categories.length} items.${highest} Use the left and right arrow keys to hear each one.`;
}

/** The value axis always shows zero, with a little room beyond the largest value. */
export function yRange(min: number | null, max: number | null): [number, number] {
  const lo = Math.min(0, min ?? 0);
  const hi = Math.max(0, max ?? 0);
  if (lo === hi) return [0, 1];
  const pad = (hi - lo) * 0.08;
  return [lo < 0 ? lo - pad : 0, hi > 0 ? hi + pad : 0];
}

/** Tick steps people count in: whole quarter hours and hours for time, whole numbers for counts. */
function yIncrs(unit: ChartSpec['unit']): number[] | undefined {
  const steps = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000];
  if (unit === 'ms') return [0.25, 0.5, ...steps].map((h) => h * HOUR);
  return unit === 'count' ? steps : undefined;
}

/** uPlot's data: x is the category index, then per series its values (for bars, their tops). */
export function chartData(spec: ChartSpec): uPlot.AlignedData {
  const xs = spec.categories.map((_, i) => i);
  const tops = spec.kind === 'line' ? spec.series.map((s) => s.values) : barGeometry(spec).map((g) => g.y1);
  return [xs, ...tops];
}

/** The factory for bar paths (uPlot.paths.bars in draw.ts), given one series' geometry. */
export type BarsPaths = (geometry: BarGeometry) => uPlot.Series.PathBuilder;

function seriesOptions(spec: ChartSpec, currency: string, theme: ChartTheme, bars: BarsPaths): uPlot.Series[] {
  const styles = seriesStyles(spec.series, theme);
  const geometry = spec.kind === 'line' ? null : barGeometry(spec);
  const category: uPlot.Series = { label: '', value: (_u, v) => (v === null ? '' : (spec.categories[v] ?? '')) };
  return [
    category,
    ...spec.series.map((s, k): uPlot.Series => {
      const style = styles[k]!;
      const value = (_u: uPlot, _v: unknown, _s: number, idx: number | null) =>
        idx === null ? '' : formatValue(spec.unit, s.values[idx] ?? null, currency);
      if (geometry) return { label: s.label, value, paths: bars(geometry[k]!), fill: style.fill, stroke: style.color, width: 0, points: { show: false } };
      return { label: s.label, value, stroke: style.color, width: 2, dash: style.dash, points: { show: true, size: 5, fill: style.color } };
    }),
  ];
}

function axesOptions(spec: ChartSpec, currency: string, theme: ChartTheme, width: number): uPlot.Axis[] {
  const Y_AXIS = 72;
  const labels = xLabels(spec.categories, width - Y_AXIS);
  const lines = { stroke: theme.border, width: 1 };
  return [
    {
      stroke: theme.text, font: FONT, grid: { show: false }, ticks: lines, rotate: labels.rotate, size: labels.size,
      splits: () => spec.categories.map((_, i) => i).filter((i) => i % labels.step === 0),
      values: (_u, splits) => splits.map((i) => labels.text[i] ?? ''),
    },
    {
      stroke: theme.text, font: FONT, grid: lines, ticks: lines, size: Y_AXIS, incrs: yIncrs(spec.unit),
      values: (_u, splits) => splits.map((v) => axisValue(spec.unit, v, currency)),
    },
  ];
}

/** Everything uPlot needs to draw the spec at this size in these colours. */
export function chartOptions(spec: ChartSpec, currency: string, theme: ChartTheme, size: { width: number; height: number }, bars: BarsPaths): uPlot.Options {
  const last = spec.categories.length - 0.5;
  return {
    ...size,
    scales: {
      x: { time: false, range: () => [-0.5, last] },
      y: { range: (_u, min, max) => yRange(min, max) },
    },
    axes: axesOptions(spec, currency, theme, size.width),
    series: seriesOptions(spec, currency, theme, bars),
    cursor: { y: false, points: { show: spec.kind === 'line' }, drag: { x: false, y: false, setScale: false } },
    legend: { show: true, live: true },
  };
}
