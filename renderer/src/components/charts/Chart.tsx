// STUB: replaced by the real implementation (uPlot).
import type { ChartSpec } from '../../../../shared/reports/types';

export interface ChartProps {
  spec: ChartSpec;
  currency: string;
}

/** One chart, drawn with uPlot; its canvas is what the PDF export copies. */
export function Chart({ spec }: ChartProps) {
  return <figure className="chart" data-chart={spec.id}><figcaption>{spec.title}</figcaption></figure>;
}
