import { create } from 'zustand';
import { emptyDraft, type Draft } from './builder-draft';

/** The builder's UI state: open or not, and the draft, kept while the user visits other screens. */
export interface BuilderState {
  open: boolean;
  draft: Draft;
  /** Set once the user tried to save or preview: from then on every problem shows beside its field. */
  attempted: boolean;
  start(draft?: Draft): void;
  update(patch: Partial<Draft>): void;
  attempt(): void;
  close(): void;
}

export const useBuilderStore = create<BuilderState>((set) => ({
  open: false,
  draft: emptyDraft(),
  attempted: false,
  start: (draft = emptyDraft()) => set({ open: true, draft, attempted: false }),
  update: (patch) => set((s) => ({ draft: { ...s.draft, ...patch } })),
  attempt: () => set({ attempted: true }),
  close: () => set({ open: false, draft: emptyDraft(), attempted: false }),
}));
