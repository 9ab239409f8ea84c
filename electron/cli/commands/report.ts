import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CliCommand } from '../command';
import { parseArgs } from '../command';
import { readQdpx } from '../../../shared/exchange/qdpx-read';
import { buildFindingsReport } from '../../../shared/report/findings';
import { renderDocx } from '../../../shared/report/render-docx';
import { renderHtml } from '../../../shared/report/render-html';
import { renderMarkdown } from '../../../shared/report/render-markdown';
import { errorLine, writeFileWhole } from './info';

const USAGE = 'report FILE.qdpx --format docx|md|html -o OUT [--themes NAME,NAME...] [--quotes N]';
const FORMATS = ['docx', 'md', 'html'] as const;
type Format = (typeof FORMATS)[number];

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'Write the findings report of a .qdpx: themes, definitions, codes, prevalence and attributed quotes',
  usage: USAGE,
  async run(args, io) {
    const { positional, flags } = parseArgs(args);
    const file = positional[0];
    const format = flags.get('format');
    const out = flags.get('o') ?? flags.get('out');
    const themes = flags.get('themes');
    const quotes = flags.get('quotes');
    const fail = (problem: string): number => {
      io.err(`tessera report: ${problem}\nUsage: tessera ${USAGE}\n`);
      return 1;
    };
    if (!file || positional.length > 1) return fail('give one .qdpx file.');
    if (typeof format !== 'string' || !FORMATS.includes(format as Format)) return fail(`choose the format with --format docx, md or html${typeof format === 'string' ? ` (not "${format}")` : ''}.`);
    if (typeof out !== 'string' || !out.trim()) return fail('give the output file with -o OUT.');
    if (themes === true) return fail('--themes needs a comma-separated list of theme names.');
    let quotesPerTheme: number | undefined;
    if (quotes !== undefined) {
      if (typeof quotes !== 'string' || !/^\d+$/.test(quotes.trim())) return fail('--quotes needs a whole number of quotes per theme (0 or more).');
      quotesPerTheme = Number(quotes.trim());
    }
    const known = new Set(['format', 'o', 'out', 'themes', 'quotes']);
    const unknown = [...flags.keys()].filter((k) => !known.has(k));
    if (unknown.length > 0) return fail(`unknown option ${unknown.map((k) => `--${k}`).join(', ')}.`);

    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(path.resolve(io.cwd, file)));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException | undefined)?.code;
      io.err(`${path.basename(file)}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a .qdpx file' : 'cannot be read'} (${path.resolve(io.cwd, file)})\n`);
      return 1;
    }
    let content: Uint8Array | string;
    let summary: string;
    try {
      const { project, warnings } = await readQdpx(bytes, path.basename(file));
      for (const warning of warnings) io.err(`${path.basename(file)}: ${warning}\n`);
      const report = buildFindingsReport(project, {
        themes: typeof themes === 'string' ? themes.split(',').map((t) => t.trim()).filter(Boolean) : undefined,
        quotesPerTheme,
      });
      content = format === 'docx' ? await renderDocx(report) : format === 'md' ? renderMarkdown(report) : renderHtml(report);
      const sections = report.sections.length + report.sections.reduce((n, s) => n + s.subthemes.length, 0);
      const quoted = report.blocks.filter((b) => b.kind === 'quote').length;
      const what = report.organisedBy === 'themes' ? (sections === 1 ? 'theme' : 'themes') : sections === 1 ? 'code' : 'codes';
      summary = `a findings report of ${sections} ${what} with ${quoted} ${quoted === 1 ? 'quote' : 'quotes'}`;
    } catch (error) {
      io.err(errorLine(file, error));
      return 1;
    }
    try {
      await writeFileWhole(out, io, content);
      io.out(`Wrote ${summary} to ${out}\n`);
      return 0;
    } catch (error) {
      io.err(`${out}: cannot write the report (${error instanceof Error ? error.message : String(error)})\n`);
      return 1;
    }
  },
};
