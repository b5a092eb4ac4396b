// The safe-mode banner (issue 14): after an unclean shutdown main starts with the user's rules off
// (capture paused, no rule suggestions). One store, so the review and capture settings agree, and
// the button that turns the rules back on updates both.
import { useEffect } from 'react';
import { create } from 'zustand';
import { api } from '../../platform/api';

interface SafeModeStore {
  on: boolean;
  error: string | null;
  load(): void;
  leave(): Promise<void>;
}

export const useSafeMode = create<SafeModeStore>((set) => ({
  on: false,
  error: null,
  load: () => {
    void api.invoke('app:getSafeMode').then((r) => {
      if (r.ok) set({ on: r.value.on });
    });
  },
  leave: async () => {
    const r = await api.invoke('app:leaveSafeMode');
    set(r.ok ? { on: r.value.on, error: null } : { error: r.error.message });
  },
}));

export function SafeModeBanner() {
  const { on, error, load, leave } = useSafeMode();
  useEffect(load, [load]);
  if (!on) return null;
  return (
    <div role="alert" className="banner error">
      <strong>Safe mode.</strong> Track Nexus did not shut down cleanly last time, so it started with your rules off:
      capture is paused (nothing is recorded, so no title escapes your exclusions and redactions) and rules suggest no projects.{' '}
      <button type="button" className="button small" onClick={() => void leave()}>Turn my rules back on</button>
      {error ? <span> {error}</span> : null}
    </div>
  );
}
