import type { StoreBenchResult } from './run';

export type BenchResult = StoreBenchResult;

/** What the bench page puts on its window (read through page.evaluate, so it is reached via globalThis). */
export interface BenchWindow {
  runStoreBench: (options: { runs: number; shape: Record<string, unknown> }) => Promise<BenchResult>;
  benchLog: string[];
}
