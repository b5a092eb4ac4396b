// `npm run bench:sync` itself, small: with faults on, both stores (fake-indexeddb in Node, and
// Chromium's IndexedDB through main's IPC router) push every entry exactly once, and the result is
// counted from what the sandbox holds. Guards the benchmark's numbers against a broken harness.
import { describe, expect, it } from 'vitest';
import { runSyncBench } from '../../bench/sync/run';

describe('bench:sync', () => {
  for (const store of ['node', 'chromium'] as const) {
    it(`pushes every entry exactly once with the store in ${store}`, async () => {
      const lines: string[] = [];
      const result = await runSyncBench({ entries: 120, timeScale: 30, concurrency: 4, env: {}, log: (l) => lines.push(l), store, inProcessSandbox: true });
      expect(result).toMatchObject({ entries: 120, created: 120, duplicates: 0, missing: 0 });
      expect(result.seconds).toBeGreaterThan(0);
      expect(lines.some((l) => l.startsWith('faults on'))).toBe(true);
      expect(lines.find((l) => l.startsWith('engine'))).toContain(store === 'chromium' ? "Chromium's IndexedDB" : 'fake-indexeddb');
    }, 60_000);
  }
});
