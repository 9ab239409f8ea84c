import type { AgreementUnit, CoderComparison } from '../../shared/agreement/index';
import type { Id } from '../../shared/model/types';
import type { PseudonymEntry, PseudonymTable } from '../../shared/protect/table';
import { parseCategory } from '../../shared/protect/table';
import type { CooccurrenceMatrix } from '../../shared/query/cooccurrence';
import type { AgreementFigure, FindingsSection } from '../../shared/report/index';
import { DEFAULT_QUOTES_PER_THEME } from '../../shared/report/index';
import type { AgreementSummary, ChosenQuotes, ReportSettings, SectionCandidates } from './protocol';

/**
 * The Write-up view's pure helpers: default options, the user's quote choices, the heatmap's data, agreement figures
 * for the method paragraph, the pseudonym table kept in the project, file names, and PNG resolution.
 */

/** Report sections in the order the options list shows them, with their labels. */
export const SECTION_OPTIONS: { id: FindingsSection; label: string; hint?: string }[] = [
  { id: 'method', label: 'Method paragraph', hint: 'Data, coders, codebook, agreement and how prevalence is counted' },
  { id: 'summaryTable', label: 'Summary table', hint: 'Participants, documents and extracts per theme' },
  { id: 'attributeTable', label: 'Summary table by attribute', hint: 'Participants in each group contributing to each theme' },
  { id: 'charts', label: 'Charts' },
  { id: 'definitions', label: 'Definitions' },
  { id: 'boundaries', label: 'Boundaries' },
  { id: 'prevalence', label: 'Prevalence' },
  { id: 'quotes', label: 'Quotes' },
  { id: 'codes', label: 'Codes in each theme' },
];

export const MAX_QUOTES_PER_THEME = 12;

export function defaultSettings(): ReportSettings {
  return {
    title: '',
    themeIds: null,
    sections: Object.fromEntries(SECTION_OPTIONS.map((s) => [s.id, true])) as Record<FindingsSection, boolean>,
    quotesPerTheme: DEFAULT_QUOTES_PER_THEME,
    attribution: '',
    byAttribute: null,
    pseudonymise: false,
    heatmap: true,
    agreement: true,
  };
}

/** Stored settings read defensively: anything missing or of the wrong kind takes its default. */
export function readSettings(value: unknown): ReportSettings {
  const base = defaultSettings();
  if (!value || typeof value !== 'object') return base;
  const v = value as Partial<Record<keyof ReportSettings, unknown>>;
  const sections = { ...base.sections };
  if (v.sections && typeof v.sections === 'object') {
    for (const s of SECTION_OPTIONS) {
      const on = (v.sections as Record<string, unknown>)[s.id];
      if (typeof on === 'boolean') sections[s.id] = on;
    }
  }
  const quotes = typeof v.quotesPerTheme === 'number' && Number.isFinite(v.quotesPerTheme) ? clampQuotes(v.quotesPerTheme) : base.quotesPerTheme;
  return {
    title: typeof v.title === 'string' ? v.title : base.title,
    themeIds: Array.isArray(v.themeIds) && v.themeIds.every((t) => typeof t === 'string') ? (v.themeIds as Id[]) : null,
    sections,
    quotesPerTheme: quotes,
    attribution: typeof v.attribution === 'string' ? v.attribution : base.attribution,
    byAttribute: typeof v.byAttribute === 'string' ? v.byAttribute : null,
    pseudonymise: v.pseudonymise === true,
    heatmap: typeof v.heatmap === 'boolean' ? v.heatmap : base.heatmap,
    agreement: typeof v.agreement === 'boolean' ? v.agreement : base.agreement,
  };
}

export function clampQuotes(n: number): number {
  return Math.max(0, Math.min(MAX_QUOTES_PER_THEME, Math.floor(n)));
}

/**
 * Themes to report after the user ticks or unticks one. Ticking a theme ticks its subthemes; unticking it unticks
 * them. null stands for "every theme" (and so follows themes added later); never returns an empty choice, since a
 * report of nothing is not a report: the last ticked theme stays.
 */
export function toggleTheme(
  current: Id[] | null,
  tree: readonly { id: Id; parentId?: Id }[],
  themeId: Id,
  on: boolean,
): Id[] | null {
  const all = tree.map((t) => t.id);
  const chosen = new Set(current ?? all);
  const children = tree.filter((t) => t.parentId === themeId).map((t) => t.id);
  const parent = tree.find((t) => t.id === themeId)?.parentId;
  if (on) {
    chosen.add(themeId);
    for (const c of children) chosen.add(c);
    if (parent) chosen.add(parent);
  } else {
    chosen.delete(themeId);
    for (const c of children) chosen.delete(c);
  }
  const tops = tree.filter((t) => !t.parentId || !all.includes(t.parentId));
  if (!tops.some((t) => chosen.has(t.id))) return current;
  return all.every((id) => chosen.has(id)) ? null : all.filter((id) => chosen.has(id));
}

/** Chosen quote ids in report order, as the engine takes them. */
export function chosenQuoteIds(chosen: ChosenQuotes, sectionOrder: readonly Id[]): Id[] {
  const ids: Id[] = [];
  const seen = new Set<Id>();
  const keys = [...sectionOrder, ...Object.keys(chosen).filter((k) => !sectionOrder.includes(k))];
  for (const key of keys) {
    for (const id of chosen[key] ?? []) {
      if (seen.has(id)) continue;
      seen.add(id);
      ids.push(id);
    }
  }
  return ids;
}

/**
 * The user ticks or unticks a quote in a section. The first change turns what the report shows now into the user's
 * own list; ticking beyond `perSection` quotes changes nothing (the view says so). A list unticked to nothing is
 * dropped, and the automatic choice (exemplars first) comes back. Lists keep document order.
 */
export function toggleQuote(
  chosen: ChosenQuotes,
  section: SectionCandidates,
  codingId: Id,
  include: boolean,
  perSection: number,
  /** What is ticked now, when ticks are shown before the report is rebuilt; the section's quotes otherwise. */
  ticked: readonly Id[] = section.quoted,
): ChosenQuotes {
  const base = [...ticked];
  let next: Id[];
  if (include) {
    if (base.includes(codingId) || base.length >= perSection) return chosen;
    next = [...base, codingId];
  } else {
    if (!base.includes(codingId)) return chosen;
    next = base.filter((id) => id !== codingId);
  }
  const rank = new Map(section.candidates.map((c, i) => [c.codingId, i]));
  next.sort((a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity));
  const out = { ...chosen };
  if (next.length === 0) delete out[section.sectionId];
  else out[section.sectionId] = next;
  return out;
}

/** Stored quote choices read defensively. */
export function readChosenQuotes(value: unknown): ChosenQuotes {
  const out: ChosenQuotes = {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [key, ids] of Object.entries(value as Record<string, unknown>)) {
    if (Array.isArray(ids)) {
      const clean = ids.filter((id): id is string => typeof id === 'string');
      if (clean.length > 0) out[key] = clean;
    }
  }
  return out;
}

/** What the heatmap draws: codes that co-occur at least once (at most `maxCodes`, the most co-occurring), no diagonal. */
export interface HeatmapData {
  labels: string[];
  matrix: number[][];
  valueLabel: string;
}

export function heatmapData(m: CooccurrenceMatrix, labelOf: (codeId: Id) => string, valueLabel: string, maxCodes = 16): HeatmapData | undefined {
  const n = m.codeIds.length;
  const totals = m.codeIds.map((_, i) => m.counts[i]!.reduce((sum, v, j) => (j === i ? sum : sum + v), 0));
  let keep = m.codeIds.map((_, i) => i).filter((i) => totals[i]! > 0);
  if (keep.length > maxCodes) {
    const top = new Set([...keep].sort((a, b) => totals[b]! - totals[a]! || a - b).slice(0, maxCodes));
    keep = keep.filter((i) => top.has(i));
  }
  if (keep.length < 2 || n < 2) return undefined;
  return {
    labels: keep.map((i) => labelOf(m.codeIds[i]!)),
    // A code with itself is not a co-occurrence: the diagonal is left empty so it does not set the colour scale.
    matrix: keep.map((i) => keep.map((j) => (i === j ? Number.NaN : m.counts[i]![j]!))),
    valueLabel,
  };
}

/** Labels for codes: the code's own name, or its path where two codes share a name. */
export function codeLabels(codes: readonly { id: Id; name: string }[], paths: ReadonlyMap<Id, string>): Map<Id, string> {
  const counts = new Map<string, number>();
  for (const c of codes) counts.set(c.name, (counts.get(c.name) ?? 0) + 1);
  return new Map(codes.map((c) => [c.id, (counts.get(c.name) ?? 0) > 1 ? (paths.get(c.id) ?? c.name).split('/').join(' / ') : c.name]));
}

const UNIT_PHRASES: Record<AgreementUnit, string> = { character: 'characters', turn: 'speaker turns', paragraph: 'paragraphs' };

function percent(value: number): string {
  return `${(Math.round(value * 10) / 10).toFixed(1)}%`;
}

/** The overall agreement between two coders as figures for the method paragraph. */
export function agreementSummary(comparison: CoderComparison): AgreementSummary {
  const { overall } = comparison;
  const scope = `${UNIT_PHRASES[comparison.unit]} as units, ${comparison.codes.length} ${comparison.codes.length === 1 ? 'code' : 'codes'}, ${comparison.documents.length} ${comparison.documents.length === 1 ? 'document' : 'documents'} coded by both`;
  const figures: AgreementFigure[] = [];
  const undefinedFigures: string[] = [];
  if (overall.alpha.value !== null) figures.push({ measure: 'Krippendorff’s α', value: overall.alpha.value, detail: `nominal; ${scope}` });
  else undefinedFigures.push(`Krippendorff’s α: ${overall.alpha.undefinedReason ?? 'no value'}`);
  if (overall.kappa.value !== null) {
    const pa = overall.percentAgreement.value;
    figures.push({ measure: 'Cohen’s κ', value: overall.kappa.value, ...(pa !== null ? { detail: `percentage agreement ${percent(pa)}` } : {}) });
  } else undefinedFigures.push(`Cohen’s κ: ${overall.kappa.undefinedReason ?? 'no value'}`);
  const names = comparison.coders.map((c) => c.name);
  return {
    coderNames: [names[0] ?? '', names[1] ?? ''],
    unit: comparison.unit,
    codes: comparison.codes.length,
    documents: comparison.documents.length,
    figures,
    undefinedFigures,
  };
}

/** Where the pseudonymisation screen keeps the project's table. */
export const PSEUDONYM_TABLE_KEY = 'pseudonym-table';

function entryOf(value: unknown): PseudonymEntry | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const term = typeof v.term === 'string' ? v.term.trim() : '';
  const replacement = typeof v.replacement === 'string' ? v.replacement.trim() : '';
  if (!term || !replacement) return undefined;
  const category = (typeof v.category === 'string' && parseCategory(v.category)) || 'person';
  return { term, replacement, category, ...(typeof v.caseSensitive === 'boolean' ? { caseSensitive: v.caseSensitive } : {}) };
}

/**
 * The project's pseudonym table, as the pseudonymisation screen keeps it in the project's meta table: under a key
 * naming pseudonyms, either a list of entries (term, replacement, category) or an object holding that list.
 * Undefined when the project has none (or an empty one).
 */
export function findPseudonymTable(records: readonly { key: string; value: unknown }[]): PseudonymTable | undefined {
  // The pseudonymisation screen's own key first, then any other key naming pseudonyms.
  const rank = (key: string) => (key === PSEUDONYM_TABLE_KEY ? 0 : 1);
  for (const record of [...records].sort((a, b) => rank(a.key) - rank(b.key) || a.key.localeCompare(b.key))) {
    if (!/pseudonym/i.test(record.key)) continue;
    const v = record.value;
    const list = Array.isArray(v)
      ? v
      : v && typeof v === 'object'
        ? ((['entries', 'table', 'rows', 'terms'] as const).map((k) => (v as Record<string, unknown>)[k]).find(Array.isArray) as unknown[] | undefined)
        : undefined;
    if (!list) continue;
    const entries = list.map(entryOf).filter((e): e is PseudonymEntry => e !== undefined);
    if (entries.length > 0) return entries;
  }
  return undefined;
}

/** "Project - findings report 2026-06-01.docx": the project's name made safe for any file system. */
export function writeupFileName(projectName: string, what: string, extension: string, at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  const safe = projectName.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80) || 'Project';
  return `${safe} - ${what} ${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}.${extension}`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "1 June 2026" */
export function longDate(at: number): string {
  const d = new Date(at);
  return `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}`;
}

let crcTable: Uint32Array | undefined;

/** CRC-32 as PNG chunks use it (ISO 3309, polynomial 0xEDB88320). */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const b of bytes) crc = crcTable[(crc ^ b) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

/**
 * The PNG with its physical resolution recorded (a pHYs chunk, pixels per metre), so a word processor places a
 * 300 dpi picture at its printed size instead of at screen size. An existing pHYs chunk is replaced.
 */
export function pngWithDpi(png: Uint8Array, dpi: number): Uint8Array {
  if (png.length < 33 || PNG_SIGNATURE.some((b, i) => png[i] !== b)) throw new Error('the picture is not a PNG image');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: Uint8Array[] = [png.subarray(0, 8)];
  let at = 8;
  let inserted = false;
  let ended = false;
  const perMetre = Math.round(dpi / 0.0254);
  const phys = new Uint8Array(21);
  const pv = new DataView(phys.buffer);
  pv.setUint32(0, 9);
  phys.set([0x70, 0x48, 0x59, 0x73], 4); // "pHYs"
  pv.setUint32(8, perMetre);
  pv.setUint32(12, perMetre);
  phys[16] = 1; // unit: metre
  pv.setUint32(17, crc32(phys.subarray(4, 17)));
  while (at + 12 <= png.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const end = at + 12 + length;
    if (end > png.length) throw new Error('the PNG image is cut short');
    if (type !== 'pHYs') chunks.push(png.subarray(at, end));
    if (type === 'IHDR' && !inserted) {
      chunks.push(phys);
      inserted = true;
    }
    at = end;
    if (type === 'IEND') {
      ended = true;
      break;
    }
  }
  if (!ended) throw new Error('the PNG image is cut short');
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}
