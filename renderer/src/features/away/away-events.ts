// Subscribes to main's `capture:away` event (shared/ipc/domains/capture.ts): sent once when the
// away time begins (end null) and again with its end when the user is back.
import { api } from '../../platform/api';
import type { AwayEvent } from './away-plan';

export function onAway(listener: (away: AwayEvent) => void): () => void {
  return api.on('capture:away', listener);
}
