// The questions the themes and queries screens send to the query worker, answered on the sample project and checked
// against counts made here with plain loops over its records.
import { describe, expect, it } from 'vitest';
import type { ProjectData } from '../../../shared/model/types';
import { buildQueryIndex, type QueryIndex } from '../../../shared/query';
import { buildSample } from '../../../shared/sample';
import { DEFAULT_ATTRIBUTION, runQuery } from '../../../renderer/query/run-query';

let project: ProjectData;
let index: QueryIndex;
const attribute = (name: string) => project.attributes.find((a) => a.name === name)!;
const valueOf = (attributeId: string, ownerId: string) => project.attributeValues.find((v) => v.attributeId === attributeId && v.ownerId === ownerId)?.value;

describe('query requests on the sample project', async () => {
  project = await buildSample('sample', 0);
  index = buildQueryIndex(project);
  const theme = project.themes.find((t) => t.name === 'Partnership with parents and carers')!;

  it('reviews a theme: every extract with its attribution, and coverage by agency as n of N', () => {
    const agency = attribute('Agency');
    const result = runQuery(index, { kind: 'review', themeId: theme.id, attributeId: agency.id, template: DEFAULT_ATTRIBUTION });
    const codes = new Set(theme.codeIds);
    const codings = project.codings.filter((c) => codes.has(c.codeId));
    expect(result.extracts).toHaveLength(codings.length);
    expect(result.templateError).toBeUndefined();

    const role = attribute('Role');
    for (const e of result.extracts.slice(0, 20)) {
      const doc = project.documents.find((d) => d.id === e.documentId)!;
      const caseName = project.cases.find((c) => c.id === doc.caseId)!.name;
      expect(e.attribution).toBe(`${valueOf(role.id, doc.caseId!)}, ${caseName}`);
    }

    // Cases supporting the theme, counted by plain loops, overall and per agency.
    const supportingDocs = new Set(codings.map((c) => c.documentId));
    const supportingCases = new Set(project.documents.filter((d) => supportingDocs.has(d.id)).map((d) => d.caseId));
    expect(result.coverage.cases.n).toBe(supportingCases.size);
    expect(result.coverage.cases.total).toBe(17);
    for (const group of result.coverage.byAttribute!.groups) {
      const inGroup = project.cases.filter((c) => valueOf(agency.id, c.id) === group.value);
      expect(group.cases.total).toBe(inGroup.length);
      expect(group.cases.n).toBe(inGroup.filter((c) => supportingCases.has(c.id)).length);
    }
    expect(result.coverageTable.rows[0]!.slice(0, 3)).toEqual(['All', supportingCases.size, 17]);
    expect(result.table.columns.at(-1)).toBe('Attribution');
  });

  it('reports a bad attribution template without failing the review', () => {
    const result = runQuery(index, { kind: 'review', themeId: theme.id, template: '{Nonsense field}' });
    expect(result.templateError).toMatch(/Nonsense field/);
    expect(result.extracts.length).toBeGreaterThan(0);
    expect(result.extracts.every((e) => e.attribution === '')).toBe(true);
    expect(result.table.columns).not.toContain('Attribution');
  });

  it('lists themes depth first as matrix rows and counts extracts by agency', () => {
    const agency = attribute('Agency');
    const { matrix } = runQuery(index, { kind: 'matrix', rows: 'all-themes', attributeId: agency.id, count: 'extracts' });
    expect(matrix.rows.map((r) => r.name)).toEqual(project.themes.map((t) => t.name));
    const row = matrix.rows.findIndex((r) => r.id === theme.id);
    const codes = new Set(theme.codeIds);
    for (const [j, column] of matrix.columns.entries()) {
      const expected = project.codings.filter((c) => {
        if (!codes.has(c.codeId)) return false;
        const doc = project.documents.find((d) => d.id === c.documentId)!;
        return (valueOf(agency.id, doc.caseId!) ?? null) === column.value;
      }).length;
      expect(matrix.counts[row]![j]).toBe(expected);
    }
  });

  it('turns search hits into codings for a coder new to the project', () => {
    const { result } = runQuery(index, { kind: 'search', query: 'foster carer', options: { wholeWord: true } });
    const expected = project.texts.reduce((n, t) => n + (t.text.toLowerCase().match(/\bfoster carer\b/g)?.length ?? 0), 0);
    expect(result.hits).toHaveLength(expected);
    expect(expected).toBeGreaterThan(0);
    const coder = { id: 'new-coder', name: 'Sam Taylor', initials: 'ST', color: '#332288' };
    let n = 0;
    const codeId = project.codes[0]!.id;
    const made = runQuery(index, { kind: 'code-hits', hits: result.hits, codeId, coder, extent: 'match', now: 42 }, () => `new-${n++}`);
    expect(made.skipped).toBe(0);
    expect(made.codings).toHaveLength(expected);
    expect(made.codings[0]).toMatchObject({ id: 'new-0', codeId, coderId: 'new-coder', createdAt: 42, start: result.hits[0]!.start, end: result.hits[0]!.end });
  });

  it('counts words only within a theme\'s extracts when a selection is given', () => {
    const all = runQuery(index, { kind: 'words', options: { topN: 5 } });
    const within = runQuery(index, { kind: 'words', options: { topN: Infinity }, selection: { themeIds: [theme.id] } });
    expect(within.frequencies.totalWords).toBeLessThan(all.frequencies.totalWords);
    // "parents" inside the theme's extracts, counted here over the joined coded ranges of each document.
    const codes = new Set(theme.codeIds);
    let expected = 0;
    for (const text of project.texts) {
      const ranges = project.codings.filter((c) => c.documentId === text.id && codes.has(c.codeId)).map((c) => [c.start, c.end] as [number, number]).sort((a, b) => a[0] - b[0]);
      const joined: [number, number][] = [];
      for (const r of ranges) {
        const last = joined.at(-1);
        if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
        else joined.push([...r]);
      }
      for (const [s, e] of joined) expected += text.text.slice(s, e).toLowerCase().match(/(?<![\p{L}\p{N}'’-])parents(?![\p{L}\p{N}]|['’-][\p{L}\p{N}])/gu)?.length ?? 0;
    }
    expect(within.frequencies.words.find((w) => w.word === 'parents')?.count).toBe(expected);
    expect(all.cloud.length).toBe(5);
    expect(all.table.rows).toHaveLength(5);
  });

  it('gives a co-occurrence list sorted by count with code paths', () => {
    const { list, listTable, matrix } = runQuery(index, { kind: 'cooccurrence', mode: 'overlap', count: 'codings' });
    expect(list.length).toBeGreaterThan(0);
    for (let k = 1; k < list.length; k++) expect(list[k - 1]!.count).toBeGreaterThanOrEqual(list[k]!.count);
    const first = list[0]!;
    const i = matrix.codeIds.indexOf(first.codeA);
    const j = matrix.codeIds.indexOf(first.codeB);
    expect(matrix.counts[i]![j]).toBe(first.count);
    expect(listTable.rows[0]).toEqual([index.codePaths.get(first.codeA), index.codePaths.get(first.codeB), first.count]);
  });
});

describe('code counts for the map', async () => {
  const project = await buildSample('sample', 0);
  const index = buildQueryIndex(project);
  it('counts each code\'s codings, documents and cases', () => {
    const { counts } = runQuery(index, { kind: 'code-counts' });
    for (const code of project.codes) {
      const codings = project.codings.filter((c) => c.codeId === code.id);
      const documents = new Set(codings.map((c) => c.documentId));
      const expected = codings.length === 0 ? undefined : { codings: codings.length, documents: documents.size, cases: documents.size };
      expect(counts[code.id]).toEqual(expected);
    }
  });
});
