import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { Id } from '../../../shared/model/types';
import { DEFAULT_ATTRIBUTION } from '../../query/run-query';

/** UI state of the Themes view: which theme is chosen, which sub-view shows, and how the review reads. */
export type ThemesMode = 'map' | 'review' | 'history';
export type ReviewGrouping = 'code' | 'case';

interface ThemesUiState {
  selectedThemeId?: Id;
  mode: ThemesMode;
  grouping: ReviewGrouping;
  /** The attribute coverage is broken down by (undefined: the first case category attribute). */
  coverageAttributeId?: Id;
  /** How copied extracts are attributed, e.g. "{Role}, {case}". */
  template: string;
  select(id: Id | undefined): void;
  setMode(mode: ThemesMode): void;
  review(id: Id): void;
  setGrouping(grouping: ReviewGrouping): void;
  setCoverageAttribute(id: Id | undefined): void;
  setTemplate(template: string): void;
}

export const useThemesUi = create<ThemesUiState>()(
  persist(
    (set) => ({
      mode: 'map',
      grouping: 'code',
      template: DEFAULT_ATTRIBUTION,
      select: (id) => set({ selectedThemeId: id }),
      setMode: (mode) => set({ mode }),
      review: (id) => set({ selectedThemeId: id, mode: 'review' }),
      setGrouping: (grouping) => set({ grouping }),
      setCoverageAttribute: (id) => set({ coverageAttributeId: id }),
      setTemplate: (template) => set({ template }),
    }),
    {
      name: 'tessera-themes-ui',
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ mode: s.mode, grouping: s.grouping, template: s.template, coverageAttributeId: s.coverageAttributeId }),
    },
  ),
);
