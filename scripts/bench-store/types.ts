import type { StoreBenchResult } from '../../shared/bench/store-bench';

export type BenchResult = StoreBenchResult;

/** What the bench page puts on its window (scripts/ has no DOM types, so it is reached via globalThis). */
export interface BenchWindow {
  runStoreBench: (options: { runs: number; shape: Record<string, unknown> }) => Promise<BenchResult>;
  benchLog: string[];
}
