import { create } from 'zustand';
import type { AgentDefinition } from '@shared/scenario/schema';
import { emptyDraft, type Draft } from './builder-draft';

/** A saved agent opened in the builder: saving replaces its definition, keeping its status. */
export interface Editing {
  id: string;
  status: AgentDefinition['status'];
}

/** The builder's UI state: open or not, and the draft, kept while the user visits other screens. */
export interface BuilderState {
  open: boolean;
  draft: Draft;
  /** The saved agent being edited; null while building a new one. */
  editing: Editing | null;
  /** Set once the user tried to save or preview: from then on every problem shows beside its field. */
  attempted: boolean;
  start(draft?: Draft, editing?: Editing): void;
  update(patch: Partial<Draft>): void;
  attempt(): void;
  close(): void;
}

export const useBuilderStore = create<BuilderState>((set) => ({
  open: false,
  draft: emptyDraft(),
  editing: null,
  attempted: false,
  start: (draft = emptyDraft(), editing) => set({ open: true, draft, editing: editing ?? null, attempted: false }),
  update: (patch) => set((s) => ({ draft: { ...s.draft, ...patch } })),
  attempt: () => set({ attempted: true }),
  close: () => set({ open: false, draft: emptyDraft(), editing: null, attempted: false }),
}));
