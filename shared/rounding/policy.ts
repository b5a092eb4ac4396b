// How billable time is rounded, and which policy applies to a project.
import { z } from 'zod';

export const RoundingPolicy = z.object({
  incrementMinutes: z.union([z.literal(1), z.literal(6), z.literal(10), z.literal(15), z.literal(30)]),
  /** 'nearest' rounds a tie (exactly half an increment) up, like half-up money rounding. */
  mode: z.enum(['up', 'down', 'nearest']),
  /** 'entry' rounds each entry; 'projectDay' rounds the sum of a project's entries per local day. */
  scope: z.enum(['entry', 'projectDay']),
});
export type RoundingPolicy = z.infer<typeof RoundingPolicy>;

export interface RoundingSettings {
  /** The project's override. Fields left out fall back to the workspace default. */
  rounding?: Partial<RoundingPolicy> | null;
}

/**
 * The policy a project's time is billed with: the workspace default, with whatever the project
 * overrides laid on top (a project may change only the increment and keep the workspace mode).
 */
export function effectiveRounding(
  project: RoundingSettings | null,
  workspace: { rounding: RoundingPolicy },
): { policy: RoundingPolicy; source: 'project' | 'workspace' } {
  const override = project?.rounding;
  const overridden = override != null && Object.values(override).some((v) => v !== undefined);
  if (!overridden) return { policy: workspace.rounding, source: 'workspace' };
  return { policy: RoundingPolicy.parse({ ...workspace.rounding, ...stripUndefined(override) }), source: 'project' };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
