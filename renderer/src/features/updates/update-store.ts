// The window's view of automatic updates: main's update state (update:stateChanged), the calls
// Settings and the ready notice make, and what the window is busy with. Anything that must not be
// interrupted by a restart (the running timer, a dialog with unsaved changes, a QuickBooks sync)
// reports itself with useReportBusy; UpdateBridge sends the list to main.
import { useEffect } from 'react';
import { create } from 'zustand';
import type { BusyReason, UpdateChannel, UpdateState } from '../../../../shared/ipc/contract';
import { api } from '../../platform/api';

interface UpdateStore {
  state: UpdateState | null;
  error: string | null;
  /** How many places report each reason (two open dialogs, two companies syncing). */
  busy: Record<BusyReason, number>;
  apply(state: UpdateState): void;
  load(): Promise<void>;
  checkNow(): Promise<void>;
  setChannel(channel: UpdateChannel): Promise<void>;
  restart(): Promise<void>;
  cancelRestart(): Promise<void>;
  addBusy(reason: BusyReason, by: 1 | -1): void;
}

export const useUpdates = create<UpdateStore>((set) => {
  const call = async (run: () => ReturnType<typeof api.invoke<'update:getState'>>) => {
    const r = await run();
    set(r.ok ? { state: r.value, error: null } : { error: r.error.message });
  };
  return {
    state: null,
    error: null,
    busy: { timer: 0, dialog: 0, sync: 0 },
    apply: (state) => set({ state }),
    load: () => call(() => api.invoke('update:getState')),
    checkNow: () => call(() => api.invoke('update:checkNow')),
    setChannel: (channel) => call(() => api.invoke('update:setChannel', { channel })),
    restart: () => call(() => api.invoke('update:restartApp')),
    cancelRestart: () => call(() => api.invoke('update:cancelRestart')),
    addBusy: (reason, by) => set((s) => ({ busy: { ...s.busy, [reason]: Math.max(0, s.busy[reason] + by) } })),
  };
});

/** While `on`, a restart into an update waits for this (and says so). */
export function useReportBusy(reason: BusyReason, on: boolean): void {
  useEffect(() => {
    if (!on) return;
    const { addBusy } = useUpdates.getState();
    addBusy(reason, 1);
    return () => addBusy(reason, -1);
  }, [reason, on]);
}

/** The reasons now busy, in a stable order. */
export function busyReasons(busy: Record<BusyReason, number>): BusyReason[] {
  return (['timer', 'dialog', 'sync'] as const).filter((r) => busy[r] > 0);
}
