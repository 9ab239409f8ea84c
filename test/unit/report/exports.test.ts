import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import type { ProjectData } from '../../../shared/model/types';
import { codebookCsv, codebookDocx, codebookMarkdown, codebookRows, codebookXlsx } from '../../../shared/report/codebook-export';
import { extractsCsv, extractsTable, extractsXlsx } from '../../../shared/report/extracts-export';
import { formatDay, memosDocx, memosMarkdown } from '../../../shared/report/memos-export';
import { copy, docxParagraphs, docxPart, sampleProject } from './helpers';

function parseCsv(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

/** Independent counts of one code's codings, documents and cases. */
function countsOf(project: ProjectData, codeId: string): [number, number, number] {
  const codings = project.codings.filter((c) => c.codeId === codeId);
  const docs = new Set(codings.map((c) => c.documentId));
  const cases = new Set([...docs].map((d) => project.documents.find((x) => x.id === d)!.caseId));
  return [codings.length, docs.size, cases.size];
}

describe('codebook export', () => {
  it('lists every code in codebook order with its texts and counts', async () => {
    const project = await sampleProject();
    const rows = codebookRows(project);
    expect(rows).toHaveLength(30);
    expect(rows.slice(0, 3).map((r) => r.levels)).toEqual([['Benefits to children'], ['Benefits to children', "Child's voice heard"], ['Benefits to children', 'Continuity of relationships']]);
    for (const row of rows) {
      const code = project.codes.find((c) => c.id === row.codeId)!;
      expect([row.definition, row.inclusion, row.exclusion, row.example]).toEqual([code.description, code.inclusion, code.exclusion, code.example]);
      expect([row.codings, row.documents, row.cases]).toEqual(countsOf(project, code.id));
    }
  });

  it('writes RFC 4180 CSV (CRLF, quotes doubled) with an optional byte order mark', async () => {
    const project = copy(await sampleProject());
    project.codes[0]!.description = 'Says "it matters", then\na new line';
    const csv = codebookCsv(project);
    expect(csv.startsWith('Code,Level,Definition,Inclusion,Exclusion,Example,Codings,Documents,Cases\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv).toContain('"Says ""it matters"", then\na new line"');
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(31);
    expect(rows[1]![2]).toBe('Says "it matters", then\na new line');
    expect(rows[2]!.slice(0, 2)).toEqual(["Benefits to children/Child's voice heard", '2']);
    const voice = project.codes.find((c) => c.name === "Child's voice heard")!;
    expect(rows[2]!.slice(6).map(Number)).toEqual(countsOf(project, voice.id));
    expect(codebookCsv(project, { bom: true }).startsWith('\uFEFFCode,')).toBe(true);
    expect(csv.startsWith('\uFEFF')).toBe(false);
  });

  it('writes XLSX that reads back with numbers as numbers', async () => {
    const project = await sampleProject();
    const [sheet] = await readXlsxFile(Buffer.from(await codebookXlsx(project)));
    expect(sheet!.sheet).toBe('Codebook');
    expect(sheet!.data[0]).toEqual(['Code', 'Level', 'Definition', 'Inclusion', 'Exclusion', 'Example', 'Codings', 'Documents', 'Cases']);
    expect(sheet!.data).toHaveLength(31);
    const voice = project.codes.find((c) => c.name === "Child's voice heard")!;
    expect(sheet!.data[2]).toEqual(["Benefits to children/Child's voice heard", 2, voice.description, voice.inclusion, voice.exclusion, voice.example, ...countsOf(project, voice.id)]);
  });

  it('writes a landscape Word table with a header row, and Markdown', async () => {
    const project = await sampleProject();
    const bytes = await codebookDocx(project);
    expect(docxPart(bytes, 'word/document.xml')).toMatch(/<w:pgSz [^>]*w:orient="landscape"/);
    const paragraphs = docxParagraphs(bytes);
    expect(paragraphs.find((p) => p.style === 'Caption')?.text).toBe('Table 1. Codebook: definitions, criteria, examples and counts');
    const cells = paragraphs.filter((p) => p.style === 'TableText').map((p) => p.text);
    expect(cells.slice(0, 8)).toEqual(['Code', 'Definition', 'Inclusion', 'Exclusion', 'Example', 'Codings', 'Documents', 'Cases']);
    expect(cells).toContain("\u2003Child's voice heard");
    const md = codebookMarkdown(project);
    expect(md).toContain('| Code | Definition | Inclusion | Exclusion | Example | Codings | Documents | Cases |');
  });
});

describe('coded extracts export', () => {
  it('has one row per coding with case attributes, one column per code level, and the exact text', async () => {
    const project = await sampleProject();
    const table = extractsTable(project);
    expect(table.columns).toEqual([
      'Document', 'Case', 'Agency', 'Role', 'Years in practice', 'Locality', 'Interview date',
      'Code level 1', 'Code level 2', 'Coder', 'Start', 'End', 'Text', 'Memo',
    ]);
    expect(table.rows).toHaveLength(project.codings.length);
    const col = (name: string): number => table.columns.indexOf(name);
    for (const row of table.rows) {
      const document = project.documents.find((d) => d.name === row[col('Document')])!;
      const text = project.texts.find((t) => t.id === document.id)!.text;
      expect(row[col('Text')]).toBe(text.slice(row[col('Start')] as number, row[col('End')] as number));
    }
    const first = project.codings.find((c) => c.documentId === project.documents[0]!.id && c.start === Math.min(...project.codings.filter((x) => x.documentId === project.documents[0]!.id).map((x) => x.start)))!;
    const row = table.rows[0]!;
    expect(row.slice(0, 7)).toEqual(['P01 Social worker', 'P01', 'Children’s social care', 'Social worker', '6', 'Northbridge', '2026-03-03']);
    expect([row[col('Start')], row[col('End')]]).toEqual([first.start, first.end]);
    // A top-level code leaves the second level empty.
    expect(table.rows.some((r) => r[col('Code level 1')] === 'Good practice examples' && r[col('Code level 2')] === null)).toBe(true);
  });

  it('puts memos on a coding in its row, and keeps to chosen coders', async () => {
    const project = copy(await sampleProject());
    const coding = project.codings[5]!;
    project.memos.push({ id: 'm1', targetType: 'coding', targetId: coding.id, title: '', content: '', plainText: 'Check with "B", later', createdAt: 1, updatedAt: 1 });
    const ben = project.coders.find((c) => c.name === 'Ben Hughes')!;
    const table = extractsTable(project, { coderIds: [ben.id] });
    expect(table.rows).toHaveLength(project.codings.filter((c) => c.coderId === ben.id).length);
    const all = extractsTable(project);
    const memoRows = all.rows.filter((r) => r[all.columns.indexOf('Memo')] !== null);
    expect(memoRows).toHaveLength(1);
    expect(memoRows[0]![all.columns.indexOf('Start')]).toBe(coding.start);
    const csv = parseCsv(extractsCsv(project, { bom: true }));
    expect(csv).toHaveLength(project.codings.length + 1);
    expect(csv.flat()).toContain('Check with "B", later');
  });

  it('writes XLSX with offsets as numbers', async () => {
    const project = await sampleProject();
    const [sheet] = await readXlsxFile(Buffer.from(await extractsXlsx(project)));
    expect(sheet!.data).toHaveLength(project.codings.length + 1);
    const table = extractsTable(project);
    expect(sheet!.data[1]).toEqual(table.rows[0]);
  });
});

describe('memos and reflexive journal export', () => {
  it('lists journal entries by date, then memos by what they are about, as Markdown and Word', async () => {
    const project = copy(await sampleProject());
    const base = project.memos.find((m) => m.targetType === 'journal')!;
    project.memos.push({ ...base, id: 'j0', date: '2026-05-28', title: 'Before the interviews', plainText: 'Expect to hear about <chairs>.\nSecond paragraph.' });
    const theme = project.themes[0]!;
    project.memos.push({ ...base, id: 't1', targetType: 'theme', targetId: theme.id, date: undefined, title: 'Too broad?', plainText: 'Maybe split.' });
    const coding = project.codings[0]!;
    project.memos.push({ ...base, id: 'c1', targetType: 'coding', targetId: coding.id, date: undefined, title: 'Jargon', plainText: 'Strong example.' });
    const md = memosMarkdown(project);
    const at = (s: string): number => {
      const i = md.indexOf(s);
      expect(i, s).toBeGreaterThanOrEqual(0);
      return i;
    };
    expect(at('## Reflexive journal')).toBeLessThan(at('### 28 May 2026: Before the interviews'));
    expect(at('### 28 May 2026: Before the interviews')).toBeLessThan(at('### 3 June 2026: First read-through'));
    expect(md).toContain('Expect to hear about \\<chairs\\>.\n\nSecond paragraph.');
    expect(at('## Memos')).toBeLessThan(at('### Project memos'));
    expect(at('### Project memos')).toBeLessThan(at('### Theme memos'));
    expect(md).toContain('#### Benefits to children: Too broad?');
    const codingText = project.texts.find((t) => t.id === coding.documentId)!.text.slice(coding.start, coding.end);
    expect(at('### Memos on coded passages')).toBeLessThan(at('Strong example.'));
    expect(md).toContain(`> ${codingText.replace(/[\\`*_[\]<>|]/g, '\\$&')}`);

    const paragraphs = docxParagraphs(await memosDocx(project));
    const headings = paragraphs.filter((p) => p.style.startsWith('Heading')).map((p) => `${p.style}:${p.text}`);
    expect(headings.slice(0, 3)).toEqual(['Heading1:Reflexive journal', 'Heading2:28 May 2026: Before the interviews', 'Heading2:3 June 2026: First read-through']);
    expect(paragraphs.some((p) => p.style === 'Quote' && p.text.startsWith(codingText))).toBe(true);
  });

  it('formats dates as day month year', () => {
    expect(formatDay('2026-06-03')).toBe('3 June 2026');
    expect(formatDay('2026-13-03')).toBe('2026-13-03');
    expect(formatDay('spring')).toBe('spring');
  });
});
