// One IPC contract: every renderer→main call with its request and response schema, and every
// main→renderer event with its payload schema, gathered from one file per domain. Main validates
// requests at runtime with these schemas; both sides derive their types from them, so there is one
// copy of the truth. Names: calls `domain:verbNoun`, events `domain:noun` or past tense.
import type { z } from 'zod';
import { appCalls, appEvents } from './domains/app';
import { backupCalls } from './domains/backup';
import { backupFileCalls, backupFileEvents } from './domains/backup-file';
import { captureCalls, captureEvents } from './domains/capture';
import { qbdCalls, qbdEvents } from './domains/qbd';
import { qboCalls, qboEvents } from './domains/qbo';
import { updateCalls, updateEvents } from './domains/update';
import { remindersCalls, remindersEvents } from './domains/reminders';
import { diagnosticsCalls } from './domains/diagnostics';
import { startupCalls } from './domains/startup';
import type { IpcResult } from './errors';

type CallSpec = { request: z.ZodType; response: z.ZodType };

export const invokeContract = {
  ...appCalls,
  ...captureCalls,
  ...qboCalls,
  ...qbdCalls,
  ...updateCalls,
  ...backupCalls,
  ...backupFileCalls,
  ...remindersCalls,
  ...diagnosticsCalls,
  ...startupCalls,
} as const satisfies Record<string, CallSpec>;

export const eventContract = {
  ...appEvents,
  ...captureEvents,
  ...qboEvents,
  ...qbdEvents,
  ...updateEvents,
  ...remindersEvents,
  ...backupFileEvents,
} as const satisfies Record<string, z.ZodType>;

export type InvokeChannel = keyof typeof invokeContract;
export type EventChannel = keyof typeof eventContract;

export const invokeChannels = Object.keys(invokeContract) as InvokeChannel[];
export const eventChannels = Object.keys(eventContract) as EventChannel[];

type InvokeSpec<C extends InvokeChannel> = (typeof invokeContract)[C];
export type InvokeRequest<C extends InvokeChannel> = z.input<InvokeSpec<C>['request']>;
export type InvokeResponse<C extends InvokeChannel> = z.output<InvokeSpec<C>['response']>;
export type EventPayload<E extends EventChannel> = z.output<(typeof eventContract)[E]>;

/** Calls whose request is `undefined` take no argument. */
export type InvokeArgs<C extends InvokeChannel> = undefined extends InvokeRequest<C>
  ? [request?: InvokeRequest<C>]
  : [request: InvokeRequest<C>];

/** What the renderer sees as `window.api` (Electron preload) or the harness transport. */
export interface RendererApi {
  invoke<C extends InvokeChannel>(channel: C, ...args: InvokeArgs<C>): Promise<IpcResult<InvokeResponse<C>>>;
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export * from './domains/app';
export * from './domains/capture';
export * from './domains/qbo';
export * from './domains/qbd';
export * from './domains/update';
export * from './domains/backup';
export * from './domains/backup-file';
export * from './domains/startup';
