// While a screen shows today's activity, asks main to bring captured activity up to date: when it
// opens and whenever the window comes back to the front. Main sends the open segment only at the
// next change or idle check otherwise (it does not wake while nothing changes), so without this the
// last minutes in one window could be missing from today's review.
import { useEffect } from 'react';
import { api } from '../../platform/api';

export function useCaptureRefresh(showingToday: boolean): void {
  useEffect(() => {
    if (!showingToday) return;
    const refresh = () => {
      void api.invoke('capture:refreshSegments').catch(() => {
        /* capture off or main busy: the next change brings it */
      });
    };
    refresh();
    window.addEventListener('focus', refresh);
    return () => window.removeEventListener('focus', refresh);
  }, [showingToday]);
}
