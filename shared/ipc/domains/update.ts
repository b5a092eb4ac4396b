// Calls and events of the desktop app's automatic updates (electron/main/update/): the update's
// state in words, Check now, the stable/beta channel, Restart to update, and what the window is
// busy with (a restart waits until none of it is).
import { z } from 'zod';

const none = z.undefined();

export const UpdateChannel = z.enum(['stable', 'beta']);
export type UpdateChannel = z.infer<typeof UpdateChannel>;

/** Work a restart must not interrupt: a running timer, a dialog with unsaved changes, a QuickBooks sync. */
export const BusyReason = z.enum(['timer', 'dialog', 'sync']);
export type BusyReason = z.infer<typeof BusyReason>;

export const UpdateStatus = z.enum(['disabled', 'idle', 'checking', 'up-to-date', 'available', 'downloading', 'ready', 'failed']);
export type UpdateStatus = z.infer<typeof UpdateStatus>;

export const UpdateState = z.object({
  status: UpdateStatus,
  /** The state for people ("Downloading version 1.4.0… 40%"). */
  words: z.string().max(400),
  /** The version on offer, once known. */
  version: z.string().max(80).nullable(),
  /** Download progress, 0–100, while downloading. */
  percent: z.number().min(0).max(100).nullable(),
  channel: UpdateChannel,
  /** The user asked to restart; it waits while the window is busy. */
  restartRequested: z.boolean(),
  /** Why the restart waits, in words ("Waiting for the running timer to stop…"), or null. */
  waitingFor: z.string().max(300).nullable(),
});
export type UpdateState = z.infer<typeof UpdateState>;

export const updateCalls = {
  'update:getState': { request: none, response: UpdateState },
  'update:checkNow': { request: none, response: UpdateState },
  'update:setChannel': { request: z.object({ channel: UpdateChannel }), response: UpdateState },
  /** Restarts into the downloaded update now, or as soon as nothing is busy. */
  'update:restartApp': { request: none, response: UpdateState },
  'update:cancelRestart': { request: none, response: UpdateState },
  /** Everything the window is busy with right now (the whole list each time). */
  'update:setBusy': { request: z.object({ reasons: z.array(BusyReason).max(3) }), response: UpdateState },
} as const;

export const updateEvents = {
  'update:stateChanged': UpdateState,
} as const;
