// Which company and which tab of the QuickBooks screen are open: transient UI state, kept outside
// the components so it survives switching screens and so one tab can send the user to another
// (e.g. to Conflicts). Every tab shows the chosen company.
import { create } from 'zustand';
import { PRIMARY_COMPANY } from '../../../../shared/qbo/company';

export type QboTabId = 'company' | 'mapping' | 'sync' | 'conflicts' | 'audit' | 'reconciliation';

interface QboTabState {
  tab: QboTabId;
  setTab: (tab: QboTabId) => void;
  companyId: string;
  setCompany: (companyId: string) => void;
}

export const useQboTab = create<QboTabState>((set) => ({
  tab: 'company',
  setTab: (tab) => set({ tab }),
  companyId: PRIMARY_COMPANY,
  setCompany: (companyId) => set({ companyId }),
}));

/** The company the QuickBooks screen shows. */
export const useCompanyId = (): string => useQboTab((s) => s.companyId);
