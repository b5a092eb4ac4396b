// Malformed payloads get a clear validation error; handler failures become { ok: false } and never
// crash main.
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/ipc/errors';
import { IpcRouter } from '../../electron/main/ipc/router';
import { composeTestMain } from '../electron/compose-test-main';

describe('IPC router', () => {
  const harness = composeTestMain();
  afterEach(() => harness.opened.splice(0));

  it('answers a valid call with ok and the value', async () => {
    await expect(harness.main.router.dispatch('app:getInfo', undefined)).resolves.toEqual({
      ok: true,
      value: { name: 'Track Nexus', version: '9.9.9', platform: 'test', shell: 'harness', toggleShortcut: null },
    });
  });

  const malformed: Array<[string, unknown, string, RegExp]> = [
    ['unknown channel', 'fs:readFile', 'validation', /^The app asked for something that does not exist\./],
    ['non-string channel', 42, 'validation', /^The app asked for something that does not exist\./],
    ['prototype key as channel', '__proto__', 'validation', /^The app asked for something that does not exist\./],
    ['missing payload', 'tray:setState', 'validation', /^The app sent something it could not read/],
    ['wrong type', 'capture:setPaused', 'validation', /^Paused has the wrong kind of value\.$/],
  ];
  it.each(malformed)('refuses %s with a clear error', async (_name, channel, kind, message) => {
    const payload = channel === 'capture:setPaused' ? { paused: 'yes' } : undefined;
    const result = await harness.main.router.dispatch(channel, payload);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe(kind);
      expect(result.error.message).toMatch(message);
      expect(result.error.retryable).toBe(false);
      // In the user's words: never the channel's name or a schema path.
      expect(result.error.message).not.toMatch(/tray:|app:|fs:|__proto__|\w+\.\d/);
    }
  });

  it('names a refused field in the form’s words and passes its path for the form to mark', async () => {
    const result = await harness.main.router.dispatch('capture:saveSettings', { excludedTitlePatterns: ['ok', ''], idleThresholdSeconds: 300 });
    expect(result).toMatchObject({ ok: false, error: { kind: 'validation', message: 'Excluded window title 2 must not be empty.', field: ['excludedTitlePatterns', 1] } });
    const idle = await harness.main.router.dispatch('capture:saveSettings', { idleThresholdSeconds: 5 });
    expect(idle).toMatchObject({ ok: false, error: { message: 'Idle threshold (seconds) must be at least 30.', field: ['idleThresholdSeconds'] } });
  });

  it('refuses oversized and extra-nested payloads without crashing', async () => {
    const tooMany = { running: null, recent: Array.from({ length: 50 }, (_, i) => ({ projectId: `p${i}`, label: 'x' })), next: { projectId: null, label: 'No project' } };
    const result = await harness.main.router.dispatch('tray:setState', tooMany);
    expect(result).toMatchObject({ ok: false, error: { kind: 'validation' } });
    const hostile = JSON.parse('{"running":null,"recent":[],"next":{"projectId":null,"label":"No project"},"__proto__":{"polluted":true}}') as unknown;
    const ok = await harness.main.router.dispatch('tray:setState', hostile);
    expect(ok.ok).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('turns thrown errors into { ok: false } with their kind', async () => {
    const router = new IpcRouter();
    router.handle('app:getInfo', () => {
      throw new AppError('unavailable', 'Not here.', { retryable: true });
    });
    router.handle('tray:setState', () => {
      throw 'a bare string';
    });
    await expect(router.dispatch('app:getInfo', undefined)).resolves.toEqual({
      ok: false,
      error: { kind: 'unavailable', message: 'Not here.', retryable: true },
    });
    await expect(router.dispatch('tray:setState', { running: null, recent: [], next: { projectId: null, label: 'No project' } })).resolves.toEqual({
      ok: false,
      error: { kind: 'internal', message: 'a bare string', retryable: false },
    });
  });

  it('offers the renderer no way to open links in the system browser (it never used one)', async () => {
    // Loopback and LAN addresses were accepted; links in the window go through window.ts's guard instead.
    for (const url of ['http://127.0.0.1:8080/', 'http://192.168.1.1/', 'https://quickbooks.intuit.com/']) {
      const result = await harness.main.router.dispatch('app:openExternal', { url });
      expect(result).toMatchObject({ ok: false, error: { kind: 'validation' } });
    }
    expect(harness.opened).toEqual([]);
  });
});
