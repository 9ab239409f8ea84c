/**
 * Times the import of a generated 100,000-word transcript, as plain text with timed speaker labels and as Zoom-style
 * WebVTT captions, against a baseline of decoding and normalising the same bytes (the least any import must do).
 * Run: npx tsx test/unit/import/time-import.ts
 */
import { performance } from 'node:perf_hooks';
import { importFile } from '../../../shared/import';
import { countWords, normaliseText } from '../../../shared/text/normalise';

const WORDS = ['the', 'meeting', 'was', 'about', 'child’s', 'plan', 'and', 'we', 'talked', 'with', 'school', 'nurse', 'social', 'worker', 'café', 'really', 'important', 'because', 'parents', 'felt'];

function sentenceOf(n: number, seed: number): string {
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(WORDS[(seed * 31 + i * 7) % WORDS.length]!);
  return `${words.join(' ')}.`;
}

const clock = (s: number): string =>
  [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60].map((n) => String(n).padStart(2, '0')).join(':');

function transcript(target: number): string {
  const lines: string[] = ['Interview with P07, 3 March 2024', ''];
  let words = 0;
  for (let turn = 0; words < target; turn++) {
    const n = turn % 2 === 0 ? 12 + (turn % 9) : 60 + (turn % 70);
    lines.push(`[${clock(turn * 20)}] ${turn % 2 === 0 ? 'Interviewer' : 'P07'}: ${sentenceOf(n, turn)}`, '');
    words += n + 4; // the label and the three numbers of the time count as words too
  }
  return lines.join('\n');
}

function captions(target: number): string {
  const cues: string[] = ['WEBVTT', ''];
  let words = 0;
  for (let cue = 0; words < target; cue++) {
    const n = 10 + (cue % 8);
    const speaker = Math.floor(cue / 5) % 2 === 0 ? 'Dana Smith' : 'Sam Patel';
    cues.push(String(cue + 1), `${clock(cue * 4)}.000 --> ${clock(cue * 4 + 3)}.500`, `${speaker}: ${sentenceOf(n, cue)}`, '');
    words += n + 11; // the id, the speaker's two names and the eight numbers of the timing line
  }
  return cues.join('\n');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function time(label: string, bytes: Uint8Array, fileName: string, runs = 9): Promise<void> {
  const baseline: number[] = [];
  const imports: number[] = [];
  let turns = 0;
  let words = 0;
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    normaliseText(new TextDecoder().decode(bytes));
    baseline.push(performance.now() - t);
    t = performance.now();
    const doc = await importFile(bytes, fileName);
    imports.push(performance.now() - t);
    turns = doc.turns.length;
    words = countWords(doc.text);
  }
  const [b, m] = [median(baseline), median(imports)];
  const source = countWords(new TextDecoder().decode(bytes));
  console.log(
    `${label}: ${(bytes.length / 1024).toFixed(0)} KB, ${source.toLocaleString('en-GB')} words in the file, ` +
      `${words.toLocaleString('en-GB')} stored (labels and times removed), ${turns} turns; ` +
      `import median ${m.toFixed(1)} ms (min ${Math.min(...imports).toFixed(1)}, max ${Math.max(...imports).toFixed(1)}); ` +
      `decode+normalise baseline ${b.toFixed(1)} ms; ratio ${(m / b).toFixed(1)}x (${runs} runs)`,
  );
}

const encoder = new TextEncoder();
await time('plain text, timed labels', encoder.encode(transcript(100_000)), 'generated.txt');
await time('WebVTT, Zoom-style names', encoder.encode(captions(100_000)), 'generated.vtt');
