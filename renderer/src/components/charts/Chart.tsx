// One report chart: a <figure> with its title, the uPlot drawing (loaded on first use), a spoken
// read-out for keyboard users (Left/Right/Home/End move through the categories) and the same
// numbers as a table under "Show as table". The figure carries data-chart so the PDF export can
// find its canvas.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { formatValue } from '../../../../shared/reports/format';
import type { ChartSpec } from '../../../../shared/reports/types';
import { readout, summary } from './chart-model';
import type { ChartHandle } from './draw';
import './charts.css';

export interface ChartProps {
  spec: ChartSpec;
  currency: string;
  /** Called once uPlot has drawn the chart (the benchmark times it). */
  onDrawn?: () => void;
}

/** Bumps when the colours may have changed: the OS switched light/dark, or the app set a theme on <html>. */
function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    const media = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null;
    media?.addEventListener('change', bump);
    const observer = new MutationObserver(bump);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'data-theme', 'style'] });
    return () => {
      media?.removeEventListener('change', bump);
      observer.disconnect();
    };
  }, []);
  return version;
}

/** Draws the spec with uPlot into the element, at its width, redrawing when the theme changes. */
function useUplot(spec: ChartSpec, currency: string, onDrawn: (() => void) | undefined) {
  const plotRef = useRef<HTMLDivElement>(null);
  const handle = useRef<ChartHandle | null>(null);
  const drawnRef = useRef(onDrawn);
  const theme = useThemeVersion();
  useEffect(() => {
    drawnRef.current = onDrawn;
  }, [onDrawn]);
  useEffect(() => {
    const el = plotRef.current;
    if (!el) return;
    let cancelled = false;
    let resizes: ResizeObserver | null = null;
    void import('./draw').then(({ drawChart }) => {
      if (cancelled) return;
      handle.current = drawChart(el, spec, currency, () => drawnRef.current?.());
      resizes = new ResizeObserver(() => handle.current?.resize());
      resizes.observe(el);
    });
    return () => {
      cancelled = true;
      resizes?.disconnect();
      handle.current?.destroy();
      handle.current = null;
    };
  }, [spec, currency, theme]);
  return { plotRef, handle };
}

/** The same numbers as the chart, as a table. */
function ChartTable({ spec, currency }: { spec: ChartSpec; currency: string }) {
  return (
    <table className="chart-table">
      <thead>
        <tr>
          <td />
          {spec.series.map((s) => <th key={s.label} scope="col">{s.label}</th>)}
        </tr>
      </thead>
      <tbody>
        {spec.categories.map((category, i) => (
          <tr key={`${i}-${category}`}>
            <th scope="row">{category}</th>
            {spec.series.map((s) => <td key={s.label}>{formatValue(spec.unit, s.values[i] ?? null, currency)}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The category a key moves to from `index`, or undefined for keys the chart does not use. */
function nextIndex(key: string, index: number | null, count: number): number | undefined {
  if (count === 0) return undefined;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  if (key === 'ArrowRight') return index === null ? 0 : Math.min(count - 1, index + 1);
  if (key === 'ArrowLeft') return index === null ? count - 1 : Math.max(0, index - 1);
  return undefined;
}

/** One chart, drawn with uPlot; its canvas is what the PDF export copies. */
export function Chart({ spec, currency, onDrawn }: ChartProps) {
  const { plotRef, handle } = useUplot(spec, currency, onDrawn);
  const [index, setIndex] = useState<number | null>(null);
  const titleId = useId();
  const summaryId = useId();

  const onKeyDown = (event: KeyboardEvent) => {
    const next = nextIndex(event.key, index, spec.categories.length);
    if (next === undefined) return;
    event.preventDefault();
    setIndex(next);
    handle.current?.highlight(next);
  };

  return (
    <figure className="chart" data-chart={spec.id} tabIndex={0} aria-labelledby={titleId} aria-describedby={summaryId} onKeyDown={onKeyDown}>
      <figcaption id={titleId} className="chart-title">{spec.title}</figcaption>
      <p id={summaryId} className="chart-hidden">{summary(spec, currency)}</p>
      <div ref={plotRef} className="chart-plot" />
      <p className="chart-readout" aria-live="polite">{index === null ? '' : readout(spec, index, currency)}</p>
      <details className="chart-as-table">
        <summary>Show as table</summary>
        <ChartTable spec={spec} currency={currency} />
      </details>
    </figure>
  );
}
