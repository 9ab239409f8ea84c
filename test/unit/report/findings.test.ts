import { describe, expect, it } from 'vitest';
import type { CodingRecord, ProjectData, ThemeRecord } from '../../../shared/model/types';
import { buildFindingsReport, formatCoefficient, type FindingsSectionData } from '../../../shared/report/findings';
import { inlineText, type ReportQuote } from '../../../shared/report/document';
import { copy, isFaithfulQuote, sampleProject } from './helpers';

/** Counts worked out from the raw records, without the report's code. */
function expectedCounts(project: ProjectData, codeIds: readonly string[]): { participants: number; documents: number; extracts: number } {
  const codes = new Set(codeIds);
  const codings = project.codings.filter((c) => codes.has(c.codeId));
  const caseOf = new Map(project.documents.map((d) => [d.id, d.caseId]));
  return {
    participants: new Set(codings.map((c) => caseOf.get(c.documentId))).size,
    documents: new Set(codings.map((c) => c.documentId)).size,
    extracts: new Set(codings.map((c) => `${c.documentId}|${c.start}|${c.end}`)).size,
  };
}

function allQuotes(sections: readonly FindingsSectionData[]): ReportQuote[] {
  return sections.flatMap((s) => [...s.quotes, ...allQuotes(s.subthemes)]);
}

function rawText(project: ProjectData, quote: ReportQuote): string {
  const coding = project.codings.find((c) => c.id === quote.codingId)!;
  expect([coding.documentId, coding.start, coding.end]).toEqual([quote.documentId, quote.start, quote.end]);
  return project.texts.find((t) => t.id === coding.documentId)!.text.slice(coding.start, coding.end);
}

describe('buildFindingsReport on the sample project', () => {
  it('reports the themes in the user’s order with their definitions and member codes', async () => {
    const project = await sampleProject();
    const report = buildFindingsReport(project);
    expect(report.organisedBy).toBe('themes');
    expect(report.sections.map((s) => s.name)).toEqual(['Benefits to children', 'Partnership with parents and carers', 'Professional confidence']);
    const first = report.sections[0]!;
    const theme = project.themes.find((t) => t.name === 'Benefits to children')!;
    expect(first.definition).toBe(theme.definition);
    expect(first.codes.map((c) => c.id)).toEqual(theme.codeIds);
    expect(first.codes[1]!.path).toBe("Benefits to children / Child's voice heard");
    expect(first.codes[1]!.definition).toBe(project.codes.find((c) => c.id === theme.codeIds[1])!.description);

    const reordered = copy(project);
    for (const t of reordered.themes) t.order = 10 - t.order;
    expect(buildFindingsReport(reordered).sections.map((s) => s.name)).toEqual(['Professional confidence', 'Partnership with parents and carers', 'Benefits to children']);
  });

  it('counts participants, documents and extracts as an independent count does, overall and by agency', async () => {
    const project = await sampleProject();
    const report = buildFindingsReport(project, { byAttribute: 'agency' });
    const agency = project.attributes.find((a) => a.name === 'Agency')!;
    const agencyOf = new Map(project.attributeValues.filter((v) => v.attributeId === agency.id).map((v) => [v.ownerId, v.value]));
    for (const section of report.sections) {
      const theme = project.themes.find((t) => t.id === section.id)!;
      const expected = expectedCounts(project, theme.codeIds);
      expect(section.prevalence).toEqual({ ...expected, participantsTotal: 17, documentsTotal: 17 });
      for (const code of section.codes) {
        const e = expectedCounts(project, [code.id]);
        expect([code.prevalence.participants, code.prevalence.documents, code.prevalence.extracts]).toEqual([e.participants, e.documents, e.extracts]);
      }
      // By agency: participants of each agency with at least one of the theme's codings.
      const codes = new Set(theme.codeIds);
      const caseOf = new Map(project.documents.map((d) => [d.id, d.caseId!]));
      const withTheme = new Set(project.codings.filter((c) => codes.has(c.codeId)).map((c) => caseOf.get(c.documentId)!));
      expect(section.byAttribute!.groups.map((g) => g.value)).toEqual(agency.options);
      for (const group of section.byAttribute!.groups) {
        const inGroup = project.cases.filter((c) => agencyOf.get(c.id) === group.value);
        expect(group.total).toBe(inGroup.length);
        expect(group.n).toBe(inGroup.filter((c) => withTheme.has(c.id)).length);
      }
    }
    // The sample's Health agency has four participants (P03, P08, P12, P16).
    expect(report.sections[0]!.byAttribute!.groups.find((g) => g.value === 'Health')!.total).toBe(4);
  });

  it('with one coder counted, a theme has fewer extracts than with both (same passages counted once)', async () => {
    const project = await sampleProject();
    const ben = project.coders.find((c) => c.name === 'Ben Hughes')!;
    const both = buildFindingsReport(project).sections[0]!.prevalence;
    const benOnly = buildFindingsReport(project, { coderIds: [ben.id] }).sections[0]!.prevalence;
    const theme = project.themes[0]!;
    const expected = expectedCounts({ ...project, codings: project.codings.filter((c) => c.coderId === ben.id) }, theme.codeIds);
    expect(benOnly).toMatchObject(expected);
    expect(benOnly.extracts).toBeLessThan(both.extracts);
  });

  it('quotes exactly the coded text, or its beginning and end joined by " … " at word boundaries', async () => {
    const project = await sampleProject();
    for (const maxQuoteLength of [320, 120, 60]) {
      const report = buildFindingsReport(project, { maxQuoteLength, quotesPerTheme: 4 });
      const quotes = allQuotes(report.sections);
      expect(quotes).toHaveLength(12);
      for (const quote of quotes) {
        const raw = rawText(project, quote);
        expect(isFaithfulQuote(quote.text, raw), `${quote.text}\n---\n${raw}`).toBe(true);
        expect(quote.trimmed).toBe(quote.text !== raw.trim());
      }
      if (maxQuoteLength === 60) expect(quotes.every((q) => q.trimmed)).toBe(true);
      if (maxQuoteLength === 320) expect(quotes.some((q) => q.trimmed)).toBe(false);
    }
  });

  it('attributes each quote by the template from the case and its attributes', async () => {
    const project = await sampleProject();
    const report = buildFindingsReport(project, { attribution: '({case}, {role}, {Agency})' });
    const attr = (name: string): string => project.attributes.find((a) => a.name === name)!.id;
    for (const quote of allQuotes(report.sections)) {
      const document = project.documents.find((d) => d.id === quote.documentId)!;
      const theCase = project.cases.find((c) => c.id === document.caseId)!;
      const value = (name: string): string => project.attributeValues.find((v) => v.ownerId === theCase.id && v.attributeId === attr(name))!.value;
      expect(quote.attribution).toBe(`(${theCase.name}, ${value('Role')}, ${value('Agency')})`);
    }
    const p01 = allQuotes(report.sections).find((q) => q.caseName === 'P01');
    expect(p01?.attribution).toBe('(P01, Social worker, Children’s social care)');
  });

  it('drops a field with no value together with its separator', async () => {
    const project = copy(await sampleProject());
    const role = project.attributes.find((a) => a.name === 'Role')!;
    project.attributeValues = project.attributeValues.filter((v) => v.attributeId !== role.id);
    const quote = allQuotes(buildFindingsReport(project, { attribution: '({case}, {role})' }).sections)[0]!;
    expect(quote.attribution).toBe(`(${quote.caseName})`);
  });

  it('by default quotes N extracts per theme, in document order, no passage twice, spread over participants', async () => {
    const project = await sampleProject();
    const report = buildFindingsReport(project, { quotesPerTheme: 3 });
    const quotes = allQuotes(report.sections);
    expect(report.sections.map((s) => s.quotes.length)).toEqual([3, 3, 3]);
    expect(quotes.every((q) => q.source === 'rule')).toBe(true);
    for (let i = 0; i < quotes.length; i++) {
      for (let j = i + 1; j < quotes.length; j++) {
        const [a, b] = [quotes[i]!, quotes[j]!];
        expect(a.documentId === b.documentId && a.start < b.end && b.start < a.end).toBe(false);
      }
    }
    // Nine quotes from nine different participants: the rule favours voices not yet heard.
    expect(new Set(quotes.map((q) => q.caseName)).size).toBe(9);
    for (const section of report.sections) {
      const theme = project.themes.find((t) => t.id === section.id)!;
      for (const q of section.quotes) expect(theme.codeIds).toContain(q.codeId);
      const order = section.quotes.map((q) => project.documents.find((d) => d.id === q.documentId)!.order * 1e7 + q.start);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
  });

  it('quotes the extracts marked as exemplars, and the user’s chosen ones before those', async () => {
    const project = copy(await sampleProject());
    const theme = project.themes[1]!;
    // Codes of this theme alone (a code shared with the first theme may have its passages quoted there already).
    const elsewhere = new Set(project.themes.filter((t) => t !== theme).flatMap((t) => t.codeIds));
    const ofTheme = project.codings.filter((c) => theme.codeIds.includes(c.codeId) && !elsewhere.has(c.codeId));
    const marked = [ofTheme[7]!, ofTheme[2]!];
    for (const c of marked) c.exemplar = true;
    const section = buildFindingsReport(project, { quotesPerTheme: 5 }).sections[1]!;
    expect(section.quotes.map((q) => q.codingId).sort()).toEqual(marked.map((c) => c.id).sort());
    expect(section.quotes.every((q) => q.source === 'exemplar')).toBe(true);

    const chosen = [ofTheme[20]!.id, ofTheme[4]!.id, project.codings.find((c) => !theme.codeIds.includes(c.codeId))!.id];
    const withChoice = buildFindingsReport(project, { chosenQuotes: chosen }).sections[1]!;
    // Listed order, and a chosen coding of another theme is not quoted here.
    expect(withChoice.quotes.map((q) => q.codingId)).toEqual(chosen.slice(0, 2));
    expect(withChoice.quotes.every((q) => q.source === 'chosen')).toBe(true);
  });

  it('quotes a chosen passage once, in the first theme it belongs to', async () => {
    const project = await sampleProject();
    const [first, second] = project.themes as [ThemeRecord, ThemeRecord];
    const shared = first.codeIds.find((id) => second.codeIds.includes(id))!;
    const coding = project.codings.find((c) => c.codeId === shared)!;
    const report = buildFindingsReport(project, { chosenQuotes: [coding.id] });
    expect(report.sections[0]!.quotes.map((q) => q.codingId)).toEqual([coding.id]);
    expect(report.sections[1]!.quotes.map((q) => q.codingId)).not.toContain(coding.id);
    expect(report.sections[1]!.quotes.map((q) => q.source)).toEqual(['rule', 'rule', 'rule']);
  });

  it('chooses themes by name (any case) and names an unknown one in the error', async () => {
    const project = await sampleProject();
    const report = buildFindingsReport(project, { themes: ['professional confidence', 'Benefits to children'] });
    expect(report.sections.map((s) => s.name)).toEqual(['Benefits to children', 'Professional confidence']);
    expect(() => buildFindingsReport(project, { themes: ['Resilience'] })).toThrow(/No theme named "Resilience".*"Benefits to children"/);
  });

  it('reports subthemes under their theme, whose counts then include them', async () => {
    const project = copy(await sampleProject());
    const parent = project.themes[2]!;
    const moved = parent.codeIds.slice(5);
    parent.codeIds = parent.codeIds.slice(0, 5);
    const sub: ThemeRecord = { ...parent, id: 'sub-theme-1', name: 'Carrying the weight', definition: 'Workload and feeling.', parentId: parent.id, codeIds: moved, order: 0 };
    project.themes.push(sub);
    const report = buildFindingsReport(project);
    const section = report.sections[2]!;
    expect(section.subthemes.map((s) => s.name)).toEqual(['Carrying the weight']);
    expect(section.codes.map((c) => c.id)).toEqual(parent.codeIds);
    expect(section.prevalence.extracts).toBe(expectedCounts(project, [...parent.codeIds, ...moved]).extracts);
    expect(section.subthemes[0]!.prevalence.extracts).toBe(expectedCounts(project, moved).extracts);
    const headings = report.blocks.filter((b) => b.kind === 'heading').map((b) => `${b.level}:${b.text}`);
    expect(headings.indexOf('3:Carrying the weight')).toBe(headings.indexOf('2:Professional confidence') + 1);
    const summary = report.blocks.find((b) => b.kind === 'table');
    expect(summary?.kind === 'table' ? summary.table.rows.map((r) => r[0]) : []).toEqual([
      'Benefits to children',
      'Partnership with parents and carers',
      'Professional confidence',
      '\u2003Carrying the weight',
    ]);
  });

  it('reports by code when the project has no themes', async () => {
    const project = copy(await sampleProject());
    project.themes = [];
    const report = buildFindingsReport(project, { quotesPerTheme: 1 });
    expect(report.organisedBy).toBe('codes');
    const used = new Set(project.codings.map((c) => c.codeId));
    expect(report.sections).toHaveLength(used.size);
    const voice = report.sections.find((s) => s.name === "Benefits to children / Child's voice heard")!;
    expect(voice.definition).toBe(project.codes.find((c) => c.name === "Child's voice heard")!.description);
    expect(voice.quotes).toHaveLength(1);
    expect(voice.prevalence.extracts).toBe(expectedCounts(project, [voice.id]).extracts);
    expect(() => buildFindingsReport(project, { themes: ['Anything'] })).toThrow(/no themes/);
  });

  it('writes the method paragraph with coders, agreement and the theme history', async () => {
    const project = await sampleProject();
    const report = buildFindingsReport(project, {
      agreement: [{ measure: "Krippendorff's α", value: 0.7812, detail: 'by characters' }, { measure: "Cohen's κ", value: -0.05 }],
      themeHistory: 'Five candidate themes were reduced to three after review',
    });
    expect(report.method).toContain('The analysis drew on 17 documents from 17 participants.');
    expect(report.method).toContain('Two coders (Amara Okafor and Ben Hughes) coded the data with a codebook of 30 codes (398 codings).');
    expect(report.method).toContain("Agreement between coders: Krippendorff's α = .78 (by characters); Cohen's κ = -.05.");
    expect(report.method).toContain('Five candidate themes were reduced to three after review.');
    expect(formatCoefficient(1)).toBe('1.00');
    expect(report.blocks[0]).toEqual({ kind: 'heading', level: 1, text: 'Method' });
  });

  it('leaves out the sections asked to be left out', async () => {
    const project = await sampleProject();
    const report = buildFindingsReport(project, { sections: { method: false, quotes: false, charts: false, codes: false, boundaries: false } });
    expect(report.method).toBeUndefined();
    const kinds = new Set(report.blocks.map((b) => b.kind));
    expect(kinds.has('quote')).toBe(false);
    expect(kinds.has('figure')).toBe(false);
    expect(kinds.has('list')).toBe(false);
    const text = report.blocks.flatMap((b) => (b.kind === 'paragraph' ? [inlineText(b.content)] : [])).join('\n');
    expect(text).not.toContain('Boundaries.');
    expect(text).toContain('Definition.');
  });

  it('passes every printed text through the pseudonymiser', async () => {
    const project = await sampleProject();
    const names = /Jackie|Kayden|Lily-Mae|Maureen/;
    const ps = (text: string): string => text.replace(new RegExp(names.source, 'g'), '[name]');
    const chosen = project.codings.filter((c) => names.test(project.texts.find((t) => t.id === c.documentId)!.text.slice(c.start, c.end))).map((c) => c.id);
    expect(chosen.length).toBeGreaterThan(0);
    const report = buildFindingsReport(project, { pseudonymise: ps, chosenQuotes: chosen });
    const printed = JSON.stringify(report.blocks);
    expect(printed).not.toMatch(names);
    expect(printed).toContain('[name]');
    expect(report.method).toContain('Names in extracts are pseudonyms.');
    for (const quote of allQuotes(report.sections)) expect(isFaithfulQuote(quote.text, ps(rawText(project, quote)))).toBe(true);
  });

  it('ignores codings whose range falls outside their text', async () => {
    const project = copy(await sampleProject());
    const broken: CodingRecord = { ...project.codings[0]!, id: 'broken', start: 10, end: 10_000_000 };
    project.codings.push(broken);
    const report = buildFindingsReport(project);
    expect(allQuotes(report.sections).some((q) => q.codingId === 'broken')).toBe(false);
    expect(report.sections[0]!.prevalence.extracts).toBe(expectedCounts(project, project.themes[0]!.codeIds).extracts - (project.themes[0]!.codeIds.includes(broken.codeId) ? 1 : 0));
  });
});

describe('co-occurrence figure table', () => {
  it('prints empty cells as a dash, never NaN', async () => {
    const { buildFindingsReport } = await import('../../../shared/report/findings');
    const { buildSample } = await import('../../../shared/sample/index');
    const project = await buildSample('p', 1_700_000_000_000);
    const report = buildFindingsReport(project, { cooccurrence: { labels: ['A', 'B'], matrix: [[Number.NaN, 2], [2, Number.NaN]] } } as never);
    const text = JSON.stringify(report);
    expect(text).not.toContain('NaN');
    expect(text).toContain('–');
  });
});
