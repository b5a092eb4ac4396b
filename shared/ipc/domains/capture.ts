// Calls and events of activity capture and away time. Capture settings live in main, because the
// privacy rules must be applied there before anything is stored, and capture starts before any
// window is open; the renderer reads and edits them through these calls.
import { z } from 'zod';
import { CaptureSettings, CaptureStatus, SegmentAck, captureEventSchemas } from '../../capture/types';

const none = z.undefined();

const CaptureState = z.object({ status: CaptureStatus, settings: CaptureSettings });
type CaptureState = z.infer<typeof CaptureState>;

export const captureCalls = {
  'capture:getState': { request: none, response: CaptureState },
  /** Validated against the same schema the privacy rules use: a pattern RE2 cannot run (look-around, back-reference) is refused here. */
  'capture:saveSettings': { request: CaptureSettings, response: CaptureState },
  /** The renderer stored these segment versions; main may forget them. */
  'capture:ackSegments': {
    request: z.object({ acks: z.array(SegmentAck).max(10_000) }),
    response: z.object({ acknowledged: z.number().int().nonnegative() }),
  },
  /** The renderer is listening: send whatever it has not acknowledged yet (e.g. replayed at start). */
  'capture:resendPending': { request: none, response: z.object({ resent: z.number().int().nonnegative() }) },
  /**
   * Someone is looking at today's activity: bring it up to date now. With focus events main does
   * nothing while the window in front stays the same, so the open segment reaches the renderer
   * only at the next change or idle check otherwise.
   */
  'capture:refreshSegments': { request: none, response: z.object({ ok: z.literal(true) }) },
  'capture:setPaused': {
    request: z.object({ paused: z.boolean(), reason: z.string().max(200).optional() }),
    response: CaptureState,
  },
} as const;

/** Away time reaches the renderer once, as capture:away (first with end null, then with its end). */
export const captureEvents = {
  'capture:segments': captureEventSchemas['capture:segments'],
  'capture:away': captureEventSchemas['capture:away'],
  'capture:status': captureEventSchemas['capture:status'],
} as const;
