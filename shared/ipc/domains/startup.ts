// Calls of start at login (Settings › Startup, and the first-run notice).
import { z } from 'zod';

const none = z.undefined();

export const StartupSettings = z.object({
  openAtLogin: z.boolean(),
  /** A start at login keeps the window closed; the app waits in the tray. */
  openAsHidden: z.boolean(),
});
export type StartupSettings = z.infer<typeof StartupSettings>;

export const StartupState = StartupSettings.extend({
  /** False in the browser harness and in a development run, with the reason. */
  available: z.boolean(),
  reason: z.string().nullable(),
  /** The one-sentence explanation of the default, until the user dismisses it. */
  showFirstRunNotice: z.boolean(),
});
export type StartupState = z.infer<typeof StartupState>;

export const startupCalls = {
  'startup:getState': { request: none, response: StartupState },
  'startup:saveSettings': { request: StartupSettings, response: StartupState },
  'startup:dismissNotice': { request: none, response: StartupState },
} as const;
