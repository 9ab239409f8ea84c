/** The report command, run in-process through runCli on a .qdpx of the sample project in a temporary folder. */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run';
import { readQdpx } from '../../../shared/exchange/qdpx-read';
import { writeQdpx } from '../../../shared/exchange/qdpx-write';
import { docxParagraphs, sampleProject } from './helpers';

const NVIVO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../../shared/fixtures/real/nvivo-12.6-win_oltas.qdpx');
let dir: string;

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t), cwd: dir });
  return { code, out, err };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'tessera-report-'));
  writeFileSync(path.join(dir, 'sample.qdpx'), writeQdpx(await sampleProject()));
  writeFileSync(path.join(dir, 'broken.qdpx'), 'not a zip at all');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('report', () => {
  it('writes the findings report as Word, Markdown and HTML', async () => {
    // What the command reads back from the file is what the report is built from.
    const { project } = await readQdpx(new Uint8Array(readFileSync(path.join(dir, 'sample.qdpx'))), 'sample.qdpx');
    const themes = [...project.themes].sort((a, b) => a.order - b.order).map((t) => t.name);
    expect(themes).toEqual(['Benefits to children', 'Partnership with parents and carers', 'Professional confidence']);

    const docx = await cli('report', 'sample.qdpx', '--format', 'docx', '-o', 'findings.docx');
    expect(docx).toMatchObject({ code: 0, err: '' });
    expect(docx.out).toBe('Wrote a findings report of 3 themes with 9 quotes to findings.docx\n');
    const paragraphs = docxParagraphs(new Uint8Array(readFileSync(path.join(dir, 'findings.docx'))));
    expect(paragraphs.filter((p) => p.style === 'Heading2').map((p) => p.text)).toEqual(themes);
    expect(paragraphs.filter((p) => p.style === 'Quote')).toHaveLength(9);

    const md = await cli('report', 'sample.qdpx', '--format', 'md', '-o', 'findings.md');
    expect(md.code).toBe(0);
    const markdown = readFileSync(path.join(dir, 'findings.md'), 'utf8');
    for (const name of themes) expect(markdown).toContain(`\n### ${name}\n`);
    expect(markdown.match(/^> /gm)).toHaveLength(9);

    const html = await cli('report', 'sample.qdpx', '--format', 'html', '-o', 'findings.html');
    expect(html.code).toBe(0);
    const page = readFileSync(path.join(dir, 'findings.html'), 'utf8');
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page.match(/<blockquote>/g)).toHaveLength(9);
    expect(page.match(/<svg /g)).toHaveLength(2);
  });

  it('keeps to the themes named and the number of quotes asked for', async () => {
    const { code, out } = await cli('report', 'sample.qdpx', '--format', 'md', '-o', 'two.md', '--themes', 'professional confidence, Benefits to children', '--quotes', '1');
    expect(code).toBe(0);
    expect(out).toContain('2 themes with 2 quotes');
    const markdown = readFileSync(path.join(dir, 'two.md'), 'utf8');
    expect(markdown).toContain('### Benefits to children');
    expect(markdown).toContain('### Professional confidence');
    expect(markdown).not.toContain('### Partnership with parents and carers');
    expect(markdown.match(/^> /gm)).toHaveLength(2);
  });

  it('reports a real NVivo export without themes by code', async () => {
    const { code, out } = await cli('report', NVIVO, '--format', 'docx', '-o', 'nvivo.docx');
    expect(code).toBe(0);
    expect(out).toMatch(/^Wrote a findings report of 30 codes with \d+ quotes to nvivo\.docx\n$/);
    const paragraphs = docxParagraphs(new Uint8Array(readFileSync(path.join(dir, 'nvivo.docx'))));
    expect(paragraphs.filter((p) => p.style === 'Heading2')).toHaveLength(30);
  });

  it('refuses bad input on stderr with exit code 1, writing nothing', async () => {
    const before = readdirSync(dir).sort();
    const cases: [string[], RegExp][] = [
      [['report', 'sample.qdpx', '-o', 'x.docx'], /choose the format with --format docx, md or html/],
      [['report', 'sample.qdpx', '--format', 'pdf', '-o', 'x.pdf'], /\(not "pdf"\)/],
      [['report', 'sample.qdpx', '--format', 'md'], /give the output file with -o OUT/],
      [['report', '--format', 'md', '-o', 'x.md'], /give one \.qdpx file/],
      [['report', 'sample.qdpx', '--format', 'md', '-o', 'x.md', '--quotes', 'three'], /--quotes needs a whole number/],
      [['report', 'sample.qdpx', '--format', 'md', '-o', 'x.md', '--colour', 'red'], /unknown option --colour/],
      [['report', 'missing.qdpx', '--format', 'md', '-o', 'x.md'], /^missing\.qdpx: no such file/],
      [['report', 'broken.qdpx', '--format', 'md', '-o', 'x.md'], /^broken\.qdpx: /],
      [['report', 'sample.qdpx', '--format', 'md', '-o', 'x.md', '--themes', 'Resilience,Benefits to children'], /^sample\.qdpx: No theme named "Resilience"/],
    ];
    for (const [args, message] of cases) {
      const { code, out, err } = await cli(...args);
      expect(code, args.join(' ')).toBe(1);
      expect(out).toBe('');
      expect(err).toMatch(message);
    }
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(existsSync(path.join(dir, 'x.md'))).toBe(false);
  });

  it('says where it cannot write', async () => {
    const { code, err } = await cli('report', 'sample.qdpx', '--format', 'md', '-o', 'no-such-folder/out.md');
    expect(code).toBe(1);
    expect(err).toMatch(/^no-such-folder\/out\.md: cannot write the report/);
  });

  it('is listed in the help', async () => {
    const { out } = await cli('--help');
    expect(out).toContain('report FILE.qdpx --format docx|md|html -o OUT [--themes NAME,NAME...] [--quotes N]');
  });
});
