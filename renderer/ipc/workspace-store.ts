import { create } from 'zustand';

/**
 * UI state only: which workspace (client) this window shows. Set from `workspaces.current` when
 * the app starts and by the switcher; every call of the window names it, and every cached answer
 * is keyed by it.
 */
export interface WorkspaceState {
  /** Null until the host said which workspace the app opens on. */
  current: number | null;
  setCurrent(id: number): void;
}

export const useWorkspaceStore = create<WorkspaceState>((set) => ({
  current: null,
  setCurrent: (id) => set({ current: id }),
}));
