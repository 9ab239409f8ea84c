import { create } from 'zustand';
import type { Id } from '../../shared/model/types';

/** Codes applied most recently (this session), newest first: the palette's number keys apply them. */
interface RecentCodes {
  ids: Id[];
  use(id: Id): void;
}

export const useRecentCodes = create<RecentCodes>()((set, get) => ({
  ids: [],
  use: (id) => set({ ids: [id, ...get().ids.filter((x) => x !== id)].slice(0, 9) }),
}));
