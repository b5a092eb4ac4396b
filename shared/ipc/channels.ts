// The names of every renderer→main call and main→renderer event, with no runtime dependencies,
// so the sandboxed preload can import just this list. contract.ts gives each name its schemas and
// the compiler checks that the two agree.

export const invokeChannels = [
  'app:getInfo',
  'app:openExternal',
  'tray:setState',
] as const;

export const eventChannels = ['tray:command', 'app:focusScreen'] as const;

export type InvokeChannel = (typeof invokeChannels)[number];
export type EventChannel = (typeof eventChannels)[number];
