// The last line of `npm run bench:sync`, shared by the script that prints it and the run that
// computes it (tests/renderer/sync/bench-run.ts), which live in different TypeScript projects.
export interface SyncBenchResult {
  entries: number;
  created: number;
  duplicates: number;
  missing: number;
  throughputRatio: number;
  seconds: number;
}
