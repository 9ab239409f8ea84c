import { create } from 'zustand';
import type { Id } from '../../../shared/model/types';

/** Which memos the list shows: every kind, or one. */
export type MemoKindFilter = 'all' | 'journal' | 'project' | 'document' | 'code' | 'coding' | 'theme' | 'case';

interface MemoUiState {
  selectedId?: Id;
  kind: MemoKindFilter;
  query: string;
  select(id: Id | undefined): void;
  setKind(kind: MemoKindFilter): void;
  setQuery(query: string): void;
}

/** UI state of the Memos & journal view, kept while the user switches views (memos themselves live in the database). */
export const useMemoUi = create<MemoUiState>()((set) => ({
  kind: 'all',
  query: '',
  select: (id) => set({ selectedId: id }),
  setKind: (kind) => set({ kind }),
  setQuery: (query) => set({ query }),
}));
