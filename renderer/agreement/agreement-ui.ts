import { create } from 'zustand';
import type { AgreementUnit } from '../../shared/agreement/index';
import type { Id } from '../../shared/model/types';
import type { SortDirection, SortKey } from './format';

/**
 * UI state of the Agreement view: what is compared and where the user stands. Kept while the user switches views,
 * reset when another project opens (its coders and codes are others).
 */
export type AgreementPane = 'table' | 'disagreements' | 'resolutions' | 'ratings';

interface AgreementUiState {
  projectId?: Id;
  /** Undefined: the two coders who coded most. */
  coderIds?: Id[];
  unit: AgreementUnit;
  /** Undefined: all codes. */
  codeIds?: Id[];
  /** Undefined: all documents. */
  documentIds?: Id[];
  pane: AgreementPane;
  sort: { key: SortKey; direction: SortDirection };
  expanded: Id[];
  /** The navigator's pair, when three or more coders are compared; undefined: the first two chosen. */
  pair?: [Id, Id];
  /** The navigator's code; undefined: all codes. */
  navigatorCode?: Id;
  position: { index: number; key?: string };
  forProject(projectId: Id): void;
  set(changes: Partial<Omit<AgreementUiState, 'forProject' | 'set' | 'toggleExpanded'>>): void;
  toggleExpanded(codeId: Id): void;
}

const initial = {
  coderIds: undefined,
  unit: 'character' as AgreementUnit,
  codeIds: undefined,
  documentIds: undefined,
  pane: 'table' as AgreementPane,
  sort: { key: 'kappa' as SortKey, direction: 'ascending' as SortDirection },
  expanded: [] as Id[],
  pair: undefined,
  navigatorCode: undefined,
  position: { index: 0 },
};

export const useAgreementUi = create<AgreementUiState>()((set, get) => ({
  ...initial,
  forProject: (projectId) => {
    if (get().projectId !== projectId) set({ ...initial, projectId });
  },
  set: (changes) => set(changes),
  toggleExpanded: (codeId) => {
    const expanded = get().expanded;
    set({ expanded: expanded.includes(codeId) ? expanded.filter((id) => id !== codeId) : [...expanded, codeId] });
  },
}));
