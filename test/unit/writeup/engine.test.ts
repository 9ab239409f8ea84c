/**
 * What the Write-up view builds, run directly on the sample project, a small hand-made project and a real NVivo
 * export: the report with each section's candidate quotes, the user's quote choices, exemplars, attribution,
 * pseudonyms, the heatmap, charts, the files saved, and agreement for the method paragraph.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { readQdpx } from '../../../shared/exchange/qdpx-read';
import type { CodingRecord, Id, ProjectData } from '../../../shared/model/types';
import { buildSample } from '../../../shared/sample/index';
import {
  buildCharts,
  buildExport,
  buildReport,
  computeAgreement,
  reportCooccurrence,
  reportedCodeIds,
  saveReport,
  thematicMapChart,
} from '../../../renderer/writeup/engine';
import type { ReportInput, ReportSettings } from '../../../renderer/writeup/protocol';
import { defaultSettings } from '../../../renderer/writeup/settings';

const NVIVO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../../shared/fixtures/real/nvivo-12.6-win_oltas.qdpx');

let sample: Promise<ProjectData> | undefined;
async function project(): Promise<ProjectData> {
  sample ??= buildSample('writeup-test', Date.UTC(2026, 5, 1));
  return structuredClone(await sample);
}

function input(changes: Partial<ReportSettings> = {}, extra: Partial<ReportInput> = {}): ReportInput {
  return { settings: { ...defaultSettings(), ...changes }, chosen: {}, ...extra };
}

const passageKey = (c: { documentId: Id; start: number; end: number }) => `${c.documentId}:${c.start}:${c.end}`;

function textOf(p: ProjectData, c: { documentId: Id; start: number; end: number }): string {
  return p.texts.find((t) => t.id === c.documentId)!.text.slice(c.start, c.end);
}

describe('the findings report and its candidate quotes', () => {
  it('lists, for each theme, every distinct passage of its codes not quoted in another theme', async () => {
    const p = await project();
    const out = buildReport(p, input());
    expect(out.sections.map((s) => s.name)).toEqual(['Benefits to children', 'Partnership with parents and carers', 'Professional confidence']);
    const quotedIn = new Map<string, Id>();
    for (const s of out.report.sections) for (const q of s.quotes) quotedIn.set(passageKey(q), s.id);
    for (const section of out.sections) {
      const theme = p.themes.find((t) => t.id === section.sectionId)!;
      const passages = new Set(p.codings.filter((c) => theme.codeIds.includes(c.codeId)).map(passageKey));
      const expected = [...passages].filter((k) => (quotedIn.get(k) ?? section.sectionId) === section.sectionId);
      expect(section.candidates.length).toBe(expected.length);
      // The ticked candidates are exactly the quotes printed, three by default, chosen by the default rule.
      expect(section.candidates.filter((c) => c.quoted).map((c) => c.codingId).sort()).toEqual([...section.quoted].sort());
      expect(section.quoted.length).toBe(3);
      expect(section.source).toBe('rule');
    }
    expect(out.html).toContain('<h3>Professional confidence</h3>');
    expect(out.defaultAttribution).toBe('({case})');
  });

  it('quotes the passages the user chose, in document order, instead of the automatic choice', async () => {
    const p = await project();
    const first = buildReport(p, input());
    const section = first.sections[1]!;
    const free = section.candidates.filter((c) => !c.quoted);
    const picks = [free[5]!.codingId, free[0]!.codingId];
    const out = buildReport(p, input({}, { chosen: { [section.sectionId]: picks } }));
    const after = out.sections[1]!;
    expect(after.source).toBe('chosen');
    expect(after.quoted).toEqual(picks);
    const quotes = out.report.sections[1]!.quotes;
    for (const q of quotes) {
      const coding = p.codings.find((c) => c.id === q.codingId)!;
      expect(q.text).toBe(textOf(p, coding).trim());
    }
    // The other themes keep their automatic choice.
    expect(out.sections[0]!.quoted).toEqual(first.sections[0]!.quoted);
  });

  it('prefers exemplars marked in the Coding view', async () => {
    const p = await project();
    const p01 = p.documents.find((d) => d.name.startsWith('P01 '))!;
    const workload = p.codes.find((c) => c.name === 'Workload and time pressure')!;
    const coding = p.codings.find((c) => c.documentId === p01.id && c.codeId === workload.id)!;
    coding.exemplar = true;
    const out = buildReport(p, input({ attribution: '({case}, {Role})' }));
    const confidence = out.sections.find((s) => s.name === 'Professional confidence')!;
    expect(confidence.source).toBe('exemplar');
    expect(confidence.quoted).toEqual([coding.id]);
    expect(confidence.candidates.find((c) => c.codingId === coding.id)).toMatchObject({ exemplar: true, quoted: true, attribution: '(P01, Social worker)' });
    expect(out.html).toContain('I’ve got twenty-three children at the moment. It’s not possible every time. <span class="attribution">(P01, Social worker)</span>');
  });

  it('gives a live example of the attribution, and explains a template the project cannot fill', async () => {
    const p = await project();
    const role = p.attributes.find((a) => a.name === 'Role')!;
    const out = buildReport(p, input({ attribution: '{Role}, {case}' }));
    const first = out.report.sections[0]!.quotes[0]!;
    const caseId = p.documents.find((d) => d.id === first.documentId)!.caseId!;
    const roleValue = p.attributeValues.find((v) => v.ownerId === caseId && v.attributeId === role.id)!.value;
    expect(out.attributionExample).toBe(`${roleValue}, ${p.cases.find((c) => c.id === caseId)!.name}`);
    expect(out.fields).toEqual(expect.arrayContaining(['case', 'document', 'Role', 'Agency']));

    const bad = buildReport(p, input({ attribution: '({case}, {Shoe size})' }));
    expect(bad.attributionError).toMatch(/\{Shoe size\}.*not a field of this project/);
    expect(bad.attributionExample).toMatch(/^\(P\d\d\)$/);
  });

  it('reports only the chosen themes, and prints agreement figures in the method paragraph', async () => {
    const p = await project();
    const theme = p.themes.find((t) => t.name === 'Partnership with parents and carers')!;
    const out = buildReport(p, input({ themeIds: [theme.id] }, { agreement: [{ measure: 'Krippendorff’s α', value: 0.734, detail: 'nominal' }] }));
    expect(out.report.sections.map((s) => s.name)).toEqual([theme.name]);
    expect(out.report.method).toContain('Agreement between coders: Krippendorff’s α = .73 (nominal).');
    expect(buildReport(p, input({ themeIds: [theme.id], agreement: false }, { agreement: [{ measure: 'κ', value: 0.5 }] })).report.method).not.toContain('Agreement');
    expect(reportedCodeIds(p, [theme.id])).toEqual(theme.codeIds);
  });

  it('prints pseudonyms in quotes and candidates when asked', async () => {
    const p = await project();
    const table = [{ term: 'Jackie', replacement: '[Carer 1]', category: 'person' as const }];
    const plain = buildReport(p, input({ quotesPerTheme: 12 }), { pseudonyms: table });
    const withJackie = plain.sections.flatMap((s) => s.candidates).filter((c) => c.text.includes('Jackie'));
    expect(withJackie.length).toBeGreaterThan(0);
    const out = buildReport(p, input({ quotesPerTheme: 12, pseudonymise: true }), { pseudonyms: table });
    const texts = out.sections.flatMap((s) => s.candidates.map((c) => c.text));
    expect(texts.some((t) => t.includes('Jackie'))).toBe(false);
    expect(texts.filter((t) => t.includes('[Carer 1]')).length).toBe(withJackie.length);
    expect(out.html).not.toContain('Jackie');
    expect(out.report.method).toContain('Names in extracts are pseudonyms.');
  });
});

describe('the co-occurrence heatmap', () => {
  it('counts, per pair of codes, the participants in whose data one coder applied both to overlapping text', async () => {
    const p = await project();
    const codeIds = reportedCodeIds(p, undefined);
    const co = reportCooccurrence(p, codeIds)!;
    expect(co.valueLabel).toBe('Participants with both codes on one passage');
    const caseOf = new Map(p.documents.map((d) => [d.id, d.caseId]));
    const byName = new Map(p.codes.map((c) => [c.name, c.id]));
    // Counted here pair by pair, all against all, apart from the engine's sweep.
    const naive = (a: Id, b: Id): number => {
      const cases = new Set<Id | undefined>();
      const of = (id: Id) => p.codings.filter((c) => c.codeId === id);
      for (const x of of(a)) for (const y of of(b)) if (x.documentId === y.documentId && x.coderId === y.coderId && x.start < y.end && y.start < x.end) cases.add(caseOf.get(x.documentId));
      return cases.size;
    };
    let checked = 0;
    co.labels.forEach((rowLabel, r) => {
      co.labels.forEach((colLabel, c) => {
        const value = co.matrix[r]![c]!;
        if (r === c) expect(value).toBeNaN();
        else {
          expect(value).toBe(naive(byName.get(rowLabel)!, byName.get(colLabel)!));
          checked++;
        }
      });
    });
    expect(checked).toBeGreaterThan(20);
    // Every code shown co-occurs with another at least once.
    for (const row of co.matrix) expect(row.some((v) => v > 0)).toBe(true);
  });

  it('prints the diagonal of its data table as a dash, not "NaN"', async () => {
    const p = await project();
    const md = new TextDecoder().decode(await saveReport(p, input(), 'md'));
    expect(md).toContain('Co-occurrence of codes');
    expect(md).not.toContain('NaN');
    expect(md).toMatch(/\| Child's voice heard \| – \|/);
  });
});

describe('charts', () => {
  it('draws prevalence by attribute, extracts per code, co-occurrence and the thematic map', async () => {
    const p = await project();
    const charts = buildCharts(p, input({ sections: { ...defaultSettings().sections, charts: false } }));
    expect(charts.map((c) => c.id)).toEqual(['prevalence', 'frequencies', 'heatmap', 'map']);
    expect(charts.map((c) => c.chart.title)).toEqual(['Themes by agency', 'Extracts per code', 'Code co-occurrence', 'Thematic map']);
    for (const c of charts) expect(c.chart.svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="\d+(\.\d+)?" height="\d+(\.\d+)?"/);
    const map = charts[3]!.chart;
    for (const t of p.themes) expect(map.svg).toContain(t.name);
    // Extracts per code: the most coded code first, with its count of distinct passages.
    const counts = new Map<Id, Set<string>>();
    for (const c of p.codings) counts.set(c.codeId, (counts.get(c.codeId) ?? new Set()).add(passageKey(c)));
    const inThemes = new Set(p.themes.flatMap((t) => t.codeIds));
    const top = [...counts].filter(([id]) => inThemes.has(id)).sort((a, b) => b[1].size - a[1].size)[0]!;
    const topName = p.codes.find((c) => c.id === top[0])!.name;
    expect(charts[1]!.chart.description).toContain(`most first. ${topName}: ${top[1].size};`);
  });

  it('has no thematic map without themes', async () => {
    const p = await project();
    expect(thematicMapChart({ ...p, themes: [] }, undefined)).toBeUndefined();
  });
});

describe('files', () => {
  it('writes the report as Word with the charts drawn by the window’s rasteriser, or as tables without one', async () => {
    const p = await project();
    const asked: [number, number][] = [];
    const docx = await saveReport(p, input(), 'docx', {}, async (_svg, w, h) => {
      asked.push([w, h]);
      // A different picture each time (Word packages keep one copy of identical pictures).
      return new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, asked.length]);
    });
    const files = unzipSync(docx);
    const xml = strFromU8(files['word/document.xml']!);
    for (const t of p.themes) expect(xml).toContain(t.name);
    // Every chart, the thematic map included, goes into the Word file as a picture.
    const charts = buildCharts(p, input());
    expect(asked).toEqual(charts.map((c) => [c.chart.width * 2, c.chart.height * 2]));
    const media = Object.keys(files).filter((f) => f.startsWith('word/media/') && !f.endsWith('/'));
    expect(media.filter((f) => f.endsWith('.svg')).length).toBe(charts.length);
    expect(media.filter((f) => f.endsWith('.png')).length).toBe(charts.length);

    const plain = unzipSync(await saveReport(p, input(), 'docx'));
    expect(Object.keys(plain).some((f) => f.startsWith('word/media/') && !f.endsWith('/'))).toBe(false);
    expect(strFromU8(plain['word/document.xml']!)).toContain('Coded extracts per code');
  });

  it('exports the codebook, extracts and memos of the sample with the counts of its data', async () => {
    const p = await project();
    const decode = (b: Uint8Array) => new TextDecoder().decode(b);
    const options = { pseudonymise: false, memos: 'both' as const };
    const csv = Papa.parse<string[]>(decode(await buildExport(p, 'codebook-csv', options)).replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(csv.length).toBe(p.codes.length + 1);
    const code = p.codes.find((c) => c.name === 'Shame and blame')!;
    const row = csv.find((r) => r[0]!.split('/').at(-1) === code.name)!;
    const codings = p.codings.filter((c) => c.codeId === code.id);
    expect(row.slice(6).map(Number)).toEqual([codings.length, new Set(codings.map((c) => c.documentId)).size, new Set(codings.map((c) => p.documents.find((d) => d.id === c.documentId)!.caseId)).size]);

    const qdc = decode(await buildExport(p, 'codebook-qdc', options));
    expect(qdc).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\s*<CodeBook/i);
    expect(qdc.match(/<Code /g)!.length).toBe(p.codes.length);

    const extracts = Papa.parse<string[]>(decode(await buildExport(p, 'extracts-csv', options)).replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(extracts.length).toBe(p.codings.length + 1);

    const memos = decode(await buildExport(p, 'memos-md', options));
    for (const m of p.memos) expect(memos).toContain(m.plainText.trim().split('\n')[0]!.slice(0, 40));
    const journal = decode(await buildExport(p, 'memos-md', { ...options, memos: 'journal' }));
    expect(journal).toContain(p.memos.find((m) => m.targetType === 'journal')!.plainText.trim().slice(0, 40));
    expect(journal).not.toContain(p.memos.find((m) => m.targetType === 'project')!.plainText.trim().slice(0, 40));
    await expect(buildExport({ ...p, memos: [] }, 'memos-docx', options)).rejects.toThrow('There are no memos or journal entries with text yet.');
  });

  it('pseudonymises exported extracts', async () => {
    const p = await project();
    const pseudonyms = [{ term: 'Jackie', replacement: '[Carer 1]', category: 'person' as const }];
    const plain = new TextDecoder().decode(await buildExport(p, 'extracts-csv', { pseudonymise: false, memos: 'both' }, { pseudonyms }));
    const masked = new TextDecoder().decode(await buildExport(p, 'extracts-csv', { pseudonymise: true, memos: 'both' }, { pseudonyms }));
    expect(plain).toContain('Jackie');
    expect(masked).not.toContain('Jackie');
    expect(masked.split('[Carer 1]').length).toBe(plain.split('Jackie').length);
  });
});

describe('a project from another tool, without themes (NVivo 12.6)', () => {
  it('reports by code, each code a section with its passages to choose from', async () => {
    const { project: p } = await readQdpx(new Uint8Array(readFileSync(NVIVO)), 'oltas.qdpx');
    const out = buildReport(p, input());
    expect(out.report.organisedBy).toBe('codes');
    const coded = new Set(p.codings.map((c) => c.codeId));
    expect(out.sections.length).toBe(coded.size);
    for (const s of out.sections) {
      expect(s.kind).toBe('code');
      const passages = new Set(p.codings.filter((c) => c.codeId === s.sectionId).map(passageKey));
      const quotedElsewhere = out.sections.filter((o) => o !== s).flatMap((o) => o.quoted.map((id) => passageKey(p.codings.find((c) => c.id === id)!)));
      expect(s.candidates.length).toBe([...passages].filter((k) => !quotedElsewhere.includes(k)).length);
    }
    expect(out.defaultAttribution).toBe('({document})');
    expect(thematicMapChart(p, undefined)).toBeUndefined();
    const csv = new TextDecoder().decode(await buildExport(p, 'extracts-csv', { pseudonymise: false, memos: 'both' }));
    expect(Papa.parse(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data.length).toBe(p.codings.length + 1);
  });
});

describe('agreement for the method paragraph', () => {
  /** One document of ten characters: A codes [0,5), B codes [0,4) with the same code. */
  function twoCoders(): ProjectData {
    const t0 = 0;
    const coding = (id: string, coderId: string, end: number): CodingRecord => ({ id, documentId: 'd', codeId: 'x', coderId, start: 0, end, createdAt: t0 });
    return {
      project: { id: 'p', name: 'Two coders', description: '', createdAt: t0, updatedAt: t0 },
      documents: [{ id: 'd', name: 'D1', order: 0, length: 10, words: 1, source: { fileName: 'd.txt', size: 10, format: 'txt', hash: '', importedAt: t0 }, createdAt: t0, updatedAt: t0 }],
      texts: [{ id: 'd', text: 'abcdefghij', turns: [], blocks: [] }],
      cases: [],
      attributes: [],
      attributeValues: [],
      codes: [{ id: 'x', name: 'X', color: '#000000', description: '', inclusion: '', exclusion: '', example: '', order: 0, createdAt: t0 }],
      codings: [coding('a', 'A', 5), coding('b', 'B', 4)],
      memos: [],
      themes: [],
      coders: [
        { id: 'A', name: 'Ann', initials: 'AN', color: '#111111' },
        { id: 'B', name: 'Bo', initials: 'BO', color: '#222222' },
      ],
    };
  }

  it('gives Krippendorff’s α and Cohen’s κ worked by hand', () => {
    // 10 characters: both 4, only A 1, neither 5. p_o = .9; p_e = .5 x .4 + .5 x .6 = .5; κ = (.9 - .5) / .5 = .8.
    // α: n = 20 values, 9 ones and 11 zeros; D_o = 2/20; D_e = 2 x 9 x 11 / (20 x 19); α = 1 - D_o / D_e = .80808...
    const summary = computeAgreement(twoCoders(), ['A', 'B'], 'character');
    expect(summary.coderNames).toEqual(['Ann', 'Bo']);
    expect(summary.figures[0]!.measure).toBe('Krippendorff’s α');
    expect(summary.figures[0]!.value).toBeCloseTo(1 - 0.1 / (198 / 380), 10);
    expect(summary.figures[0]!.detail).toBe('nominal; characters as units, 1 code, 1 document coded by both');
    expect(summary.figures[1]).toEqual({ measure: 'Cohen’s κ', value: expect.closeTo(0.8, 10), detail: 'percentage agreement 90.0%' });
    expect(summary.undefinedFigures).toEqual([]);
  });

  it('says why a figure has no value instead of printing one', () => {
    const p = twoCoders();
    p.codings[1]!.end = 5;
    // Identical codings over a document both coded: kappa and alpha are 1.
    expect(computeAgreement(p, ['A', 'B'], 'character').figures.map((f) => f.value)).toEqual([1, 1]);
    // Every character coded by both: no variation, so neither coefficient is defined.
    p.codings[0]!.end = 10;
    p.codings[1]!.end = 10;
    const summary = computeAgreement(p, ['A', 'B'], 'character');
    expect(summary.figures).toEqual([]);
    expect(summary.undefinedFigures).toEqual(['Krippendorff’s α: no variation', 'Cohen’s κ: no variation']);
  });
});
