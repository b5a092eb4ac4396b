// Safe mode (issue 14): a run that never reached a clean quit makes the next one start with the
// user's rules off, capture paused, until the user turns them back on.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRunMarker } from '../../electron/main/safe-mode';
import { defaultCaptureSettings } from '../../shared/capture/types';
import { composeTestMain } from './compose-test-main';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'tn-safe-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('run marker', () => {
  it('says the last run was unclean only when it never reached cleanExit', () => {
    expect(startRunMarker(dataDir).uncleanLastRun).toBe(false); // first start ever
    const killed = startRunMarker(dataDir); // the run before was killed: no cleanExit
    expect(killed.uncleanLastRun).toBe(true);
    killed.cleanExit();
    expect(startRunMarker(dataDir).uncleanLastRun).toBe(false);
  });
});

describe('safe mode through the IPC contract', () => {
  it('starts with capture paused after an unclean shutdown and resumes when the user turns the rules back on', async () => {
    // The saved exclusion that once hung main (issue 14), with capture on.
    writeFileSync(join(dataDir, 'capture-settings.json'), JSON.stringify({ ...defaultCaptureSettings(), enabled: true, excludedTitlePatterns: ['(.?){30}x'] }));
    startRunMarker(dataDir); // a run that was then killed
    const run = startRunMarker(dataDir);
    const t = composeTestMain(undefined, dataDir, run.uncleanLastRun);
    try {
      await t.main.start();
      expect(await t.main.router.dispatch('app:getSafeMode', undefined)).toEqual({ ok: true, value: { on: true } });
      const state = await t.main.router.dispatch('capture:getState', undefined);
      expect(state).toMatchObject({ ok: true, value: { status: { state: 'paused', reason: expect.stringMatching(/^Safe mode: .*nothing is recorded/) } } });

      expect(await t.main.router.dispatch('app:leaveSafeMode', undefined)).toEqual({ ok: true, value: { on: false } });
      expect(t.main.capture.status().state).toBe('running');
      expect(await t.main.router.dispatch('app:getSafeMode', undefined)).toEqual({ ok: true, value: { on: false } });
    } finally {
      await t.main.dispose();
    }
  });

  it('starts normally after a clean quit', async () => {
    writeFileSync(join(dataDir, 'capture-settings.json'), JSON.stringify({ ...defaultCaptureSettings(), enabled: true }));
    startRunMarker(dataDir).cleanExit();
    const t = composeTestMain(undefined, dataDir, startRunMarker(dataDir).uncleanLastRun);
    try {
      await t.main.start();
      expect(await t.main.router.dispatch('app:getSafeMode', undefined)).toEqual({ ok: true, value: { on: false } });
      expect(t.main.capture.status().state).toBe('running');
    } finally {
      await t.main.dispose();
    }
  });
});
