// Subscribes to main's `capture:away` event. The lead is adding it to the contract
// (shared/ipc/domains/capture.ts); until that lands in the contract the channel is reached through
// an untyped view of api.on and the payload is validated here with the shared AwayPeriod schema.
import { AwayPeriod } from '../../../../shared/capture/types';
import { api } from '../../platform/api';
import type { AwayEvent } from './away-plan';

type LooseOn = (event: string, listener: (payload: unknown) => void) => () => void;

export function onAway(listener: (away: AwayEvent) => void): () => void {
  const on = api.on as unknown as LooseOn;
  return on('capture:away', (payload) => {
    const parsed = AwayPeriod.safeParse(payload);
    if (parsed.success) listener(parsed.data);
  });
}
