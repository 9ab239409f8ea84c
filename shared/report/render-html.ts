/**
 * A report document as one standalone HTML file: inline CSS, charts as inline SVG, no external resources, and a
 * Content-Security-Policy that forbids scripts and remote loads, so the file is safe to open and to send. Every piece
 * of text is escaped; the SVG comes from charts.ts, which escapes its own text.
 */
import { captionLabels, type Inline, type ReportBlock, type ReportDocument, type ReportTable } from './document';

export function escapeHtml(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '').replace(/[&<>"']/g, (ch) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[ch]!};`);
}

const STYLE = `
:root { color-scheme: light; }
body { margin: 0; background: #f4f4f1; color: #1d1d1b; }
main { max-width: 46rem; margin: 2rem auto; padding: 3rem 3.5rem; background: #fff; font: 12pt/1.55 Georgia, 'Times New Roman', Times, serif; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
h1.title { font-size: 1.7em; margin: 0 0 .2em; line-height: 1.25; }
p.subtitle { margin: 0 0 2em; color: #555; font-style: italic; }
h2 { font-size: 1.3em; margin: 1.8em 0 .6em; }
h3 { font-size: 1.1em; margin: 1.6em 0 .5em; }
h4 { font-size: 1em; font-style: italic; margin: 1.4em 0 .4em; }
p { margin: 0 0 .8em; }
blockquote { margin: .9em 2.2em 1em; font-size: .95em; }
blockquote .attribution { white-space: nowrap; }
ul { margin: 0 0 1em; padding-left: 1.4em; }
li { margin-bottom: .3em; }
figure { margin: 1.6em 0; }
figure svg { max-width: 100%; height: auto; display: block; margin: 0 auto; }
.caption { font-size: .95em; margin: 1.4em 0 .4em; }
.caption .label { font-weight: bold; }
.caption .text { font-style: italic; }
table { border-collapse: collapse; width: 100%; font: 10pt/1.35 'Helvetica Neue', Helvetica, Arial, sans-serif; margin-bottom: .4em; }
th, td { padding: .3em .5em; text-align: left; vertical-align: top; }
thead th { border-top: 1.5px solid #1d1d1b; border-bottom: 1px solid #1d1d1b; }
tbody tr:last-child td { border-bottom: 1.5px solid #1d1d1b; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
p.note { font-size: .9em; }
details { font-size: .9em; margin-top: .4em; }
@media print { body { background: #fff; } main { box-shadow: none; margin: 0; padding: 0; max-width: none; } }
`;

function inline(content: readonly Inline[]): string {
  return content
    .map((run) => {
      let html = escapeHtml(run.text).replace(/\r?\n/g, '<br>');
      if (run.italic) html = `<em>${html}</em>`;
      if (run.bold) html = `<strong>${html}</strong>`;
      return html;
    })
    .join('');
}

function caption(label: string, text: string): string {
  return `<p class="caption"><span class="label">${escapeHtml(label)}</span> <span class="text">${escapeHtml(text)}</span></p>`;
}

function table(t: ReportTable, label?: string): string {
  const cls = (i: number): string => (t.numeric?.[i] ? ' class="num"' : '');
  const head = `<thead><tr>${t.header.map((h, i) => `<th scope="col"${cls(i)}>${escapeHtml(h)}</th>`).join('')}</tr></thead>`;
  const body = `<tbody>${t.rows.map((row) => `<tr>${t.header.map((_, i) => `<td${cls(i)}>${escapeHtml(row[i] ?? '').replace(/\r?\n/g, '<br>')}</td>`).join('')}</tr>`).join('')}</tbody>`;
  const parts = [label ? caption(label, t.caption) : '', `<table>${head}${body}</table>`];
  if (t.note) parts.push(`<p class="note"><em>Note.</em> ${escapeHtml(t.note)}</p>`);
  return parts.join('');
}

function block(b: ReportBlock, labels: Map<ReportBlock, string>): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level + 1}>${escapeHtml(b.text)}</h${b.level + 1}>`;
    case 'paragraph':
      return `<p>${inline(b.content)}</p>`;
    case 'list':
      return `<ul>${b.items.map((item) => `<li>${inline(item)}</li>`).join('')}</ul>`;
    case 'quote': {
      const text = escapeHtml(b.quote.text).replace(/\r?\n/g, '<br>');
      const attribution = b.quote.attribution ? ` <span class="attribution">${escapeHtml(b.quote.attribution)}</span>` : '';
      return `<blockquote><p>${text}${attribution}</p></blockquote>`;
    }
    case 'table':
      return table(b.table, labels.get(b));
    case 'figure':
      return (
        `<figure>${caption(labels.get(b)!, b.figure.caption)}${b.figure.chart.svg}` +
        `<details><summary>Data</summary>${table({ ...b.figure.table, caption: '' })}</details></figure>`
      );
  }
}

export function renderHtml(doc: ReportDocument): string {
  const labels = captionLabels(doc.blocks, false);
  const body = [`<h1 class="title">${escapeHtml(doc.title)}</h1>`];
  if (doc.subtitle) body.push(`<p class="subtitle">${escapeHtml(doc.subtitle)}</p>`);
  for (const b of doc.blocks) body.push(block(b, labels));
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<main>${body.join('\n')}</main>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
