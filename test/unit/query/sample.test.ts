// Facts of the built-in sample project, each computed here a second way with plain loops over its records.
import { describe, expect, it } from 'vitest';
import type { ProjectData } from '../../../shared/model/types';
import {
  attributeMatrix,
  booleanQuery,
  buildQueryIndex,
  coverage,
  cooccurrenceMatrix,
  formatAttribution,
  frameworkMatrix,
  getExtracts,
  searchText,
  themeCoverage,
  wordFrequencies,
  type QueryIndex,
} from '../../../shared/query';
import { buildSample } from '../../../shared/sample';
import { bruteForceCooccurrence } from './brute-force';

let project: ProjectData;
let index: QueryIndex;
const textOf = (id: string): string => project.texts.find((t) => t.id === id)!.text;
const attribute = (name: string) => project.attributes.find((a) => a.name === name)!;
const valueOf = (attributeId: string, ownerId: string): string | undefined =>
  project.attributeValues.find((v) => v.attributeId === attributeId && v.ownerId === ownerId)?.value;

describe('queries on the sample project', async () => {
  project = await buildSample('sample', 0);
  index = buildQueryIndex(project);

  it('indexes every coding of the sample', () => {
    expect(project.documents).toHaveLength(17);
    expect(index.codingCount).toBe(project.codings.length);
    expect(index.skippedCodings).toEqual([]);
  });

  it('a theme\'s extracts are exactly the codings of its codes, in document order, with their text and turn', () => {
    for (const theme of project.themes) {
      const codes = new Set(theme.codeIds);
      const expected = project.codings.filter((c) => codes.has(c.codeId)).map((c) => c.id).sort();
      const extracts = getExtracts(index, { themeIds: [theme.id] });
      expect(extracts.map((e) => e.codingId).sort()).toEqual(expected);
      const rank = new Map(project.documents.map((d) => [d.id, d.order]));
      for (let k = 1; k < extracts.length; k++) {
        const [a, b] = [extracts[k - 1]!, extracts[k]!];
        expect(rank.get(a.documentId)! < rank.get(b.documentId)! || (a.documentId === b.documentId && a.start <= b.start)).toBe(true);
      }
      for (const e of extracts) {
        expect(e.text).toBe(textOf(e.documentId).slice(e.start, e.end));
        const turn = project.texts.find((t) => t.id === e.documentId)!.turns.find((t) => t.start <= e.start && e.start < t.end)!;
        expect(e.context.speaker).toBe(turn.speaker);
        expect(e.context.start).toBeLessThanOrEqual(e.start);
        expect(e.context.end).toBeGreaterThanOrEqual(e.end);
      }
    }
  });

  it('attributes an extract from its case\'s attributes', () => {
    const [e] = getExtracts(index, { themeIds: [project.themes[0]!.id] });
    const doc = project.documents.find((d) => d.id === e!.documentId)!;
    const caseName = project.cases.find((c) => c.id === doc.caseId)!.name;
    expect(formatAttribution(index, e!, '{Role}, {case}')).toBe(`${valueOf(attribute('Role').id, doc.caseId!)}, ${caseName}`);
  });

  it('coverage of each code by agency matches a count of its codings\' cases', () => {
    const agency = attribute('Agency');
    for (const code of project.codes) {
      const supported = new Set(project.codings.filter((c) => c.codeId === code.id).map((c) => project.documents.find((d) => d.id === c.documentId)!.caseId!));
      const result = coverage(index, { codeIds: [code.id] }, { attributeId: agency.id });
      expect(result.cases.n).toBe(supported.size);
      expect(result.cases.total).toBe(17);
      for (const group of result.byAttribute!.groups) {
        const inGroup = project.cases.filter((c) => valueOf(agency.id, c.id) === group.value).map((c) => c.id);
        expect(group.cases.total).toBe(inGroup.length);
        expect(group.cases.n).toBe(inGroup.filter((c) => supported.has(c)).length);
      }
    }
  });

  it('coverage for one coder counts only that coder\'s codings', () => {
    const coder = project.coders[1]!;
    const theme = project.themes[2]!;
    const codes = new Set(theme.codeIds);
    const documents = new Set(project.codings.filter((c) => c.coderId === coder.id && codes.has(c.codeId)).map((c) => c.documentId));
    expect(themeCoverage(index, theme.id, { filter: { coderIds: [coder.id] } }).documents.n).toBe(documents.size);
  });

  it('the code-by-agency matrix matches counting the codings one by one', () => {
    const agency = attribute('Agency');
    const rows = project.codes.map((c) => ({ kind: 'code' as const, id: c.id }));
    const m = attributeMatrix(index, { rows, attributeId: agency.id });
    rows.forEach((row, i) => {
      m.columns.forEach((col, j) => {
        const n = project.codings.filter((c) => {
          const caseId = project.documents.find((d) => d.id === c.documentId)!.caseId!;
          return c.codeId === row.id && (valueOf(agency.id, caseId) ?? null) === col.value;
        }).length;
        expect(m.counts[i]![j]).toBe(n);
      });
    });
  });

  it('the co-occurrence matrix of all 30 codes matches comparing every pair of codings', () => {
    const codes = project.codes.map((c) => c.id);
    for (const mode of ['overlap', 'same-turn'] as const) {
      for (const count of ['codings', 'cases'] as const) {
        expect(cooccurrenceMatrix(index, { codeIds: codes, mode, count }).counts).toEqual(bruteForceCooccurrence(project, mode, count, codes));
      }
    }
  });

  it('AND (intersection) covers exactly the characters coded with both themes\' codes', () => {
    const [t1, t2] = project.themes;
    const a = new Set(t1!.codeIds);
    const b = new Set(t2!.codeIds);
    const hits = booleanQuery(index, { operator: 'and', range: 'intersection', a: { themeIds: [t1!.id] }, b: { themeIds: [t2!.id] } });
    let both = 0;
    for (const t of project.texts) {
      const codings = project.codings.filter((c) => c.documentId === t.id);
      for (let k = 0; k < t.text.length; k++) {
        const inA = codings.some((c) => a.has(c.codeId) && c.start <= k && k < c.end);
        const inB = codings.some((c) => b.has(c.codeId) && c.start <= k && k < c.end);
        if (inA && inB) both++;
      }
    }
    expect(hits.reduce((sum, h) => sum + h.end - h.start, 0)).toBe(both);
  });

  it('the framework matrix holds every extract of each theme once', () => {
    const m = frameworkMatrix(index);
    m.themes.forEach((theme, j) => {
      const total = m.cells.reduce((sum, row) => sum + row[j]!.extracts.length, 0);
      const codes = new Set(project.themes.find((t) => t.id === theme.id)!.codeIds);
      expect(total).toBe(project.codings.filter((c) => codes.has(c.codeId)).length);
    });
  });

  it('text search finds as many "meeting" as a plain indexOf loop', () => {
    let expected = 0;
    for (const t of project.texts) for (let at = t.text.indexOf('meeting'); at >= 0; at = t.text.indexOf('meeting', at + 1)) expected++;
    const result = searchText(index, 'meeting', { caseSensitive: true, maxHits: 100_000 });
    expect(result.truncated).toBe(false);
    expect(result.hits.length).toBe(expected);
    expect(expected).toBeGreaterThan(50);
  });

  it('word frequencies count "meeting" as the turns\' words split on spaces do', () => {
    let expected = 0;
    for (const t of project.texts) {
      for (const turn of t.turns) {
        for (const token of t.text.slice(turn.contentStart ?? turn.start, turn.end).split(/\s+/)) {
          // possessives count as the word itself ("meeting’s" occurs once)
          if (token.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '').replace(/['’]s$/, '').toLowerCase() === 'meeting') expected++;
        }
      }
    }
    const result = wordFrequencies(index, { topN: Infinity });
    expect(result.words.find((w) => w.word === 'meeting')!.count).toBe(expected);
    expect(expected).toBeGreaterThan(20);
  });
});
