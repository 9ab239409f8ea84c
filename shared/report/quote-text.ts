/**
 * Shortening a quoted extract without changing a word of it: a long extract is printed as its beginning and its end,
 * each cut at a word boundary, joined by " … ". Nothing inside either part is altered, so what is printed can always
 * be found in the transcript.
 */

export const OMISSION = ' … ';

const SPACE = /\s/u;
const WORDLIKE = /[\p{L}\p{N}]/u;
const SENTENCE_END = /[.!?…]["'”’)\]]*$/u;

function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && SPACE.test(ch);
}

/** Offsets where a word ends: a non-space followed by a space. */
function wordEnds(text: string, from: number, to: number): number[] {
  const ends: number[] = [];
  for (let i = Math.max(1, from); i <= Math.min(to, text.length - 1); i++) {
    if (isSpace(text[i]) && !isSpace(text[i - 1])) ends.push(i);
  }
  return ends;
}

/** Offsets where a word starts: a non-space preceded by a space. */
function wordStarts(text: string, from: number, to: number): number[] {
  const starts: number[] = [];
  for (let i = Math.max(1, from); i <= Math.min(to, text.length - 1); i++) {
    if (!isSpace(text[i]) && isSpace(text[i - 1])) starts.push(i);
  }
  return starts;
}

/** The prefix text.slice(0, end) should end with a word, not a dash or other lone punctuation. */
function endsWithWord(text: string, end: number): boolean {
  let start = end;
  while (start > 0 && !isSpace(text[start - 1])) start--;
  return WORDLIKE.test(text.slice(start, end));
}

function startsWithWord(text: string, start: number): boolean {
  let end = start;
  while (end < text.length && !isSpace(text[end])) end++;
  return WORDLIKE.test(text.slice(start, end));
}

/**
 * The extract as printed: unchanged when it has at most `maxChars` characters (UTF-16 units), otherwise about
 * three fifths of the allowance from its beginning and the rest from its end, cut at word boundaries (preferring the
 * end of a sentence) and joined by " … ". Leading and trailing white space of the extract is kept out.
 */
export function trimQuote(text: string, maxChars: number): { text: string; trimmed: boolean } {
  const core = text.trim();
  if (core.length <= maxChars || maxChars <= 0) return { text: core, trimmed: false };
  const budget = Math.max(2, maxChars - OMISSION.length);
  const headBudget = Math.ceil(budget * 0.6);
  const tailBudget = budget - headBudget;

  const heads = wordEnds(core, 1, headBudget).filter((i) => endsWithWord(core, i));
  const sentenceHeads = heads.filter((i) => i >= headBudget / 2 && SENTENCE_END.test(core.slice(0, i)));
  let headEnd = sentenceHeads.at(-1) ?? heads.at(-1);
  // One very long first word: take it whole rather than cut inside it.
  headEnd ??= wordEnds(core, 1, core.length).find((i) => endsWithWord(core, i));

  const tailFrom = core.length - tailBudget;
  const tails = wordStarts(core, tailFrom, core.length - 1).filter((i) => startsWithWord(core, i));
  const sentenceTails = tails.filter((i) => i <= tailFrom + tailBudget / 2 && SENTENCE_END.test(core.slice(0, i).trimEnd()));
  let tailStart = sentenceTails[0] ?? tails[0];
  tailStart ??= wordStarts(core, 1, core.length - 1).filter((i) => startsWithWord(core, i)).at(-1);

  if (headEnd === undefined || tailStart === undefined || tailStart <= headEnd) return { text: core, trimmed: false };
  const shortened = core.slice(0, headEnd) + OMISSION + core.slice(tailStart);
  // Long words can leave nothing worth cutting: then the whole extract is better than one no shorter.
  return shortened.length < core.length ? { text: shortened, trimmed: true } : { text: core, trimmed: false };
}
