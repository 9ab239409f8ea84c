import { codebookOrder, compareCoders, type AgreementUnit } from '../../shared/agreement/index';
import { writeQdc } from '../../shared/exchange/qdpx-write';
import type { Id, ProjectData } from '../../shared/model/types';
import { TermMatcher } from '../../shared/protect/matching';
import type { PseudonymTable } from '../../shared/protect/table';
import { attributionFields, formatAttribution, parseAttributionTemplate } from '../../shared/query/attribution';
import { cooccurrenceMatrix } from '../../shared/query/cooccurrence';
import { toExtract } from '../../shared/query/extracts';
import { buildQueryIndex, type QueryIndex } from '../../shared/query/index-build';
import {
  buildCountingIndex,
  buildFindingsReport,
  codebookCsv,
  codebookDocx,
  codebookXlsx,
  codingsOf,
  DEFAULT_MAX_QUOTE_LENGTH,
  extractsCsv,
  extractsXlsx,
  memosDocx,
  memosMarkdown,
  orderedThemes,
  renderDocx,
  renderHtml,
  renderMarkdown,
  trimQuote,
  type DocxOptions,
  type FindingsOptions,
  type FindingsReport,
  type ReportChart,
  type ReportFigure,
} from '../../shared/report/index';
import { readMapLayout } from '../commands/theme-commands';
import { computeMap } from '../views/themes/map-layout';
import { mapToSvg } from '../views/themes/map-svg';
import type { AgreementSummary, ChartItem, ExportKind, ExportOptions, QuoteCandidate, ReportFormat, ReportInput, ReportOutput, SectionCandidates } from './protocol';
import { agreementSummary, chosenQuoteIds, codeLabels, heatmapData } from './settings';

/**
 * What the Write-up view asks of a project, as pure functions of its data: the findings report with the quotes that
 * could be chosen in each section, the charts, the files to save, and agreement between two coders. The worker runs
 * them off the main thread; tests run them directly.
 */

export interface EngineContext {
  /** The project's pseudonym table, when it has one. */
  pseudonyms?: PseudonymTable;
  /** The thematic map's stored layout (meta "map-layout"), when the project has one. */
  mapLayout?: unknown;
}

function pseudonymiser(table: PseudonymTable | undefined): ((text: string) => string) | undefined {
  if (!table || table.length === 0) return undefined;
  const matcher = new TermMatcher(table);
  return (text: string) => matcher.replace(text).text;
}

/** The codes the report covers: those of the chosen themes (and their subthemes), or every coded code without themes. */
export function reportedCodeIds(project: ProjectData, themeIds: readonly Id[] | undefined): Id[] {
  const known = new Set(project.codes.map((c) => c.id));
  const ids: Id[] = [];
  const add = (list: readonly Id[]) => {
    for (const id of list) if (known.has(id) && !ids.includes(id)) ids.push(id);
  };
  if (project.themes.length === 0) {
    const coded = new Set(project.codings.map((c) => c.codeId));
    add(codebookOrder(project.codes).map((c) => c.id).filter((id) => coded.has(id)));
    return ids;
  }
  const chosen = themeIds && themeIds.length > 0 ? new Set(themeIds) : undefined;
  for (const { theme, subthemes } of orderedThemes(project.themes)) {
    const keep = subthemes.filter((s) => !chosen || chosen.has(theme.id) || chosen.has(s.id));
    if (chosen && !chosen.has(theme.id) && keep.length === 0) continue;
    add(theme.codeIds);
    for (const s of keep) add(s.codeIds);
  }
  return ids;
}

/** The heatmap's input for the report: participants (or documents) in whose data two codes overlap. */
export function reportCooccurrence(project: ProjectData, codeIds: readonly Id[], index: QueryIndex = buildQueryIndex(project)): FindingsOptions['cooccurrence'] {
  if (codeIds.length < 2) return undefined;
  const hasCases = project.documents.some((d) => d.caseId && index.cases.has(d.caseId));
  // Same coder only: two coders' different codes on one passage are a disagreement, not a co-occurrence.
  const m = cooccurrenceMatrix(index, { codeIds, count: hasCases ? 'cases' : 'documents', sameCoderOnly: true });
  const labels = codeLabels(project.codes, index.codePaths);
  const data = heatmapData(m, (id) => labels.get(id) ?? id, hasCases ? 'Participants with both codes on one passage' : 'Documents with both codes on one passage');
  return data;
}

/** Report options from the user's settings, checked against the project (vanished themes and attributes drop out). */
export function findingsOptions(project: ProjectData, input: ReportInput, context: EngineContext, index?: QueryIndex): FindingsOptions {
  const { settings } = input;
  const themeIds = settings.themeIds?.filter((id) => project.themes.some((t) => t.id === id));
  const themes = themeIds && themeIds.length > 0 && project.themes.length > 0 ? themeIds : undefined;
  const byAttribute =
    settings.byAttribute === null ? undefined : settings.byAttribute === '' ? '' : project.attributes.some((a) => a.id === settings.byAttribute) ? settings.byAttribute : undefined;
  const sectionOrder = orderedThemes(project.themes).flatMap(({ theme, subthemes }) => [theme.id, ...subthemes.map((s) => s.id)]);
  const chosenIds = chosenQuoteIds(input.chosen, sectionOrder);
  const pseudonymise = settings.pseudonymise ? pseudonymiser(context.pseudonyms) : undefined;
  const charts = settings.sections.charts !== false;
  return {
    title: settings.title.trim() || undefined,
    subtitle: input.subtitle,
    themes,
    sections: settings.sections,
    quotesPerTheme: settings.quotesPerTheme,
    chosenQuotes: chosenIds,
    attribution: settings.attribution.trim() || undefined,
    byAttribute,
    pseudonymise,
    agreement: settings.agreement && input.agreement && input.agreement.length > 0 ? input.agreement : undefined,
    cooccurrence: charts && settings.heatmap ? reportCooccurrence(project, reportedCodeIds(project, themes), index) : undefined,
    extraFigures: charts ? mapFigure(project, context.mapLayout, pseudonymise) : undefined,
  };
}

/** The thematic map as a report figure, with its themes and codes as the data table where images cannot go. */
function mapFigure(project: ProjectData, mapLayout: unknown, pseudonymise?: (text: string) => string): ReportFigure[] | undefined {
  const chart = thematicMapChart(project, mapLayout);
  if (!chart) return undefined;
  const ps = pseudonymise ?? ((t: string) => t);
  const codeName = new Map(project.codes.map((c) => [c.id, c.name]));
  return [
    {
      caption: 'Thematic map: themes, subthemes and their codes',
      chart: pseudonymise ? { ...chart, svg: ps(chart.svg), description: ps(chart.description) } : chart,
      table: {
        caption: 'Thematic map: themes and their codes',
        header: ['Theme', 'Codes'],
        rows: orderedThemes(project.themes).flatMap(({ theme, subthemes }) =>
          [theme, ...subthemes].map((t) => [ps(t.name), t.codeIds.map((id) => ps(codeName.get(id) ?? '')).filter(Boolean).join('; ')]),
        ),
        numeric: [false, false],
      },
    },
  ];
}

function words(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/**
 * A figure's data table prints each cell of its chart; the heatmap's empty diagonal (a code with itself) would
 * print as "NaN". Such cells are given as a dash, as a journal table marks a cell that does not apply.
 */
export function withDashesForMissing(report: FindingsReport): FindingsReport {
  const dash = (cell: string) => (cell === 'NaN' || cell === 'Infinity' || cell === '-Infinity' ? '–' : cell);
  return {
    ...report,
    blocks: report.blocks.map((block) =>
      block.kind === 'figure' ? { ...block, figure: { ...block.figure, table: { ...block.figure.table, rows: block.figure.table.rows.map((row) => row.map(dash)) } } } : block,
    ),
  };
}

/** Builds the report; a template the project cannot fill is reported and the default used instead. */
function buildWithFallback(project: ProjectData, options: FindingsOptions): { report: FindingsReport; attributionError?: string } {
  try {
    return { report: withDashesForMissing(buildFindingsReport(project, options)) };
  } catch (error) {
    if (options.attribution === undefined) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (!/attribution template/i.test(message)) throw error;
    return { report: withDashesForMissing(buildFindingsReport(project, { ...options, attribution: undefined })), attributionError: message };
  }
}

/** The findings report, its HTML, and for each section the passages that could be quoted there. */
export function buildReport(project: ProjectData, input: ReportInput, context: EngineContext = {}): ReportOutput {
  const query = buildQueryIndex(project);
  const options = findingsOptions(project, input, context, query);
  const { report, attributionError } = buildWithFallback(project, options);
  const ps = options.pseudonymise ?? ((t: string) => t);
  const counting = buildCountingIndex(project);
  const hasCases = counting.hasCases;
  const defaultAttribution = hasCases ? '({case})' : '({document})';
  const template = parseAttributionTemplate(query, attributionError ? defaultAttribution : (options.attribution ?? defaultAttribution));
  const texts = new Map(project.texts.map((t) => [t.id, t.text]));
  const codeNames = new Map(project.codes.map((c) => [c.id, c.name]));
  const documents = new Map(project.documents.map((d) => [d.id, d]));

  const flat = report.sections.flatMap((s) => [s, ...s.subthemes]);
  const passage = (c: { documentId: Id; start: number; end: number }) => `${c.documentId}:${c.start}:${c.end}`;
  const quotedWhere = new Map<string, Id>();
  for (const s of flat) for (const q of s.quotes) quotedWhere.set(passage(q), s.id);

  const sections: SectionCandidates[] = flat.map((s) => {
    const own = s.kind === 'code' ? [s.id] : s.codes.map((c) => c.id);
    const quotedHere = new Map(s.quotes.map((q) => [passage(q), q.codingId]));
    const seen = new Set<string>();
    const candidates: QuoteCandidate[] = [];
    for (const coding of codingsOf(counting, own)) {
      const key = passage(coding);
      if (seen.has(key)) continue;
      seen.add(key);
      const elsewhere = quotedWhere.get(key);
      if (elsewhere !== undefined && elsewhere !== s.id) continue;
      const raw = texts.get(coding.documentId)!.slice(coding.start, coding.end);
      const { text } = trimQuote(ps(raw), DEFAULT_MAX_QUOTE_LENGTH);
      const quotedId = quotedHere.get(key);
      candidates.push({
        codingId: quotedId ?? coding.id,
        documentName: ps(documents.get(coding.documentId)?.name ?? ''),
        codeName: ps(codeNames.get(coding.codeId) ?? ''),
        attribution: ps(formatAttribution(query, toExtract(query, coding), template)),
        text,
        words: words(raw),
        exemplar: coding.exemplar === true,
        quoted: quotedId !== undefined,
      });
    }
    return {
      sectionId: s.id,
      name: s.name,
      kind: s.kind,
      source: s.quotes[0]?.source ?? 'none',
      quoted: s.quotes.map((q) => q.codingId),
      candidates,
    };
  });

  const firstQuote = flat.flatMap((s) => s.quotes)[0];
  const firstCoding = firstQuote ? undefined : [...query.codingsByCode.values()].flat()[0];
  const attributionExample = firstQuote ? firstQuote.attribution : firstCoding ? ps(formatAttribution(query, toExtract(query, firstCoding), template)) : '';
  return { report, html: renderHtml(report), sections, attributionExample, attributionError, fields: attributionFields(query), defaultAttribution };
}

/** The report as a file. `rasterise` draws the charts for Word (without it they go in as tables). */
export async function saveReport(project: ProjectData, input: ReportInput, format: ReportFormat, context: EngineContext = {}, rasterise?: DocxOptions['rasterise']): Promise<Uint8Array> {
  const { report } = buildWithFallback(project, findingsOptions(project, input, context));
  if (format === 'docx') return renderDocx(report, rasterise ? { rasterise } : {});
  return new TextEncoder().encode(format === 'md' ? renderMarkdown(report) : renderHtml(report));
}

/** The thematic map as the Themes view exports it, when the project has themes. */
export function thematicMapChart(project: ProjectData, mapLayout: unknown): ReportChart | undefined {
  if (project.themes.length === 0) return undefined;
  const counts = new Map<Id, number>();
  for (const c of project.codings) counts.set(c.codeId, (counts.get(c.codeId) ?? 0) + 1);
  const themes = project.themes.map((t) => ({ id: t.id, name: t.name, parentId: t.parentId, codeIds: t.codeIds, color: t.color, status: t.status, order: t.order }));
  const codes = codebookOrder(project.codes).map((c) => ({ id: c.id, name: c.name, color: c.color, count: counts.get(c.id) ?? 0 }));
  const geometry = computeMap(themes, codes, readMapLayout(mapLayout));
  const svg = mapToSvg(geometry, themes, codes, { title: 'Thematic map' });
  const width = Number(/width="([\d.]+)"/.exec(svg)?.[1] ?? 800);
  const height = Number(/height="([\d.]+)"/.exec(svg)?.[1] ?? 600);
  const names = orderedThemes(project.themes).map(({ theme, subthemes }) => `${theme.name}${subthemes.length ? ` (subthemes: ${subthemes.map((s) => s.name).join(', ')})` : ''}`);
  return { svg, width, height, title: 'Thematic map', description: `Thematic map of ${project.themes.length} themes and their codes: ${names.join('; ')}.` };
}

/** The report's charts, each on its own: prevalence by attribute, extracts per code, co-occurrence, and the map. */
export function buildCharts(project: ProjectData, input: ReportInput, context: EngineContext = {}): ChartItem[] {
  const withCharts: ReportInput = { ...input, settings: { ...input.settings, heatmap: true, sections: { ...input.settings.sections, charts: true, quotes: false } } };
  const { report } = buildWithFallback(project, findingsOptions(project, withCharts, context));
  const items: ChartItem[] = [];
  for (const block of report.blocks) {
    if (block.kind !== 'figure') continue;
    const { chart, caption } = block.figure;
    if (chart.title === 'Thematic map') continue; // added below with its own id
    const id: ChartItem['id'] = chart.title === 'Extracts per code' ? 'frequencies' : chart.title === 'Code co-occurrence' ? 'heatmap' : 'prevalence';
    items.push({ id, caption, chart });
  }
  const map = thematicMapChart(project, context.mapLayout);
  if (map) items.push({ id: 'map', caption: 'Thematic map: themes, subthemes and their codes (card size grows with the number of codings)', chart: map });
  return items;
}

/** A codebook, extracts or memos file. */
export async function buildExport(project: ProjectData, kind: ExportKind, options: ExportOptions, context: EngineContext = {}): Promise<Uint8Array> {
  const text = (s: string) => new TextEncoder().encode(s);
  const pseudonymise = options.pseudonymise ? pseudonymiser(context.pseudonyms) : undefined;
  const ps = pseudonymise ? { pseudonymise } : {};
  switch (kind) {
    case 'codebook-docx':
      return codebookDocx(project);
    case 'codebook-csv':
      // A byte order mark so Excel reads UTF-8; cells starting like a formula are kept as text.
      return text(codebookCsv(project, { bom: true, guardFormulas: true }));
    case 'codebook-xlsx':
      return codebookXlsx(project);
    case 'codebook-qdc':
      return text(writeQdc(project));
    case 'extracts-csv':
      return text(extractsCsv(project, { ...ps, bom: true, guardFormulas: true }));
    case 'extracts-xlsx':
      return extractsXlsx(project, ps);
    case 'memos-docx':
    case 'memos-md': {
      const which = { journal: options.memos !== 'memos', memos: options.memos !== 'journal', ...ps };
      const written = project.memos.filter((m) => m.plainText.trim() && (m.targetType === 'journal' ? which.journal : which.memos));
      if (written.length === 0) {
        throw new Error(options.memos === 'journal' ? 'The reflexive journal has no entries yet.' : options.memos === 'memos' ? 'There are no memos with text yet.' : 'There are no memos or journal entries with text yet.');
      }
      return kind === 'memos-docx' ? memosDocx(project, which) : text(memosMarkdown(project, which));
    }
  }
}

/** Agreement between two coders over the whole project, as figures for the method paragraph. */
export function computeAgreement(project: ProjectData, coderIds: [Id, Id], unit: AgreementUnit): AgreementSummary {
  const comparison = compareCoders(project, { coderIds, unit, unitized: false });
  return agreementSummary(comparison);
}
