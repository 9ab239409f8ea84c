import type { Block, Turn } from '../model/types';
import { normaliseText } from '../text/normalise';
import { checkSize, decodeTextFile } from './encoding';
import { MAX_TEXT_FILE_BYTES, type ImportOptions } from './options';
import { detectSpeakerTurns, offsetMapper } from './speakers';
import type { ImportedDocument } from './types';

/**
 * Plain text (.txt) and Markdown (.md) transcripts.
 *
 * The stored text is the file's text, normalised, with speaker labels and their timestamps removed where turns were
 * found (see speakers.ts). Markdown keeps its text as written except the markers that blocks now carry: the `#`s of
 * headings and the `-`, `*` or `+` bullets of list items (numbered items keep their numbers, which are content).
 * Emphasis, links and quotes stay as typed.
 *
 * Blocks: paragraphs are runs of lines between blank lines; a text with no blank line at all (one paragraph per
 * line, as many transcription services write) gets one block per line. A turn always starts a new block.
 */

export function fileBaseName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/** Warnings about a detected (not chosen) encoding that might be wrong. */
export function encodingWarnings(encoding: string, bom: boolean, chosen: boolean): string[] {
  if (chosen) return [];
  if (encoding === 'windows-1252') {
    return ['The file is not UTF-8, so it was read as Windows-1252 (Western European). If accented letters look wrong, choose its encoding.'];
  }
  if (encoding.startsWith('utf-16') && !bom) {
    return [`The file has no byte order mark; it was read as ${encoding.toUpperCase()} from its pattern of zero bytes.`];
  }
  return [];
}

/** Paragraph blocks over [from, to) of text: split at blank lines, or at every line end when `perLine`. */
export function paragraphBlocks(text: string, from: number, to: number, perLine: boolean): Block[] {
  const blocks: Block[] = [];
  let start = -1;
  let end = -1;
  const flush = (): void => {
    if (start >= 0) blocks.push({ start, end, kind: 'paragraph' });
    start = -1;
  };
  for (let lineStart = from; lineStart < to; ) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1 || lineEnd > to) lineEnd = to;
    const line = text.slice(lineStart, lineEnd);
    const trimmed = line.trim();
    if (trimmed === '') {
      flush();
    } else {
      const first = lineStart + (line.length - line.trimStart().length);
      if (perLine) flush();
      if (start < 0) start = first;
      end = lineStart + line.trimEnd().length;
    }
    lineStart = lineEnd + 1;
  }
  flush();
  return blocks;
}

/** Blocks for a text with turns: the text outside turns and each turn are split into paragraphs separately. */
export function blocksWithTurns(text: string, turns: readonly Turn[], perLine: boolean): Block[] {
  const blocks: Block[] = [];
  let at = 0;
  for (const turn of turns) {
    blocks.push(...paragraphBlocks(text, at, turn.start, perLine));
    blocks.push(...paragraphBlocks(text, turn.start, turn.end, perLine));
    at = turn.end;
  }
  blocks.push(...paragraphBlocks(text, at, text.length, perLine));
  return blocks;
}

const HEADING = /^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const BULLET = /^([ \t]*)[-*+][ \t]+(?=\S)/;
const NUMBERED = /^[ \t]*\d{1,9}[.)][ \t]+(?=\S)/;
const FENCE = /^[ \t]*(```|~~~)/;

/**
 * Markdown's block structure, read line by line: ATX headings, list items and paragraphs (code fences are kept
 * whole as one paragraph each). Returns the text with heading and bullet markers removed and the blocks over it.
 */
export function markdownBlocks(text: string): { text: string; blocks: Block[] } {
  const removed: [number, number][] = [];
  // Blocks over the input text first; mapped through `removed` at the end.
  const raw: Block[] = [];
  let para: Block | undefined;
  let fence: string | undefined;
  const flush = (): void => {
    if (para) raw.push(para);
    para = undefined;
  };
  for (let lineStart = 0; lineStart <= text.length; ) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    const contentEnd = lineStart + line.trimEnd().length;
    const fenceMatch = FENCE.exec(line);
    if (fence !== undefined) {
      para!.end = contentEnd > para!.start ? contentEnd : para!.end;
      if (fenceMatch && fenceMatch[1] === fence) {
        fence = undefined;
        flush();
      }
    } else if (fenceMatch) {
      flush();
      fence = fenceMatch[1];
      para = { start: lineStart + (line.length - line.trimStart().length), end: contentEnd, kind: 'paragraph' };
    } else if (line.trim() === '') {
      flush();
    } else {
      const heading = HEADING.exec(line);
      const bullet = BULLET.exec(line);
      const numbered = NUMBERED.exec(line);
      if (heading) {
        flush();
        const textStart = lineStart + line.indexOf(heading[2]!, heading[1]!.length);
        removed.push([lineStart, textStart]);
        const textEnd = textStart + heading[2]!.length;
        if (textEnd < contentEnd) removed.push([textEnd, contentEnd]);
        raw.push({ start: textStart, end: textEnd, kind: 'heading', level: heading[1]!.length });
      } else if (bullet || numbered) {
        flush();
        const first = lineStart + (line.length - line.trimStart().length);
        if (bullet) removed.push([lineStart + bullet[1]!.length, lineStart + bullet[0].length]);
        para = { start: bullet ? lineStart + bullet[0].length : first, end: contentEnd, kind: 'list-item' };
      } else if (para) {
        para.end = contentEnd;
      } else {
        para = { start: lineStart + (line.length - line.trimStart().length), end: contentEnd, kind: 'paragraph' };
      }
    }
    lineStart = lineEnd + 1;
  }
  flush();
  removed.sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let from = 0;
  for (const [a, b] of removed) {
    parts.push(text.slice(from, a));
    from = b;
  }
  parts.push(text.slice(from));
  const move = offsetMapper(removed);
  const blocks = raw
    .map((b) => ({ ...b, start: move(b.start), end: move(b.end) }))
    .filter((b) => b.end > b.start);
  return { text: parts.join(''), blocks };
}

/** Imports a .txt or .md file. Throws ImportError for empty, oversized, binary or undecodable files. */
export function importPlainText(
  bytes: Uint8Array,
  fileName: string,
  format: 'txt' | 'md' = 'txt',
  options: ImportOptions = {},
): ImportedDocument {
  checkSize(fileName, bytes.length, MAX_TEXT_FILE_BYTES);
  const decoded = decodeTextFile(bytes, fileName, options.encoding);
  const chosen = options.encoding !== undefined && options.encoding.trim() !== '';
  const warnings = [...decoded.warnings, ...encodingWarnings(decoded.encoding, decoded.bom, chosen)];
  const normalised = normaliseText(decoded.text);

  let text = normalised;
  let mdBlocks: Block[] | undefined;
  if (format === 'md') {
    const md = markdownBlocks(normalised);
    text = md.text;
    mdBlocks = md.blocks;
  }
  const detection = detectSpeakerTurns(text, options);
  const perLine = !/\n[ \t]*\n/.test(detection.text);
  let blocks: Block[];
  if (mdBlocks) {
    const move = offsetMapper(detection.removed);
    blocks = mdBlocks.map((b) => ({ ...b, start: move(b.start), end: move(b.end) })).filter((b) => b.end > b.start);
    blocks = splitBlocksAtTurns(detection.text, blocks, detection.turns);
  } else {
    blocks = blocksWithTurns(detection.text, detection.turns, perLine);
  }
  const rejected = detection.labels.filter((l) => l.reason === 'too few labelled lines for the document to be a transcript');
  if (detection.turns.length === 0 && rejected.some((l) => l.count >= 2)) {
    warnings.push(
      `Lines starting with ${rejected.map((l) => `"${l.label}:"`).join(', ')} were not taken as speaker turns: too few for a transcript.`,
    );
  }
  return {
    name: fileBaseName(fileName),
    format,
    encoding: decoded.encoding,
    text: detection.text,
    turns: detection.turns,
    blocks,
    comments: [],
    warnings,
    speakerLabels: detection.labels,
  };
}

/** A Markdown paragraph holding several turns (lines without blank lines between them) is cut at each turn. */
function splitBlocksAtTurns(text: string, blocks: Block[], turns: readonly Turn[]): Block[] {
  if (turns.length === 0) return blocks;
  const out: Block[] = [];
  for (const block of blocks) {
    let start = block.start;
    for (const turn of turns) {
      if (turn.start > start && turn.start < block.end) {
        let end = turn.start;
        while (end > start && /\s/.test(text[end - 1]!)) end--;
        out.push({ ...block, start, end });
        start = turn.start;
      }
    }
    out.push({ ...block, start });
  }
  return out.filter((b) => b.end > b.start);
}
