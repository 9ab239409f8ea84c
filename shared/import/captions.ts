import type { Block, Turn } from '../model/types';
import { normaliseText } from '../text/normalise';
import { checkSize, decodeTextFile } from './encoding';
import { MAX_TEXT_FILE_BYTES, type ImportOptions } from './options';
import { encodingWarnings, fileBaseName } from './plain-text';
import { decideLabels, mapSpeaker, matchSpeakerLabel, type LabelMatch, type SpeakerLabel } from './speakers';
import { ImportError, type ImportedDocument } from './types';

/**
 * WebVTT (.vtt) and SubRip (.srt) captions, as Zoom, Teams, Otter, YouTube and subtitle editors write them.
 *
 * Cues are joined into speaker turns. The speaker of a cue comes from a `<v Name>` voice tag (Teams), a `Name:`
 * prefix (Zoom; accepted by the same rules as text transcripts, see speakers.ts), and a line starting with `- `
 * marks a change of speaker inside a cue (subtitles), named if a `Name:` follows the dash. Consecutive cues of the
 * same named speaker join into one turn, timed at its first cue's start; a cue with no speaker is a turn of its own,
 * since nothing says who is speaking. Header text, NOTE, STYLE and REGION blocks and cue ids are dropped; markup
 * (`<i>`, `<c.yellow>`, `<00:01.000>`, `{\an8}`) is removed and character references (`&amp;`) decoded.
 *
 * Stored text (the same convention as text transcripts): the speaker label is not in the text; the lines of a turn
 * are joined with single spaces (caption line breaks are for the screen, not the sense), and turns are separated by
 * a blank line, each turn one paragraph block.
 */

export interface Cue {
  /** Seconds. */
  start: number;
  end: number;
  /** Payload lines as written (markup still in). */
  lines: string[];
}

export interface ParsedCaptions {
  cues: Cue[];
  /** True when the text starts with the WEBVTT signature. */
  webvtt: boolean;
  /** Blocks that were neither header, NOTE/STYLE/REGION nor a cue. */
  unrecognised: number;
}

const TIMESTAMP = String.raw`(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3}`;
const TIMING = new RegExp(String.raw`^[ \t]*(${TIMESTAMP})[ \t]*-->[ \t]*(${TIMESTAMP})`);

/** Seconds from a caption timestamp: "01:02:03.450", "02:03.450", or SubRip's "01:02:03,450". */
export function parseCueTime(stamp: string): number {
  const [clock, fraction = '0'] = stamp.split(/[.,]/) as [string, string | undefined];
  const parts = clock.split(':').map(Number);
  const seconds = parts.reduce((total, part) => total * 60 + part, 0);
  return Math.round((seconds + Number(fraction.padEnd(3, '0').slice(0, 3)) / 1000) * 1000) / 1000;
}

/** Splits normalised caption text into cues. Lenient: SubRip and WebVTT share one reader. */
export function parseCues(text: string): ParsedCaptions {
  const blocks = text.split(/\n(?:[ \t]*\n)+/);
  const webvtt = /^WEBVTT(?:[ \t\n]|$)/.test(text);
  const cues: Cue[] = [];
  let unrecognised = 0;
  blocks.forEach((block, index) => {
    const lines = block.split('\n');
    while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
    if (lines.length === 0) return;
    const first = lines[0]!;
    if (/^(?:NOTE|STYLE|REGION)(?:[ \t]|$)/.test(first)) return;
    // The header ("WEBVTT" and any text after it, up to the first blank line) holds no cue unless a damaged file
    // has a cue straight after it; then the cue is read from its timing line.
    const timingAt = lines.findIndex((line) => line.includes('-->'));
    if (index === 0 && webvtt && timingAt === -1) return;
    const timing = timingAt === -1 ? null : TIMING.exec(lines[timingAt]!);
    if (!timing) {
      unrecognised++;
      return;
    }
    // Lines before the timing line are the cue id (SubRip's number, WebVTT's optional name): dropped.
    cues.push({ start: parseCueTime(timing[1]!), end: parseCueTime(timing[2]!), lines: lines.slice(timingAt + 1) });
  });
  return { cues, webvtt, unrecognised };
}

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', lrm: '\u200e', rlm: '\u200f',
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** One line of a cue with its markup gone, the voice it is spoken in, and whether it starts with a dash. */
interface CueLine {
  cue: number;
  text: string;
  voice?: string;
  dash: boolean;
  match?: LabelMatch;
}

const VOICE = /<v(?:\.[^\s>]*)?(?:[ \t]+([^>]*))?>/g;

function readCueLines(cue: Cue, cueIndex: number): CueLine[] {
  const out: CueLine[] = [];
  let voice: string | undefined;
  const dashLines = cue.lines.filter((l) => /^[-–][ \t]*\S/.test(l.trim())).length;
  for (const raw of cue.lines) {
    // The last voice opened on a line is the one its text is spoken in; `</v>` ends it.
    let lineVoice = voice;
    for (const m of raw.matchAll(VOICE)) lineVoice = m[1]?.trim() || undefined;
    let text = raw
      .replace(/<\/v>/g, '\u0000')
      .replace(/<[^>]*>/g, '')
      .replace(/\{\\[^}]*\}/g, '');
    const closed = text.includes('\u0000');
    text = text.replace(/\u0000/g, '');
    // The file was normalised as a whole; only characters written as references (&#769;) can need composing again.
    if (text.includes('&')) text = decodeEntities(text).normalize('NFC');
    text = text.trim();
    voice = closed ? undefined : lineVoice;
    if (text === '') continue;
    // "- " marks a new speaker; "-Word" does too when several lines of the cue start that way.
    const dash = /^[-–][ \t]+\S/.exec(text) ?? (dashLines >= 2 ? /^-(?=\p{L})/u.exec(text) : null);
    if (dash) text = text.replace(/^[-–][ \t]*/, '');
    const line: CueLine = { cue: cueIndex, text, dash: dash !== null };
    if (lineVoice) line.voice = lineVoice;
    else {
      const match = matchSpeakerLabel(text);
      if (match) line.match = match;
    }
    out.push(line);
  }
  return out;
}

interface Segment {
  cue: number;
  speaker?: string;
  /** Started by a dash: a change of speaker even when no one is named. */
  dash: boolean;
  parts: string[];
}

/** Imports a .vtt or .srt file. Throws ImportError for empty, oversized, binary files and files with no cues. */
export function importCaptions(
  bytes: Uint8Array,
  fileName: string,
  format: 'vtt' | 'srt' = 'vtt',
  options: ImportOptions = {},
): ImportedDocument {
  checkSize(fileName, bytes.length, MAX_TEXT_FILE_BYTES);
  const decoded = decodeTextFile(bytes, fileName, options.encoding);
  const chosen = options.encoding !== undefined && options.encoding.trim() !== '';
  const warnings = [...decoded.warnings, ...encodingWarnings(decoded.encoding, decoded.bom, chosen)];
  const parsed = parseCues(normaliseText(decoded.text));
  if (parsed.cues.length === 0) {
    throw new ImportError(
      fileName,
      'no caption cues were found (a cue has a timing line such as "00:00:01.000 --> 00:00:04.000" followed by its text).',
    );
  }
  if (format === 'vtt' && !parsed.webvtt) {
    warnings.push('The file does not start with "WEBVTT"; its cues were read anyway.');
  }
  if (parsed.unrecognised > 0) {
    warnings.push(`${parsed.unrecognised} block(s) without a valid timing line were left out.`);
  }

  const lines = parsed.cues.flatMap((cue, i) => readCueLines(cue, i));
  const decision = decideLabels(
    lines.map((l) => l.match),
    lines.length,
    options,
  );
  const map = options.speakerMap;

  // Lines into segments: a new one at each cue, each dash, each accepted label and each change of voice.
  const segments: Segment[] = [];
  let current: Segment | undefined;
  const voiceCounts = new Map<string, number>();
  const firstSeen = new Map<string, number>();
  lines.forEach((line, i) => {
    let speaker: string | undefined;
    let text = line.text;
    let labelled = false;
    if (line.voice !== undefined) {
      voiceCounts.set(line.voice, (voiceCounts.get(line.voice) ?? 0) + 1);
      if (!firstSeen.has(line.voice)) firstSeen.set(line.voice, i);
      speaker = mapSpeaker(line.voice, map) ?? undefined;
      labelled = true;
    } else if (line.match) {
      if (!firstSeen.has(line.match.label)) firstSeen.set(line.match.label, i);
      speaker = decision.speakerOf(line.match);
      if (speaker !== undefined) {
        text = text.slice(line.match.length);
        labelled = true;
      }
    }
    const startsNew =
      !current || current.cue !== line.cue || line.dash || (labelled && (line.match !== undefined || speaker !== current.speaker));
    if (startsNew) {
      current = { cue: line.cue, dash: line.dash, parts: [] };
      if (speaker !== undefined) current.speaker = speaker;
      segments.push(current);
    }
    if (text.trim() !== '') current!.parts.push(text.trim());
  });

  // Some tools name the speaker only when the speaker changes, so a cue without a name continues the previous
  // speaker. They are recognised by never naming the same speaker on two cues in a row, as Zoom does all the time;
  // elsewhere a cue without a name is a turn of its own.
  let repeatsName = false;
  for (let i = 1; i < segments.length; i++) {
    const a = segments[i - 1]!;
    const b = segments[i]!;
    if (a.speaker !== undefined && a.speaker === b.speaker && a.cue !== b.cue) repeatsName = true;
  }
  const named = segments.filter((s) => s.speaker !== undefined).length;
  const namesOnChange = !repeatsName && named > 0 && named < segments.length;
  if (namesOnChange) {
    let speaker: string | undefined;
    for (const segment of segments) {
      if (segment.speaker !== undefined) speaker = segment.speaker;
      else if (segment.dash) speaker = undefined;
      else if (speaker !== undefined) segment.speaker = speaker;
    }
    warnings.push('Speakers are named only when they change, so cues without a name were taken as the same speaker continuing.');
  }

  // Segments into turns: the same named speaker continues a turn across cues.
  const pause = options.captionPauseSeconds;
  const turns: { speaker?: string; time: number; parts: string[]; lastCue: number }[] = [];
  for (const segment of segments) {
    if (segment.parts.length === 0 && segment.speaker === undefined) continue;
    const cue = parsed.cues[segment.cue]!;
    const last = turns[turns.length - 1];
    const sameSpeaker = last !== undefined && segment.speaker !== undefined && last.speaker === segment.speaker;
    const gap = last ? cue.start - parsed.cues[last.lastCue]!.end : 0;
    if (last && sameSpeaker && (pause === undefined || gap <= pause)) {
      last.parts.push(...segment.parts);
      last.lastCue = segment.cue;
    } else {
      turns.push({
        ...(segment.speaker !== undefined ? { speaker: segment.speaker } : {}),
        time: cue.start,
        parts: [...segment.parts],
        lastCue: segment.cue,
      });
    }
  }
  const kept = turns.filter((t) => t.parts.length > 0);

  let text = '';
  const outTurns: Turn[] = [];
  const blocks: Block[] = [];
  for (const turn of kept) {
    if (text !== '') text += '\n\n';
    const start = text.length;
    text += turn.parts.join(' ');
    const out: Turn = { start, end: text.length, time: turn.time };
    if (turn.speaker !== undefined) out.speaker = turn.speaker;
    outTurns.push(out);
    blocks.push({ start, end: text.length, kind: 'paragraph' });
  }
  if (text.trim() === '') throw new ImportError(fileName, 'the caption cues hold no text.');

  const unnamed = outTurns.filter((t) => t.speaker === undefined).length;
  if (unnamed === outTurns.length) {
    warnings.push(
      lines.some((l) => l.dash)
        ? 'The captions mark changes of speaker with dashes but name no one: each change is a turn with no speaker.'
        : 'The captions name no speakers: each cue is a turn with no speaker.',
    );
  } else if (unnamed > 0) {
    warnings.push(`${unnamed} turn(s) had no speaker.`);
  }

  const voiceLabels: SpeakerLabel[] = [...voiceCounts].map(([label, count]) => {
    const speaker = mapSpeaker(label, map);
    return speaker === null
      ? { label, count, accepted: false, speaker: null, reason: 'marked as not a speaker' }
      : { label, count, accepted: true, speaker };
  });
  const speakerLabels = [...decision.labels.filter((l) => !voiceCounts.has(l.label)), ...voiceLabels].sort(
    (a, b) => (firstSeen.get(a.label) ?? 0) - (firstSeen.get(b.label) ?? 0),
  );

  return {
    name: fileBaseName(fileName),
    format,
    encoding: decoded.encoding,
    text,
    turns: outTurns,
    blocks,
    comments: [],
    warnings,
    speakerLabels,
  };
}
