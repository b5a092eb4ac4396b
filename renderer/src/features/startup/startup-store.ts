// Start at login as the renderer sees it: one store, so Settings › Startup and the first-run notice
// agree, and dismissing the notice or changing the setting updates both.
import { create } from 'zustand';
import type { StartupSettings, StartupState } from '../../../../shared/ipc/contract';
import { api } from '../../platform/api';

interface StartupStore {
  state: StartupState | null;
  error: string | null;
  load(): void;
  save(settings: StartupSettings): Promise<void>;
  dismiss(): Promise<void>;
}

export const useStartup = create<StartupStore>((set) => ({
  state: null,
  error: null,
  load: () => {
    void api.invoke('startup:getState').then((r) => set(r.ok ? { state: r.value, error: null } : { error: r.error.message }));
  },
  save: async (settings) => {
    const r = await api.invoke('startup:saveSettings', settings);
    set(r.ok ? { state: r.value, error: null } : { error: r.error.message });
  },
  dismiss: async () => {
    const r = await api.invoke('startup:dismissNotice');
    set(r.ok ? { state: r.value, error: null } : { error: r.error.message });
  },
}));
