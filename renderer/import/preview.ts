import type { ImportedDocument } from '../../shared/import/types';

/**
 * What the import preview shows and the choices it keeps, as plain functions over plain data (tested on their
 * own). The preview itself lives in use-import.ts and ImportPreviewDialog.tsx.
 */

/** Encodings offered for text files, by their WHATWG labels (the decoder's own names). */
export const ENCODING_CHOICES: readonly { value: string; label: string }[] = [
  { value: 'utf-8', label: 'UTF-8' },
  { value: 'utf-16le', label: 'UTF-16 LE' },
  { value: 'utf-16be', label: 'UTF-16 BE' },
  { value: 'windows-1252', label: 'Windows-1252 (Western European)' },
  { value: 'iso-8859-1', label: 'ISO-8859-1 (Latin-1)' },
  { value: 'iso-8859-15', label: 'ISO-8859-15 (Latin-9, with €)' },
  { value: 'windows-1250', label: 'Windows-1250 (Central European)' },
  { value: 'iso-8859-2', label: 'ISO-8859-2 (Central European)' },
  { value: 'windows-1251', label: 'Windows-1251 (Cyrillic)' },
  { value: 'macintosh', label: 'Mac OS Roman' },
];

/** The label of an encoding for people, e.g. "utf-16le" -> "UTF-16 LE". */
export function encodingLabel(encoding: string | undefined): string {
  if (!encoding) return '';
  return ENCODING_CHOICES.find((c) => c.value === encoding.toLowerCase())?.label ?? encoding.toUpperCase();
}

export const FORMAT_NAMES: Readonly<Record<string, string>> = {
  txt: 'Plain text',
  md: 'Markdown',
  vtt: 'WebVTT captions',
  srt: 'SubRip captions',
  docx: 'Word document',
  odt: 'OpenDocument text',
  rtf: 'Rich Text',
  pdf: 'PDF',
};

/** The format a file name promises, by its extension ("txt" for names without one); undefined for others. */
export function formatOfName(name: string): string | undefined {
  const match = /\.([^./\\]+)$/.exec(name);
  const extension = match ? match[1]!.toLowerCase() : 'txt';
  const aliases: Record<string, string> = { text: 'txt', markdown: 'md', webvtt: 'vtt' };
  const format = aliases[extension] ?? extension;
  return Object.hasOwn(FORMAT_NAMES, format) ? format : undefined;
}

/** Formats read as text, whose encoding the user may choose. */
export function hasEncoding(format: string | undefined): boolean {
  return format === 'txt' || format === 'md' || format === 'vtt' || format === 'srt';
}

export function isCaptions(format: string | undefined): boolean {
  return format === 'vtt' || format === 'srt';
}

/** Extensions of participant sheets: dropped with transcripts, they go to the participant sheet import instead. */
const SHEET_EXTENSIONS = new Set(['csv', 'tsv', 'xlsx', 'xls', 'ods']);

export function isSheetFile(name: string): boolean {
  const match = /\.([^./\\]+)$/.exec(name);
  return match !== null && SHEET_EXTENSIONS.has(match[1]!.toLowerCase());
}

/** "83:05" style clock for a time in seconds: m:ss under an hour, h:mm:ss beyond. */
export function formatClock(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${String(m).padStart(2, '0')}:${s}`;
}

/** Cuts a text to at most `max` characters at a word boundary, with an ellipsis when cut. Line ends become spaces. */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  // The cut already ends a word when a space follows it.
  if (flat[max - 1] === ' ') return `${cut}…`;
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Like clip, but keeps the text's line breaks (blank lines at most one in a row), for text without turns. */
export function clipLines(text: string, max: number): string {
  const tidy = (s: string) => s.replace(/[ \t]+/g, ' ').replace(/ ?\n ?/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  const lines = tidy(text.slice(0, max * 2));
  const more = text.length > max * 2;
  if (lines.length <= max) return more ? `${lines}…` : lines;
  const cut = lines.slice(0, max - 1);
  // The cut already ends a word when a space or line break follows it.
  if (/\s/.test(lines[max - 1]!)) return `${cut.trimEnd()}…`;
  const space = Math.max(cut.lastIndexOf(' '), cut.lastIndexOf('\n'));
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export interface ExcerptTurn {
  speaker?: string;
  time?: number;
  text: string;
}

export type Excerpt =
  | { kind: 'turns'; turns: ExcerptTurn[]; moreTurns: number }
  | { kind: 'text'; text: string };

/** The first turns of a document as they will be stored (speaker apart from the words), or its first words. */
export function excerptOf(doc: Pick<ImportedDocument, 'text' | 'turns'>, options: { turns?: number; chars?: number } = {}): Excerpt {
  const maxTurns = options.turns ?? 4;
  const chars = options.chars ?? 240;
  if (doc.turns.length === 0) return { kind: 'text', text: clipLines(doc.text, chars * 2) };
  const turns = doc.turns.slice(0, maxTurns).map((turn) => {
    const excerpt: ExcerptTurn = { text: clip(doc.text.slice(turn.contentStart ?? turn.start, turn.end), chars) };
    if (turn.speaker !== undefined) excerpt.speaker = turn.speaker;
    if (turn.time !== undefined) excerpt.time = turn.time;
    return excerpt;
  });
  return { kind: 'turns', turns, moreTurns: doc.turns.length - turns.length };
}

export type SpeakerMap = Record<string, string | null>;

/** The user's choice for a label (keys matched exactly first, then ignoring case, as the engine does). */
export function speakerChoice(map: SpeakerMap, label: string): string | null | undefined {
  if (Object.hasOwn(map, label)) return map[label];
  const lower = label.toLowerCase();
  const key = Object.keys(map).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : map[key];
}

/**
 * The map after the user's choice for one label: a name (merge it into that speaker, or keep it as itself when the
 * name is the label), null (not a speaker) or undefined (back to what detection decides). A blank name is undefined.
 */
export function withSpeakerChoice(map: SpeakerMap, label: string, choice: string | null | undefined): SpeakerMap {
  const lower = label.toLowerCase();
  const next: SpeakerMap = {};
  for (const [key, value] of Object.entries(map)) if (key.toLowerCase() !== lower) next[key] = value;
  if (choice === null) next[label] = null;
  else if (choice !== undefined && choice.trim() !== '') next[label] = choice.trim().replace(/\s+/g, ' ');
  return next;
}

/** Whether a document's labels include any of these (ignoring case): only those files need reading again. */
export function usesAnyLabel(doc: Pick<ImportedDocument, 'speakerLabels'> | undefined, labels: readonly string[]): boolean {
  if (!doc?.speakerLabels) return false;
  const wanted = new Set(labels.map((l) => l.toLowerCase()));
  return doc.speakerLabels.some((l) => wanted.has(l.label.toLowerCase()));
}

/** Labels whose choice differs between two maps (added, removed or changed), ignoring case. */
export function changedLabels(before: SpeakerMap, after: SpeakerMap): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)].map((k) => k.toLowerCase()));
  return [...keys].filter((k) => speakerChoice(before, k) !== speakerChoice(after, k));
}

/** Speaker names already in use across the files (accepted labels' speakers and names typed), for suggestions. */
export function speakerSuggestions(docs: readonly (Pick<ImportedDocument, 'speakerLabels'> | undefined)[], map: SpeakerMap): string[] {
  const names = new Set<string>();
  for (const doc of docs) for (const label of doc?.speakerLabels ?? []) if (label.speaker) names.add(label.speaker);
  for (const value of Object.values(map)) if (value) names.add(value);
  return [...names].sort((a, b) => a.localeCompare(b, 'en-GB', { sensitivity: 'base' }));
}

/** A one-line account of a parsed file for the file list, e.g. "42 turns · 3 speakers". */
export function fileSummary(doc: Pick<ImportedDocument, 'turns'>): string {
  if (doc.turns.length === 0) return 'No speaker turns';
  const speakers = new Set(doc.turns.map((t) => t.speaker).filter((s) => s !== undefined)).size;
  const turns = `${doc.turns.length} ${doc.turns.length === 1 ? 'turn' : 'turns'}`;
  return speakers > 0 ? `${turns} · ${speakers} ${speakers === 1 ? 'speaker' : 'speakers'}` : turns;
}

/** Bytes for people: "812 bytes", "14 KB", "3.2 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A label as found across the files of one import, for the "All speakers" overview. */
export interface MergedLabel {
  label: string;
  /** Lines starting with it, in all files. */
  count: number;
  /** Files it appears in. */
  files: number;
  /** Taken as a speaker in at least one file. */
  accepted: boolean;
  /** The speaker name it becomes where accepted (the first file's). */
  speaker: string | null;
  /** Why it was not accepted, when it was accepted nowhere (the first file's reason). */
  reason?: string;
}

/** The labels of several files merged by their spelling ignoring case, in order of first appearance. */
export function mergedLabels(docs: readonly (Pick<ImportedDocument, 'speakerLabels'> | undefined)[]): MergedLabel[] {
  const byKey = new Map<string, MergedLabel>();
  for (const doc of docs) {
    for (const l of doc?.speakerLabels ?? []) {
      const key = l.label.toLowerCase();
      const entry = byKey.get(key);
      if (!entry) {
        byKey.set(key, { label: l.label, count: l.count, files: 1, accepted: l.accepted, speaker: l.speaker, ...(l.reason ? { reason: l.reason } : {}) });
        continue;
      }
      entry.count += l.count;
      entry.files += 1;
      if (l.accepted && !entry.accepted) {
        entry.accepted = true;
        entry.speaker = l.speaker;
        delete entry.reason;
      }
    }
  }
  return [...byKey.values()];
}
