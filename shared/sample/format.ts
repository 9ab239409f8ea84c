/**
 * The built-in sample project is written as data in these shapes and assembled by build.ts into ProjectData.
 * Codings are given by a quoted passage (found in the transcript) rather than by offsets, so the text can be edited
 * without recounting.
 */

export interface SampleParticipant {
  /** Case name, e.g. "P01". */
  id: string;
  /** The name used as the speaker label in the transcript (a pseudonym). */
  speaker: string;
  agency: 'Children’s social care' | 'Health' | 'Education' | 'Police' | 'Family support';
  role: string;
  yearsInPractice: number;
  locality: 'Northbridge' | 'Eastfield' | 'Harrow Vale' | 'Kingsmere';
}

/** One speaker turn: [speaker label, timestamp "hh:mm:ss", what was said]. */
export type SampleTurn = readonly [speaker: string, time: string, text: string];

export interface SampleTranscript {
  participant: SampleParticipant;
  /** Interview date, YYYY-MM-DD. */
  date: string;
  turns: readonly SampleTurn[];
}

export interface SampleCode {
  /** Name path, parent first, joined with "/", e.g. "Benefits to children/Child's voice heard". */
  path: string;
  description: string;
  inclusion: string;
  exclusion: string;
  example: string;
}

/** A coding of the sample project: the exact passage (a substring of one turn's text) and its code path. */
export interface SampleCoding {
  participant: string;
  code: string;
  /** "A" or "B": which of the sample's two coders applied it. */
  coder: 'A' | 'B';
  quote: string;
}

export interface SampleTheme {
  name: string;
  definition: string;
  boundaries: string;
  codes: string[];
}
