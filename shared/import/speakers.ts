import type { Turn } from '../model/types';
import type { ImportedDocument } from './types';

/**
 * Speaker turns in text transcripts.
 *
 * A turn starts at a line that begins with a speaker label, in any of these shapes (a timestamp such as
 * `[00:01:23]`, `(12:05)` or `00:01:23` may come before the label, between the label and its colon, or right after
 * the colon):
 *
 *   Interviewer: So how did the meeting go?      Name: / NAME: / Q: / A: / P07: / Dr. Smith:
 *   [Interviewer] So how did the meeting go?     [Name], with or without a colon after it
 *   **Interviewer:** So how did ...               Markdown bold
 *   Speaker 1  0:03                              the label alone on its line with a time (Otter, Teams),
 *                                                or `Name:` / `[Name]` alone; the text follows on the next lines
 *
 * Stored form, the same for text and captions: the label and the timestamp (and the spaces after them) are removed
 * from the text and kept in the turn's `speaker` and `time`; everything else stays exactly as written. Each turn
 * covers its text from the first character after the label to its last non-blank character, so the reader shows
 * each turn as its own paragraph with the speaker beside it. Text before the first turn (a header) stays, outside
 * any turn.
 */

export interface SpeakerOptions {
  /** False turns detection off: no turns, text unchanged. */
  detectSpeakers?: boolean;
  /** Label -> speaker name, or null for "not a speaker". See ImportOptions.speakerMap. */
  speakerMap?: Record<string, string | null>;
}

/** A speaker label found at the start of a line. */
export interface LabelMatch {
  /** The label as written, spaces collapsed, without brackets, asterisks or colon. */
  label: string;
  /** Seconds, when the line carries a timestamp. */
  time?: number;
  /** Characters from the start of the line to the first character of the turn's text. */
  length: number;
  /** Nothing follows the label on its line: the turn's text starts on the next line. */
  labelOnly: boolean;
  /** How the label is written: `Name:`, `[Name]`, `**Name:**`, or alone on its line before a time. */
  shape: 'colon' | 'bracket' | 'bold' | 'line';
}

/** One distinct label found, for an import preview to show and let the user correct. */
export interface SpeakerLabel {
  label: string;
  /** How many lines start with it. */
  count: number;
  /** Whether it was taken as a speaker. */
  accepted: boolean;
  /** The speaker name its turns get (the label itself unless the speaker map renames it); null when not accepted. */
  speaker: string | null;
  /** Why a label was not accepted, in words for the preview. */
  reason?: string;
}

export interface SpeakerDetection {
  /** The text with the accepted labels and their timestamps removed. */
  text: string;
  /** Turns over `text`. Empty when the document does not look like a transcript. */
  turns: Turn[];
  /** Every candidate label, in order of first appearance. */
  labels: SpeakerLabel[];
  /** Ranges [start, end) of the input text that were removed, in order; map other offsets with `mapOffset`. */
  removed: [number, number][];
}

// ---------------------------------------------------------------------------------------------------------------
// Matching one line

/** A time of day in a recording: m:ss, mm:ss, h:mm:ss or hh:mm:ss, optionally with a fraction of a second. */
const TIME = String.raw`\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?`;
const BRACKETED_TIME = String.raw`(?:\[${TIME}\]|\(${TIME}\))`;
/** Up to four words, the first starting with a capital; checked further by plausibleName. */
const NAME = String.raw`[\p{Lu}\p{Lt}][\p{L}\p{M}\p{N}.'’\-]*(?: [\p{L}\p{N}][\p{L}\p{M}\p{N}.'’\-]*){0,3}`;

const LEADING_TIME = new RegExp(String.raw`^[ \t]*(?:${BRACKETED_TIME}|${TIME}(?=[ \t]))[ \t]*(?:[-–—][ \t]+)?`, 'u');
const COLON_LABEL = new RegExp(String.raw`^(${NAME})[ \t]*(?:${BRACKETED_TIME}[ \t]*)?:(?=\s|$)`, 'u');
const BRACKET_LABEL = new RegExp(String.raw`^\[(${NAME})\](?:[ \t]*${BRACKETED_TIME})?[ \t]*:?(?=\s|$)`, 'u');
const BOLD_LABEL = new RegExp(
  String.raw`^\*\*(${NAME})[ \t]*(?:${BRACKETED_TIME}[ \t]*)?(:?)\*\*(?:[ \t]*${BRACKETED_TIME})?[ \t]*(:?)(?=\s|$)`,
  'u',
);
const LINE_LABEL = new RegExp(String.raw`^(${NAME})[ \t]+(?:${BRACKETED_TIME}|${TIME})[ \t]*$`, 'u');
const TRAILING_TIME = new RegExp(String.raw`^[ \t]*${BRACKETED_TIME}`, 'u');
const TIME_IN = new RegExp(TIME, 'u');

/** Seconds from "h:mm:ss", "mm:ss" or "m:ss" (with an optional ".mmm" or ",mmm"). */
export function parseClock(clock: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,](\d{1,3}))?$/.exec(clock);
  if (!m) return undefined;
  const [a, b, c, frac] = [Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3]), m[4]];
  if (b > 59 || (c !== undefined && c > 59)) return undefined;
  const seconds = c === undefined ? a * 60 + b : a * 3600 + b * 60 + c;
  return frac === undefined ? seconds : seconds + Number(frac.padEnd(3, '0')) / 1000;
}

function findTime(s: string): number | undefined {
  const m = TIME_IN.exec(s);
  return m ? parseClock(m[0]) : undefined;
}

/** Small words allowed in lower case inside a multi-word name or role ("Head of Service", "Dr. van Dijk"). */
const PARTICLE = /^(?:of|the|and|van|von|der|den|de|da|di|du|la|le|al|bin|y)$/;

/**
 * Speaker names and roles have capitalised words ("Caleob King", "Speaker 1", "Head of Service"); a phrase such
 * as "He said" or "And then" before a colon does not.
 */
function plausibleName(label: string): boolean {
  if (label.length > 40) return false;
  const words = label.split(' ');
  return words.every((word, i) => {
    if (/^[\p{Lu}\p{Lt}\p{N}]/u.test(word)) return true;
    return i > 0 && i < words.length - 1 && PARTICLE.test(word);
  });
}

/** The speaker label at the start of a line, if it has one of the shapes above. */
export function matchSpeakerLabel(line: string): LabelMatch | undefined {
  let pos = 0;
  let time: number | undefined;
  const lead = LEADING_TIME.exec(line);
  if (lead) {
    time = findTime(lead[0]);
    pos = lead[0].length;
  } else {
    pos = line.length - line.trimStart().length;
  }
  const rest = line.slice(pos);
  let match: RegExpExecArray | null;
  let label: string | undefined;
  let labelOnlyLine = false;
  let shape: LabelMatch['shape'] = 'colon';
  if ((match = COLON_LABEL.exec(rest))) {
    label = match[1];
  } else if ((match = BRACKET_LABEL.exec(rest))) {
    label = match[1];
    shape = 'bracket';
  } else if ((match = BOLD_LABEL.exec(rest)) && (match[2] === ':' || match[3] === ':')) {
    label = match[1];
    shape = 'bold';
  } else if ((match = LINE_LABEL.exec(rest))) {
    label = match[1];
    labelOnlyLine = true;
    shape = 'line';
  }
  if (!match || label === undefined || !plausibleName(label)) return undefined;
  pos += match[0].length;
  // Labels hold no colon, so any clock in the matched prefix is the turn's time.
  time ??= findTime(match[0]);
  // A time may also follow the colon: "Interviewer: [00:01:23] So ...".
  const after = TRAILING_TIME.exec(line.slice(pos));
  if (after) {
    time ??= findTime(after[0]);
    pos += after[0].length;
  }
  while (pos < line.length && (line[pos] === ' ' || line[pos] === '\t')) pos++;
  return { label, time, length: pos, labelOnly: labelOnlyLine || pos >= line.length, shape };
}

// ---------------------------------------------------------------------------------------------------------------
// Deciding which labels are speakers

/** Words that begin lines of ordinary documents and notes but never name a speaker (compared in lower case). */
const NOT_SPEAKERS = new Set([
  'note', 'notes', 'nb', 'n.b.', 'ps', 'p.s.', 'example', 'e.g.', 'warning', 'caution', 'tip', 'hint', 'summary',
  'date', 'time', 'location', 'place', 'venue', 'duration', 'length', 'subject', 're', 'fwd', 'source', 'title',
  'author', 'authors', 'keywords', 'abstract', 'update', 'edit', 'edited', 'important', 'figure', 'fig.', 'table',
  'chapter', 'section', 'step', 'appendix', 'todo', 'see', 'transcript', 'transcribed', 'transcriber', 'recording',
  'recorded', 'interview', 'file', 'page', 'total', 'present', 'attendees', 'agenda', 'action', 'actions',
  'aim', 'aims', 'purpose', 'background', 'context', 'conclusion', 'conclusions', 'result', 'results', 'method',
  'methods', 'definition', 'reference', 'references', 'contents', 'tel', 'email', 'e-mail', 'phone', 'address',
  'rating', 'score', 'grade', 'comment', 'comments', 'strengths', 'weaknesses', 'outcome', 'outcomes', 'evidence',
  'recommendation', 'recommendations', 'feedback', 'status', 'category', 'type', 'description', 'details', 'url',
  // transcription annotations written as [Laughter] etc.
  'laughter', 'laughs', 'laughing', 'inaudible', 'crosstalk', 'cross-talk', 'pause', 'long', 'silence', 'music',
  'applause', 'unclear', 'coughs', 'cough', 'overlapping', 'overtalk', 'sighs', 'sigh', 'noise', 'background',
  'interruption', 'break', 'end', 'start', 'redacted', 'name', 'removed', 'anonymised', 'anonymized', 'indistinct',
]);

/** Labels that name a role in an interview, accepted even when used once in a document that is a transcript. */
const ROLE = /^(?:interviewer|interviewee|participant|respondent|moderator|facilitator|researcher|question|answer|q|a|int|i|r|p|iv|ie|(?:speaker|participant|respondent|interviewee|person|p|r) ?\d+)$/i;

function lookupMap(map: Record<string, string | null> | undefined, label: string): string | null | undefined {
  if (!map) return undefined;
  if (Object.hasOwn(map, label)) return map[label];
  const lower = label.toLowerCase();
  const key = Object.keys(map).find((k) => k.trim().toLowerCase() === lower);
  return key === undefined ? undefined : map[key];
}

/** The speaker name a label becomes under the user's map: the mapped name, the label itself, or null. */
export function mapSpeaker(label: string, map: Record<string, string | null> | undefined): string | null {
  const mapped = lookupMap(map, label);
  if (mapped === null) return null;
  if (typeof mapped === 'string' && mapped.trim() !== '') return mapped.trim();
  return label;
}

export interface LabelDecision {
  /** The speaker a candidate becomes, or undefined when it is not a turn start. */
  speakerOf(match: LabelMatch): string | undefined;
  labels: SpeakerLabel[];
  isTranscript: boolean;
}

/**
 * Decides which candidate labels are speakers, over all the lines (or caption lines) of one document.
 *
 * To avoid false positives ("Note: ..." beginning a paragraph, a heading such as "Summary:"), a label is a speaker
 * only when:
 * - it is not a word that starts lines of ordinary documents (Note, Date, Figure, [Laughter], ...), and it reads as
 *   a name or role (capitalised words, at most four, at most 40 characters; "He said:" is not one);
 * - it starts at least two lines, or it is an interview role (Interviewer, Participant, Q, A, Speaker 2, P07, ...),
 *   or, once the document is found to be a transcript, it is written in the same shape as most accepted labels
 *   (e.g. `**Name:**`, or with a timestamp) so a speaker heard only once is not merged into the previous turn;
 * - and the document as a whole looks like a transcript: at least two turns, and either at least one line in ten
 *   starts with an accepted label, or two different labels each recur (six turns or more), or at least two labels
 *   carry timestamps. Prose with the odd "Example:" line fails this and keeps its text unchanged.
 * A label the user mapped to a name is always accepted, and one mapped to null never is.
 */
export function decideLabels(
  matches: readonly (LabelMatch | undefined)[],
  units: number,
  options: SpeakerOptions = {},
): LabelDecision {
  const map = options.speakerMap;
  const byLabel = new Map<string, { count: number; timed: number; shapes: Set<string> }>();
  const shapeOf = (m: LabelMatch): string => `${m.shape}${m.time === undefined ? '' : '+time'}`;
  for (const m of matches) {
    if (!m) continue;
    const entry = byLabel.get(m.label) ?? { count: 0, timed: 0, shapes: new Set<string>() };
    entry.count++;
    if (m.time !== undefined) entry.timed++;
    entry.shapes.add(shapeOf(m));
    byLabel.set(m.label, entry);
  }
  const reasons = new Map<string, string | undefined>();
  const provisional = new Set<string>();
  let forced = false;
  for (const [label, { count }] of byLabel) {
    const mapped = lookupMap(map, label);
    if (mapped === null) {
      reasons.set(label, 'marked as not a speaker');
    } else if (typeof mapped === 'string' && mapped.trim() !== '') {
      provisional.add(label);
      forced = true;
    } else if (NOT_SPEAKERS.has(label.toLowerCase()) || NOT_SPEAKERS.has(label.split(' ')[0]!.toLowerCase())) {
      reasons.set(label, 'a word that starts ordinary lines, not a speaker');
    } else if (count >= 2 || ROLE.test(label)) {
      provisional.add(label);
    } else {
      reasons.set(label, 'used only once');
    }
  }
  let turns = 0;
  let timedTurns = 0;
  let recurring = 0;
  const shapeCounts = new Map<string, number>();
  for (const label of provisional) {
    const entry = byLabel.get(label)!;
    turns += entry.count;
    timedTurns += entry.timed;
    if (entry.count >= 2) recurring++;
    for (const shape of entry.shapes) shapeCounts.set(shape, (shapeCounts.get(shape) ?? 0) + entry.count);
  }
  const isTranscript =
    options.detectSpeakers !== false &&
    (forced || (turns >= 2 && (turns * 10 >= units || (recurring >= 2 && turns >= 6) || timedTurns >= 2)));
  if (isTranscript) {
    // In a transcript, a label used once is a speaker heard once when it is written the way the accepted labels
    // are (same shape, with or without a time): otherwise their words would be credited to the previous speaker.
    const usual = [...shapeCounts].sort((a, b) => b[1] - a[1])[0]?.[0];
    for (const [label, entry] of byLabel) {
      if (reasons.get(label) === 'used only once' && usual !== undefined && entry.shapes.has(usual)) {
        provisional.add(label);
        reasons.delete(label);
      }
    }
  }

  const labels: SpeakerLabel[] = [...byLabel].map(([label, { count }]) => {
    const accepted = isTranscript && provisional.has(label);
    const reason = accepted
      ? undefined
      : options.detectSpeakers === false
        ? 'speaker detection is off'
        : (reasons.get(label) ?? 'too few labelled lines for the document to be a transcript');
    return { label, count, accepted, speaker: accepted ? mapSpeaker(label, map) : null, ...(reason ? { reason } : {}) };
  });
  const speakers = new Map(labels.filter((l) => l.accepted).map((l) => [l.label, l.speaker!]));
  return {
    speakerOf: (m) => speakers.get(m.label),
    labels,
    isTranscript: isTranscript && speakers.size > 0,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Turning a text into turns

/**
 * A function mapping offsets of the text before removal to the text after it; an offset inside a removed range maps
 * to where that range was. `removed` must be sorted and not overlap. Binary search, so mapping every block and
 * comment of a long document stays fast.
 */
export function offsetMapper(removed: readonly (readonly [number, number])[]): (offset: number) => number {
  // shiftBefore[i]: characters removed by the ranges before range i.
  const shiftBefore = new Array<number>(removed.length + 1);
  shiftBefore[0] = 0;
  for (let i = 0; i < removed.length; i++) shiftBefore[i + 1] = shiftBefore[i]! + removed[i]![1] - removed[i]![0];
  return (offset) => {
    // The last range starting before the offset.
    let lo = 0;
    let hi = removed.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (removed[mid]![0] < offset) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return offset;
    const [start, end] = removed[lo - 1]!;
    if (offset < end) return start - shiftBefore[lo - 1]!;
    return offset - shiftBefore[lo]!;
  };
}

/** Maps one offset through removed ranges (see offsetMapper, which is faster for many offsets). */
export function mapOffset(removed: readonly (readonly [number, number])[], offset: number): number {
  return offsetMapper(removed)(offset);
}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\u00a0';

/**
 * Finds the speaker turns of a (normalised) text and returns the text with their labels removed.
 * When the text does not look like a transcript, or detection is off, the text comes back unchanged with no turns.
 */
export function detectSpeakerTurns(text: string, options: SpeakerOptions = {}): SpeakerDetection {
  const lines: { start: number; match: LabelMatch | undefined }[] = [];
  let units = 0;
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end);
    if (line.trim() !== '') units++;
    lines.push({ start, match: matchSpeakerLabel(line) });
    start = end + 1;
  }
  const decision = decideLabels(
    lines.map((l) => l.match),
    units,
    options,
  );
  if (!decision.isTranscript) return { text, turns: [], labels: decision.labels, removed: [] };

  // Turn starts in the input text, with the range to remove before each.
  const starts: { cut: [number, number]; speaker: string; time?: number }[] = [];
  for (const { start, match } of lines) {
    if (!match) continue;
    const speaker = decision.speakerOf(match);
    if (speaker === undefined) continue;
    let cutEnd = start + match.length;
    // A label alone on its line takes its line end with it, so the turn's text starts on the next line.
    if (match.labelOnly && text[cutEnd] === '\n') cutEnd++;
    starts.push({ cut: [start, cutEnd], speaker, ...(match.time !== undefined ? { time: match.time } : {}) });
  }
  const removed = starts.map((s) => s.cut);
  const parts: string[] = [];
  let from = 0;
  for (const [a, b] of removed) {
    parts.push(text.slice(from, a));
    from = b;
  }
  parts.push(text.slice(from));
  const out = parts.join('');

  const turns: Turn[] = [];
  let shift = 0;
  for (let i = 0; i < starts.length; i++) {
    const s = starts[i]!;
    const next = starts[i + 1];
    // Nothing is removed between one turn's label and the next label, so both ends move by the same amount.
    shift += s.cut[1] - s.cut[0];
    let begin = s.cut[1] - shift;
    let end = next ? next.cut[0] - shift : out.length;
    while (begin < end && isBlank(out[begin])) begin++;
    while (end > begin && isBlank(out[end - 1])) end--;
    const turn: Turn = { start: begin, end, speaker: s.speaker };
    if (s.time !== undefined) turn.time = s.time;
    turns.push(turn);
  }
  return { text: out, turns, labels: decision.labels, removed };
}

/** Distinct speakers of some turns, in order of first appearance. */
export function speakersOf(turns: readonly Turn[]): string[] {
  const seen = new Set<string>();
  for (const t of turns) if (t.speaker !== undefined) seen.add(t.speaker);
  return [...seen];
}

/**
 * Applies speaker detection to an imported document that has no turns yet (a Word or PDF transcript), moving its
 * blocks and comments to the text with the labels removed. Blocks left empty (a paragraph that held only a label)
 * are dropped. A document that already has turns, or does not look like a transcript, comes back as it was, with
 * the labels found listed for the preview.
 */
export function withSpeakerTurns(doc: ImportedDocument, options: SpeakerOptions = {}): ImportedDocument {
  if (doc.turns.length > 0) return doc;
  const detection = detectSpeakerTurns(doc.text, options);
  if (detection.turns.length === 0) return { ...doc, speakerLabels: detection.labels };
  const move = offsetMapper(detection.removed);
  const blocks = doc.blocks
    .map((b) => ({ ...b, start: move(b.start), end: move(b.end) }))
    .filter((b) => b.end > b.start);
  const warnings = [...doc.warnings];
  let collapsed = 0;
  const comments = doc.comments.map((c) => {
    const moved = { ...c, start: move(c.start), end: move(c.end) };
    if (moved.end <= moved.start && c.end > c.start) collapsed++;
    return moved;
  });
  if (collapsed > 0) {
    warnings.push(`${collapsed} comment(s) were attached only to a speaker label, which is now held beside the text.`);
  }
  return { ...doc, text: detection.text, turns: detection.turns, blocks, comments, warnings, speakerLabels: detection.labels };
}
