// The result of the store benchmark (renderer/src/db/bench/run.ts), shared so the script that runs it
// in Node and in Chromium (scripts/bench-store.ts) reads the same shape without importing the renderer.
export interface StoreBenchResult {
  entries: number;
  segments: number;
  dayMs: number;
  weekMs: number;
  monthMs: number;
  timesheetMs: number;
  dbMB: number;
  /** How dbMB was obtained. */
  sizeMethod: string;
  auditRows: number;
  seedMs: number;
  runs: number;
  /** Rows each view returned on average, to show the loads were real. */
  rowsPerLoad: { day: number; week: number; month: number };
}
