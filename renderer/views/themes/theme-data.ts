import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useRef } from 'react';
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
  // One live query for the three tables, so one change (a drop on the map touches a theme and the layout) gives one
  // new state, not one per table.
  const live = useLiveQuery(
    () =>
      db.transaction('r', [db.themes, db.codes, db.meta], async () => ({
        themes: await db.themes.orderBy('order').toArray(),
        codes: await db.codes.toArray(),
        layoutValue: (await db.meta.get(MAP_LAYOUT_KEY))?.value ?? null,
      })),
    [db],
  );
  const countsQuery = useQuery(COUNTS_REQUEST);
  // The counts come back as a new object after every change; keep the old one when nothing in it changed, so the
  // map is not laid out again for nothing.
  const countsRef = useRef<{ key: string; counts: Record<Id, CodeCount> }>({ key: '', counts: NO_COUNTS });
  const fresh = countsQuery.data?.counts;
  if (fresh) {
    const key = JSON.stringify(fresh);
    if (key !== countsRef.current.key) countsRef.current = { key, counts: fresh };
  }
  const counts = countsRef.current.counts;
  const countsLoading = countsQuery.loading && !fresh;
  return useMemo(() => {
    if (!live) return undefined;
    const ordered = codebookOrder(live.codes);
    return {
      themes: live.themes,
      themeById: new Map(live.themes.map((t) => [t.id, t])),
      codes: ordered,
      codeById: new Map(live.codes.map((c) => [c.id, c])),
      paths: codePaths(live.codes),
      layout: readMapLayout(live.layoutValue),
      counts,
      countsLoading,
    };
  }, [live, counts, countsLoading]);
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
