import { newId } from '../../shared/model/ids';
import { paletteColor } from '../../shared/model/palette';
import type { CodeRecord, Id, ThemeRecord, ThemeStatus } from '../../shared/model/types';
import type { ChangeWriter, Command } from '../db/command-history';

/**
 * Commands on themes (phases 3 to 5): create, rename, define, set status, gather codes, nest, merge, split, delete,
 * and the thematic map's layout and links. Each is one undoable change. Their audit entries are the theme's history
 * (names beginning with "theme."), so labels say exactly what happened, with names, e.g.
 * 'Move “Trust” from “Partnership” to “Professional confidence”'.
 */

/** Where the thematic map keeps its layout and the links between themes (in the project's meta table). */
export const MAP_LAYOUT_KEY = 'map-layout';

export interface MapPoint {
  x: number;
  y: number;
}

export interface MapLink {
  id: Id;
  from: Id;
  to: Id;
}

/** The map's stored layout: positions of top-level themes and of code cards outside any theme, and theme links. */
export interface MapLayout {
  themes: Record<Id, MapPoint>;
  cards: Record<Id, MapPoint>;
  links: MapLink[];
}

export const THEME_STATUSES: readonly ThemeStatus[] = ['candidate', 'under review', 'defined', 'final'];

/** A stored layout read defensively: a damaged or older value gives an empty layout, never a crash. */
export function readMapLayout(value: unknown): MapLayout {
  const layout: MapLayout = { themes: {}, cards: {}, links: [] };
  if (!value || typeof value !== 'object') return layout;
  const v = value as Partial<Record<keyof MapLayout, unknown>>;
  const points = (source: unknown, into: Record<Id, MapPoint>) => {
    if (!source || typeof source !== 'object') return;
    for (const [id, p] of Object.entries(source as Record<string, unknown>)) {
      const point = p as Partial<MapPoint> | null;
      if (point && Number.isFinite(point.x) && Number.isFinite(point.y)) into[id] = { x: point.x!, y: point.y! };
    }
  };
  points(v.themes, layout.themes);
  points(v.cards, layout.cards);
  if (Array.isArray(v.links)) {
    for (const l of v.links as Partial<MapLink>[]) {
      if (l && typeof l.from === 'string' && typeof l.to === 'string' && l.from !== l.to) layout.links.push({ id: typeof l.id === 'string' ? l.id : newId(), from: l.from, to: l.to });
    }
  }
  return layout;
}

async function loadLayout(w: ChangeWriter): Promise<MapLayout> {
  return readMapLayout((await w.db.meta.get(MAP_LAYOUT_KEY))?.value);
}

function saveLayout(w: ChangeWriter, layout: MapLayout): Promise<void> {
  return w.put('meta', { key: MAP_LAYOUT_KEY, value: layout });
}

/** Changes the stored layout inside a command (read, change, write back). */
async function editLayout(w: ChangeWriter, change: (layout: MapLayout) => void): Promise<void> {
  const layout = await loadLayout(w);
  change(layout);
  await saveLayout(w, layout);
}

/** “Name” in curly quotes, shortened when long so Undo's tooltip stays readable. */
export function q(name: string): string {
  const clean = name.replace(/\s+/g, ' ').trim();
  return `“${clean.length > 60 ? `${clean.slice(0, 58).trimEnd()}…` : clean}”`;
}

/** “A”, “B” and “C”; or “A” and 4 other codes when there are many. */
function names(list: readonly { name: string }[]): string {
  if (list.length === 0) return 'no codes';
  if (list.length > 3) return `${q(list[0]!.name)} and ${list.length - 1} other codes`;
  if (list.length === 1) return q(list[0]!.name);
  return `${list.slice(0, -1).map((c) => q(c.name)).join(', ')} and ${q(list.at(-1)!.name)}`;
}

async function requireTheme(w: ChangeWriter, theme: Pick<ThemeRecord, 'id' | 'name'>): Promise<ThemeRecord> {
  const current = await w.db.themes.get(theme.id);
  if (!current) throw new Error(`The theme ${q(theme.name)} no longer exists (it may have been merged or deleted).`);
  return current;
}

/** The theme and every subtheme below it (cycles in damaged data are ignored). */
function subtreeIds(all: readonly ThemeRecord[], id: Id): Set<Id> {
  const out = new Set<Id>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const t of all) if (t.parentId && out.has(t.parentId) && !out.has(t.id)) {
      out.add(t.id);
      grew = true;
    }
  }
  return out;
}

/** A copy of the theme under another parent (no parentId field at all for a top-level theme). */
function withParent(theme: ThemeRecord, parentId: Id | undefined, changes: Partial<ThemeRecord> = {}): ThemeRecord {
  const { parentId: _old, ...rest } = { ...theme, ...changes };
  return parentId ? { ...rest, parentId } : rest;
}

/** Theme colours in the order new themes take them: Paul Tol's bright scheme first, readable on light and dark. */
const THEME_COLOURS = ['#4477aa', '#ee6677', '#228833', '#ccbb44', '#66ccee', '#aa3377', '#44aa99', '#999933', '#cc6677', '#88ccee', '#117733', '#ddcc77'];

/** The first theme colour no theme uses yet (or, when all are taken, one by count). */
export function nextThemeColour(themes: readonly Pick<ThemeRecord, 'color'>[]): string {
  const used = new Set(themes.map((t) => t.color.toLowerCase()));
  return THEME_COLOURS.find((c) => !used.has(c)) ?? paletteColor(themes.length * 5 + 1);
}

const nextOrder = (all: readonly ThemeRecord[], parentId: Id | undefined): number =>
  all.filter((t) => t.parentId === parentId).reduce((max, t) => Math.max(max, t.order + 1), 0);

export interface NewThemeFields {
  name: string;
  parentId?: Id;
  codeIds?: readonly Id[];
  definition?: string;
  color?: string;
  /** Where to put a top-level theme on the map. */
  position?: MapPoint;
}

/** Creates a theme (a subtheme when parentId is given) at the end of its siblings. */
export function createTheme(fields: NewThemeFields, now = Date.now()): { command: Command; id: Id } {
  const name = fields.name.trim();
  if (!name) throw new Error('A theme needs a name.');
  const id = newId();
  return {
    id,
    command: {
      name: 'theme.create',
      label: fields.parentId ? `Create subtheme ${q(name)}` : `Create theme ${q(name)}`,
      run: async (w) => {
        const all = await w.db.themes.toArray();
        if (fields.parentId && !all.some((t) => t.id === fields.parentId)) throw new Error('The theme to put the new subtheme in no longer exists.');
        const theme: ThemeRecord = {
          id,
          name,
          definition: fields.definition ?? '',
          boundaries: '',
          status: 'candidate',
          codeIds: [...new Set(fields.codeIds ?? [])],
          color: fields.color ?? nextThemeColour(all),
          order: nextOrder(all, fields.parentId),
          createdAt: now,
          updatedAt: now,
          ...(fields.parentId ? { parentId: fields.parentId } : {}),
        };
        await w.put('themes', theme);
        if (fields.position && !fields.parentId) {
          const at = fields.position;
          await editLayout(w, (layout) => {
            layout.themes[id] = { x: Math.round(at.x), y: Math.round(at.y) };
            for (const codeId of theme.codeIds) delete layout.cards[codeId];
          });
        }
      },
    },
  };
}

export function renameTheme(theme: Pick<ThemeRecord, 'id' | 'name'>, newName: string, now = Date.now()): Command {
  const name = newName.trim();
  if (!name) throw new Error('A theme needs a name.');
  return {
    name: 'theme.rename',
    label: `Rename theme ${q(theme.name)} to ${q(name)}`,
    run: async (w) => {
      await requireTheme(w, theme);
      await w.update('themes', theme.id, { name, updatedAt: now });
    },
  };
}

export type ThemeText = Partial<Pick<ThemeRecord, 'definition' | 'boundaries' | 'color'>>;

const TEXT_LABEL: Record<keyof ThemeText, string> = { definition: 'definition', boundaries: 'boundaries', color: 'colour' };

/** Edits a theme's definition (its central organising concept), its boundaries (what it is not) or its colour. */
export function editTheme(theme: Pick<ThemeRecord, 'id' | 'name'>, changes: ThemeText, now = Date.now()): Command {
  const fields = (Object.keys(changes) as (keyof ThemeText)[]).filter((f) => changes[f] !== undefined);
  if (fields.length === 0) throw new Error('Nothing to change.');
  return {
    name: fields.length === 1 && fields[0] === 'color' ? 'theme.recolour' : 'theme.define',
    label: `Edit the ${fields.map((f) => TEXT_LABEL[f]).join(' and ')} of ${q(theme.name)}`,
    run: async (w) => {
      await requireTheme(w, theme);
      await w.update('themes', theme.id, { ...changes, updatedAt: now });
    },
  };
}

export function setThemeStatus(theme: Pick<ThemeRecord, 'id' | 'name' | 'status'>, status: ThemeStatus, now = Date.now()): Command {
  if (!THEME_STATUSES.includes(status)) throw new Error(`“${status}” is not a theme status.`);
  return {
    name: 'theme.set-status',
    label: `Change ${q(theme.name)} from ${theme.status} to ${status}`,
    run: async (w) => {
      await requireTheme(w, theme);
      await w.update('themes', theme.id, { status, updatedAt: now });
    },
  };
}

type CodeRef = Pick<CodeRecord, 'id' | 'name'>;

/**
 * Moves codes between themes, or into or out of the themes: the one command behind dragging a code card on the map.
 * - from undefined to B: the codes join B ('Add “Trust” to “B”');
 * - from A to undefined: they leave A ('Remove “Trust” from “A”'); `cardAt` is where the card was dropped;
 * - from A to B: they leave A and join B ('Move “Trust” from “A” to “B”'); with `keepInSource` they stay in A too
 *   ('Also put “Trust” in “B”').
 */
export function moveCodes(options: {
  codes: readonly CodeRef[];
  from?: Pick<ThemeRecord, 'id' | 'name'>;
  to?: Pick<ThemeRecord, 'id' | 'name'>;
  keepInSource?: boolean;
  cardAt?: MapPoint;
  now?: number;
}): Command {
  const { codes, from, to } = options;
  const now = options.now ?? Date.now();
  if (codes.length === 0) throw new Error('Choose at least one code.');
  if (!from && !to) throw new Error('Say which theme the codes go to or come from.');
  if (from && to && from.id === to.id) throw new Error(`The codes are already in ${q(to.name)}.`);
  const ids = codes.map((c) => c.id);
  let name: string;
  let label: string;
  if (from && to) {
    name = options.keepInSource ? 'theme.add-codes' : 'theme.move-codes';
    label = options.keepInSource ? `Also put ${names(codes)} in ${q(to.name)}` : `Move ${names(codes)} from ${q(from.name)} to ${q(to.name)}`;
  } else if (to) {
    name = 'theme.add-codes';
    label = `Add ${names(codes)} to ${q(to.name)}`;
  } else {
    name = 'theme.remove-codes';
    label = `Remove ${names(codes)} from ${q(from!.name)}`;
  }
  return {
    name,
    label,
    run: async (w) => {
      const target = to ? await requireTheme(w, to) : undefined;
      const source = from ? await requireTheme(w, from) : undefined;
      for (const id of ids) if (!(await w.db.codes.get(id))) throw new Error('A code being moved no longer exists.');
      if (source && !options.keepInSource) {
        await w.update('themes', source.id, { codeIds: source.codeIds.filter((id) => !ids.includes(id)), updatedAt: now });
      }
      if (target) {
        const added = ids.filter((id) => !target.codeIds.includes(id));
        await w.update('themes', target.id, { codeIds: [...target.codeIds, ...added], updatedAt: now });
      }
      if (options.cardAt || target) {
        const at = options.cardAt;
        await editLayout(w, (layout) => {
          for (const id of ids) {
            if (at && !target) layout.cards[id] = { x: Math.round(at.x), y: Math.round(at.y) };
            else delete layout.cards[id];
          }
        });
      }
    },
  };
}

/**
 * Makes a theme a subtheme of another (or, with parent undefined, a top-level theme again, at `position` on the map).
 * Refuses to put a theme inside itself or its own subthemes.
 */
export function setThemeParent(theme: Pick<ThemeRecord, 'id' | 'name'>, parent: Pick<ThemeRecord, 'id' | 'name'> | undefined, position?: MapPoint, now = Date.now()): Command {
  return {
    name: parent ? 'theme.make-subtheme' : 'theme.make-top-level',
    label: parent ? `Make ${q(theme.name)} a subtheme of ${q(parent.name)}` : `Make ${q(theme.name)} a theme of its own`,
    run: async (w) => {
      const all = await w.db.themes.toArray();
      const current = await requireTheme(w, theme);
      if (parent) {
        await requireTheme(w, parent);
        if (subtreeIds(all, theme.id).has(parent.id)) throw new Error(`${q(theme.name)} cannot go inside itself or one of its own subthemes.`);
      }
      if (current.parentId === parent?.id) return;
      const order = nextOrder(all.filter((t) => t.id !== theme.id), parent?.id);
      await w.put('themes', withParent(current, parent?.id, { order, updatedAt: now }));
      await editLayout(w, (layout) => {
        if (parent) delete layout.themes[theme.id];
        else if (position) layout.themes[theme.id] = { x: Math.round(position.x), y: Math.round(position.y) };
      });
    },
  };
}

/** Appends what `extra` says to `base` unless it is empty or already there. */
function joinText(base: string, extra: string, sourceName: string): string {
  const a = base.trim();
  const b = extra.trim();
  if (!b || a.includes(b)) return base;
  if (!a) return b;
  return `${a}\n\nFrom ${q(sourceName)}: ${b}`;
}

/**
 * Merges `source` into `target`: the target gathers the source's codes (target's first), its subthemes, its memos
 * and its links on the map; the source's definition and boundaries are added to the target's (nothing is lost);
 * the source is deleted. Merging a theme with one of its own subthemes keeps the survivor where the source was.
 */
export function mergeThemes(source: Pick<ThemeRecord, 'id' | 'name'>, target: Pick<ThemeRecord, 'id' | 'name'>, now = Date.now()): Command {
  if (source.id === target.id) throw new Error('Choose two different themes to merge.');
  return {
    name: 'theme.merge',
    label: `Merge theme ${q(source.name)} into ${q(target.name)}`,
    run: async (w) => {
      const all = await w.db.themes.toArray();
      const s = await requireTheme(w, source);
      const t = await requireTheme(w, target);
      const changes: Partial<ThemeRecord> = {
        codeIds: [...new Set([...t.codeIds, ...s.codeIds])],
        definition: joinText(t.definition, s.definition, s.name),
        boundaries: joinText(t.boundaries, s.boundaries, s.name),
        updatedAt: now,
      };
      // The target was inside the source: it takes the source's place.
      const targetInsideSource = subtreeIds(all, s.id).has(t.id);
      await w.put('themes', withParent(t, targetInsideSource ? s.parentId : t.parentId, changes));
      for (const child of all) {
        if (child.parentId === s.id && child.id !== t.id) await w.update('themes', child.id, { parentId: t.id, updatedAt: now });
      }
      const memos = await w.db.memos.where('[targetType+targetId]').equals(['theme', s.id]).toArray();
      for (const memo of memos) await w.update('memos', memo.id, { targetId: t.id });
      await editLayout(w, (layout) => {
        if (targetInsideSource && !s.parentId && layout.themes[s.id]) layout.themes[t.id] = layout.themes[s.id]!;
        delete layout.themes[s.id];
        const seen = new Set<string>();
        layout.links = layout.links
          .map((l) => ({ ...l, from: l.from === s.id ? t.id : l.from, to: l.to === s.id ? t.id : l.to }))
          .filter((l) => {
            const key = [l.from, l.to].sort().join('|');
            if (l.from === l.to || seen.has(key)) return false;
            seen.add(key);
            return true;
          });
      });
      await w.delete('themes', s.id);
    },
  };
}

/**
 * Splits a theme: the chosen codes leave it for a new theme beside it (same parent, placed next to it on the map).
 * Returns the new theme's id.
 */
export function splitTheme(theme: Pick<ThemeRecord, 'id' | 'name'>, codeIds: readonly Id[], newName: string, now = Date.now()): { command: Command; id: Id } {
  const name = newName.trim();
  if (!name) throw new Error('The new theme needs a name.');
  if (codeIds.length === 0) throw new Error('Choose the codes that go to the new theme.');
  const id = newId();
  return {
    id,
    command: {
      name: 'theme.split',
      label: `Split ${codeIds.length === 1 ? 'a code' : `${codeIds.length} codes`} from ${q(theme.name)} into new theme ${q(name)}`,
      run: async (w) => {
        const all = await w.db.themes.toArray();
        const current = await requireTheme(w, theme);
        const moving = codeIds.filter((c) => current.codeIds.includes(c));
        if (moving.length === 0) throw new Error(`None of the chosen codes is in ${q(theme.name)} any more.`);
        await w.update('themes', current.id, { codeIds: current.codeIds.filter((c) => !moving.includes(c)), updatedAt: now });
        const created: ThemeRecord = {
          id,
          name,
          definition: '',
          boundaries: '',
          status: 'candidate',
          codeIds: moving,
          color: nextThemeColour(all),
          order: nextOrder(all, current.parentId),
          createdAt: now,
          updatedAt: now,
          ...(current.parentId ? { parentId: current.parentId } : {}),
        };
        await w.put('themes', created);
        if (!current.parentId) {
          await editLayout(w, (layout) => {
            const at = layout.themes[current.id];
            if (at) layout.themes[id] = { x: at.x + 40, y: at.y + 40 };
          });
        }
      },
    },
  };
}

/** Deletes a theme: its subthemes move up to its parent, its memos and map links go with it. Undo brings all back. */
export function deleteTheme(theme: Pick<ThemeRecord, 'id' | 'name'>, now = Date.now()): Command {
  return {
    name: 'theme.delete',
    label: `Delete theme ${q(theme.name)}`,
    run: async (w) => {
      const current = await requireTheme(w, theme);
      const children = await w.db.themes.where('parentId').equals(current.id).toArray();
      const layout = await loadLayout(w);
      const at = layout.themes[current.id];
      for (const [i, child] of children.entries()) {
        await w.put('themes', withParent(child, current.parentId, { updatedAt: now }));
        // Subthemes that become themes of their own appear where their parent was.
        if (!current.parentId && at) layout.themes[child.id] = { x: at.x + i * 30, y: at.y + i * 30 };
      }
      delete layout.themes[current.id];
      layout.links = layout.links.filter((l) => l.from !== current.id && l.to !== current.id);
      await saveLayout(w, layout);
      const memos = await w.db.memos.where('[targetType+targetId]').equals(['theme', current.id]).primaryKeys();
      await w.deleteMany('memos', memos);
      await w.delete('themes', current.id);
    },
  };
}

/** Links two themes on the map (a relation the researcher draws, e.g. one theme feeding another). */
export function linkThemes(a: Pick<ThemeRecord, 'id' | 'name'>, b: Pick<ThemeRecord, 'id' | 'name'>): Command {
  if (a.id === b.id) throw new Error('A theme cannot be linked to itself.');
  return {
    name: 'theme.link',
    label: `Link ${q(a.name)} with ${q(b.name)}`,
    run: async (w) => {
      await requireTheme(w, a);
      await requireTheme(w, b);
      await editLayout(w, (layout) => {
        if (layout.links.some((l) => (l.from === a.id && l.to === b.id) || (l.from === b.id && l.to === a.id))) return;
        layout.links.push({ id: newId(), from: a.id, to: b.id });
      });
    },
  };
}

export function unlinkThemes(link: MapLink, fromName: string, toName: string): Command {
  return {
    name: 'theme.unlink',
    label: `Remove the link between ${q(fromName)} and ${q(toName)}`,
    run: (w) => editLayout(w, (layout) => {
      layout.links = layout.links.filter((l) => l.id !== link.id);
    }),
  };
}

/** Moves a theme region or a code card on the map (layout only: no theme changes). */
export function moveOnMap(item: { kind: 'theme' | 'card'; id: Id; name: string }, to: MapPoint): Command {
  return {
    name: 'map.move',
    label: `Move ${item.kind === 'theme' ? 'theme' : 'code'} ${q(item.name)} on the map`,
    run: (w) => editLayout(w, (layout) => {
      (item.kind === 'theme' ? layout.themes : layout.cards)[item.id] = { x: Math.round(to.x), y: Math.round(to.y) };
    }),
  };
}

/** Forgets every position on the map (themes and cards go back to the automatic arrangement); links are kept. */
export function resetMapLayout(): Command {
  return {
    name: 'map.reset',
    label: 'Tidy the thematic map',
    run: (w) => editLayout(w, (layout) => {
      layout.themes = {};
      layout.cards = {};
    }),
  };
}
