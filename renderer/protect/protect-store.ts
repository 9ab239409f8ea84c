import { create } from 'zustand';
import type { Id } from '../../shared/model/types';
import type { PseudonymReportRow } from '../../shared/protect';
import type { LeakRow, ReviewSuggestion } from './protect-engine';

/**
 * UI state of the Confidentiality view, per project, kept while the user looks at other views: the open section,
 * the last scan for suggestions, the last leak check and the last pseudonymisation's report. Nothing here is project
 * data; it is all worked out again on request.
 */

export type ProtectSection = 'suggestions' | 'table' | 'apply' | 'leaks' | 'export';

export interface SuggestionsState {
  suggestions?: ReviewSuggestion[];
  scannedAt?: number;
  busy: boolean;
  error?: string;
}

export interface LeakState {
  rows?: LeakRow[];
  checkedAt?: number;
  /** How many terms the check looked for. */
  terms?: number;
  /** The project's audit position when it was read: any later change makes the result out of date. */
  auditSeq?: number;
  busy: boolean;
  error?: string;
}

export interface AppliedReport {
  report: PseudonymReportRow[];
  total: number;
  at: number;
  /** "the whole project", "3 documents". */
  scope: string;
}

export interface ProjectProtectUi {
  section?: ProtectSection;
  suggestions: SuggestionsState;
  leaks: LeakState;
  applied?: AppliedReport;
}

const EMPTY: ProjectProtectUi = { suggestions: { busy: false }, leaks: { busy: false } };

interface ProtectStore {
  byProject: Record<Id, ProjectProtectUi>;
  update(projectId: Id, change: (state: ProjectProtectUi) => Partial<ProjectProtectUi>): void;
}

export const useProtectStore = create<ProtectStore>()((set) => ({
  byProject: {},
  update: (projectId, change) =>
    set((store) => {
      const current = store.byProject[projectId] ?? EMPTY;
      return { byProject: { ...store.byProject, [projectId]: { ...current, ...change(current) } } };
    }),
}));

/** This project's Confidentiality UI state, and a function to change it. */
export function useProtectUi(projectId: Id): [ProjectProtectUi, (change: (state: ProjectProtectUi) => Partial<ProjectProtectUi>) => void] {
  const state = useProtectStore((s) => s.byProject[projectId] ?? EMPTY);
  const update = useProtectStore((s) => s.update);
  return [state, (change) => update(projectId, change)];
}
