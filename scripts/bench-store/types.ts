// The result shape of renderer/src/db/bench/run.ts. Repeated here because scripts/ and renderer/ are
// separate TypeScript projects (a cross-import would break the build); the script loads the bench
// module at runtime instead.
export interface BenchResult {
  entries: number;
  segments: number;
  dayMs: number;
  weekMs: number;
  monthMs: number;
  timesheetMs: number;
  dbMB: number;
  sizeMethod: string;
  auditRows: number;
  seedMs: number;
  runs: number;
  rowsPerLoad: { day: number; week: number; month: number };
}

/** What the bench page puts on its window (scripts/ has no DOM types, so it is reached via globalThis). */
export interface BenchWindow {
  runStoreBench: (options: { runs: number; shape: Record<string, unknown> }) => Promise<BenchResult>;
  benchLog: string[];
}
