import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { codebookOrder, codePaths } from '../../../shared/agreement/segment';
import type { CodeRecord, Id, ThemeRecord } from '../../../shared/model/types';
import { useProjectSession } from '../../app/project-session';
import { MAP_LAYOUT_KEY, readMapLayout, type MapLayout } from '../../commands/theme-commands';
import { useQuery } from '../../query/query-client';

export interface CodeCount {
  codings: number;
  documents: number;
  cases: number;
}

export interface ThemesData {
  themes: ThemeRecord[];
  themeById: Map<Id, ThemeRecord>;
  /** Codes in codebook order (depth first). */
  codes: CodeRecord[];
  codeById: Map<Id, CodeRecord>;
  paths: Map<Id, string>;
  layout: MapLayout;
  counts: Record<Id, CodeCount>;
  countsLoading: boolean;
}

const NO_COUNTS: Record<Id, CodeCount> = {};
const COUNTS_REQUEST = { kind: 'code-counts' } as const;

/** Themes, codes, the map's layout and each code's counts, live. Undefined until the first read. */
export function useThemesData(): ThemesData | undefined {
  const { db } = useProjectSession();
  const themes = useLiveQuery(() => db.themes.orderBy('order').toArray(), [db]);
  const codes = useLiveQuery(() => db.codes.toArray(), [db]);
  const layoutValue = useLiveQuery(async () => (await db.meta.get(MAP_LAYOUT_KEY))?.value ?? null, [db]);
  const counts = useQuery(COUNTS_REQUEST);
  return useMemo(() => {
    if (!themes || !codes || layoutValue === undefined) return undefined;
    const ordered = codebookOrder(codes);
    return {
      themes,
      themeById: new Map(themes.map((t) => [t.id, t])),
      codes: ordered,
      codeById: new Map(codes.map((c) => [c.id, c])),
      paths: codePaths(codes),
      layout: readMapLayout(layoutValue),
      counts: counts.data?.counts ?? NO_COUNTS,
      countsLoading: counts.loading,
    };
  }, [themes, codes, layoutValue, counts.data, counts.loading]);
}

/** Themes in tree order (each followed by its subthemes) with their depth, for lists and pickers. */
export function themeTree(themes: readonly ThemeRecord[]): { theme: ThemeRecord; depth: number }[] {
  const ids = new Set(themes.map((t) => t.id));
  const out: { theme: ThemeRecord; depth: number }[] = [];
  const seen = new Set<Id>();
  const visit = (parentId: Id | undefined, depth: number) => {
    const children = themes
      .filter((t) => (parentId ? t.parentId === parentId : !t.parentId || !ids.has(t.parentId)))
      .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
    for (const t of children) {
      if (seen.has(t.id)) continue;
      seen.add(t.id);
      out.push({ theme: t, depth });
      visit(t.id, depth + 1);
    }
  };
  visit(undefined, 0);
  for (const t of themes) if (!seen.has(t.id)) out.push({ theme: t, depth: 0 });
  return out;
}
