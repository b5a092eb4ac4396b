// WindowSource over get-windows (macOS, Windows; on Linux X11 the same xprop properties are read
// directly, see x11-properties.ts), used by the Electron app and the Node harness alike.
// get-windows is loaded lazily: its macOS/Windows builds load a native binding at import time,
// and a machine where capture is unavailable should not pay for (or fail on) that.
import fs from 'node:fs';
import path from 'node:path';
import type * as GetWindows from 'get-windows';
import type { ActiveWindowSample, CaptureAvailability, WindowSource } from '../ports';
import { readActiveX11Window } from './x11-properties';

export interface GetWindowsSourceOptions {
  platform?: NodeJS.Platform;
  /** Environment to inspect (DISPLAY, WAYLAND_DISPLAY, XDG_SESSION_TYPE, PATH); defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

/** Whether an executable called `name` is on PATH (no spawn: availability is checked often). */
function onPath(name: string, env: NodeJS.ProcessEnv): boolean {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    try {
      fs.accessSync(path.join(dir, name), fs.constants.X_OK);
      return true;
    } catch {
      /* not in this directory */
    }
  }
  return false;
}

/** Why capture cannot work on this Linux session, or null when it can. */
export function linuxAvailability(env: NodeJS.ProcessEnv): CaptureAvailability {
  const wayland = env.XDG_SESSION_TYPE === 'wayland' || (Boolean(env.WAYLAND_DISPLAY) && !env.DISPLAY);
  if (wayland) {
    return {
      available: false,
      reason: 'Wayland does not let apps read the active window, so Track Nexus cannot capture activity in this session.',
      hint: 'Log in with an "Ubuntu on Xorg" (X11) session to use activity capture; timers work either way.',
    };
  }
  if (!env.DISPLAY) {
    return {
      available: false,
      reason: 'No X11 display is set (DISPLAY is empty), so there is no active window to read.',
      hint: 'Start Track Nexus from your desktop session.',
    };
  }
  const missing = ['xprop', 'xwininfo'].filter((tool) => !onPath(tool, env));
  if (missing.length > 0) {
    return {
      available: false,
      reason: `Reading the active window on X11 needs ${missing.join(' and ')}, which ${missing.length > 1 ? 'are' : 'is'} not installed.`,
      hint: 'Install x11-utils (sudo apt install x11-utils), then turn capture off and on again.',
    };
  }
  return { available: true };
}

type GetWindowsModule = typeof GetWindows;

export function createGetWindowsSource(options: GetWindowsSourceOptions = {}): WindowSource {
  const platform = options.platform ?? process.platform;
  const env = () => options.env ?? process.env;
  let loaded: Promise<GetWindowsModule> | null = null;
  const load = () => (loaded ??= import('get-windows'));

  return {
    async activeWindow(): Promise<ActiveWindowSample | null> {
      // On Linux, read xprop directly: get-windows loses titles containing '=' (see x11-properties.ts).
      if (platform === 'linux') return readActiveX11Window(env());
      const { activeWindow } = await load();
      // get-windows returns undefined when nothing is focused and also when xprop fails; its
      // macOS build asks for screen-recording permission only if titles are requested, which we need.
      const result = await activeWindow();
      if (!result) return null;
      return {
        app: result.owner.name,
        title: result.title ?? '',
        url: 'url' in result && typeof result.url === 'string' ? result.url : null,
        path: result.owner.path,
        pid: result.owner.processId,
      };
    },
    async availability(): Promise<CaptureAvailability> {
      if (platform === 'linux') return linuxAvailability(env());
      if (platform === 'darwin' || platform === 'win32') {
        try {
          await load();
          return { available: true };
        } catch (error) {
          return {
            available: false,
            reason: `The active-window reader could not load: ${error instanceof Error ? error.message : String(error)}`,
            hint: 'Reinstall Track Nexus.',
          };
        }
      }
      return { available: false, reason: `Activity capture is not supported on ${platform}.`, hint: 'Timers and manual entries still work.' };
    },
  };
}
