// `npm run bench:sync` itself, small: with faults on, both stores (fake-indexeddb in Node, and
// Chromium's IndexedDB through main's IPC router) push every entry exactly once, and the result is
// counted from what the sandbox holds. With --companies, each company's sandbox holds exactly its
// own entries. Guards the benchmark's numbers against a broken harness.
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
      expect(lines.find((l) => l.startsWith('store:'))).toContain(store === 'chromium' ? "Chromium's IndexedDB" : 'fake-indexeddb');
    }, 60_000);

    it(`pushes two companies at once, each exactly once into its own realm, with the store in ${store}`, async () => {
      const lines: string[] = [];
      const result = await runSyncBench({ entries: 60, companies: 2, timeScale: 30, concurrency: 4, env: {}, log: (l) => lines.push(l), store, inProcessSandbox: true });
      expect(result).toMatchObject({ entries: 120, created: 120, duplicates: 0, missing: 0, companies: 2 });
      expect(result.perCompany).toHaveLength(2);
      expect(new Set(result.perCompany!.map((c) => c.realmId)).size).toBe(2);
      for (const c of result.perCompany!) expect(c).toMatchObject({ created: 60, duplicates: 0, missing: 0 });
      expect(result.perCompany!.map((c) => c.companyId)).toEqual(['primary', 'co-00000001']);
    }, 90_000);
  }
});
