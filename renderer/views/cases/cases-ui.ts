import { create } from 'zustand';

/** UI state of the Participants view: which table is shown, and a participant sheet waiting for its preview. */
export type CasesTab = 'cases' | 'documents';

interface CasesUiState {
  tab: CasesTab;
  setTab(tab: CasesTab): void;
  /** A sheet dropped or picked elsewhere (e.g. with transcripts), for the view to open in its import preview. */
  pendingSheet?: { name: string; bytes: Uint8Array };
  openSheet(file: { name: string; bytes: Uint8Array }): void;
  takeSheet(): { name: string; bytes: Uint8Array } | undefined;
}

export const useCasesUi = create<CasesUiState>()((set, get) => ({
  tab: 'cases',
  setTab: (tab) => set({ tab }),
  openSheet: (file) => set({ pendingSheet: file, tab: 'cases' }),
  takeSheet: () => {
    const sheet = get().pendingSheet;
    if (sheet) set({ pendingSheet: undefined });
    return sheet;
  },
}));

/** The id of the Participants view in the workspace's list of views. */
export const CASES_VIEW_ID = 'cases';
