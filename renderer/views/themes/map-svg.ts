import type { Id } from '../../../shared/model/types';
import { HEADER, POOL_HEADING, SUB_HEADER, type MapCode, type MapGeometry, type MapTheme } from './map-layout';

/**
 * The thematic map as a standalone SVG document (for a paper or a slide): the same geometry the screen shows, in
 * print colours, with system fonts and nothing fetched. Text is escaped; long names wrap to two lines and are cut.
 */

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif";

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Splits a name into at most `lines` lines of about `perLine` characters, cutting the last with an ellipsis. */
export function wrapText(text: string, perLine: number, lines = 2): string[] {
  const cut = (l: string) => (l.length > perLine ? `${l.slice(0, Math.max(1, perLine - 1)).trimEnd()}…` : l);
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  const out: string[] = [];
  let line = '';
  for (let i = 0; i < words.length; i++) {
    if (out.length === lines - 1) {
      // The last line takes every word left.
      line = [line, ...words.slice(i)].filter(Boolean).join(' ');
      break;
    }
    const next = line ? `${line} ${words[i]}` : words[i]!;
    if (next.length <= perLine || !line) line = next;
    else {
      out.push(line);
      line = '';
      i--;
    }
  }
  if (line) out.push(line);
  return out.map(cut);
}

const fmt = (n: number) => String(Math.round(n * 10) / 10);

export function mapToSvg(geometry: MapGeometry, themes: readonly MapTheme[], codes: readonly MapCode[], options: { title?: string; margin?: number } = {}): string {
  const margin = options.margin ?? 24;
  const themeById = new Map<Id, MapTheme>(themes.map((t) => [t.id, t]));
  const codeById = new Map<Id, MapCode>(codes.map((c) => [c.id, c]));
  const { bounds } = geometry;
  const titleHeight = options.title ? 40 : 0;
  const x0 = bounds.x - margin;
  const y0 = bounds.y - margin - titleHeight;
  const width = bounds.w + 2 * margin;
  const height = bounds.h + 2 * margin + titleHeight;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${fmt(width)}" height="${fmt(height)}" viewBox="${fmt(x0)} ${fmt(y0)} ${fmt(width)} ${fmt(height)}" font-family="${escapeXml(FONT)}">`,
  );
  out.push(`<rect x="${fmt(x0)}" y="${fmt(y0)}" width="${fmt(width)}" height="${fmt(height)}" fill="#ffffff"/>`);
  if (options.title) out.push(`<text x="${fmt(bounds.x)}" y="${fmt(bounds.y - margin)}" font-size="20" font-weight="600" fill="#1f2328">${escapeXml(options.title)}</text>`);

  out.push('<g stroke="#5f6670" stroke-width="2" stroke-dasharray="6 4" fill="none">');
  for (const l of geometry.links) out.push(`<line x1="${fmt(l.x1)}" y1="${fmt(l.y1)}" x2="${fmt(l.x2)}" y2="${fmt(l.y2)}"/>`);
  out.push('</g>');

  for (const box of geometry.themes) {
    const theme = themeById.get(box.id);
    if (!theme) continue;
    const top = box.depth === 0;
    out.push(
      `<rect x="${fmt(box.x)}" y="${fmt(box.y)}" width="${fmt(box.w)}" height="${fmt(box.h)}" rx="${top ? 12 : 9}" fill="${escapeXml(theme.color)}" fill-opacity="${top ? 0.08 : 0.1}" stroke="${escapeXml(theme.color)}" stroke-width="${top ? 2 : 1.5}"/>`,
    );
    const size = top ? 16 : 13.5;
    const lines = wrapText(theme.name, Math.floor((box.w - 110) / (size * 0.56)), 1);
    out.push(
      `<text x="${fmt(box.x + 14)}" y="${fmt(box.y + (top ? HEADER : SUB_HEADER) / 2 + size * 0.35)}" font-size="${size}" font-weight="650" fill="#1f2328">${escapeXml(lines[0] ?? '')}</text>`,
    );
    out.push(
      `<text x="${fmt(box.x + box.w - 14)}" y="${fmt(box.y + (top ? HEADER : SUB_HEADER) / 2 + 4)}" font-size="11.5" text-anchor="end" fill="#5f6670">${escapeXml(`${theme.status} · ${box.codeCount} ${box.codeCount === 1 ? 'code' : 'codes'}`)}</text>`,
    );
  }

  if (geometry.pool) {
    out.push(
      `<text x="${fmt(geometry.pool.x)}" y="${fmt(geometry.pool.y + POOL_HEADING / 2 + 4)}" font-size="13" font-weight="600" fill="#5f6670">${escapeXml(`Codes not in a theme (${geometry.pool.count})`)}</text>`,
    );
  }

  for (const card of geometry.cards) {
    const code = codeById.get(card.codeId);
    if (!code) continue;
    const fontSize = 12 + 2 * card.weight;
    const lines = wrapText(code.name, Math.floor((card.w - 50) / (fontSize * 0.55)), 2);
    out.push(`<g>`);
    out.push(`<rect x="${fmt(card.x)}" y="${fmt(card.y)}" width="${fmt(card.w)}" height="${fmt(card.h)}" rx="7" fill="#ffffff" stroke="#c9c4b8"/>`);
    out.push(`<rect x="${fmt(card.x)}" y="${fmt(card.y)}" width="5" height="${fmt(card.h)}" rx="2" fill="${escapeXml(code.color)}"/>`);
    const lineHeight = fontSize * 1.25;
    const firstY = card.y + card.h / 2 - ((lines.length - 1) * lineHeight) / 2 + fontSize * 0.35;
    lines.forEach((line, i) => {
      out.push(`<text x="${fmt(card.x + 13)}" y="${fmt(firstY + i * lineHeight)}" font-size="${fmt(fontSize)}" fill="#1f2328">${escapeXml(line)}</text>`);
    });
    out.push(`<text x="${fmt(card.x + card.w - 10)}" y="${fmt(card.y + card.h / 2 + 4)}" font-size="11.5" text-anchor="end" fill="#5f6670">${card.count}</text>`);
    out.push(`</g>`);
  }
  out.push('</svg>');
  return out.join('\n');
}
