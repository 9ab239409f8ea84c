import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { Id } from '../../shared/model/types';
import type { AgreementSummary, ReportSettings } from './protocol';
import { defaultSettings, readSettings } from './settings';

/**
 * UI state of the Write-up view, kept per project on this computer: the report's options, the pane shown, and the
 * agreement figures last computed (with the data version they were computed on). Quotes the user chose are
 * project data and live in the project (see writeup-commands.ts).
 */
export type WriteupPane = 'report' | 'charts' | 'exports';

export interface StoredAgreement {
  summary: AgreementSummary;
  coderIds: [Id, Id];
  version: number;
  at: number;
}

interface WriteupUiState {
  pane: WriteupPane;
  settings: Record<Id, ReportSettings>;
  agreement: Record<Id, StoredAgreement>;
  setPane(pane: WriteupPane): void;
  settingsFor(projectId: Id): ReportSettings;
  update(projectId: Id, changes: Partial<ReportSettings>): void;
  reset(projectId: Id): void;
  setAgreement(projectId: Id, agreement: StoredAgreement | undefined): void;
}

export const useWriteupUi = create<WriteupUiState>()(
  persist(
    (set, get) => ({
      pane: 'report',
      settings: {},
      agreement: {},
      setPane: (pane) => set({ pane }),
      settingsFor: (projectId) => readSettings(get().settings[projectId]),
      update: (projectId, changes) => set({ settings: { ...get().settings, [projectId]: { ...readSettings(get().settings[projectId]), ...changes } } }),
      reset: (projectId) => set({ settings: { ...get().settings, [projectId]: defaultSettings() } }),
      setAgreement: (projectId, agreement) => {
        const next = { ...get().agreement };
        if (agreement) next[projectId] = agreement;
        else delete next[projectId];
        set({ agreement: next });
      },
    }),
    { name: 'tessera-writeup', storage: createJSONStorage(() => localStorage), partialize: (s) => ({ pane: s.pane, settings: s.settings, agreement: s.agreement }) },
  ),
);
