// Which tab of the QuickBooks screen is open: transient UI state, kept outside the components so it
// survives switching screens and so one tab can send the user to another (e.g. to Conflicts).
import { create } from 'zustand';

export type QboTabId = 'company' | 'mapping' | 'sync' | 'conflicts' | 'audit' | 'reconciliation';

export const useQboTab = create<{ tab: QboTabId; setTab: (tab: QboTabId) => void }>((set) => ({ tab: 'company', setTab: (tab) => set({ tab }) }));
