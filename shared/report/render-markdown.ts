/**
 * A report document as Markdown (CommonMark with GitHub tables). Text from the project is escaped so that it shows
 * as written and cannot turn into markup or raw HTML. Figures are given as their data tables (Markdown has no
 * portable way to embed a drawing), numbered with the other tables.
 */
import { captionLabels, type Inline, type ReportBlock, type ReportDocument, type ReportTable } from './document';

/** Escapes characters Markdown would read as markup, including "<" so no HTML gets through. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|]|~~/g, (ch) => ch.replace(/./g, '\\$&'))
    .replace(/&(?=#?[a-zA-Z0-9]+;)/g, '\\&')
    .replace(/^(\s*)(#+|[-+=]|\d+[.)])(\s|$)/gm, (_, space: string, marker: string, after: string) => `${space}${marker.replace(/([-+=.)#])$/, '\\$1')}${after}`);
}

function inline(content: readonly Inline[]): string {
  return content
    .map((run) => {
      const text = escapeMarkdown(run.text);
      const trimmed = text.trim();
      if (!trimmed || (!run.bold && !run.italic)) return text;
      // Emphasis markers must touch the words, so keep surrounding spaces outside them.
      const lead = text.slice(0, text.length - text.trimStart().length);
      const trail = text.slice(text.trimEnd().length);
      const mark = run.bold && run.italic ? '***' : run.bold ? '**' : '*';
      return `${lead}${mark}${trimmed}${mark}${trail}`;
    })
    .join('');
}

/** One line per paragraph of text: inner line breaks become Markdown hard breaks. */
function lines(text: string): string {
  return text.replace(/\r?\n/g, '  \n');
}

function table(label: string, t: ReportTable): string {
  const cell = (text: string): string => escapeMarkdown(text).replace(/\r?\n/g, ' ').trim() || ' ';
  const header = `| ${t.header.map(cell).join(' | ')} |`;
  const rule = `| ${t.header.map((_, i) => (t.numeric?.[i] ? '---:' : '---')).join(' | ')} |`;
  const rows = t.rows.map((row) => `| ${t.header.map((_, i) => cell(row[i] ?? '')).join(' | ')} |`);
  const out = [`**${label}** *${escapeMarkdown(t.caption)}*`, '', header, rule, ...rows];
  if (t.note) out.push('', `*Note.* ${escapeMarkdown(t.note)}`);
  return out.join('\n');
}

function block(b: ReportBlock, labels: Map<ReportBlock, string>): string {
  switch (b.kind) {
    case 'heading':
      return `${'#'.repeat(b.level + 1)} ${escapeMarkdown(b.text)}`;
    case 'paragraph':
      return lines(inline(b.content));
    case 'list':
      return b.items.map((item) => `- ${lines(inline(item)).replace(/\n/g, '\n  ')}`).join('\n');
    case 'quote': {
      const text = lines(escapeMarkdown(b.quote.text));
      const attribution = b.quote.attribution ? ` ${escapeMarkdown(b.quote.attribution)}` : '';
      return `> ${(text + attribution).replace(/\n/g, '\n> ')}`;
    }
    case 'table':
      return table(labels.get(b)!, b.table);
    case 'figure':
      if (b.figure.dataElsewhere) return '';
      return table(labels.get(b)!, { ...b.figure.table, caption: b.figure.caption });
  }
}

export function renderMarkdown(doc: ReportDocument): string {
  const labels = captionLabels(doc.blocks, true);
  const parts = [`# ${escapeMarkdown(doc.title)}`];
  if (doc.subtitle) parts.push(`*${escapeMarkdown(doc.subtitle)}*`);
  for (const b of doc.blocks) {
    const text = block(b, labels);
    if (text) parts.push(text);
  }
  return `${parts.join('\n\n')}\n`;
}
