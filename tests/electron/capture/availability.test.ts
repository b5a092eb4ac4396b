import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGetWindowsSource, linuxAvailability } from '../../../electron/main/capture/get-windows-source';
import { createXprintidleSource } from '../../../electron/main/idle/xprintidle-source';

let bin: string;
const fakeTool = (dir: string, name: string, script = '#!/bin/sh\nexit 0\n') => {
  fs.writeFileSync(path.join(dir, name), script, { mode: 0o755 });
};

beforeAll(() => {
  bin = fs.mkdtempSync(path.join(os.tmpdir(), 'tn-bin-'));
});
afterAll(() => {
  fs.rmSync(bin, { recursive: true, force: true });
});

describe('capture availability on Linux', () => {
  it('explains that Wayland sessions cannot be captured', async () => {
    const source = createGetWindowsSource({ platform: 'linux', env: { XDG_SESSION_TYPE: 'wayland', DISPLAY: ':0', PATH: '/usr/bin' } });
    expect(await source.availability()).toEqual({
      available: false,
      reason: expect.stringMatching(/Wayland does not let apps read the active window/),
      hint: expect.stringMatching(/X11|Xorg/),
    });
    expect(linuxAvailability({ WAYLAND_DISPLAY: 'wayland-0', PATH: '/usr/bin' })).toMatchObject({ available: false, reason: expect.stringMatching(/Wayland/) });
  });

  it('asks for x11-utils when xprop or xwininfo is missing', () => {
    const onlyXwininfo = fs.mkdtempSync(path.join(bin, 'a-'));
    fakeTool(onlyXwininfo, 'xwininfo');
    expect(linuxAvailability({ DISPLAY: ':0', PATH: onlyXwininfo })).toEqual({
      available: false,
      reason: 'Reading the active window on X11 needs xprop, which is not installed.',
      hint: 'Install x11-utils (sudo apt install x11-utils), then turn capture off and on again.',
    });
    expect(linuxAvailability({ DISPLAY: ':0', PATH: fs.mkdtempSync(path.join(bin, 'empty-')) })).toMatchObject({
      reason: 'Reading the active window on X11 needs xprop and xwininfo, which are not installed.',
      hint: expect.stringContaining('sudo apt install x11-utils'),
    });
  });

  it('reports a missing display, and is available with an X11 display and both tools', () => {
    const both = fs.mkdtempSync(path.join(bin, 'b-'));
    fakeTool(both, 'xprop');
    fakeTool(both, 'xwininfo');
    expect(linuxAvailability({ PATH: both })).toMatchObject({ available: false, reason: expect.stringMatching(/No X11 display/) });
    expect(linuxAvailability({ DISPLAY: ':0', XDG_SESSION_TYPE: 'x11', PATH: both })).toEqual({ available: true });
    // An X11 session that also exports WAYLAND_DISPLAY (XWayland apps) still works through DISPLAY.
    expect(linuxAvailability({ DISPLAY: ':0', WAYLAND_DISPLAY: 'wayland-0', XDG_SESSION_TYPE: 'x11', PATH: both })).toEqual({ available: true });
  });

  it('says other platforms are unsupported instead of failing', async () => {
    expect(await createGetWindowsSource({ platform: 'freebsd' }).availability()).toMatchObject({ available: false, reason: expect.stringMatching(/not supported on freebsd/) });
  });
});

describe('xprintidle idle source', () => {
  it('converts milliseconds to seconds', async () => {
    const dir = fs.mkdtempSync(path.join(bin, 'idle-'));
    fakeTool(dir, 'xprintidle', '#!/bin/sh\necho 4250\n');
    const source = createXprintidleSource({ binary: path.join(dir, 'xprintidle') });
    expect(await source.idleSeconds()).toBe(4.25);
    expect(source.limitations()).toEqual([]);
  });

  it('falls back to never idle, and says so, when xprintidle is missing', async () => {
    const source = createXprintidleSource({ binary: path.join(bin, 'no-such-xprintidle') });
    expect(await source.idleSeconds()).toBe(0);
    expect(source.limitations()).toEqual([expect.stringMatching(/xprintidle is not installed/)]);
  });
});
