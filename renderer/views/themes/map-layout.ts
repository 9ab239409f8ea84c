import type { Id, ThemeStatus } from '../../../shared/model/types';
import type { MapLayout, MapPoint } from '../../commands/theme-commands';

/**
 * The thematic map's geometry, computed from the themes, the codes and the stored layout: where each theme region,
 * each code card and each link goes, in map coordinates. Pure, so it is tested on its own and the map's DOM and
 * its SVG export draw the same picture.
 *
 * A theme region holds its code cards (flowed in rows, in the theme's order) and then its subthemes' regions, nested.
 * Top-level themes sit where the researcher put them, or in two columns when never moved. Codes in no theme sit where
 * they were dropped, or in a pool below the themes.
 */

export interface MapTheme {
  id: Id;
  name: string;
  parentId?: Id;
  codeIds: readonly Id[];
  color: string;
  status: ThemeStatus;
  order: number;
}

export interface MapCode {
  id: Id;
  name: string;
  color: string;
  /** Codings of the code: the card's size grows with it. */
  count: number;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface ThemeBox extends Box {
  id: Id;
  parentId?: Id;
  depth: number;
  /** Number of codes in the region and its subregions (each code once). */
  codeCount: number;
}

export interface CardBox extends Box {
  /** Unique on the map: a code in two themes has a card in each. */
  key: string;
  codeId: Id;
  themeId?: Id;
  count: number;
  /** 0 for the least frequent code, 1 for the most frequent. */
  weight: number;
}

export interface LinkLine {
  id: Id;
  from: Id;
  to: Id;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface MapGeometry {
  themes: ThemeBox[];
  cards: CardBox[];
  links: LinkLine[];
  /** Where the pool of codes in no theme begins (its heading), when there is one. */
  pool?: { x: number; y: number; w: number; count: number };
  bounds: Box;
}

export const THEME_WIDTH = 440;
export const THEME_GAP = 56;
export const PAD = 12;
export const GAP = 8;
export const HEADER = 52;
export const SUB_HEADER = 36;
export const EMPTY_DROP = 56;
export const POOL_HEADING = 36;
/** Columns of the automatic arrangement: two keep a handful of themes readable without zooming out. */
export const COLUMNS = 2;

/** Card size by frequency: area grows with the square root of the codings count, so a busy code stands out. */
export function cardSize(count: number, maxCount: number): { w: number; h: number; weight: number } {
  const weight = maxCount > 0 ? Math.sqrt(Math.max(0, count) / maxCount) : 0;
  return { w: Math.round(128 + 84 * weight), h: Math.round(46 + 16 * weight), weight };
}

/** Places boxes left to right in rows of `width`, from (x, y). Returns positions and the height used. */
export function flow(sizes: readonly { w: number; h: number }[], x: number, y: number, width: number): { at: MapPoint[]; height: number } {
  const at: MapPoint[] = [];
  let cx = x;
  let cy = y;
  let rowHeight = 0;
  for (const size of sizes) {
    if (cx > x && cx + size.w > x + width) {
      cx = x;
      cy += rowHeight + GAP;
      rowHeight = 0;
    }
    at.push({ x: cx, y: cy });
    cx += size.w + GAP;
    rowHeight = Math.max(rowHeight, size.h);
  }
  return { at, height: sizes.length === 0 ? 0 : cy + rowHeight - y };
}

const byOrder = (a: MapTheme, b: MapTheme) => a.order - b.order || a.name.localeCompare(b.name);

/** The point where the segment from the centre of `box` towards (tx, ty) leaves the box. */
export function edgePoint(box: Box, tx: number, ty: number): MapPoint {
  const cx = box.x + box.w / 2;
  const cy = box.y + box.h / 2;
  const dx = tx - cx;
  const dy = ty - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: cy };
  const sx = dx !== 0 ? box.w / 2 / Math.abs(dx) : Infinity;
  const sy = dy !== 0 ? box.h / 2 / Math.abs(dy) : Infinity;
  const s = Math.min(sx, sy, 1);
  return { x: cx + dx * s, y: cy + dy * s };
}

/** A link's line between two boxes: from edge to edge along the line joining their centres. */
export function linkBetween(a: Box, b: Box): { x1: number; y1: number; x2: number; y2: number } {
  const p = edgePoint(a, b.x + b.w / 2, b.y + b.h / 2);
  const q = edgePoint(b, a.x + a.w / 2, a.y + a.h / 2);
  return { x1: p.x, y1: p.y, x2: q.x, y2: q.y };
}

export function computeMap(themes: readonly MapTheme[], codes: readonly MapCode[], layout: MapLayout): MapGeometry {
  const codeById = new Map(codes.map((c) => [c.id, c]));
  const maxCount = codes.reduce((m, c) => Math.max(m, c.count), 0);
  const themeById = new Map(themes.map((t) => [t.id, t]));
  const children = new Map<Id, MapTheme[]>();
  for (const t of themes) {
    if (!t.parentId || !themeById.has(t.parentId) || t.parentId === t.id) continue;
    const list = children.get(t.parentId) ?? [];
    list.push(t);
    children.set(t.parentId, list);
  }
  for (const list of children.values()) list.sort(byOrder);

  const themeBoxes: ThemeBox[] = [];
  const cards: CardBox[] = [];
  const placed = new Set<Id>();

  /** Lays out a theme region at (x, y); returns its box and the codes it holds (with subthemes). */
  const layoutTheme = (theme: MapTheme, x: number, y: number, width: number, depth: number): { box: ThemeBox; codes: Set<Id> } => {
    placed.add(theme.id);
    const box: ThemeBox = { id: theme.id, depth, x, y, w: width, h: 0, codeCount: 0, ...(depth > 0 && theme.parentId ? { parentId: theme.parentId } : {}) };
    themeBoxes.push(box);
    const held = new Set<Id>();
    let cy = y + (depth === 0 ? HEADER : SUB_HEADER);
    const own = [...new Set(theme.codeIds)].map((id) => codeById.get(id)).filter((c): c is MapCode => !!c);
    const sizes = own.map((c) => cardSize(c.count, maxCount));
    const { at, height } = flow(sizes, x + PAD, cy, width - 2 * PAD);
    own.forEach((code, i) => {
      held.add(code.id);
      cards.push({ key: `${theme.id}:${code.id}`, codeId: code.id, themeId: theme.id, x: at[i]!.x, y: at[i]!.y, w: sizes[i]!.w, h: sizes[i]!.h, count: code.count, weight: sizes[i]!.weight });
    });
    const subs = (children.get(theme.id) ?? []).filter((t) => !placed.has(t.id));
    if (own.length > 0) cy += height + GAP;
    else if (subs.length === 0) cy += EMPTY_DROP + GAP;
    for (const sub of subs) {
      const inner = layoutTheme(sub, x + PAD, cy, width - 2 * PAD, depth + 1);
      for (const id of inner.codes) held.add(id);
      cy += inner.box.h + GAP;
    }
    box.h = cy - GAP + PAD - y;
    box.codeCount = held.size;
    return { box, codes: held };
  };

  // Top-level themes: those without a (valid) parent, then any left over from a cycle in damaged data. A theme the
  // researcher placed stays there; the others fill two columns by their order, each keeping its slot (column by
  // position in the order), so moving or growing one theme never makes another jump to the other column.
  const roots = themes.filter((t) => !t.parentId || !themeById.has(t.parentId) || t.parentId === t.id).sort(byOrder);
  const inThemes = new Set<Id>();
  const columnBottoms = new Array<number>(COLUMNS).fill(0);
  const place = (t: MapTheme, slot: number) => {
    const stored = layout.themes[t.id];
    const column = slot % COLUMNS;
    const { box, codes: held } = stored
      ? layoutTheme(t, stored.x, stored.y, THEME_WIDTH, 0)
      : layoutTheme(t, column * (THEME_WIDTH + THEME_GAP), columnBottoms[column]!, THEME_WIDTH, 0);
    for (const id of held) inThemes.add(id);
    if (!stored) columnBottoms[column] = box.y + box.h + THEME_GAP;
  };
  roots.forEach(place);
  let slot = roots.length;
  for (const t of [...themes].sort(byOrder)) if (!placed.has(t.id)) place(t, slot++);

  // Codes in no theme: where they were dropped, else in the pool below everything.
  const free = codes.filter((c) => !inThemes.has(c.id));
  const pooled: MapCode[] = [];
  for (const code of free) {
    const p = layout.cards[code.id];
    if (!p) {
      pooled.push(code);
      continue;
    }
    const size = cardSize(code.count, maxCount);
    cards.push({ key: `free:${code.id}`, codeId: code.id, x: p.x, y: p.y, w: size.w, h: size.h, count: code.count, weight: size.weight });
  }
  let pool: MapGeometry['pool'];
  const extent = boundsOf([...themeBoxes, ...cards]);
  if (pooled.length > 0) {
    const x = extent ? extent.x : 0;
    const y = extent ? extent.y + extent.h + THEME_GAP : 0;
    const sizes = pooled.map((c) => cardSize(c.count, maxCount));
    // Wide enough for the pool to be about as wide as a screen is, relative to its height, when it holds many cards.
    const area = sizes.reduce((sum, z) => sum + (z.w + GAP) * (z.h + GAP), 0);
    const w = Math.max(extent?.w ?? 0, 2 * THEME_WIDTH + THEME_GAP, Math.round(Math.sqrt(area * 1.6)));
    const { at } = flow(sizes, x, y + POOL_HEADING, w);
    pooled.forEach((code, i) => {
      cards.push({ key: `free:${code.id}`, codeId: code.id, x: at[i]!.x, y: at[i]!.y, w: sizes[i]!.w, h: sizes[i]!.h, count: code.count, weight: sizes[i]!.weight });
    });
    pool = { x, y, w, count: pooled.length };
  }

  const boxById = new Map(themeBoxes.map((b) => [b.id, b]));
  const links: LinkLine[] = [];
  for (const link of layout.links) {
    const a = boxById.get(link.from);
    const b = boxById.get(link.to);
    if (a && b && a !== b) links.push({ id: link.id, from: link.from, to: link.to, ...linkBetween(a, b) });
  }
  const all = boundsOf([...themeBoxes, ...cards, ...(pool ? [{ x: pool.x, y: pool.y, w: pool.w, h: POOL_HEADING }] : [])]);
  return { themes: themeBoxes, cards, links, ...(pool ? { pool } : {}), bounds: all ?? { x: 0, y: 0, w: 0, h: 0 } };
}

export function boundsOf(boxes: readonly Box[]): Box | undefined {
  if (boxes.length === 0) return undefined;
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const b of boxes) {
    x1 = Math.min(x1, b.x);
    y1 = Math.min(y1, b.y);
    x2 = Math.max(x2, b.x + b.w);
    y2 = Math.max(y2, b.y + b.h);
  }
  return { x: x1, y: y1, w: x2 - x1, h: y2 - y1 };
}

const contains = (b: Box, x: number, y: number) => x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h;

/**
 * The theme region under a point: the innermost one (a subtheme before its theme); among overlapping regions of the
 * same depth the one drawn last. `exclude` leaves out a theme and everything inside it (a region being dragged).
 */
export function themeAt(geometry: MapGeometry, x: number, y: number, exclude?: Id): ThemeBox | undefined {
  const excluded = new Set<Id>();
  if (exclude) {
    excluded.add(exclude);
    let grew = true;
    while (grew) {
      grew = false;
      for (const b of geometry.themes) if (b.parentId && excluded.has(b.parentId) && !excluded.has(b.id)) {
        excluded.add(b.id);
        grew = true;
      }
    }
  }
  let best: ThemeBox | undefined;
  for (const b of geometry.themes) {
    if (excluded.has(b.id) || !contains(b, x, y)) continue;
    if (!best || b.depth >= best.depth) best = b;
  }
  return best;
}

/** The view (pan and zoom) that shows a box whole in a viewport, with a margin, at no more than `maxZoom`. */
export function fitView(box: Box, viewport: { w: number; h: number }, margin = 32, minZoom = 0.15, maxZoom = 1): { x: number; y: number; zoom: number } {
  if (box.w <= 0 || box.h <= 0) return { x: margin, y: margin, zoom: 1 };
  const zoom = Math.max(minZoom, Math.min(maxZoom, (viewport.w - 2 * margin) / box.w, (viewport.h - 2 * margin) / box.h));
  return {
    x: Math.round((viewport.w - box.w * zoom) / 2 - box.x * zoom),
    y: Math.round(Math.max(margin, (viewport.h - box.h * zoom) / 2) - box.y * zoom),
    zoom,
  };
}

/** Zooms by `factor` keeping the map point under (px, py) (viewport coordinates) where it is. */
export function zoomAt(view: { x: number; y: number; zoom: number }, px: number, py: number, factor: number, minZoom = 0.15, maxZoom = 2.5): { x: number; y: number; zoom: number } {
  const zoom = Math.max(minZoom, Math.min(maxZoom, view.zoom * factor));
  const k = zoom / view.zoom;
  return { x: px - (px - view.x) * k, y: py - (py - view.y) * k, zoom };
}
