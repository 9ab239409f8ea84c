import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { CoderRecord, Id } from '../../shared/model/types';

/**
 * Who is coding on this computer, and which coders' work is shown. The identity is set once and recorded on every
 * coding; the project's coders table gets a row for it the first time it codes there.
 */
export type CoderVisibility = { mode: 'all' } | { mode: 'mine' } | { mode: 'chosen'; coderIds: Id[] };

interface CoderState {
  me?: CoderRecord;
  visibility: CoderVisibility;
  /** Blind coding: others' codings stay hidden until the coders compare. */
  blind: boolean;
  setMe(me: CoderRecord): void;
  setVisibility(visibility: CoderVisibility): void;
  setBlind(blind: boolean): void;
}

export const useCoder = create<CoderState>()(
  persist(
    (set) => ({
      visibility: { mode: 'all' },
      blind: false,
      setMe: (me) => {
        localStorage.setItem('tessera-coder-id', me.id);
        set({ me });
      },
      setVisibility: (visibility) => set({ visibility }),
      setBlind: (blind) => set({ blind }),
    }),
    { name: 'tessera-coder', storage: createJSONStorage(() => localStorage) },
  ),
);

/** The id of whoever codes on this computer, recorded on every change (undefined until they say who they are). */
export function currentCoderId(): Id | undefined {
  return useCoder.getState().me?.id ?? localStorage.getItem('tessera-coder-id') ?? undefined;
}

/** Whether a coding by this coder is shown under the current settings. */
export function isCoderVisible(coderId: Id, state: Pick<CoderState, 'me' | 'visibility' | 'blind'>): boolean {
  const mine = state.me?.id === coderId;
  if (state.blind) return mine;
  switch (state.visibility.mode) {
    case 'all':
      return true;
    case 'mine':
      return mine;
    case 'chosen':
      return state.visibility.coderIds.includes(coderId);
  }
}
