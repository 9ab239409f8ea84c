import { useCallback } from 'react';
import { create } from 'zustand';
import type { CodeSelection, ExtractFilter } from '../../../shared/query';

/** UI state of the Queries view: which query is open and each query's settings, kept while the view is closed. */
export type QueryKind = 'segments' | 'cooccurrence' | 'matrix' | 'framework' | 'boolean' | 'search' | 'words';

interface QueriesUiState {
  kind: QueryKind;
  forms: Partial<Record<QueryKind, unknown>>;
  setKind(kind: QueryKind): void;
  setForm(kind: QueryKind, form: unknown): void;
}

export const useQueriesUi = create<QueriesUiState>()((set, get) => ({
  kind: 'segments',
  forms: {},
  setKind: (kind) => set({ kind }),
  setForm: (kind, form) => set({ forms: { ...get().forms, [kind]: form } }),
}));

/** One query's settings: the stored ones, else `initial`; `update` merges changes. */
export function useQueryForm<T extends object>(kind: QueryKind, initial: T): [T, (changes: Partial<T>) => void] {
  const stored = useQueriesUi((s) => s.forms[kind]) as T | undefined;
  const form = stored ?? initial;
  const update = useCallback(
    (changes: Partial<T>) => {
      const current = (useQueriesUi.getState().forms[kind] as T | undefined) ?? initial;
      useQueriesUi.getState().setForm(kind, { ...current, ...changes });
    },
    // `initial` is a fresh object each render; the stored form takes over after the first change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [kind],
  );
  return [form, update];
}

/** True when a selection names nothing. */
export function isEmptySelection(selection: CodeSelection): boolean {
  return (selection.codeIds?.length ?? 0) === 0 && (selection.themeIds?.length ?? 0) === 0;
}

/** A filter without its empty parts (so "no condition" is never sent as "match nothing"). */
export function cleanFilter(filter: ExtractFilter): ExtractFilter | undefined {
  const out: ExtractFilter = {};
  if (filter.documentIds) out.documentIds = filter.documentIds;
  if (filter.caseIds) out.caseIds = filter.caseIds;
  if (filter.coderIds) out.coderIds = filter.coderIds;
  if (filter.attributes && filter.attributes.length > 0) out.attributes = filter.attributes;
  if (filter.text?.trim()) out.text = filter.text.trim();
  return Object.keys(out).length > 0 ? out : undefined;
}
