import type { AgreementUnit } from '../../shared/agreement/index';
import type { Id, ProjectInfo } from '../../shared/model/types';
import type { AgreementFigure, FindingsReport, FindingsSection, ReportChart } from '../../shared/report/index';

/**
 * Messages between the Write-up view and its worker. The worker reads the project itself (a whole project can be
 * large); only settings, results and file bytes cross the thread boundary. Drawing charts as pictures needs a
 * canvas and an image decoder the worker lacks, so the worker asks the window to do it ('rasterise').
 */

/** The findings report's options as the user sets them (plain data, kept per project). */
export interface ReportSettings {
  /** Empty: the project's name. */
  title: string;
  /** Themes and subthemes to report; null: all. */
  themeIds: Id[] | null;
  sections: Record<FindingsSection, boolean>;
  quotesPerTheme: number;
  /** Empty: the engine's default ("({case})", or "({document})" without cases). */
  attribution: string;
  /** Attribute id to break prevalence down by; '' none; null the engine's default (the first case category). */
  byAttribute: string | null;
  /** Print the pseudonyms of the project's pseudonym table (when it has one). */
  pseudonymise: boolean;
  /** Draw the code co-occurrence heatmap among the report's charts. */
  heatmap: boolean;
  /** Put the computed agreement figures in the method paragraph. */
  agreement: boolean;
}

/** Quotes the user chose, per report section (theme or subtheme id), in the order chosen. */
export type ChosenQuotes = Record<Id, Id[]>;

export interface ReportInput {
  settings: ReportSettings;
  chosen: ChosenQuotes;
  /** Agreement figures to print (already filtered by settings.agreement). */
  agreement?: AgreementFigure[];
  subtitle?: string;
}

/** A passage that could be quoted in a section. */
export interface QuoteCandidate {
  codingId: Id;
  documentName: string;
  codeName: string;
  attribution: string;
  /** As the report would print it (shortened, pseudonymised when asked). */
  text: string;
  words: number;
  exemplar: boolean;
  /** The report quotes this passage in this section now. */
  quoted: boolean;
}

export interface SectionCandidates {
  sectionId: Id;
  name: string;
  kind: 'theme' | 'subtheme' | 'code';
  /** How the section's quotes were chosen: by the user, from exemplars, or by the default rule. */
  source: 'chosen' | 'exemplar' | 'rule' | 'none';
  /** Coding ids quoted now, in print order. */
  quoted: Id[];
  candidates: QuoteCandidate[];
}

export interface ReportOutput {
  report: FindingsReport;
  html: string;
  /** In report order: each theme followed by its subthemes. */
  sections: SectionCandidates[];
  /** The attribution template applied to one real extract, e.g. "(P07, Social worker)". */
  attributionExample: string;
  /** Why the template could not be used (the default was used instead). */
  attributionError?: string;
  /** Fields the template may use in this project. */
  fields: string[];
  /** The template used when the user gives none ("({case})", or "({document})" without cases). */
  defaultAttribution: string;
}

export interface ChartItem {
  id: 'prevalence' | 'frequencies' | 'heatmap' | 'map';
  caption: string;
  chart: ReportChart;
}

export type ExportKind =
  | 'codebook-docx'
  | 'codebook-csv'
  | 'codebook-xlsx'
  | 'codebook-qdc'
  | 'extracts-csv'
  | 'extracts-xlsx'
  | 'memos-docx'
  | 'memos-md';

export type ReportFormat = 'docx' | 'md' | 'html';

export interface ExportOptions {
  pseudonymise: boolean;
  /** For memos: which to include. */
  memos: 'both' | 'journal' | 'memos';
}

export interface AgreementSummary {
  coderNames: [string, string];
  unit: AgreementUnit;
  codes: number;
  documents: number;
  figures: AgreementFigure[];
  /** Figures the method gives no value for, with the reason. */
  undefinedFigures: string[];
}

interface Base {
  id: number;
  project: ProjectInfo;
  /** The data version (last audit entry) the request is about; the worker re-reads the project when it changes. */
  version: number;
}

export type WriteupRequest =
  | (Base & { kind: 'report'; input: ReportInput })
  | (Base & { kind: 'save-report'; input: ReportInput; format: ReportFormat })
  | (Base & { kind: 'charts'; input: ReportInput })
  | (Base & { kind: 'export'; export: ExportKind; options: ExportOptions })
  | (Base & { kind: 'agreement'; coderIds: [Id, Id]; unit: AgreementUnit });

export type WriteupResult =
  | { kind: 'report'; output: ReportOutput }
  | { kind: 'file'; bytes: Uint8Array }
  | { kind: 'charts'; charts: ChartItem[] }
  | { kind: 'agreement'; summary: AgreementSummary };

export interface WriteupProgress {
  label: string;
  /** 0..1 when known. */
  fraction?: number;
}

/** From the window to the worker: a request, or a picture the worker asked for. */
export type ToWorker = WriteupRequest | { kind: 'rasterised'; rid: number; png?: Uint8Array; error?: string };

/**
 * From the worker to the window, besides its replies (a WorkerReply of WriteupResult and WriteupProgress): a chart
 * to draw as a picture, answered with 'rasterised'.
 */
export interface RasteriseNotice {
  kind: 'rasterise';
  rid: number;
  svg: string;
  width: number;
  height: number;
}
