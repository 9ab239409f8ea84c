import { MIN_PASSPHRASE_LENGTH } from '../../shared/protect';

/**
 * A rough strength hint for a new passphrase. It cannot know how a person chose it, so it errs on the side of
 * caution: a few unrelated words count for about 12 bits each (as if drawn from a list of 4,000 common words), and
 * other passphrases for a little over half of what their characters could hold. Only the minimum length is
 * enforced (by the encryption itself); the rest is advice.
 */

export type StrengthLevel = 'too short' | 'weak' | 'fair' | 'good' | 'strong';

export interface PassphraseStrength {
  level: StrengthLevel;
  /** 0 (too short) to 4 (strong), for a meter. */
  score: 0 | 1 | 2 | 3 | 4;
  /** The estimate in bits, rounded. */
  bits: number;
  /** One sentence of advice. */
  hint: string;
}

/** Passphrases people choose first; each is weak however long. */
const COMMON = new Set([
  'password', 'password1', 'password123', 'passw0rd', 'p@ssw0rd', 'p@ssword', '12345678', '123456789', '1234567890',
  '87654321', 'qwertyuiop', 'qwerty123', 'qwertyui', 'asdfghjkl', 'iloveyou', 'letmein1', 'welcome1', 'welcome123',
  'sunshine', 'football', 'princess', 'baseball', 'trustno1', 'abcdefgh', 'abc12345', '11111111', '00000000',
  'tessera1', 'tessera123', 'changeme', 'confidential', 'interview', 'interviews', 'research', 'research1',
]);

const WORD_SEPARATOR = /[\s\-_.,;:+/]+/u;

function characterPool(text: string): number {
  let pool = 0;
  if (/\p{Ll}/u.test(text)) pool += 26;
  if (/\p{Lu}/u.test(text)) pool += 26;
  if (/\p{N}/u.test(text)) pool += 10;
  if (/[^\p{L}\p{N}]/u.test(text)) pool += 33;
  if (/[^\u0000-\u007f]/u.test(text)) pool += 60;
  return Math.max(pool, 1);
}

/** Runs like "aaaa", "1234", "abcd" add almost nothing. */
function effectiveLength(chars: string[]): number {
  let length = 0;
  for (let i = 0; i < chars.length; i++) {
    const here = chars[i]!.codePointAt(0)!;
    const before = i > 0 ? chars[i - 1]!.codePointAt(0)! : NaN;
    const step = here - before;
    length += i > 0 && Math.abs(step) <= 1 ? 0.25 : 1;
  }
  return length;
}

export function passphraseStrength(passphrase: string): PassphraseStrength {
  const text = passphrase.normalize('NFC');
  const chars = [...text];
  if (chars.length < MIN_PASSPHRASE_LENGTH) {
    return {
      level: 'too short',
      score: 0,
      bits: 0,
      hint: `Use at least ${MIN_PASSPHRASE_LENGTH} characters; a few unrelated words are easiest to remember.`,
    };
  }
  const folded = text.toLowerCase();
  if (COMMON.has(folded) || COMMON.has(folded.replace(/[\d!?.]+$/u, ''))) {
    return { level: 'weak', score: 1, bits: 10, hint: 'This is one of the first passphrases anyone would try.' };
  }
  const words = text.split(WORD_SEPARATOR).filter((w) => /^\p{L}{3,}$/u.test(w));
  const distinctWords = new Set(words.map((w) => w.toLowerCase())).size;
  const wordBits = distinctWords >= 2 ? distinctWords * 12 + (/\p{N}/u.test(text) ? 3 : 0) : 0;
  const charBits = effectiveLength(chars) * Math.log2(characterPool(text)) * 0.55;
  const bits = Math.round(distinctWords >= 2 ? Math.min(charBits, Math.max(wordBits, charBits * 0.5)) : charBits);
  if (bits < 30) return { level: 'weak', score: 1, bits, hint: 'Easy to guess: add two or three unrelated words.' };
  if (bits < 45) return { level: 'fair', score: 2, bits, hint: 'Could be stronger: add another unrelated word.' };
  if (bits < 60) return { level: 'good', score: 3, bits, hint: 'Keep it somewhere safe: without it the file cannot be opened.' };
  return { level: 'strong', score: 4, bits, hint: 'Keep it somewhere safe: without it the file cannot be opened.' };
}
