// Stores what capture sends and only then acknowledges it, so main can forget a segment only once it
// is safely in IndexedDB (a crash in between means main offers it again, and the upsert by id makes
// that replay harmless). Away periods are kept too: the review timeline shows them as gaps.
import { useEffect } from 'react';
import { currentZone } from '../../app/clock';
import { useRepos } from '../../data/repos-context';
import { api } from '../../platform/api';

export function CaptureBridge() {
  const repos = useRepos();

  useEffect(() => {
    // Batches are stored one after another, so an older version never overwrites a newer one.
    let queue = Promise.resolve();
    const offSegments = api.on('capture:segments', (segments) => {
      queue = queue.then(async () => {
        try {
          const { acks } = await repos.segments.upsertMany(segments, currentZone());
          if (acks.length > 0) await api.invoke('capture:ackSegments', { acks });
        } catch (error) {
          // Not acknowledged: main keeps the segments in its journal and offers them again.
          console.error('Captured activity could not be stored yet', error);
        }
      });
    });
    const offAway = api.on('capture:away', (period) => {
      queue = queue.then(() => repos.segments.upsertAway(period, currentZone()).then(() => undefined, (error: unknown) => console.error(error)));
    });
    // Capture replays its journal when main starts, before any window listens: ask for it now (a
    // reload in Electron mounts this again). In the browser harness a page that stays open while main
    // restarts only reconnects its event stream; the harness offers the pending segments to every
    // stream that connects (electron/harness/server.ts).
    void api.invoke('capture:resendPending');
    return () => {
      offSegments();
      offAway();
    };
  }, [repos]);

  return null;
}
