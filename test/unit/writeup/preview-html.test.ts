// @vitest-environment jsdom
/** The live preview keeps only inert markup from the report's HTML, whatever the project's text holds. */
import { describe, expect, it } from 'vitest';
import type { ProjectData } from '../../../shared/model/types';
import { buildSample } from '../../../shared/sample/index';
import { buildReport } from '../../../renderer/writeup/engine';
import { defaultSettings } from '../../../renderer/writeup/settings';
import { sanitiseReportHtml } from '../../../renderer/views/writeup/preview-html';

describe('the report preview', () => {
  it('shows hostile names and quotes as text, with nothing that could run or load', async () => {
    const p: ProjectData = structuredClone(await buildSample('preview-test', 0));
    const hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    p.themes[0]!.name = `Benefits ${hostile}`;
    p.themes[0]!.definition = `Defined <a href="https://example.org">here</a>`;
    const first = p.codings.find((c) => p.themes[0]!.codeIds.includes(c.codeId))!;
    const text = p.texts.find((t) => t.id === first.documentId)!;
    text.text = text.text.slice(0, first.start) + '<iframe src="https://example.org"></iframe>'.padEnd(first.end - first.start, ' ') + text.text.slice(first.end);
    const out = buildReport(p, { settings: defaultSettings(), chosen: { [p.themes[0]!.id]: [first.id] } });
    const { page, style } = sanitiseReportHtml(out.html, document);
    expect(page.querySelectorAll('script, img, iframe, a, [onerror]').length).toBe(0);
    expect(page.querySelector('h3')!.textContent).toBe(`Benefits ${hostile}`);
    expect(page.querySelector('blockquote')!.textContent).toContain('<iframe src="https://example.org"></iframe>');
    // Prevalence, code frequencies, co-occurrence and the thematic map, whose theme name is hostile too.
    expect(page.querySelectorAll('figure svg').length).toBe(4);
    expect([...page.querySelectorAll('figure svg text')].some((t) => t.textContent!.includes('<script>'))).toBe(true);
    expect(page.getAttribute('role')).toBe('document');
    expect(style).toContain('blockquote');
  });

  it('removes active markup that reaches it by any way', () => {
    const html = `<!DOCTYPE html><html><head><style>p { color: red }</style><meta http-equiv="refresh" content="0;url=https://example.org"></head>
      <body><main><h1 onclick="steal()">Title</h1><script>steal()</script><p>Text <a href="javascript:steal()">link</a> <a href="#fig-1">figure</a></p>
      <svg xmlns="http://www.w3.org/2000/svg"><a xlink:href="https://example.org"><text>t</text></a><image href="https://example.org/x.png"/><use href="#glyph"/></svg>
      <form action="https://example.org"><input name="q"></form><object data="x"></object><iframe srcdoc="<script>steal()</script>"></iframe></main></body></html>`;
    const { page, style } = sanitiseReportHtml(html, document);
    expect(style).toBe('p { color: red }');
    const main = page.querySelector('main')!;
    expect(main.querySelectorAll('script, form, input, object, iframe, meta').length).toBe(0);
    expect(main.querySelector('h1')!.hasAttribute('onclick')).toBe(false);
    const links = [...main.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href') ?? a.getAttribute('xlink:href'))).toEqual([null, '#fig-1', null]);
    expect(main.querySelector('image')!.hasAttribute('href')).toBe(false);
    expect(main.querySelector('use')!.getAttribute('href')).toBe('#glyph');
    expect(main.textContent).toContain('Text link figure');
  });
});
