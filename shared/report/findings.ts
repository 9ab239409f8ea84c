/**
 * The findings report as a format-neutral structure: for each theme (in the user's order) its name, definition,
 * boundaries, subthemes, member codes with their definitions, prevalence, and attributed exemplar quotes; a method
 * paragraph, summary tables and charts. render-docx.ts, render-markdown.ts and render-html.ts print it.
 *
 * A project without themes (e.g. a file from another tool) is reported by code: each code with codings is a section
 * with its definition, prevalence and extracts.
 *
 * Which extracts are quoted, for each theme, subtheme or code section (at most `quotesPerTheme`):
 * 1. the codings the user listed in `chosenQuotes` that belong to the section, in the order listed; if none,
 * 2. the codings marked as exemplars, in document order; if none,
 *    (in both, a passage already quoted in an earlier section is not quoted again: themes may share codes)
 * 3. the default rule: the section's codings in document order (document list order, then position), skipping any
 *    passage that overlaps one already quoted in the report, taken in passes until there are enough:
 *    (a) extracts of at least MIN_RULE_WORDS words from participants not yet quoted anywhere in the report,
 *    (b) such extracts from participants not yet quoted in this section, (c) any length from participants not yet
 *    quoted in this section, (d) any. Quotes are printed in document order. So the report gives many voices, one
 *    per participant in a section where it can, and favours extracts long enough to carry a point.
 * A theme's section quotes only its own codes; its subthemes quote theirs.
 */
import type { AttributeDefinition, CodingRecord, Id, ProjectData, ThemeRecord } from '../model/types';
import { codePaths } from '../exchange/merge';
import { formatAttribution, parseAttributionTemplate, type AttributionTemplate } from '../query/attribution';
import { buildQueryIndex, type QueryIndex } from '../query/index-build';
import { toExtract } from '../query/extracts';
import { groupedBarChart, heatmap, horizontalBarChart } from './charts';
import type { Inline, ReportBlock, ReportDocument, ReportFigure, ReportQuote, ReportTable } from './document';
import {
  breakdownOf,
  buildCountingIndex,
  codingsOf,
  findAttribute,
  prevalenceOf,
  type AttributeBreakdown,
  type CountingIndex,
  type Prevalence,
} from './prevalence';
import { trimQuote } from './quote-text';

export type FindingsSection =
  | 'method'
  | 'summaryTable'
  | 'attributeTable'
  | 'charts'
  | 'definitions'
  | 'boundaries'
  | 'codes'
  | 'prevalence'
  | 'quotes';

export interface AgreementFigure {
  /** e.g. "Krippendorff's α", "Cohen's κ". */
  measure: string;
  value: number;
  /** e.g. "by characters", "across 12 codes". */
  detail?: string;
}

export interface FindingsOptions {
  /** The report's title; the project's name when absent. */
  title?: string;
  /** Theme ids or names (case-insensitive), in any order; the report keeps the user's theme order. Default: all. */
  themes?: string[];
  /** Sections to leave out (all are on by default). */
  sections?: Partial<Record<FindingsSection, boolean>>;
  /** Quotes per theme, subtheme or code section (default 3). */
  quotesPerTheme?: number;
  /** Coding ids the user chose as quotes. */
  chosenQuotes?: Id[];
  /**
   * Attribution template, e.g. "({case}, {role})"; fields as in shared/query/attribution.ts. Default "({case})", or
   * "({document})" when no document belongs to a case.
   */
  attribution?: string;
  /** Longer extracts are shortened with " … " at word boundaries (default 320 characters). */
  maxQuoteLength?: number;
  /** Attribute id or name to break prevalence down by; default the first category attribute of cases. "" for none. */
  byAttribute?: string;
  /** Count and quote only these coders' codings. */
  coderIds?: Id[];
  /** Replaces names with pseudonyms in every text printed from the project (quotes, names, definitions, attributions). */
  pseudonymise?: (text: string) => string;
  /** Agreement figures for the method paragraph. */
  agreement?: AgreementFigure[];
  /** A summary of how the themes developed, printed in the method paragraph. */
  themeHistory?: string;
  /** A code co-occurrence matrix to draw as a heatmap. */
  cooccurrence?: { labels: string[]; matrix: number[][]; valueLabel?: string };
  /** A line under the title, e.g. the date. */
  subtitle?: string;
  /** Further figures drawn by the caller (e.g. the thematic map), placed after the report's own charts. */
  extraFigures?: ReportFigure[];
}

export interface ReportCode {
  id: Id;
  name: string;
  /** Name path joined by " / ". */
  path: string;
  definition: string;
  prevalence: Prevalence;
}

export interface FindingsSectionData {
  kind: 'theme' | 'subtheme' | 'code';
  id: Id;
  name: string;
  definition: string;
  boundaries: string;
  codes: ReportCode[];
  /** Over this section's codes and, for a theme, its subthemes' codes. */
  prevalence: Prevalence;
  byAttribute?: AttributeBreakdown;
  quotes: ReportQuote[];
  subthemes: FindingsSectionData[];
}

export interface FindingsReport extends ReportDocument {
  organisedBy: 'themes' | 'codes';
  sections: FindingsSectionData[];
  /** The method paragraph's text (also in blocks). */
  method?: string;
  attribute?: { id: Id; name: string; scope: AttributeDefinition['scope'] };
}

export const DEFAULT_ATTRIBUTION = '({case})';
export const DEFAULT_QUOTES_PER_THEME = 3;
export const DEFAULT_MAX_QUOTE_LENGTH = 320;
export const MIN_RULE_WORDS = 12;

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** Numbers below ten in words, others as numerals (as journals ask). */
export function countWord(n: number): string {
  return n >= 0 && n < 10 && Number.isInteger(n) ? NUMBER_WORDS[n]! : String(n);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${countWord(n)} ${n === 1 ? one : many}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase('en') + text.slice(1);
}

/** "a, b and c" */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Agreement coefficient as journals print it: two decimals, no leading zero. */
export function formatCoefficient(value: number): string {
  return value.toFixed(2).replace(/^(-?)0\./, '$1.');
}

/** The names and texts of a project passed through a pseudonymiser (document texts stay: quotes are done apart). */
function pseudonymiseProject(project: ProjectData, ps: (text: string) => string): ProjectData {
  return {
    ...project,
    documents: project.documents.map((d) => ({ ...d, name: ps(d.name) })),
    cases: project.cases.map((c) => ({ ...c, name: ps(c.name), description: ps(c.description) })),
    attributeValues: project.attributeValues.map((v) => ({ ...v, value: ps(v.value) })),
    codes: project.codes.map((c) => ({ ...c, name: ps(c.name), description: ps(c.description), inclusion: ps(c.inclusion), exclusion: ps(c.exclusion), example: ps(c.example) })),
    themes: project.themes.map((t) => ({ ...t, name: ps(t.name), definition: ps(t.definition), boundaries: ps(t.boundaries) })),
    memos: project.memos.map((m) => ({ ...m, title: ps(m.title), plainText: ps(m.plainText) })),
  };
}

/** Top-level themes by order, each followed by its subthemes by order. */
export function orderedThemes(themes: readonly ThemeRecord[]): { theme: ThemeRecord; subthemes: ThemeRecord[] }[] {
  const ids = new Set(themes.map((t) => t.id));
  const byOrder = (a: ThemeRecord, b: ThemeRecord): number => a.order - b.order || a.name.localeCompare(b.name);
  const tops = themes.filter((t) => !t.parentId || !ids.has(t.parentId)).sort(byOrder);
  return tops.map((theme) => ({ theme, subthemes: themes.filter((t) => t.parentId === theme.id).sort(byOrder) }));
}

/** Picks the themes named in `wanted` (ids or names); throws naming any that do not exist. */
function selectThemes(themes: readonly ThemeRecord[], wanted: readonly string[] | undefined): Set<Id> | undefined {
  if (!wanted || wanted.length === 0) return undefined;
  const chosen = new Set<Id>();
  const missing: string[] = [];
  for (const raw of wanted) {
    const key = raw.trim().toLocaleLowerCase('und');
    if (!key) continue;
    const theme = themes.find((t) => t.id === raw) ?? themes.find((t) => t.name.trim().toLocaleLowerCase('und') === key);
    if (theme) chosen.add(theme.id);
    else missing.push(raw.trim());
  }
  if (missing.length > 0) {
    const known = themes.map((t) => `"${t.name}"`).join(', ') || 'none';
    throw new Error(`No theme named ${missing.map((m) => `"${m}"`).join(', ')} in this project (themes: ${known})`);
  }
  return chosen;
}

function overlaps(a: CodingRecord, b: { documentId: string; start: number; end: number }): boolean {
  return a.documentId === b.documentId && a.start < b.end && b.start < a.end;
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

interface QuoteContext {
  index: CountingIndex;
  texts: Map<Id, string>;
  paths: Map<Id, string[]>;
  chosen: Id[];
  quoted: CodingRecord[];
  perSection: number;
  maxLength: number;
  template: AttributionTemplate;
  ps: (text: string) => string;
  query: QueryIndex;
  cases: Map<Id, string>;
}

function pickQuotes(ctx: QuoteContext, codeIds: readonly Id[]): ReportQuote[] {
  const codings = codingsOf(ctx.index, codeIds);
  if (ctx.perSection <= 0 || codings.length === 0) return [];
  let picked: { coding: CodingRecord; source: ReportQuote['source'] }[];
  const byId = new Map(codings.map((c) => [c.id, c]));
  // A passage is quoted once in the report, in the first section it belongs to (themes may share codes).
  const fresh = (c: CodingRecord): boolean => !ctx.quoted.some((q) => overlaps(c, q));
  const chosen = ctx.chosen.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])).filter(fresh);
  const exemplars = codings.filter((c) => c.exemplar && fresh(c));
  if (chosen.length > 0) picked = chosen.slice(0, ctx.perSection).map((coding) => ({ coding, source: 'chosen' }));
  else if (exemplars.length > 0) picked = exemplars.slice(0, ctx.perSection).map((coding) => ({ coding, source: 'exemplar' }));
  else {
    const taken: CodingRecord[] = [];
    const free = (c: CodingRecord): boolean => fresh(c) && !taken.some((q) => overlaps(c, q));
    const participants = new Set<string>();
    const participant = (c: CodingRecord): string => ctx.index.participantOf.get(c.documentId)!;
    const long = (c: CodingRecord): boolean => wordCount(ctx.texts.get(c.documentId)!.slice(c.start, c.end)) >= MIN_RULE_WORDS;
    const quotedInReport = new Set(ctx.quoted.map(participant));
    const passes: ((c: CodingRecord) => boolean)[] = [
      (c) => long(c) && !quotedInReport.has(participant(c)) && !participants.has(participant(c)),
      (c) => long(c) && !participants.has(participant(c)),
      (c) => !participants.has(participant(c)),
      () => true,
    ];
    for (const pass of passes) {
      for (const coding of codings) {
        if (taken.length >= ctx.perSection) break;
        if (!taken.includes(coding) && free(coding) && pass(coding)) {
          taken.push(coding);
          participants.add(participant(coding));
        }
      }
    }
    // Printed in document order, whatever pass found them.
    picked = codings.filter((c) => taken.includes(c)).map((coding) => ({ coding, source: 'rule' }));
  }
  ctx.quoted.push(...picked.map((p) => p.coding));
  return picked.map(({ coding, source }) => {
    const document = ctx.index.documents.get(coding.documentId)!;
    const raw = ctx.texts.get(coding.documentId)!.slice(coding.start, coding.end);
    const { text, trimmed } = trimQuote(ctx.ps(raw), ctx.maxLength);
    return {
      codingId: coding.id,
      documentId: coding.documentId,
      documentName: document.name,
      caseName: document.caseId ? ctx.cases.get(document.caseId) : undefined,
      codeId: coding.codeId,
      codePath: (ctx.paths.get(coding.codeId) ?? []).join(' / '),
      start: coding.start,
      end: coding.end,
      text,
      trimmed,
      attribution: formatAttribution(ctx.query, toExtract(ctx.query, coding), ctx.template),
      source,
    };
  });
}

function defaultAttribute(project: ProjectData): AttributeDefinition | undefined {
  return [...project.attributes].sort((a, b) => a.order - b.order).find((a) => a.scope === 'case' && a.type === 'category');
}

function prevalenceSentence(p: Prevalence, by: AttributeBreakdown | undefined, kind: 'theme' | 'subtheme' | 'code', hasCases: boolean): Inline[] {
  const units = p.participantsTotal === p.documentsTotal && p.participants === p.documents ? '' : `; ${p.documents} of ${p.documentsTotal} documents`;
  const extracts = `${p.extracts} ${p.extracts === 1 ? 'extract' : 'extracts'}`;
  const runs: Inline[] = [
    { text: 'Prevalence. ', italic: true },
    {
      text:
        p.extracts === 0
          ? `No extracts are coded to this ${kind}.`
          : hasCases
            ? `Present in the data of ${p.participants} of ${p.participantsTotal} participants (${extracts}${units}).`
            : `Present in ${p.documents} of ${p.documentsTotal} documents (${extracts}).`,
    },
  ];
  if (by && p.extracts > 0) {
    const groups = by.groups.map((g) => `${g.value} ${g.n} of ${g.total}`);
    runs.push({ text: ` By ${by.attributeName.toLocaleLowerCase('en')} (${by.unit}): ${groups.join('; ')}.` });
  }
  return runs;
}

interface SectionInput {
  kind: FindingsSectionData['kind'];
  id: Id;
  name: string;
  definition: string;
  boundaries: string;
  ownCodeIds: Id[];
  allCodeIds: Id[];
}

export function buildFindingsReport(project: ProjectData, options: FindingsOptions = {}): FindingsReport {
  const ps = options.pseudonymise ?? ((text: string) => text);
  const data = options.pseudonymise ? pseudonymiseProject(project, ps) : project;
  const show = (section: FindingsSection): boolean => options.sections?.[section] !== false;
  const index = buildCountingIndex(data, options.coderIds);
  const paths = codePaths(data.codes);
  const codesById = new Map(data.codes.map((c) => [c.id, c]));
  const attribute =
    options.byAttribute === ''
      ? undefined
      : options.byAttribute !== undefined
        ? findAttribute(data, options.byAttribute)
        : defaultAttribute(data);
  if (options.byAttribute && !attribute) {
    throw new Error(`No attribute named "${options.byAttribute}" in this project (attributes: ${data.attributes.map((a) => `"${a.name}"`).join(', ') || 'none'})`);
  }
  const query = buildQueryIndex(data);
  // Without cases, the document is the best a default attribution can name.
  const template = options.attribution ?? (index.hasCases ? DEFAULT_ATTRIBUTION : '({document})');
  const ctx: QuoteContext = {
    index,
    texts: new Map(data.texts.map((t) => [t.id, t.text])),
    paths,
    chosen: options.chosenQuotes ?? [],
    quoted: [],
    perSection: Math.max(0, Math.floor(options.quotesPerTheme ?? DEFAULT_QUOTES_PER_THEME)),
    maxLength: options.maxQuoteLength ?? DEFAULT_MAX_QUOTE_LENGTH,
    // Attributions read the (pseudonymised) project through the query index, so names in them are pseudonyms too.
    template: parseAttributionTemplate(query, template),
    ps,
    query,
    cases: new Map(data.cases.map((c) => [c.id, c.name])),
  };
  if (!show('quotes')) ctx.perSection = 0;

  const reportCode = (id: Id): ReportCode | undefined => {
    const code = codesById.get(id);
    if (!code) return undefined;
    return { id, name: code.name, path: (paths.get(id) ?? [code.name]).join(' / '), definition: code.description, prevalence: prevalenceOf(index, [id]) };
  };
  const section = (input: SectionInput, subthemes: FindingsSectionData[]): FindingsSectionData => ({
    kind: input.kind,
    id: input.id,
    name: input.name,
    definition: input.definition,
    boundaries: input.boundaries,
    codes: input.kind === 'code' ? [] : input.ownCodeIds.flatMap((id) => reportCode(id) ?? []),
    prevalence: prevalenceOf(index, input.allCodeIds),
    byAttribute: attribute ? breakdownOf(index, input.allCodeIds, attribute) : undefined,
    quotes: pickQuotes(ctx, input.ownCodeIds),
    subthemes,
  });

  const organisedBy: FindingsReport['organisedBy'] = data.themes.length > 0 ? 'themes' : 'codes';
  const sections: FindingsSectionData[] = [];
  if (organisedBy === 'themes') {
    const chosen = selectThemes(data.themes, options.themes);
    const known = (ids: readonly Id[]): Id[] => [...new Set(ids)].filter((id) => codesById.has(id));
    for (const { theme, subthemes } of orderedThemes(data.themes)) {
      const keepSubthemes = subthemes.filter((s) => !chosen || chosen.has(theme.id) || chosen.has(s.id));
      if (chosen && !chosen.has(theme.id) && keepSubthemes.length === 0) continue;
      // A theme's own section is built before its subthemes, so its quotes come first in the report.
      const all = known([...theme.codeIds, ...keepSubthemes.flatMap((s) => s.codeIds)]);
      const own: SectionInput = { kind: 'theme', id: theme.id, name: theme.name, definition: theme.definition, boundaries: theme.boundaries, ownCodeIds: known(theme.codeIds), allCodeIds: all };
      const placeholder = section(own, []);
      placeholder.subthemes = keepSubthemes.map((s) =>
        section({ kind: 'subtheme', id: s.id, name: s.name, definition: s.definition, boundaries: s.boundaries, ownCodeIds: known(s.codeIds), allCodeIds: known(s.codeIds) }, []),
      );
      sections.push(placeholder);
    }
  } else {
    if (options.themes && options.themes.length > 0) throw new Error('This project has no themes, so none can be chosen; leave out the list of themes to report by code');
    for (const code of query.codeOrder.map((id) => codesById.get(id)!)) {
      if (!index.codingsByCode.has(code.id)) continue;
      sections.push(section({ kind: 'code', id: code.id, name: (paths.get(code.id) ?? [code.name]).join(' / '), definition: code.description, boundaries: '', ownCodeIds: [code.id], allCodeIds: [code.id] }, []));
    }
  }

  const method = show('method') ? methodParagraph(data, index, sections, organisedBy, options, template) : undefined;
  const blocks: ReportBlock[] = [];
  if (method) blocks.push({ kind: 'heading', level: 1, text: 'Method' }, { kind: 'paragraph', content: [{ text: method }] });
  blocks.push({ kind: 'heading', level: 1, text: 'Findings' });
  blocks.push({ kind: 'paragraph', content: [{ text: findingsIntro(sections, organisedBy) }] });
  if (show('summaryTable') && sections.length > 0) blocks.push({ kind: 'table', table: summaryTable(sections, organisedBy, index.hasCases) });
  if (show('attributeTable') && attribute && sections.length > 0) blocks.push({ kind: 'table', table: attributeTable(sections, attribute, organisedBy) });
  if (show('charts')) {
    const all = [...figures(sections, attribute, organisedBy, options, show('attributeTable')), ...(options.extraFigures ?? [])];
    blocks.push(...all.map((figure): ReportBlock => ({ kind: 'figure', figure })));
  }
  for (const s of sections) {
    blocks.push(...sectionBlocks(s, 2, show, index.hasCases));
    for (const sub of s.subthemes) blocks.push(...sectionBlocks(sub, 3, show, index.hasCases));
  }

  return {
    title: options.title ?? data.project.name,
    subtitle: options.subtitle,
    blocks,
    organisedBy,
    sections,
    method,
    attribute: attribute ? { id: attribute.id, name: attribute.name, scope: attribute.scope } : undefined,
  };
}

function sectionBlocks(s: FindingsSectionData, level: 2 | 3, show: (section: FindingsSection) => boolean, hasCases: boolean): ReportBlock[] {
  const blocks: ReportBlock[] = [{ kind: 'heading', level, text: s.name }];
  if (show('definitions') && s.definition.trim()) blocks.push({ kind: 'paragraph', content: [{ text: 'Definition. ', italic: true }, { text: s.definition.trim() }] });
  if (show('boundaries') && s.boundaries.trim()) blocks.push({ kind: 'paragraph', content: [{ text: 'Boundaries. ', italic: true }, { text: s.boundaries.trim() }] });
  if (show('prevalence')) blocks.push({ kind: 'paragraph', content: prevalenceSentence(s.prevalence, s.byAttribute, s.kind, hasCases) });
  for (const quote of s.quotes) blocks.push({ kind: 'quote', quote });
  if (show('codes') && s.codes.length > 0) {
    blocks.push({ kind: 'paragraph', content: [{ text: 'Codes. ', italic: true }, { text: `The ${s.kind} gathers ${plural(s.codes.length, 'code')}:` }] });
    blocks.push({
      kind: 'list',
      items: s.codes.map((c) => [
        { text: c.path, bold: true },
        {
          text: hasCases
            ? ` (${c.prevalence.extracts} ${c.prevalence.extracts === 1 ? 'extract' : 'extracts'}, ${c.prevalence.participants} ${c.prevalence.participants === 1 ? 'participant' : 'participants'})`
            : ` (${c.prevalence.extracts} ${c.prevalence.extracts === 1 ? 'extract' : 'extracts'}, ${c.prevalence.documents} ${c.prevalence.documents === 1 ? 'document' : 'documents'})`,
        },
        ...(c.definition.trim() ? [{ text: `: ${c.definition.trim()}` }] : []),
      ]),
    });
  }
  return blocks;
}

function findingsIntro(sections: FindingsSectionData[], organisedBy: FindingsReport['organisedBy']): string {
  if (sections.length === 0) return organisedBy === 'themes' ? 'No themes were chosen for this report.' : 'No codes have been applied yet.';
  if (organisedBy === 'codes') {
    return `The project has no themes yet, so findings are reported by code: ${plural(sections.length, 'code')} with coded extracts, each with its definition, how widely it was shared and illustrative extracts.`;
  }
  const subthemes = sections.reduce((n, s) => n + s.subthemes.length, 0);
  const names = listWords(sections.map((s) => `“${s.name}”`));
  return `${capitalise(plural(sections.length, 'theme'))}${subthemes ? ` (with ${plural(subthemes, 'subtheme')})` : ''} ${sections.length === 1 ? 'is' : 'are'} reported: ${names}.`;
}

function methodParagraph(
  data: ProjectData,
  index: CountingIndex,
  sections: FindingsSectionData[],
  organisedBy: FindingsReport['organisedBy'],
  options: FindingsOptions,
  template: string,
): string {
  const codings = [...index.codingsByCode.values()].flat();
  const coderIds = new Set(codings.map((c) => c.coderId));
  const coders = data.coders.filter((c) => coderIds.has(c.id)).map((c) => c.name);
  const sentences: string[] = [];
  sentences.push(`The analysis drew on ${plural(index.documents.size, 'document')}${index.hasCases ? ` from ${plural(index.participantsTotal, 'participant')}` : ''}.`);
  const codebook = `a codebook of ${plural(data.codes.length, 'code')}`;
  if (coderIds.size === 0) sentences.push(`No passages had been coded with ${codebook}.`);
  else {
    const who = coders.length > 0 ? ` (${listWords(coders)})` : '';
    sentences.push(`${coderIds.size === 1 ? 'One coder' : `${capitalise(countWord(coderIds.size))} coders`}${who} coded the data with ${codebook} (${plural(codings.length, 'coding')}).`);
  }
  if (options.agreement && options.agreement.length > 0) {
    const figures = options.agreement.map((a) => `${a.measure} = ${formatCoefficient(a.value)}${a.detail ? ` (${a.detail})` : ''}`);
    sentences.push(`Agreement between coders: ${figures.join('; ')}.`);
  }
  if (organisedBy === 'themes') {
    const themes = data.themes.filter((t) => !t.parentId).length;
    const subthemes = data.themes.length - themes;
    sentences.push(`The codes were gathered into ${plural(themes, 'theme')}${subthemes ? ` and ${plural(subthemes, 'subtheme')}` : ''}${sections.length < themes ? `, of which ${countWord(sections.length)} ${sections.length === 1 ? 'is' : 'are'} reported here` : ''}.`);
  }
  if (options.themeHistory?.trim()) sentences.push(options.themeHistory.trim().replace(/([^.!?])$/, '$1.'));
  sentences.push(
    `Prevalence counts the ${index.hasCases ? 'participants and documents' : 'documents'} with at least one coded extract and the distinct passages coded; it shows how widely an idea was shared, not how important it is.`,
  );
  const quotes = sections.flatMap((s) => [...s.quotes, ...s.subthemes.flatMap((sub) => sub.quotes)]);
  if (quotes.length > 0) {
    const keys = [...template.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!.trim().toLocaleLowerCase('en'));
    const quoteNote = ['Extracts are quoted verbatim; “…” marks words left out'];
    if (keys.length > 0 && quotes.some((q) => q.attribution)) quoteNote.push(`each is attributed by ${listWords(keys.map((k) => (k === 'case' ? 'participant' : k)))}`);
    sentences.push(`${quoteNote.join(', and ')}.`);
  }
  if (options.pseudonymise) sentences.push('Names in extracts are pseudonyms.');
  return sentences.join(' ');
}

function fraction(n: number, total: number): string {
  return `${n}/${total}`;
}

function sectionRows(sections: FindingsSectionData[], row: (s: FindingsSectionData, label: string) => string[]): string[][] {
  return sections.flatMap((s) => [row(s, s.name), ...s.subthemes.map((sub) => row(sub, `\u2003${sub.name}`))]);
}

function summaryTable(sections: FindingsSectionData[], organisedBy: FindingsReport['organisedBy'], hasCases: boolean): ReportTable {
  const first = sections[0]!.prevalence;
  const name = organisedBy === 'themes' ? 'Theme' : 'Code';
  if (!hasCases) {
    return {
      caption: `${name}s: documents and extracts`,
      header: [name, `Documents (N = ${first.documentsTotal})`, 'Extracts'],
      rows: sectionRows(sections, (s, label) => [label, String(s.prevalence.documents), String(s.prevalence.extracts)]),
      numeric: [false, true, true],
      widths: [60, 22, 18],
    };
  }
  return {
    caption: `${name}s: participants, documents and extracts`,
    header: [name, `Participants (N = ${first.participantsTotal})`, `Documents (N = ${first.documentsTotal})`, 'Extracts'],
    rows: sectionRows(sections, (s, label) => [label, String(s.prevalence.participants), String(s.prevalence.documents), String(s.prevalence.extracts)]),
    numeric: [false, true, true, true],
    widths: [40, 22, 22, 16],
    note: organisedBy === 'themes' && sections.some((s) => s.subthemes.length > 0) ? 'Subthemes are indented under their theme; a theme’s counts include its subthemes.' : undefined,
  };
}

function attributeTable(sections: FindingsSectionData[], attribute: AttributeDefinition, organisedBy: FindingsReport['organisedBy']): ReportTable {
  const groups = sections[0]!.byAttribute!.groups;
  const unit = attribute.scope === 'document' ? 'documents' : 'participants';
  return {
    caption: `${unit === 'participants' ? 'Participants' : 'Documents'} contributing to each ${organisedBy === 'themes' ? 'theme' : 'code'}, by ${attribute.name.toLocaleLowerCase('en')} (n/N)`,
    header: [organisedBy === 'themes' ? 'Theme' : 'Code', ...groups.map((g) => g.value)],
    rows: sectionRows(sections, (s, label) => [label, ...(s.byAttribute?.groups ?? []).map((g) => fraction(g.n, g.total))]),
    numeric: [false, ...groups.map(() => true)],
    widths: [Math.max(30, 100 - groups.length * 12), ...groups.map(() => 12)],
    note: `n = ${unit} in the group with at least one extract; N = ${unit} in the group.`,
  };
}

function figures(
  sections: FindingsSectionData[],
  attribute: AttributeDefinition | undefined,
  organisedBy: FindingsReport['organisedBy'],
  options: FindingsOptions,
  attributeTableShown: boolean,
): ReportFigure[] {
  const out: ReportFigure[] = [];
  const what = organisedBy === 'themes' ? 'theme' : 'code';
  if (attribute && organisedBy === 'themes' && sections.length > 0) {
    const groups = sections[0]!.byAttribute!.groups;
    const unit = attribute.scope === 'document' ? 'documents' : 'participants';
    const attributeName = attribute.name.toLocaleLowerCase('en');
    const percent = (n: number, total: number): number => (total > 0 ? Math.round((100 * n) / total) : 0);
    const title = `Themes by ${attributeName}`;
    const description = sections
      .map((s) => `${s.name}: ${(s.byAttribute?.groups ?? []).map((g) => `${g.value} ${g.n} of ${g.total}`).join(', ')}`)
      .join('. ');
    out.push({
      caption: `Share of ${unit} in each ${attributeName} group contributing to each theme (bar labels give n/N)`,
      chart: groupedBarChart({
        showTitle: false,
        title,
        description: `Grouped bar chart of the ${unit} contributing to each theme, by ${attributeName}. ${description}.`,
        categories: sections.map((s) => s.name),
        series: groups.map((g) => g.value),
        values: sections.map((s) => (s.byAttribute?.groups ?? []).map((g) => percent(g.n, g.total))),
        labels: sections.map((s) => (s.byAttribute?.groups ?? []).map((g) => fraction(g.n, g.total))),
        yLabel: `${unit === 'participants' ? 'Participants' : 'Documents'} in group (%)`,
        yMax: 100,
        yUnit: '%',
      }),
      table: {
        caption: `${unit === 'participants' ? 'Participants' : 'Documents'} contributing to each theme, by ${attributeName} (%, n/N)`,
        header: ['Theme', ...groups.map((g) => g.value)],
        rows: sections.map((s) => [s.name, ...(s.byAttribute?.groups ?? []).map((g) => `${percent(g.n, g.total)}% (${fraction(g.n, g.total)})`)]),
        numeric: [false, ...groups.map(() => true)],
      },
      dataElsewhere: sections.length > 0 && attributeTableShown,
    });
  }
  const codes = new Map<Id, ReportCode>();
  if (organisedBy === 'themes') for (const s of [...sections, ...sections.flatMap((x) => x.subthemes)]) for (const c of s.codes) codes.set(c.id, c);
  // Chart labels use a code's own name, and its path only where two codes share a name.
  const named = organisedBy === 'themes' ? [...codes.values()].map((c) => ({ name: c.name, path: c.path, extracts: c.prevalence.extracts })) : sections.map((s) => ({ name: s.name.split(' / ').at(-1)!, path: s.name, extracts: s.prevalence.extracts }));
  const nameCounts = new Map<string, number>();
  for (const n of named) nameCounts.set(n.name, (nameCounts.get(n.name) ?? 0) + 1);
  const rows = named.map((n) => ({ label: nameCounts.get(n.name)! > 1 ? n.path : n.name, path: n.path, extracts: n.extracts }));
  if (rows.length > 0) {
    const sorted = [...rows].sort((a, b) => b.extracts - a.extracts || a.label.localeCompare(b.label));
    out.push({
      caption: `Coded extracts per code${organisedBy === 'themes' ? ' (codes of the reported themes)' : ''}`,
      chart: horizontalBarChart({
        showTitle: false,
        title: 'Extracts per code',
        description: `Horizontal bar chart of the number of distinct coded extracts for each ${what === 'theme' ? 'code in the reported themes' : 'code'}, most first. ${sorted.map((r) => `${r.label}: ${r.extracts}`).join('; ')}.`,
        labels: sorted.map((r) => r.label),
        values: sorted.map((r) => r.extracts),
        xLabel: 'Coded extracts',
      }),
      table: { caption: 'Coded extracts per code', header: ['Code', 'Extracts'], rows: sorted.map((r) => [r.path, String(r.extracts)]), numeric: [false, true], widths: [80, 20] },
    });
  }
  const co = options.cooccurrence;
  if (co && co.labels.length > 0) {
    const ps = options.pseudonymise ?? ((t: string) => t);
    const labels = co.labels.map(ps);
    const valueLabel = co.valueLabel ?? 'Passages coded with both codes';
    out.push({
      caption: `Co-occurrence of codes (${valueLabel.toLocaleLowerCase('en')})`,
      chart: heatmap({
        showTitle: false,
        title: 'Code co-occurrence',
        description: `Heatmap of ${valueLabel.toLocaleLowerCase('en')} for each pair of ${labels.length} codes; darker cells mean more. ${labels.map((l, r) => `${l}: ${labels.map((m, c) => (c !== r && (co.matrix[r]?.[c] ?? 0) > 0 ? `${m} ${co.matrix[r]![c]}` : '')).filter(Boolean).join(', ') || 'none'}`).join('. ')}.`,
        rowLabels: labels,
        colLabels: labels,
        matrix: co.matrix,
        valueLabel,
      }),
      table: {
        caption: `Co-occurrence of codes (${valueLabel.toLocaleLowerCase('en')})`,
        header: ['', ...labels],
        // An empty cell (the diagonal, or no value) prints as a dash, never as "NaN".
        rows: labels.map((l, r) => [l, ...labels.map((_, c) => {
          const value = co.matrix[r]?.[c];
          return typeof value === 'number' && Number.isFinite(value) ? String(value) : '–';
        })]),
        numeric: [false, ...labels.map(() => true)],
      },
    });
  }
  return out;
}
