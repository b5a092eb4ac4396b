// Nothing in the data folder (window titles, QuickBooks settings, the demo company's grants,
// secrets) is readable by another user of the computer, also after an older version left it open.
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveState, type PersistedState } from '../../electron/qbo-sandbox/persist';
import { composeTestMain } from './compose-test-main';

const mode = (path: string) => statSync(path).mode & 0o777;

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tn-data-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('data folder', () => {
  it('is created for its owner only, with the folders above it that did not exist', async () => {
    const dataDir = join(root, '.track-nexus', 'harness');
    const app = composeTestMain(undefined, dataDir);
    try {
      await app.main.start();
      expect(mode(join(root, '.track-nexus'))).toBe(0o700);
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(join(dataDir, 'capture-journal'))).toBe(0o700);
      expect(mode(join(dataDir, 'capture-journal', 'journal.jsonl'))).toBe(0o600);
    } finally {
      await app.close();
    }
  });


  it('makes what an older version left readable by others private when main starts', async () => {
    const dataDir = join(root, 'data');
    mkdirSync(join(dataDir, 'capture-journal'), { recursive: true, mode: 0o755 });
    const outside = join(root, 'not-ours.txt');
    writeFileSync(outside, 'elsewhere', { mode: 0o644 });
    for (const name of ['capture-settings.json', 'qbo-settings.json', 'demo-company.json']) writeFileSync(join(dataDir, name), '{}', { mode: 0o644 });
    symlinkSync(outside, join(dataDir, 'SingletonLock'));
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'capture-journal'), 0o755);

    const app = composeTestMain(undefined, dataDir);
    try {
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(join(dataDir, 'capture-journal'))).toBe(0o700);
      for (const name of ['capture-settings.json', 'qbo-settings.json', 'demo-company.json']) expect(mode(join(dataDir, name)), name).toBe(0o600);
      // A link is not followed: what it points to is not the app's to change.
      expect(lstatSync(join(dataDir, 'SingletonLock')).isSymbolicLink()).toBe(true);
      expect(mode(outside)).toBe(0o644);
    } finally {
      await app.close();
    }
  });

  it('writes the demo company, grants included, for its owner only', () => {
    const file = join(root, 'demo-company.json');
    saveState(file, { version: 1, company: {}, oauth: {} } as unknown as PersistedState);
    expect(mode(file)).toBe(0o600);
  });
});
