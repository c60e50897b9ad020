import { create } from 'zustand';
import type { DecisionFilterView } from '@shared/ipc/channels/decisions';

/** UI state of the audit trail: the filter being applied and the decision opened. Server data stays in react-query. */
export interface AuditState {
  filter: DecisionFilterView;
  selectedId: string | null;
  setFilter(filter: DecisionFilterView): void;
  select(id: string | null): void;
}

export const useAuditStore = create<AuditState>((set) => ({
  filter: {},
  selectedId: null,
  setFilter: (filter) => set({ filter }),
  select: (selectedId) => set({ selectedId }),
}));
