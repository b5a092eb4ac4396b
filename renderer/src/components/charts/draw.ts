// Draws one report chart with uPlot. Chart.tsx loads this module with a dynamic import, so uPlot
// (and its stylesheet) is fetched when the first chart is shown, not with the app's first screen.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartSpec } from '../../../../shared/reports/types';
import { chartData, chartOptions, type BarGeometry, type ChartTheme } from './chart-model';

export interface ChartHandle {
  /** Redraws at the element's current width. */
  resize(): void;
  /** Moves the cursor (and the legend's values) to one category, as a mouse over it would. */
  highlight(index: number): void;
  destroy(): void;
}

const HEIGHT = 260;

/** The theme's colours from the element's CSS variables, with the light theme's when unset. */
function readTheme(el: Element): ChartTheme {
  const style = getComputedStyle(el);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return { text: read('--text', '#1b1f27'), muted: read('--muted', '#5d6675'), border: read('--border', '#dde1e8') };
}

/** Bars placed by their own geometry: left edge and width in category units, bottom and top in values. */
function bars(geometry: BarGeometry): uPlot.Series.PathBuilder {
  const scale = 1 as uPlot.Series.BarsPathBuilderFacetUnit.ScaleValue;
  return uPlot.paths.bars!({
    align: 1,
    disp: {
      x0: { unit: scale, values: () => geometry.x0 },
      size: { unit: scale, values: () => [geometry.width] },
      y0: { unit: scale, values: () => geometry.y0 },
      y1: { unit: scale, values: () => geometry.y1 },
    },
  });
}

/** Draws the spec into `el` at its width; calls onDrawn after the first drawing. */
export function drawChart(el: HTMLElement, spec: ChartSpec, currency: string, onDrawn: () => void): ChartHandle {
  let width = Math.max(200, el.clientWidth);
  let drawn = false;
  const options = chartOptions(spec, currency, readTheme(el), { width, height: HEIGHT }, bars);
  options.hooks = {
    draw: [() => {
      if (drawn) return;
      drawn = true;
      onDrawn();
    }],
  };
  const plot = new uPlot(options, chartData(spec), el);
  return {
    resize() {
      const next = Math.max(200, el.clientWidth);
      if (next === width) return;
      width = next;
      plot.setSize({ width, height: HEIGHT });
    },
    highlight(index) {
      plot.setCursor({ left: plot.valToPos(index, 'x'), top: plot.over.clientHeight / 2 });
    },
    destroy() {
      plot.destroy();
    },
  };
}
