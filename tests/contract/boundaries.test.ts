// Process boundaries, checked on every test run (eslint and the TypeScript project split check
// them too): shared/ is pure, the renderer never imports electron/, main never imports renderer/,
// and only the Electron edge files import `electron`. No product code, script or benchmark imports
// tests/: what the app or a benchmark runs lives outside the test tree.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const electronEdge = new Set(['electron/main/index.ts', 'electron/main/window.ts', 'electron/main/electron-ports.ts', 'electron/preload/index.ts']);

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) out.push(...sources(path));
    else if (/\.(ts|tsx)$/.test(name)) out.push(path);
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? '');
}

function resolvesInto(file: string, spec: string, folder: string): boolean {
  if (!spec.startsWith('.')) return false;
  return relative(root, join(root, file, '..', spec)).startsWith(folder + '/');
}

describe('process boundaries', () => {
  it('keeps shared/ free of DOM, Node, Electron and process code', () => {
    const offenders = sources('shared').flatMap((f) =>
      imports(f)
        .filter((s) => /^(electron|node:|react|dexie|get-windows|intuit-oauth|fs$|path$|os$)/.test(s) || resolvesInto(f, s, 'electron') || resolvesInto(f, s, 'renderer'))
        .map((s) => `${f} imports ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps the renderer out of electron/ and Node', () => {
    const offenders = sources('renderer').flatMap((f) =>
      imports(f).filter((s) => /^(electron|node:|get-windows|intuit-oauth)/.test(s) || resolvesInto(f, s, 'electron')).map((s) => `${f} imports ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps main out of renderer/ and electron imports at the edge', () => {
    const offenders = sources('electron').flatMap((f) =>
      imports(f)
        .filter((s) => resolvesInto(f, s, 'renderer') || (/^electron(\/|$)/.test(s) && !electronEdge.has(f)))
        .map((s) => `${f} imports ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps tests/ out of the product, the scripts and the benchmarks', () => {
    const offenders = ['electron', 'renderer', 'shared', 'scripts', 'bench'].flatMap((dir) =>
      sources(dir).flatMap((f) => imports(f).filter((s) => resolvesInto(f, s, 'tests')).map((s) => `${f} imports ${s}`)),
    );
    expect(offenders).toEqual([]);
  });

  it('writes entry rows in one place only, the door every entry command goes through', () => {
    // Table writes on `entries` (db.entries.put, tx.db.entries.bulkAdd, …) anywhere but entry-writes.ts's
    // persist would change an entry without its audit row and its QuickBooks planning.
    const write = /\b(?:db|tx)\.entries\.(?:add|bulkAdd|put|bulkPut|update|bulkUpdate|delete|bulkDelete|clear)\(|\.entries\.where\([^)]*\)[\w().'", ]*\.(?:modify|delete)\(/;
    const door = 'renderer/src/db/repos/entry-writes.ts';
    const offenders = ['renderer', 'bench']
      .flatMap((dir) => sources(dir))
      .filter((f) => f !== door && !f.startsWith('renderer/src/db/versions/'))
      .filter((f) => write.test(readFileSync(join(root, f), 'utf8')));
    expect(offenders).toEqual([]);
    expect(write.test(readFileSync(join(root, door), 'utf8'))).toBe(true);
  });
});
