/**
 * Identifiers that follow a pattern rather than a name: UK phone numbers, postcodes, dates of birth, NHS numbers,
 * National Insurance numbers, case and record numbers given with their label, and email addresses. Found to be
 * suggested for the pseudonym table, never replaced without review.
 */
import type { PseudonymCategory } from './table';

export type IdentifierKind =
  | 'phone number'
  | 'postcode'
  | 'date of birth'
  | 'NHS number'
  | 'National Insurance number'
  | 'record number'
  | 'email address';

export interface IdentifierHit {
  kind: IdentifierKind;
  category: PseudonymCategory;
  start: number;
  end: number;
  text: string;
}

const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';

/**
 * UK numbers: mobiles (07700 900412, +44 7700 900412) and landlines (0117 496 0123, (020) 7946 0000, 01632 960001),
 * spaced or not. The digit count is checked after matching.
 */
const PHONE = new RegExp(`${B}(?<![+])(?:(?:\\+44[ -]?(?:\\(0\\)[ -]?)?|0)\\d{2,4}|\\(0\\d{2,4}\\))[ -]?\\d{3,4}[ -]?\\d{3,4}${E}`, 'gu');

/** Postcodes as Royal Mail writes them (outward code, space, inward code), in capitals: SW1A 1AA, M1 1AE, B33 8TH. */
const POSTCODE = new RegExp(`${B}(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\\d[A-Z\\d]? ?\\d[ABD-HJLNP-UW-Z]{2})${E}`, 'gu');

/** NHS numbers: ten digits, as 3-3-4 (spaces or hyphens) or together; the check digit is verified after matching. */
const NHS = new RegExp(`${B}[1-9]\\d{2}([ -]?)\\d{3}\\1\\d{4}${E}`, 'gu');

/** National Insurance numbers (QQ 12 34 56 C), prefixes that are never issued left out. */
const NINO = new RegExp(`${B}(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D]${E}`, 'gu');

/** A number given with its label: "case number 2019/00342", "ref: CP-45821", "crime number 41/12345/23". */
const RECORD_LABEL =
  '(?:(?:case|record|crime|incident|file|client|patient|pupil|log|referral|police|court|CP|reference|ref)\\s+(?:number|no\\.?|num\\.?|ref(?:erence)?)|ref(?:erence)?\\.?|CRN|PNC|UPN|CHI|ID)';
const RECORD = new RegExp(
  `${B}${RECORD_LABEL}\\s*(?:is|was|:|#|-)?\\s*((?=[A-Z0-9/-]*\\d{4})[A-Z0-9](?:[A-Z0-9/-]*[A-Z0-9])?)${E}`,
  'giu',
);

const EMAIL = new RegExp(`${B}[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+${E}`, 'gu');

const ORDINAL_WORDS = [
  'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth',
  'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth',
  'twenty[- ]?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)', 'thirtieth', 'thirty[- ]?first',
].join('|');
const MONTH =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?)';
const DAY = `(?:\\d{1,2}(?:st|nd|rd|th)?|${ORDINAL_WORDS})`;
const YEAR = '(?:\\d{4})';
const DATE = [
  `\\d{1,2}[./-]\\d{1,2}[./-](?:\\d{4}|\\d{2})`,
  `(?:the\\s+)?${DAY}(?:\\s+of)?\\s+${MONTH}(?:,?\\s+${YEAR})?`,
  `${MONTH}\\s+(?:the\\s+)?${DAY}(?:,?\\s+${YEAR})?`,
  `${MONTH}\\s+${YEAR}`,
].join('|');
/** "born on the 3rd of March 2019", "date of birth is 14/09/2018", "DOB: 03.03.19", "D.O.B. 3 March 2019". */
const DATE_OF_BIRTH = new RegExp(
  `${B}(?:date\\s+of\\s+birth|d\\.?o\\.?b\\.?|born(?:\\s+on|\\s+in)?|birthday)(?:\\s*(?:is|was|:|-|–|—|,))*\\s*(${DATE})${E}`,
  'giu',
);

/**
 * True for a valid NHS number: ten digits whose last is the modulus 11 check digit of the first nine (weights 10
 * down to 2; a check digit of 10 means the number is never issued).
 */
export function isValidNhsNumber(value: string): boolean {
  const digits = value.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  const expected = check === 11 ? 0 : check;
  return expected !== 10 && expected === Number(digits[9]);
}

/** True for a UK phone number: 10 or 11 digits from the leading 0 (after +44, the 0 is implied). */
function isUkPhone(text: string): boolean {
  let digits = text.replace(/\D/g, '');
  if (text.trim().startsWith('+44')) digits = `0${digits.slice(2).replace(/^0/, '')}`;
  return /^0[1-35789]\d{8,9}$/.test(digits);
}

/** Every identifier found in a text, not overlapping (the first found keeps its span), in text order. */
export function findIdentifiers(text: string): IdentifierHit[] {
  const hits: IdentifierHit[] = [];
  const add = (kind: IdentifierKind, category: PseudonymCategory, start: number, matched: string): void => {
    const end = start + matched.length;
    if (hits.some((h) => h.start < end && start < h.end)) return;
    hits.push({ kind, category, start, end, text: matched });
  };
  for (const m of text.matchAll(EMAIL)) add('email address', 'person', m.index, m[0]);
  for (const m of text.matchAll(DATE_OF_BIRTH)) {
    const date = m[1]!;
    add('date of birth', 'date', m.index + m[0].length - date.length, date);
  }
  for (const m of text.matchAll(NHS)) if (isValidNhsNumber(m[0])) add('NHS number', 'case or record number', m.index, m[0]);
  for (const m of text.matchAll(PHONE)) if (isUkPhone(m[0])) add('phone number', 'case or record number', m.index, m[0]);
  for (const m of text.matchAll(NINO)) add('National Insurance number', 'case or record number', m.index, m[0]);
  for (const m of text.matchAll(POSTCODE)) add('postcode', 'place', m.index, m[0]);
  for (const m of text.matchAll(RECORD)) {
    const value = m[1]!;
    add('record number', 'case or record number', m.index + m[0].length - value.length, value);
  }
  return hits.sort((a, b) => a.start - b.start);
}
