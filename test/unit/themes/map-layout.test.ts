import { describe, expect, it } from 'vitest';
import type { MapLayout } from '../../../renderer/commands/theme-commands';
import {
  cardSize,
  computeMap,
  edgePoint,
  fitView,
  flow,
  GAP,
  HEADER,
  PAD,
  SUB_HEADER,
  THEME_GAP,
  THEME_WIDTH,
  themeAt,
  zoomAt,
  type MapCode,
  type MapTheme,
} from '../../../renderer/views/themes/map-layout';
import { escapeXml, mapToSvg, wrapText } from '../../../renderer/views/themes/map-svg';

const empty: MapLayout = { themes: {}, cards: {}, links: [] };
const code = (id: string, count: number, name = id): MapCode => ({ id, name, color: '#332288', count });
const theme = (id: string, codeIds: string[], order: number, parentId?: string): MapTheme => ({
  id, name: `Theme ${id}`, codeIds, color: '#4477aa', status: 'candidate', order, ...(parentId ? { parentId } : {}),
});

describe('thematic map geometry', () => {
  it('sizes cards by the square root of their share of the largest count', () => {
    expect(cardSize(0, 100)).toEqual({ w: 128, h: 46, weight: 0 });
    expect(cardSize(100, 100)).toEqual({ w: 212, h: 62, weight: 1 });
    expect(cardSize(25, 100)).toEqual({ w: 170, h: 54, weight: 0.5 });
    expect(cardSize(3, 0).weight).toBe(0);
  });

  it('flows boxes into rows that wrap at the width', () => {
    const { at, height } = flow([{ w: 100, h: 40 }, { w: 100, h: 50 }, { w: 100, h: 40 }], 10, 20, 215);
    expect(at).toEqual([{ x: 10, y: 20 }, { x: 10 + 100 + GAP, y: 20 }, { x: 10, y: 20 + 50 + GAP }]);
    expect(height).toBe(50 + GAP + 40);
    // A box wider than the row still gets a row of its own.
    expect(flow([{ w: 500, h: 10 }], 0, 0, 100).at).toEqual([{ x: 0, y: 0 }]);
    expect(flow([], 0, 0, 100).height).toBe(0);
  });

  it('places never-moved themes in columns, nests subthemes inside, and pools codes in no theme below', () => {
    const codes = [code('a', 10), code('b', 10), code('c', 10), code('d', 10)];
    const themes = [theme('t1', ['a'], 0), theme('t2', ['b'], 1), theme('s', ['c'], 0, 't1')];
    const g = computeMap(themes, codes, empty);
    const t1 = g.themes.find((b) => b.id === 't1')!;
    const t2 = g.themes.find((b) => b.id === 't2')!;
    const s = g.themes.find((b) => b.id === 's')!;
    expect([t1.x, t1.y, t1.w]).toEqual([0, 0, THEME_WIDTH]);
    expect([t2.x, t2.y]).toEqual([THEME_WIDTH + THEME_GAP, 0]);
    // The subtheme sits below t1's own card, inset by the padding, one level deeper.
    const size = cardSize(10, 10);
    expect(s).toMatchObject({ depth: 1, parentId: 't1', x: PAD, y: HEADER + size.h + GAP, w: THEME_WIDTH - 2 * PAD });
    expect(s.h).toBe(SUB_HEADER + size.h + PAD);
    expect(t1.h).toBe(HEADER + size.h + GAP + s.h + PAD);
    expect(t1.codeCount).toBe(2);
    // Card c is inside the subtheme; d is in the pool below both themes.
    const c = g.cards.find((k) => k.codeId === 'c')!;
    expect(c).toMatchObject({ key: 's:c', themeId: 's', x: s.x + PAD, y: s.y + SUB_HEADER });
    const d = g.cards.find((k) => k.codeId === 'd')!;
    expect(d.themeId).toBeUndefined();
    expect(g.pool).toMatchObject({ x: 0, y: t1.h + THEME_GAP, count: 1 });
    expect(d.y).toBeGreaterThan(g.pool!.y);
  });

  it('gives a code in two themes a card in each, and a dropped code its own place', () => {
    const g = computeMap([theme('t1', ['a'], 0), theme('t2', ['a'], 1)], [code('a', 5), code('b', 1)], { ...empty, cards: { b: { x: -400, y: 30 } } });
    expect(g.cards.filter((k) => k.codeId === 'a').map((k) => k.key).sort()).toEqual(['t1:a', 't2:a']);
    expect(g.cards.find((k) => k.codeId === 'b')).toMatchObject({ key: 'free:b', x: -400, y: 30 });
    expect(g.pool).toBeUndefined();
    expect(g.bounds.x).toBe(-400);
  });

  it('keeps themes where the researcher put them; the others keep their slots in two columns', () => {
    const themes = [theme('t1', [], 0), theme('t2', [], 1), theme('t3', [], 2), theme('t4', [], 3)];
    const before = computeMap(themes, [], empty);
    const at = (g: typeof before, id: string) => g.themes.find((b) => b.id === id)!;
    const h = HEADER + 56 + PAD;
    expect([at(before, 't1').x, at(before, 't1').y]).toEqual([0, 0]);
    expect([at(before, 't2').x, at(before, 't2').y]).toEqual([THEME_WIDTH + THEME_GAP, 0]);
    expect([at(before, 't3').x, at(before, 't3').y]).toEqual([0, h + THEME_GAP]);
    expect([at(before, 't4').x, at(before, 't4').y]).toEqual([THEME_WIDTH + THEME_GAP, h + THEME_GAP]);
    // Moving t1 away: t1 stays where it was put, t3 moves up its own column, t2 and t4 do not move.
    const after = computeMap(themes, [], { ...empty, themes: { t1: { x: 1500, y: 200 } } });
    expect(at(after, 't1')).toMatchObject({ x: 1500, y: 200, h });
    expect([at(after, 't3').x, at(after, 't3').y]).toEqual([0, 0]);
    expect([at(after, 't2').x, at(after, 't2').y]).toEqual([at(before, 't2').x, at(before, 't2').y]);
    expect([at(after, 't4').x, at(after, 't4').y]).toEqual([at(before, 't4').x, at(before, 't4').y]);
  });

  it('survives a cycle of parents in damaged data', () => {
    const g = computeMap([theme('x', [], 0, 'y'), theme('y', [], 1, 'x')], [], empty);
    expect(g.themes.map((b) => b.id).sort()).toEqual(['x', 'y']);
  });

  it('finds the innermost theme under a point, leaving out a dragged theme and its subthemes', () => {
    const g = computeMap([theme('t1', ['a'], 0), theme('s', ['b'], 0, 't1')], [code('a', 1), code('b', 1)], empty);
    const s = g.themes.find((b) => b.id === 's')!;
    expect(themeAt(g, s.x + 5, s.y + 5)?.id).toBe('s');
    expect(themeAt(g, 5, 5)?.id).toBe('t1');
    expect(themeAt(g, s.x + 5, s.y + 5, 's')?.id).toBe('t1');
    expect(themeAt(g, s.x + 5, s.y + 5, 't1')).toBeUndefined();
    expect(themeAt(g, -50, -50)).toBeUndefined();
  });

  it('draws a link from edge to edge of two regions', () => {
    expect(edgePoint({ x: 0, y: 0, w: 100, h: 50 }, 300, 25)).toEqual({ x: 100, y: 25 });
    expect(edgePoint({ x: 0, y: 0, w: 100, h: 50 }, 50, -100)).toEqual({ x: 50, y: 0 });
    const g = computeMap([theme('t1', [], 0), theme('t2', [], 1)], [], { ...empty, links: [{ id: 'l', from: 't1', to: 't2' }, { id: 'gone', from: 't1', to: 'nope' }] });
    expect(g.links).toHaveLength(1);
    const [line] = g.links;
    expect(line!.x1).toBe(THEME_WIDTH);
    expect(line!.x2).toBe(THEME_WIDTH + THEME_GAP);
  });

  it('fits a box in the viewport and zooms about a point', () => {
    const view = fitView({ x: 0, y: 0, w: 1000, h: 500 }, { w: 564, h: 400 }, 32);
    expect(view.zoom).toBe(0.5);
    expect(view).toMatchObject({ x: 32, y: 75 });
    const zoomed = zoomAt({ x: 0, y: 0, zoom: 1 }, 100, 100, 2);
    expect(zoomed).toEqual({ x: -100, y: -100, zoom: 2 });
    // The point under the pointer stays put: map point (100, 100) is at (100, 100) before and after.
    expect(100 * zoomed.zoom + zoomed.x).toBe(100);
    expect(zoomAt({ x: 0, y: 0, zoom: 2 }, 0, 0, 10).zoom).toBe(2.5);
  });
});

describe('thematic map as SVG', () => {
  it('wraps names into two lines and cuts the rest', () => {
    expect(wrapText('Parents excluded or overwhelmed', 15)).toEqual(['Parents', 'excluded or ov…']);
    expect(wrapText('Short', 15)).toEqual(['Short']);
    expect(wrapText('One line only please', 8, 1)).toEqual(['One lin…']);
  });

  it('escapes names and draws every region, card and link', () => {
    const themes = [theme('t1', ['a'], 0), theme('t2', ['b'], 1)];
    themes[0]!.name = 'Risk <& "blame">';
    const codes = [code('a', 4, 'Shame & blame'), code('b', 1), code('c', 2)];
    const g = computeMap(themes, codes, { ...empty, links: [{ id: 'l', from: 't1', to: 't2' }] });
    const svg = mapToSvg(g, themes, codes, { title: 'Map' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('Risk &lt;&amp; &quot;blame&quot;&gt;');
    expect(svg).toContain('Shame &amp; blame');
    expect(svg).not.toMatch(/<[^>]*Shame & blame/);
    expect(svg.match(/<line /g)).toHaveLength(1);
    expect(svg.match(/rx="7"/g)).toHaveLength(3); // one card per code
    expect(svg).toContain('Codes not in a theme (1)');
    expect(escapeXml(`a'b`)).toBe('a&apos;b');
    // The document parses as XML.
    expect(() => new DOMParserLike().check(svg)).not.toThrow();
  });
});

/** A tiny well-formedness check: every tag opened is closed in order (enough for the flat SVG written here). */
class DOMParserLike {
  check(xml: string): void {
    const stack: string[] = [];
    for (const m of xml.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
      const [, closing, name, selfClosing] = m;
      if (selfClosing) continue;
      if (closing) {
        if (stack.pop() !== name) throw new Error(`Unbalanced </${name}>`);
      } else stack.push(name!);
    }
    if (stack.length) throw new Error(`Unclosed <${stack.join(', ')}>`);
  }
}
