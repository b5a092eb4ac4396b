// The data activity capture produces and the settings that govern it. Shared because main
// produces segments and away periods while the renderer stores them and edits the settings.
import { z } from 'zod';
import { checkUserPattern } from './patterns';

/**
 * A stretch of time one window was in front with the same app, title and URL.
 * `id` is stable across re-emissions and restarts: the renderer's store must upsert by id
 * (the latest version wins), because an open segment is re-sent as it grows and unacknowledged
 * segments are offered again after a restart.
 */
export const ActivitySegment = z.object({
  id: z.string().min(1).max(100),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  app: z.string().max(512),
  title: z.string().max(512),
  url: z.string().max(2048).nullable(),
  kind: z.literal('active'),
});
export type ActivitySegment = z.infer<typeof ActivitySegment>;

/** Time the user was away: a separate stream that is never counted as activity. */
export const AwayReason = z.enum(['idle', 'suspend', 'lock']);
export type AwayReason = z.infer<typeof AwayReason>;

export const AwayPeriod = z.object({
  id: z.string().min(1).max(100),
  start: z.number().int().nonnegative(),
  /** null while the user is still away. */
  end: z.number().int().nonnegative().nullable(),
  /** What made the machine count as away first (a lock during idle stays one 'idle' period). */
  reason: AwayReason,
});
export type AwayPeriod = z.infer<typeof AwayPeriod>;

/** Acknowledgement of one stored segment version: `end` pins which version the renderer has. */
export const SegmentAck = z.object({ id: z.string().min(1).max(100), end: z.number().int().nonnegative() });
export type SegmentAck = z.infer<typeof SegmentAck>;

const userPattern = z
  .string()
  .min(1)
  .max(200)
  .superRefine((pattern, ctx) => {
    const problem = checkUserPattern(pattern);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const RedactionRule = z.object({ pattern: userPattern, replacement: z.string().max(100) });
export type RedactionRule = z.infer<typeof RedactionRule>;

/**
 * The default interval is also what `npm run bench:capture` measures. One second matches
 * ActivityWatch's window watcher; on Linux X11 it only sets how often the open segment's end is
 * advanced and journaled, because focus and title changes arrive as events (see focus-events.ts).
 */
export const DEFAULT_INTERVAL_SECONDS = 1;

export const CaptureSettings = z.object({
  /** Capture is opt-in: nothing is read from the OS until the user turns it on. */
  enabled: z.boolean().default(false),
  intervalSeconds: z.number().min(0.5).max(60).default(DEFAULT_INTERVAL_SECONDS),
  /** Largest gap between two matching observations that still extends a segment (ActivityWatch's pulsetime). */
  pulseSeconds: z.number().min(1).max(600).default(DEFAULT_INTERVAL_SECONDS + 1),
  /** Application names or executable paths (case-insensitive, whole name or path suffix). */
  excludedApps: z.array(z.string().min(1).max(200)).max(200).default([]),
  /** Regexes (case-insensitive) tested against the title; a match skips the window. */
  excludedTitlePatterns: z.array(userPattern).max(200).default([]),
  redactions: z.array(RedactionRule).max(200).default([]),
  skipPrivateWindows: z.boolean().default(true),
  idleThresholdSeconds: z.number().int().min(30).max(24 * 3600).default(300),
});
export type CaptureSettings = z.infer<typeof CaptureSettings>;
export type CaptureSettingsInput = z.input<typeof CaptureSettings>;

export const defaultCaptureSettings = (): CaptureSettings => CaptureSettings.parse({});

/** What the Settings screen shows about capture. */
export const CaptureStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('disabled') }),
  z.object({ state: z.literal('running'), mode: z.enum(['events', 'polling']) }),
  z.object({ state: z.literal('paused'), reason: z.string().max(200) }),
  z.object({ state: z.literal('unavailable'), reason: z.string().max(500), hint: z.string().max(500) }),
  z.object({ state: z.literal('failed'), reason: z.string().max(500) }),
]);
export type CaptureStatus = z.infer<typeof CaptureStatus>;

/** Payloads of the events main sends about capture and away time (names follow the IPC contract's style). */
export const captureEventSchemas = {
  'capture:segments': z.array(ActivitySegment),
  'capture:away': AwayPeriod,
  'capture:status': CaptureStatus,
  'away:started': AwayPeriod,
  'away:ended': AwayPeriod,
} as const;
export type CaptureEventMap = { [K in keyof typeof captureEventSchemas]: z.output<(typeof captureEventSchemas)[K]> };
export type CaptureEmit = <E extends keyof CaptureEventMap>(event: E, payload: CaptureEventMap[E]) => void;
