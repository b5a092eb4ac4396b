// Start at login on Linux: an XDG autostart entry under a temporary HOME, with the hidden flag when
// asked, removed when turned off, and honoured as off when the desktop disabled it.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { xdgAutostartPort } from '../../../electron/main/startup/xdg-autostart';

it('writes ~/.config/autostart/track-nexus.desktop that starts the app hidden, and removes it', async () => {
  const home = mkdtempSync(join(tmpdir(), 'tn-home-'));
  const port = xdgAutostartPort({ home, command: '/home/ana/Apps/Track Nexus.AppImage' });
  const file = join(home, '.config', 'autostart', 'track-nexus.desktop');
  expect(await port.isEnabled()).toBe(false);

  await port.set({ openAtLogin: true, openAsHidden: true });
  const entry = readFileSync(file, 'utf8');
  expect(entry.split('\n')[0]).toBe('[Desktop Entry]');
  expect(entry).toContain('Type=Application\n');
  expect(entry).toContain('Exec="/home/ana/Apps/Track Nexus.AppImage" --hidden\n');
  expect(await port.isEnabled()).toBe(true);

  await port.set({ openAtLogin: true, openAsHidden: false });
  expect(readFileSync(file, 'utf8')).toContain('Exec="/home/ana/Apps/Track Nexus.AppImage"\n');

  await port.set({ openAtLogin: false, openAsHidden: false });
  expect(existsSync(file)).toBe(false);
  expect(await port.isEnabled()).toBe(false);
});

it('uses $XDG_CONFIG_HOME, and counts an entry the desktop disabled as off', async () => {
  const home = mkdtempSync(join(tmpdir(), 'tn-home-'));
  const configHome = join(home, 'cfg');
  const port = xdgAutostartPort({ home, configHome, command: '/usr/bin/track-nexus' });
  await port.set({ openAtLogin: true, openAsHidden: true });
  const file = join(configHome, 'autostart', 'track-nexus.desktop');
  expect(readFileSync(file, 'utf8')).toContain('Exec=/usr/bin/track-nexus --hidden\n');
  writeFileSync(file, readFileSync(file, 'utf8') + 'Hidden=true\n');
  expect(await port.isEnabled()).toBe(false);
});
