// One IPC contract: every renderer→main call with its request and response schema, and every
// main→renderer event with its payload schema. Main validates requests at runtime with these
// schemas; both sides derive their types from them, so there is one copy of the truth.
import { z } from 'zod';
import type { EventChannel, InvokeChannel } from './channels';
import type { IpcResult } from './errors';

const none = z.undefined();

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  /** 'electron' in the desktop app, 'harness' in the browser harness (npm run web). */
  shell: z.enum(['electron', 'harness']),
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
  recent: z
    .array(z.object({ projectId: z.string(), label: z.string().max(200) }))
    .max(10),
});
export type TrayState = z.infer<typeof TrayState>;

export const TrayCommand = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('start'), projectId: z.string().nullable() }),
  z.object({ kind: z.literal('switch'), projectId: z.string() }),
  z.object({ kind: z.literal('stop') }),
  z.object({ kind: z.literal('toggle') }),
]);
export type TrayCommand = z.infer<typeof TrayCommand>;

export const Screen = z.enum(['today', 'review', 'timesheet', 'quickbooks', 'settings']);
export type Screen = z.infer<typeof Screen>;

export const invokeContract = {
  'app:getInfo': { request: none, response: AppInfo },
  'app:openExternal': {
    request: z.object({ url: z.string().max(4096) }),
    response: z.object({ opened: z.literal(true) }),
  },
  'tray:setState': { request: TrayState, response: z.object({ shown: z.boolean() }) },
} as const satisfies Record<InvokeChannel, { request: z.ZodType; response: z.ZodType }>;

export const eventContract = {
  'tray:command': TrayCommand,
  'app:focusScreen': z.object({ screen: Screen }),
} as const satisfies Record<EventChannel, z.ZodType>;

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

export { invokeChannels, eventChannels } from './channels';
export type { InvokeChannel, EventChannel } from './channels';
