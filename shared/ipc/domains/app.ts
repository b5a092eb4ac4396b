// Calls and events of the app shell and the tray.
import { z } from 'zod';

const none = z.undefined();

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  /** 'electron' in the desktop app, 'harness' in the browser harness (npm run web). */
  shell: z.enum(['electron', 'harness']),
  /** The global start/stop shortcut as the user types it ("Ctrl+Alt+T"), or null where none is registered. */
  toggleShortcut: z.string().max(40).nullable(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const TrayState = z.object({
  running: z
    .object({
      projectId: z.string().nullable(),
      label: z.string().max(200),
      startedAt: z.number().int().nonnegative(),
    })
    .nullable(),
  /** Projects offered under "Switch to" in the tray menu, most recent first. */
  recent: z.array(z.object({ projectId: z.string(), label: z.string().max(200) })).max(10),
  /** What the tray's Start starts when nothing runs: the timer bar's choice, else the last used project. */
  next: z.object({ projectId: z.string().nullable(), label: z.string().max(200) }),
});
export type TrayState = z.infer<typeof TrayState>;

export const TrayCommand = z.discriminatedUnion('kind', [
  /** Starts exactly this project (null = no project). */
  z.object({ kind: z.literal('start'), projectId: z.string().nullable() }),
  z.object({ kind: z.literal('switch'), projectId: z.string() }),
  z.object({ kind: z.literal('stop') }),
  z.object({ kind: z.literal('toggle') }),
]);
export type TrayCommand = z.infer<typeof TrayCommand>;

export const Screen = z.enum(['today', 'review', 'timesheet', 'invoices', 'expenses', 'reports', 'quickbooks', 'settings', 'trash']);
export type Screen = z.infer<typeof Screen>;

/** On after an unclean shutdown: capture paused and rule suggestions off until the user turns the rules back on. */
const SafeMode = z.object({ on: z.boolean() });

export const appCalls = {
  'app:getInfo': { request: none, response: AppInfo },
  'tray:setState': { request: TrayState, response: z.object({ shown: z.boolean() }) },
  'app:getSafeMode': { request: none, response: SafeMode },
  /** Turns the rules back on: capture resumes and the review suggests by rules again. */
  'app:leaveSafeMode': { request: none, response: SafeMode },
} as const;

export const appEvents = {
  'tray:command': TrayCommand,
} as const;
