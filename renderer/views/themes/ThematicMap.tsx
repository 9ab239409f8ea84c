import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { CodeRecord, Id, ThemeRecord } from '../../../shared/model/types';
import { useProjectSession } from '../../app/project-session';
import type { Command } from '../../db/command-history';
import {
  createTheme,
  linkThemes,
  moveCodes,
  moveOnMap,
  resetMapLayout,
  setThemeParent,
  type MapPoint,
} from '../../commands/theme-commands';
import { PromptDialog } from '../../components/Dialog';
import { platform } from '../../platform';
import { useUi } from '../../state/ui-store';
import {
  computeMap,
  fitView,
  linkBetween,
  POOL_HEADING,
  themeAt,
  zoomAt,
  type CardBox,
  type ThemeBox,
} from './map-layout';
import { mapToSvg } from './map-svg';
import { themeTree, type ThemesData } from './theme-data';

interface View {
  x: number;
  y: number;
  zoom: number;
}

type Drag =
  | { kind: 'pan'; pointerId: number; startX: number; startY: number; view: View; moved: boolean }
  | { kind: 'card'; pointerId: number; startX: number; startY: number; moved: boolean; card: CardBox; el: HTMLElement; hover?: Id }
  | { kind: 'theme'; pointerId: number; startX: number; startY: number; moved: boolean; box: ThemeBox; el: HTMLElement; hover?: Id };

const DRAG_THRESHOLD = 4;
const TOOLBAR_SPACE = 56;
/** How far the grid layer reaches beyond the map's edges (more than the largest grid cell). */
const GRID_MARGIN = 80;
/** Below this zoom a card's name is too small to read comfortably. */
const READABLE_ZOOM = 0.75;

/**
 * The thematic map: code cards, sized by how often each code was applied, gathered into theme and subtheme regions,
 * with links between themes. Drag a card onto a theme to add it (Alt or Ctrl keeps it where it was too), out of a
 * theme to take it out; drag a theme by its header to move it, onto another theme to make it a subtheme, or out to
 * the open map to make it a theme of its own. Wheel or buttons zoom; dragging the background or the arrow keys pan.
 *
 * Dragging moves only the dragged element (by a CSS transform); the change is stored as one command on release, so
 * the map stays smooth with hundreds of cards.
 */
export function ThematicMap(props: { data: ThemesData; selectedThemeId?: Id; onSelect: (id: Id | undefined) => void; onReview: (id: Id) => void }) {
  const { data, selectedThemeId, onSelect, onReview } = props;
  const { execute } = useProjectSession();
  const notify = useUi((s) => s.notify);
  const viewportRef = useRef<HTMLDivElement>(null);
  const worldRef = useRef<HTMLDivElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const view = useRef<View>({ x: 40, y: 40, zoom: 1 });
  const fitted = useRef(false);
  const [zoomShown, setZoomShown] = useState(1);
  const drag = useRef<Drag | null>(null);
  const [creating, setCreating] = useState(false);
  const [linkFrom, setLinkFrom] = useState<Id | null>(null);
  const [menu, setMenu] = useState<{ card: CardBox; left: number; top: number } | null>(null);

  const mapThemes = useMemo(
    () => data.themes.map((t) => ({ id: t.id, name: t.name, parentId: t.parentId, codeIds: t.codeIds, color: t.color, status: t.status, order: t.order })),
    [data.themes],
  );
  const mapCodes = useMemo(
    () => data.codes.map((c) => ({ id: c.id, name: c.name, color: c.color, count: data.counts[c.id]?.codings ?? 0 })),
    [data.codes, data.counts],
  );
  const geometry = useMemo(() => computeMap(mapThemes, mapCodes, data.layout), [mapThemes, mapCodes, data.layout]);
  const geometryRef = useRef(geometry);
  geometryRef.current = geometry;

  const applyView = useCallback((next: View, commit = true) => {
    view.current = next;
    const world = worldRef.current;
    if (world) world.style.transform = `translate(${next.x}px, ${next.y}px) scale(${next.zoom})`;
    const grid = gridRef.current;
    if (grid) {
      // The dotted grid is a layer moved by less than one cell, never repainted while panning.
      let cell = 24 * next.zoom;
      while (cell < 10) cell *= 2;
      const size = `${cell}px ${cell}px`;
      if (grid.style.backgroundSize !== size) {
        grid.style.backgroundSize = size;
        grid.style.backgroundPosition = `${GRID_MARGIN % cell}px ${GRID_MARGIN % cell}px`;
      }
      const mod = (v: number) => ((v % cell) + cell) % cell;
      grid.style.transform = `translate(${mod(next.x)}px, ${mod(next.y)}px)`;
    }
    if (commit) {
      setZoomShown(next.zoom);
      // Once the view is set (first view, or by the researcher), the first view never overrides it.
      fitted.current = true;
    }
  }, []);

  const viewportSize = () => {
    const r = viewportRef.current?.getBoundingClientRect();
    return { w: r?.width ?? 800, h: r?.height ?? 600 };
  };
  // Fit below the toolbar that floats over the top of the map.
  const fit = useCallback(() => {
    const size = viewportSize();
    const v = fitView(geometryRef.current.bounds, { w: size.w, h: size.h - TOOLBAR_SPACE }, 32, 0.15, 1);
    applyView({ ...v, y: v.y + TOOLBAR_SPACE });
  }, [applyView]);

  useLayoutEffect(() => {
    // The first view waits for the codings counts: they decide the cards' sizes, so the map's extent. It shows the
    // whole map when that leaves the text readable, else the map's full width from the top (pan down for the rest).
    if (!fitted.current && geometry.bounds.w > 0 && !data.countsLoading) {
      fitted.current = true;
      const size = viewportSize();
      const b = geometry.bounds;
      const whole = fitView(b, { w: size.w, h: size.h - TOOLBAR_SPACE }, 32, 0.15, 1);
      if (whole.zoom >= READABLE_ZOOM) applyView({ ...whole, y: whole.y + TOOLBAR_SPACE });
      else {
        const zoom = Math.max(0.5, Math.min(1, (size.w - 64) / b.w));
        applyView({ zoom, x: Math.round((size.w - b.w * zoom) / 2 - b.x * zoom), y: Math.round(TOOLBAR_SPACE + 16 - b.y * zoom) });
      }
    } else applyView(view.current, false);
  }, [geometry, fit, applyView, data.countsLoading]);

  // Elements moved by a drag keep their transform until the stored change redraws them in their new place.
  const pendingReset = useRef(new Set<HTMLElement>());
  const resetMoved = useCallback(() => {
    for (const el of pendingReset.current) {
      el.style.transform = '';
      el.classList.remove('dragging');
    }
    pendingReset.current.clear();
    for (const el of worldRef.current?.querySelectorAll('[data-drop="true"]') ?? []) el.removeAttribute('data-drop');
  }, []);
  useLayoutEffect(resetMoved, [geometry, resetMoved]);

  const run = useCallback(
    async (command: Command) => {
      try {
        await execute(command);
      } catch (error) {
        notify(error instanceof Error ? error.message : String(error), { kind: 'error' });
      } finally {
        // When nothing changed on the map (a refused or empty change), put the element back now.
        setTimeout(resetMoved, 250);
      }
    },
    [execute, notify, resetMoved],
  );

  const toWorld = (clientX: number, clientY: number): MapPoint => {
    const r = viewportRef.current!.getBoundingClientRect();
    const v = view.current;
    return { x: (clientX - r.left - v.x) / v.zoom, y: (clientY - r.top - v.y) / v.zoom };
  };

  const themeElement = (id: Id) => worldRef.current?.querySelector<HTMLElement>(`[data-theme-id="${CSS.escape(id)}"]`) ?? null;
  const markDrop = (d: Extract<Drag, { kind: 'card' | 'theme' }>, target: Id | undefined) => {
    if (d.hover === target) return;
    if (d.hover) themeElement(d.hover)?.removeAttribute('data-drop');
    if (target) themeElement(target)?.setAttribute('data-drop', 'true');
    d.hover = target;
  };

  const code = (id: Id): CodeRecord | undefined => data.codeById.get(id);
  const theme = (id: Id | undefined): ThemeRecord | undefined => (id ? data.themeById.get(id) : undefined);

  const onPointerDown = (event: React.PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0 || drag.current) return;
    const target = event.target as HTMLElement;
    if (target.closest('.map-controls, .map-menu, .map-banner')) return;
    setMenu(null);
    const cardEl = target.closest<HTMLElement>('[data-card]');
    const headEl = target.closest<HTMLElement>('[data-theme-handle]');
    const base = { pointerId: event.pointerId, startX: event.clientX, startY: event.clientY, moved: false };
    if (cardEl) {
      const card = geometryRef.current.cards.find((c) => c.key === cardEl.dataset.card);
      if (card) drag.current = { ...base, kind: 'card', card, el: cardEl };
    } else if (headEl) {
      const box = geometryRef.current.themes.find((b) => b.id === headEl.dataset.themeHandle);
      const el = box && themeElement(box.id);
      if (box && el) drag.current = { ...base, kind: 'theme', box, el };
    } else {
      drag.current = { ...base, kind: 'pan', view: { ...view.current } };
    }
    if (drag.current) viewportRef.current?.setPointerCapture(event.pointerId);
  };

  const onPointerMove = (event: React.PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.pointerId !== event.pointerId) return;
    const dx = event.clientX - d.startX;
    const dy = event.clientY - d.startY;
    if (!d.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
    if (!d.moved) {
      d.moved = true;
      if (d.kind !== 'pan') {
        d.el.classList.add('dragging');
        pendingReset.current.add(d.el);
      }
    }
    if (d.kind === 'pan') {
      applyView({ ...d.view, x: d.view.x + dx, y: d.view.y + dy }, false);
      return;
    }
    const zoom = view.current.zoom;
    d.el.style.transform = `translate(${dx / zoom}px, ${dy / zoom}px)`;
    const at = toWorld(event.clientX, event.clientY);
    if (d.kind === 'card') markDrop(d, themeAt(geometryRef.current, at.x, at.y)?.id);
    else {
      markDrop(d, themeAt(geometryRef.current, at.x, at.y, d.box.id)?.id);
      // Links follow the region being dragged.
      const moved = { ...d.box, x: d.box.x + dx / zoom, y: d.box.y + dy / zoom };
      for (const link of geometryRef.current.links) {
        if (link.from !== d.box.id && link.to !== d.box.id) continue;
        const other = geometryRef.current.themes.find((b) => b.id === (link.from === d.box.id ? link.to : link.from));
        const line = worldRef.current?.querySelector<SVGLineElement>(`[data-link="${CSS.escape(link.id)}"]`);
        if (!other || !line) continue;
        const l = link.from === d.box.id ? linkBetween(moved, other) : linkBetween(other, moved);
        line.setAttribute('x1', String(l.x1));
        line.setAttribute('y1', String(l.y1));
        line.setAttribute('x2', String(l.x2));
        line.setAttribute('y2', String(l.y2));
      }
    }
  };

  const onPointerUp = (event: React.PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.pointerId !== event.pointerId) return;
    drag.current = null;
    if (d.kind === 'pan') {
      if (d.moved) applyView(view.current);
      return;
    }
    if (!d.moved) {
      // A click: a card selects its theme; a header selects the theme (or completes a link).
      const id = d.kind === 'card' ? d.card.themeId : d.box.id;
      if (d.kind === 'theme' && linkFrom && linkFrom !== d.box.id) {
        const a = theme(linkFrom);
        const b = theme(d.box.id);
        setLinkFrom(null);
        if (a && b) void run(linkThemes(a, b));
        return;
      }
      if (id) onSelect(id);
      return;
    }
    const zoom = view.current.zoom;
    const dx = (event.clientX - d.startX) / zoom;
    const dy = (event.clientY - d.startY) / zoom;
    const at = toWorld(event.clientX, event.clientY);
    if (d.kind === 'card') {
      const c = code(d.card.codeId);
      const target = theme(themeAt(geometryRef.current, at.x, at.y)?.id);
      const source = theme(d.card.themeId);
      if (!c) return resetMoved();
      if (target?.id === source?.id) {
        if (!source) return void run(moveOnMap({ kind: 'card', id: c.id, name: c.name }, { x: d.card.x + dx, y: d.card.y + dy }));
        return resetMoved();
      }
      const copy = event.altKey || event.ctrlKey || event.metaKey;
      return void run(moveCodes({ codes: [c], from: source, to: target, keepInSource: copy, cardAt: target ? undefined : { x: d.card.x + dx, y: d.card.y + dy } }));
    }
    const t = theme(d.box.id);
    if (!t) return resetMoved();
    const target = theme(themeAt(geometryRef.current, at.x, at.y, d.box.id)?.id);
    const to = { x: d.box.x + dx, y: d.box.y + dy };
    if (target) {
      if (target.id === t.parentId) return resetMoved();
      return void run(setThemeParent(t, target));
    }
    if (t.parentId) return void run(setThemeParent(t, undefined, to));
    return void run(moveOnMap({ kind: 'theme', id: t.id, name: t.name }, to));
  };

  const onWheel = useCallback(
    (event: WheelEvent) => {
      event.preventDefault();
      const r = viewportRef.current!.getBoundingClientRect();
      const factor = Math.exp(-event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.0015));
      applyView(zoomAt(view.current, event.clientX - r.left, event.clientY - r.top, factor));
    },
    [applyView],
  );
  useEffect(() => {
    const el = viewportRef.current;
    if (!el) return;
    // Not passive: the wheel zooms the map instead of scrolling the page.
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [onWheel]);

  const zoomBy = (factor: number) => {
    const { w, h } = viewportSize();
    applyView(zoomAt(view.current, w / 2, h / 2, factor));
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      setLinkFrom(null);
      setMenu(null);
      return;
    }
    if (event.target !== viewportRef.current) return;
    const step = 80;
    const v = view.current;
    const moves: Record<string, [number, number]> = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      applyView({ ...v, x: v.x + move[0], y: v.y + move[1] });
    } else if (event.key === '+' || event.key === '=') zoomBy(1.2);
    else if (event.key === '-' || event.key === '_') zoomBy(1 / 1.2);
    else if (event.key === '0') fit();
  };

  // Bring a theme into view when it is chosen (in the list, or just created) and its header is off screen.
  const [focusId, setFocusId] = useState<Id | null>(null);
  useEffect(() => {
    if (selectedThemeId) setFocusId(selectedThemeId);
  }, [selectedThemeId]);
  useLayoutEffect(() => {
    const box = focusId ? geometry.themes.find((b) => b.id === focusId) : undefined;
    if (!box) return;
    setFocusId(null);
    const { w, h } = viewportSize();
    const v = view.current;
    const left = box.x * v.zoom + v.x;
    const top = box.y * v.zoom + v.y;
    const headerShown = left >= 0 && left + box.w * v.zoom <= w && top >= TOOLBAR_SPACE && top + 48 * v.zoom <= h;
    if (!headerShown) applyView({ ...v, x: Math.round(w / 2 - (box.x + box.w / 2) * v.zoom), y: Math.round(TOOLBAR_SPACE + 24 - box.y * v.zoom) });
  }, [geometry, focusId, applyView]);

  const exportMap = async (format: 'svg' | 'png') => {
    try {
      const svg = mapToSvg(geometry, mapThemes, mapCodes, { title: 'Thematic map' });
      const bytes = format === 'svg' ? new TextEncoder().encode(svg) : await svgToPng(svg);
      await platform.saveFile({
        title: 'Export the thematic map',
        suggestedName: `thematic-map.${format}`,
        filters: [format === 'svg' ? { name: 'SVG image', extensions: ['svg'] } : { name: 'PNG image', extensions: ['png'] }],
        bytes,
      });
    } catch (error) {
      notify(`Could not export the map: ${error instanceof Error ? error.message : String(error)}`, { kind: 'error' });
    }
  };

  // Children of each region, for nesting the DOM (a dragged region carries its cards and subthemes with it).
  const { regionsByParent, cardsByTheme, freeCards } = useMemo(() => {
    const regionsByParent = new Map<Id | undefined, ThemeBox[]>();
    for (const b of geometry.themes) {
      const list = regionsByParent.get(b.parentId) ?? [];
      list.push(b);
      regionsByParent.set(b.parentId, list);
    }
    const cardsByTheme = new Map<Id, CardBox[]>();
    const freeCards: CardBox[] = [];
    for (const c of geometry.cards) {
      if (!c.themeId) freeCards.push(c);
      else {
        const list = cardsByTheme.get(c.themeId) ?? [];
        list.push(c);
        cardsByTheme.set(c.themeId, list);
      }
    }
    return { regionsByParent, cardsByTheme, freeCards };
  }, [geometry]);

  const openMenu = (card: CardBox, el: HTMLElement, at?: { left: number; top: number }) => {
    const r = el.getBoundingClientRect();
    const v = viewportRef.current!.getBoundingClientRect();
    setMenu({ card, left: (at?.left ?? r.left) - v.left, top: (at?.top ?? r.bottom + 4) - v.top });
  };

  const renderCard = (card: CardBox, origin: MapPoint) => {
    const c = code(card.codeId);
    if (!c) return null;
    const counts = data.counts[c.id];
    return (
      <MapCard
        key={card.key}
        cardKey={card.key}
        left={card.x - origin.x}
        top={card.y - origin.y}
        width={card.w}
        height={card.h}
        weight={card.weight}
        name={c.name}
        path={data.paths.get(c.id) ?? c.name}
        color={c.color}
        count={card.count}
        documents={counts?.documents ?? 0}
        themeName={theme(card.themeId)?.name}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            openMenu(card, event.currentTarget);
          } else if ((event.key === 'Delete' || event.key === 'Backspace') && card.themeId) {
            event.preventDefault();
            const from = theme(card.themeId);
            if (from) void run(moveCodes({ codes: [c], from }));
          }
        }}
        onContextMenu={(event) => {
          event.preventDefault();
          openMenu(card, event.currentTarget, { left: event.clientX, top: event.clientY });
        }}
      />
    );
  };

  const renderRegion = (box: ThemeBox, origin: MapPoint): React.ReactNode => {
    const t = theme(box.id);
    if (!t) return null;
    const cards = cardsByTheme.get(box.id) ?? [];
    const subs = regionsByParent.get(box.id) ?? [];
    const style = { left: box.x - origin.x, top: box.y - origin.y, width: box.w, height: box.h, '--theme': t.color } as CSSProperties;
    return (
      <div
        key={box.id}
        className={`map-theme depth-${Math.min(box.depth, 2)}${t.id === selectedThemeId ? ' selected' : ''}${linkFrom && linkFrom !== t.id ? ' link-target' : ''}`}
        data-theme-id={t.id}
        style={style}
        role="group"
        aria-label={`${box.depth > 0 ? 'Subtheme' : 'Theme'} ${t.name}, ${t.status}, ${box.codeCount} ${box.codeCount === 1 ? 'code' : 'codes'}`}
      >
        <div className="map-theme-head" data-theme-handle={t.id} title="Drag to move; drop on another theme to make it a subtheme">
          <button
            type="button"
            className="map-theme-name"
            aria-pressed={t.id === selectedThemeId}
            onKeyDown={(event) => {
              if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                if (linkFrom && linkFrom !== t.id) {
                  const a = theme(linkFrom);
                  setLinkFrom(null);
                  if (a) void run(linkThemes(a, t));
                } else onSelect(t.id);
              }
            }}
          >
            {t.name}
          </button>
          <span className={`status status-${t.status.replace(' ', '-')}`}>{t.status}</span>
          <span className="map-theme-count">{box.codeCount}</span>
        </div>
        {cards.length === 0 && subs.length === 0 && <div className="map-theme-empty">Drag codes here</div>}
        {cards.map((card) => renderCard(card, box))}
        {subs.map((sub) => renderRegion(sub, box))}
      </div>
    );
  };

  const menuCard = menu ? code(menu.card.codeId) : undefined;
  const menuFrom = menu ? theme(menu.card.themeId) : undefined;
  const origin = { x: 0, y: 0 };
  const linkTheme = linkFrom ? theme(linkFrom) : undefined;

  return (
    <div className="thematic-map">
      <div className="map-controls" role="toolbar" aria-label="Map tools">
        <button type="button" className="primary" onClick={() => setCreating(true)}>
          + New theme
        </button>
        <button
          type="button"
          disabled={!selectedThemeId || data.themes.length < 2}
          aria-pressed={!!linkFrom}
          onClick={() => setLinkFrom(linkFrom ? null : (selectedThemeId ?? null))}
          title={selectedThemeId ? 'Link the selected theme with another: then click the other theme' : 'Select a theme first'}
        >
          Link themes
        </button>
        <button type="button" onClick={() => void run(resetMapLayout())} title="Put every theme and card back in the automatic arrangement (undoable)">
          Tidy up
        </button>
        <span className="map-controls-sep" aria-hidden="true" />
        <button type="button" onClick={() => zoomBy(1 / 1.25)} aria-label="Zoom out" title="Zoom out (−)">
          −
        </button>
        <output className="map-zoom" aria-label="Zoom level">{Math.round(zoomShown * 100)}%</output>
        <button type="button" onClick={() => zoomBy(1.25)} aria-label="Zoom in" title="Zoom in (+)">
          +
        </button>
        <button type="button" onClick={fit} aria-label="Fit the whole map" title="Show the whole map (0)">
          Fit
        </button>
        <span className="map-controls-sep" aria-hidden="true" />
        <button type="button" onClick={() => void exportMap('svg')} aria-label="Export the map as SVG">
          SVG
        </button>
        <button type="button" onClick={() => void exportMap('png')} aria-label="Export the map as PNG">
          PNG
        </button>
      </div>
      {linkTheme && (
        <div className="map-banner" role="status">
          Click the theme to link with “{linkTheme.name}”.{' '}
          <button type="button" className="link-button" onClick={() => setLinkFrom(null)}>
            Cancel
          </button>
        </div>
      )}
      <div
        ref={viewportRef}
        className="map-viewport"
        tabIndex={0}
        role="application"
        aria-roledescription="thematic map"
        aria-busy={data.countsLoading}
        aria-label="Thematic map: arrow keys pan, plus and minus zoom, 0 fits; Tab to a code card and press Enter to move it"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={(event) => {
          if (drag.current?.pointerId === event.pointerId) {
            drag.current = null;
            resetMoved();
          }
        }}
        onKeyDown={onKeyDown}
        onDoubleClick={(event) => {
          const head = (event.target as HTMLElement).closest<HTMLElement>('[data-theme-handle]');
          if (head?.dataset.themeHandle) onReview(head.dataset.themeHandle);
        }}
      >
        <div ref={gridRef} className="map-grid" aria-hidden="true" />
        <div ref={worldRef} className="map-world">
          <svg className="map-links" aria-hidden="true">
            {geometry.links.map((l) => (
              <line key={l.id} data-link={l.id} x1={l.x1} y1={l.y1} x2={l.x2} y2={l.y2} />
            ))}
          </svg>
          {geometry.pool && (
            <div className="map-pool-heading" style={{ left: geometry.pool.x, top: geometry.pool.y, width: geometry.pool.w, height: POOL_HEADING }}>
              Codes not in a theme ({geometry.pool.count}) <span className="hint">· drag a card onto a theme to add it</span>
            </div>
          )}
          {(regionsByParent.get(undefined) ?? []).map((box) => renderRegion(box, origin))}
          {freeCards.map((card) => renderCard(card, origin))}
        </div>
        {data.codes.length === 0 && (
          <div className="map-empty">
            <p>The map gathers codes into themes. Create codes while coding, then come back to group them.</p>
          </div>
        )}
      </div>
      {menu && menuCard && (
        <CardMenu
          code={menuCard}
          from={menuFrom}
          themes={data.themes}
          position={{ left: menu.left, top: menu.top }}
          onClose={() => setMenu(null)}
          onMove={(to, keep) => {
            setMenu(null);
            void run(moveCodes({ codes: [menuCard], from: menuFrom, to, keepInSource: keep }));
          }}
        />
      )}
      {creating && (
        <PromptDialog
          title="New theme"
          label="Theme name"
          confirmLabel="Create theme"
          onClose={() => setCreating(false)}
          onConfirm={async (name) => {
            setCreating(false);
            const made = createTheme({ name });
            await run(made.command);
            onSelect(made.id);
          }}
        />
      )}
    </div>
  );
}

interface MapCardProps {
  cardKey: string;
  left: number;
  top: number;
  width: number;
  height: number;
  weight: number;
  name: string;
  path: string;
  color: string;
  count: number;
  documents: number;
  themeName?: string;
  onKeyDown: (event: React.KeyboardEvent<HTMLDivElement>) => void;
  onContextMenu: (event: React.MouseEvent<HTMLDivElement>) => void;
}

/** One code card. Props are plain values so a card re-renders only when something about it changed. */
const MapCard = memo(
  function MapCard(props: MapCardProps) {
    const style = {
      left: props.left,
      top: props.top,
      width: props.width,
      height: props.height,
      '--code': props.color,
      fontSize: `${12 + 2 * props.weight}px`,
    } as CSSProperties;
    return (
      <div
        className="map-card"
        data-card={props.cardKey}
        style={style}
        tabIndex={0}
        role="button"
        aria-haspopup="menu"
        aria-label={`Code ${props.name}, ${props.count} codings${props.themeName ? `, in ${props.themeName}` : ', in no theme'}`}
        title={`${props.path}\n${props.count} codings in ${props.documents} documents`}
        onKeyDown={props.onKeyDown}
        onContextMenu={props.onContextMenu}
      >
        <span className="map-card-name">{props.name}</span>
        <span className="map-card-count">{props.count}</span>
      </div>
    );
  },
  (a, b) =>
    a.cardKey === b.cardKey && a.left === b.left && a.top === b.top && a.width === b.width && a.height === b.height && a.name === b.name &&
    a.color === b.color && a.count === b.count && a.documents === b.documents && a.themeName === b.themeName && a.path === b.path,
);

/** Moves a card by keyboard (Enter on a card) or by right-click: to a theme, or out of its theme. */
function CardMenu(props: {
  code: CodeRecord;
  from?: ThemeRecord;
  themes: ThemeRecord[];
  position: { left: number; top: number };
  onClose: () => void;
  onMove: (to: ThemeRecord | undefined, keepInSource: boolean) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [keep, setKeep] = useState(false);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('button')?.focus();
  }, []);
  const tree = themeTree(props.themes).filter(({ theme }) => theme.id !== props.from?.id);
  return (
    <div
      ref={ref}
      className="map-menu"
      role="menu"
      aria-label={`Move “${props.code.name}”`}
      style={{ left: props.position.left, top: props.position.top }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          props.onClose();
        }
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
          event.preventDefault();
          const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
          const i = items.indexOf(document.activeElement as HTMLElement);
          items[(i + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length]?.focus();
        }
      }}
    >
      <div className="map-menu-title">
        {props.from ? 'Move' : 'Add'} “{props.code.name}” to
      </div>
      {tree.length === 0 && <div className="hint map-menu-empty">No other theme yet.</div>}
      {tree.map(({ theme, depth }) => (
        <button key={theme.id} type="button" role="menuitem" style={{ paddingInlineStart: 12 + depth * 14 }} onClick={() => props.onMove(theme, keep)}>
          <span className="swatch" style={{ background: theme.color }} aria-hidden="true" />
          {theme.name}
        </button>
      ))}
      {props.from && (
        <>
          <label className="map-menu-keep">
            <input type="checkbox" checked={keep} onChange={(e) => setKeep(e.target.checked)} /> Keep it in “{props.from.name}” too
          </label>
          <button type="button" role="menuitem" className="danger-text" onClick={() => props.onMove(undefined, false)}>
            Take out of “{props.from.name}”
          </button>
        </>
      )}
      <button type="button" role="menuitem" onClick={props.onClose}>
        Cancel
      </button>
    </div>
  );
}

/** Draws the map's SVG into a canvas (at twice the size, within what a canvas allows) and returns PNG bytes. */
async function svgToPng(svg: string): Promise<Uint8Array> {
  const width = Number(/width="([\d.]+)"/.exec(svg)?.[1] ?? 800);
  const height = Number(/height="([\d.]+)"/.exec(svg)?.[1] ?? 600);
  const scale = Math.min(2, 12000 / Math.max(width, height));
  const image = new Image();
  image.decoding = 'async';
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('this window cannot draw images');
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the picture is too large to draw');
  return new Uint8Array(await blob.arrayBuffer());
}
