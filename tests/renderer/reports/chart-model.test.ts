// The pure side of report charts: bar placement, stacking, crowded names, colours, spoken words and uPlot options.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { barGeometry, chartData, chartOptions, readout, seriesStyles, stack, summary, xLabels, yRange } from '../../../renderer/src/components/charts/chart-model';
import type { ChartSpec } from '../../../shared/reports/types';

const THEME = { text: '#111111', muted: '#777777', border: '#dddddd' };
const spec: ChartSpec = {
  id: 'margin', title: 'Margin by client', kind: 'bar', unit: 'money',
  categories: ['Acme Corp', 'Globex'],
  series: [{ label: 'Cost', values: [40000, null] }, { label: 'Margin', values: [80000, -5000] }],
};

describe('stack', () => {
  it('puts each value on top of the ones before it, and losses below zero', () => {
    const [a, b, c] = stack([
      { label: 'A', values: [100, 50] },
      { label: 'B', values: [-30, 20] },
      { label: 'C', values: [10, null] },
    ]);
    expect(a).toEqual({ y0: [0, 0], y1: [100, 50] });
    expect(b).toEqual({ y0: [0, 50], y1: [-30, 70] });
    expect(c).toEqual({ y0: [100, null], y1: [110, null] });
  });
  it('makes every bar segment exactly as tall as its value', () => {
    const values = fc.array(fc.option(fc.integer({ min: -1e6, max: 1e6 }), { nil: null }), { minLength: 3, maxLength: 3 });
    fc.assert(fc.property(fc.array(values, { minLength: 1, maxLength: 5 }), (rows) => {
      const stacked = stack(rows.map((values, k) => ({ label: String(k), values })));
      stacked.forEach(({ y0, y1 }, k) => rows[k]!.forEach((v, i) => {
        expect(v === null ? null : y1[i]! - y0[i]!).toBe(v);
      }));
    }));
  });
});

describe('barGeometry', () => {
  it('sets grouped bars side by side inside their category, without overlap', () => {
    const [cost, margin] = barGeometry(spec);
    expect(cost!.x0[0]).toBeCloseTo(-0.4);
    expect(margin!.x0[0]).toBeCloseTo(cost!.x0[0]! + cost!.width);
    expect(margin!.x0[1]! + margin!.width).toBeCloseTo(1.4);
    expect(cost!.y0).toEqual([0, null]);
  });
  it('gives stacked bars one full-width column per category', () => {
    const geometry = barGeometry({ ...spec, kind: 'stackedBar' });
    expect(geometry.map((g) => g.width)).toEqual([0.8, 0.8]);
    expect(geometry[1]!.y1).toEqual([120000, -5000]);
  });
  it('stacks the previous period apart, beside the current stack, not on top of it', () => {
    const compared: ChartSpec = { ...spec, kind: 'stackedBar', series: [...spec.series,
      { label: 'Cost (previous period)', values: [30000, 1000], role: 'previous' }, { label: 'Margin (previous period)', values: [60000, 2000], role: 'previous' }] };
    const [cost, margin, oldCost, oldMargin] = barGeometry(compared);
    expect([cost, margin, oldCost, oldMargin].map((g) => g!.width)).toEqual([0.4, 0.4, 0.4, 0.4]);
    expect(oldCost!.x0[0]).toBeCloseTo(cost!.x0[0]! + 0.4);
    expect(oldCost!.y0).toEqual([0, 0]);
    expect(oldMargin!.y1).toEqual([90000, 3000]);
    expect(margin!.y1).toEqual([120000, -5000]);
  });
});

describe('xLabels', () => {
  it('keeps short names level when they fit', () => {
    expect(xLabels(['Jan', 'Feb', 'Mar'], 600)).toMatchObject({ step: 1, rotate: 0 });
  });
  it('slants and skips names when they are crowded, and cuts long ones short', () => {
    const names = Array.from({ length: 52 }, (_, i) => `Week of ${i + 1} December`);
    const labels = xLabels(names, 500);
    expect(labels.rotate).not.toBe(0);
    expect(labels.step).toBeGreaterThan(1);
    expect(labels.text[0]).toBe('Week of 1 December');
    expect(xLabels(['A very long client name indeed, Inc.'], 100).text[0]).toBe('A very long client …');
  });
});

describe('seriesStyles', () => {
  it('draws the previous period lighter and dashed and the target dashed in the muted colour', () => {
    const styles = seriesStyles([
      { label: 'Hours', values: [] },
      { label: 'Hours before', values: [], role: 'previous' },
      { label: 'Target', values: [], role: 'target' },
    ], THEME);
    expect(styles[1]!.color.startsWith(styles[0]!.color)).toBe(true);
    expect(styles[1]!.color).not.toBe(styles[0]!.color);
    expect(styles[1]!.dash).toBeDefined();
    expect(styles[2]).toMatchObject({ color: '#777777', dash: [6, 4] });
    expect(styles[0]!.dash).toBeUndefined();
  });
});

describe('words for screen readers', () => {
  it('reads out one category with every series', () => {
    expect(readout(spec, 0, 'USD')).toBe('Acme Corp: Cost US$400.00, Margin US$800.00');
    expect(readout(spec, 1, 'USD')).toBe('Globex: Cost none, Margin -US$50.00');
  });
  it('sums the chart up with its highest value', () => {
    expect(summary(spec, 'USD')).toBe('Bar chart of Cost and Margin for 2 items. Highest Cost: Acme Corp, US$400.00. Use the left and right arrow keys to hear each one.');
  });
});

describe('uPlot options', () => {
  it('always shows zero on the value axis, with room above and below', () => {
    expect(yRange(10, 100)).toEqual([0, 108]);
    expect(yRange(-50, 50)[0]).toBeLessThan(-50);
    expect(yRange(null, null)).toEqual([0, 1]);
  });
  it('labels the axes with category names and short money', () => {
    const options = chartOptions(spec, 'USD', THEME, { width: 600, height: 260 }, () => () => null);
    const [x, y] = options.axes!;
    const values = (axis: typeof x, splits: number[]) => (axis!.values as (u: unknown, s: number[]) => string[])(null, splits);
    expect(values(x, [0, 1])).toEqual(['Acme Corp', 'Globex']);
    expect(values(y, [0, 100000]).join(' ')).toMatch(/^US\$0 US\$1K$/i);
    expect(options.series.map((s) => s.label)).toEqual(['', 'Cost', 'Margin']);
  });
  it('hands uPlot bar tops for bars and the values themselves for lines', () => {
    expect(chartData({ ...spec, kind: 'stackedBar' })).toEqual([[0, 1], [40000, null], [120000, -5000]]);
    expect(chartData({ ...spec, kind: 'line' })).toEqual([[0, 1], [40000, null], [80000, -5000]]);
  });
});
