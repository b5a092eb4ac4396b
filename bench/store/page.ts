// Entry of the page the benchmark opens in Chromium: the same run as in Node, against the browser's
// own IndexedDB, with the size reported by the storage manager.
import { runStoreBench, type StoreBenchOptions, type StoreBenchResult } from './run';

declare global {
  interface Window {
    runStoreBench: (options: Pick<StoreBenchOptions, 'runs' | 'shape'>) => Promise<StoreBenchResult>;
    benchLog: string[];
  }
}

window.benchLog = [];
window.runStoreBench = (options) =>
  runStoreBench({
    ...options,
    settleMs: 15_000,
    log: (line) => window.benchLog.push(line),
    measureBytes: async () => ({
      bytes: (await navigator.storage.estimate()).usage ?? 0,
      method: 'navigator.storage.estimate().usage',
    }),
  });
