// Start at login: on by default (hidden in the tray) the first time an installed build runs, said
// once; the user's choice reaches the OS and survives restarts; a login start stays in the tray;
// and the browser harness offers none of it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createStartupService, type LoginItemPort } from '../../../electron/main/startup/login-item';
import type { StartupSettings } from '../../../shared/ipc/contract';

function fakePort(unavailableReason: string | null = null) {
  const calls: StartupSettings[] = [];
  let enabled = false;
  const port: LoginItemPort = {
    unavailableReason,
    isEnabled: async () => enabled,
    set: async (s) => {
      calls.push(s);
      enabled = s.openAtLogin;
    },
  };
  return { port, calls, disableInOs: () => (enabled = false) };
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'tn-startup-'));

it('turns start at login on, hidden, on the first run only, and explains it until dismissed', async () => {
  const dataDir = tempDir();
  const os = fakePort();
  const first = createStartupService({ port: os.port, dataDir });
  await first.applyFirstRunDefault();
  expect(os.calls).toEqual([{ openAtLogin: true, openAsHidden: true }]);
  expect(await first.state()).toEqual({ available: true, reason: null, openAtLogin: true, openAsHidden: true, showFirstRunNotice: true });
  await first.dismissNotice();

  // The user turns it off; the next start respects that and does not explain again.
  await first.save({ openAtLogin: false, openAsHidden: false });
  const second = createStartupService({ port: os.port, dataDir });
  await second.applyFirstRunDefault();
  expect(os.calls).toHaveLength(2);
  expect(await second.state()).toMatchObject({ openAtLogin: false, openAsHidden: false, showFirstRunNotice: false });
});

it('reports what the OS says when the user removed the login item there', async () => {
  const os = fakePort();
  const service = createStartupService({ port: os.port, dataDir: tempDir() });
  await service.applyFirstRunDefault();
  os.disableInOs();
  expect((await service.state()).openAtLogin).toBe(false);
});

it('keeps the window hidden for a login start that asked for it, and shows it otherwise', async () => {
  const service = createStartupService({ port: fakePort().port, dataDir: tempDir() });
  expect(service.launchedHidden(['/opt/Track Nexus/track-nexus', '--hidden'])).toBe(true);
  expect(service.launchedHidden(['/opt/Track Nexus/track-nexus'])).toBe(false);
  // macOS passes no arguments: it says the launch was a login item, and the user's choice decides.
  expect(service.launchedHidden(['/Applications/Track Nexus.app'], true)).toBe(true);
  await service.save({ openAtLogin: true, openAsHidden: false });
  expect(service.launchedHidden(['/Applications/Track Nexus.app'], true)).toBe(false);
});

it('offers nothing where the build cannot start at login, and says why', async () => {
  const os = fakePort('Start at login is only in the installed desktop app.');
  const service = createStartupService({ port: os.port, dataDir: tempDir() });
  await service.applyFirstRunDefault();
  expect(os.calls).toEqual([]);
  expect(await service.state()).toMatchObject({ available: false, reason: 'Start at login is only in the installed desktop app.', openAtLogin: false, showFirstRunNotice: false });
  await expect(service.save({ openAtLogin: true, openAsHidden: true })).rejects.toThrow(/only in the installed desktop app/);
});
