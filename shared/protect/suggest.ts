/**
 * Suggestions for the pseudonym table, for a person to review: nothing is replaced until they accept it.
 *
 * - Speaker names from the documents' turns (not generic labels such as "Interviewer" or "P3").
 * - Capitalised names: words and runs of words written with a capital inside a sentence (a capital at the start of
 *   a sentence says nothing), not common capitalised words (months, days, "English", "Christmas", agency words).
 *   A name that is also an ordinary lower-case word in the project ("Summer", "Dawn") must recur to be suggested and
 *   is suggested case-sensitive, so "last summer" stays as it is.
 * - Identifiers found by pattern (patterns.ts): phone numbers, postcodes, dates of birth, NHS numbers, National
 *   Insurance numbers, labelled case and record numbers, email addresses.
 */
import type { DocumentText, ProjectData } from '../model/types';
import { findIdentifiers, type IdentifierKind } from './patterns';
import type { PseudonymCategory, PseudonymEntry, PseudonymTable } from './table';
import { cleanTerm } from './table';

export type SuggestionReason = 'speaker' | 'name' | IdentifierKind;

export interface PseudonymSuggestion extends PseudonymEntry {
  reason: SuggestionReason;
  /** How many times it was seen (as a name: inside a sentence or at its start). */
  count: number;
  documentIds: string[];
  /** Its first occurrence with a few words either side. */
  context: string;
}

export interface SuggestOptions {
  /** Only these documents (default: all). */
  documentIds?: readonly string[];
  /** Terms already in the table: not suggested again. */
  exclude?: PseudonymTable;
  /** How often a name that is also an ordinary word must occur inside sentences (default 2). */
  minCount?: number;
}

/** Speaker labels that name a role, not a person. */
const GENERIC_SPEAKER =
  /^(?:interviewer|interviewee|participant|respondent|facilitator|moderator|researcher|speaker|chair|note ?taker|unknown|inaudible|unidentified|both|all|group|everyone|audience|int|iv|ie|i|p|r|q|a|m|f)(?:\s*[-#]?\s*\d+|\s+[A-Z])?$/i;
const CASE_LABEL = /^[A-Z]{1,3}\s?-?\d{1,4}$/;

/** Capitalised words that are not names, lower case. */
const STOP_WORDS = new Set(
  `the a an and but or nor so if then when while because as at in on of to for from with by about after before during
  into over under up down out off again once here there where why how what which who whom whose this that these those
  i me my we our you your he him his she her it its they them their yes no not yeah yep yup okay ok oh um erm er uh ah
  hmm mm well right sure just like also really actually maybe perhaps anyway obviously honestly basically sometimes
  often always never every all any some each both most more many much few other another such only own same than too
  very can could will would shall should may might must do does did done have has had be is are was were been being get
  got go going went make made say said think know see look let thanks thank please sorry hello hi good great fine
  nobody everyone everybody someone somebody anyone anything something nothing everything now today tomorrow
  yesterday tonight first second third last next one two three four five six seven eight nine ten eleven twelve twenty
  thirty hundred absolutely exactly definitely certainly course indeed true totally alright hey wow gosh
  january february march april may june july august september october november december jan feb mar apr jun jul aug
  sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat
  sun mr mrs miss ms mx dr prof sir madam mum mom mummy dad daddy nan nana nanna gran granny grandma grandad granddad
  auntie aunt uncle english british scottish welsh irish european polish romanian asian african caribbean muslim
  christian jewish hindu sikh catholic christmas easter eid diwali ramadan hanukkah halloween bonfire god jesus lord
  covid coronavirus lockdown nhs uk england scotland wales britain ireland europe zoom teams microsoft google facebook
  whatsapp instagram snapchat tiktok youtube twitter email excel word outlook skype internet section act children
  child family families court courts police health education social services service care council local authority
  school schools team teams review reviews plan plans meeting meetings conference conferences order orders protection
  interviewer participant researcher facilitator moderator respondent speaker transcript note notes ofsted cafcass
  working together signs safety pathway virtual head teacher headteacher designated safeguarding lead officer
  worker workers manager managers practitioner practitioners nurse doctor consultant paediatrician visitor visitors
  home office department government minister parliament public law legal aid panel group groups assessment
  assessments independent reviewing officers emergency placement placements foster fostering carer carers agency
  agencies board partnership partnerships strategy strategies unit units principal advanced senior junior deputy
  inspector sergeant constable detective chief superintendent special educational needs disability disabilities
  mental primary secondary academy college university uni hospital clinic surgery trust centre center sure yep ta
  year years term forty fifty sixty seventy eighty ninety operation powerpoint liquidlogic mosaic`.split(/\s+/),
);

/** Words after a name that say it is a place, a school or an organisation. */
const PLACE_WORDS = new Set(
  'road street lane close avenue drive way estate court crescent gardens grove terrace square park green hill place walk row mews house flats tower towers view rise parade end fields village town'.split(' '),
);
const SCHOOL_WORDS = new Set('school primary academy nursery college infants juniors junior high secondary preschool pre-school'.split(' '));
const ORGANISATION_WORDS = new Set(
  'hospital trust council centre center surgery practice services service ltd limited partnership team unit clinic police constabulary foundation charity church mosque temple association project hub housing'.split(' '),
);
const PERSON_BEFORE = new Set(
  'mrs mr miss ms mx dr mum dad nan nana nanna grandma grandad auntie aunt uncle brother sister son daughter baby called named boy girl carer partner husband wife boyfriend girlfriend'.split(' '),
);
const PLACE_BEFORE = new Set('in at from near to into round around towards outside over on'.split(' '));

/** A word written with a capital and at least one lower-case letter, with its hyphenated or apostrophe parts. */
const CAPITALISED_RUN = /(?<![\p{L}\p{N}\p{M}-])(?<![\p{L}\p{N}\p{M}]['’])\p{Lu}[\p{L}\p{M}]*(?:['’-][\p{L}\p{M}]+)*(?: \p{Lu}[\p{L}\p{M}]*(?:['’-][\p{L}\p{M}]+)*)*/gu;
const LOWER_WORD = /(?<![\p{L}\p{N}\p{M}])\p{Ll}[\p{L}\p{M}]*(?:['’-][\p{L}\p{M}]+)*/gu;

function isSentenceStart(text: string, position: number): boolean {
  let i = position - 1;
  for (;;) {
    while (i >= 0 && /[\s“”"‘'([*_]/.test(text[i]!)) {
      if (text[i] === '\n') return true;
      i--;
    }
    // Transcriber's notes ("[pause] Conflicted.") do not end a sentence or start one: look before them.
    if (i >= 0 && text[i] === ']') {
      const open = text.lastIndexOf('[', i);
      if (open < 0 || i - open > 40) break;
      i = open - 1;
      continue;
    }
    break;
  }
  return i < 0 || /[.!?…:;]/.test(text[i]!) || (text[i] === '-' && i > 0 && text[i - 1] === '-');
}

function contextOf(text: string, start: number, end: number): string {
  const from = Math.max(0, text.lastIndexOf(' ', Math.max(0, start - 40)) + 1);
  const to = text.indexOf(' ', Math.min(text.length, end + 40));
  return text.slice(from, to < 0 ? text.length : to).replace(/\s+/g, ' ').trim();
}

const wordBefore = (text: string, start: number): string => /([\p{L}'’]+)[^\p{L}\n]{0,3}$/u.exec(text.slice(Math.max(0, start - 30), start))?.[1]?.toLowerCase() ?? '';
const wordAfter = (text: string, end: number): string => /^[^\p{L}\n]{0,3}([\p{L}'’-]+)/u.exec(text.slice(end, end + 30))?.[1]?.toLowerCase() ?? '';

interface NameCandidate {
  term: string;
  count: number;
  inside: number;
  documentIds: Set<string>;
  context: string;
  votes: Record<'person' | 'place' | 'school' | 'organisation', number>;
}

const REPLACEMENT_FOR: Readonly<Record<IdentifierKind, string>> = {
  'phone number': '[phone number]',
  postcode: '[postcode]',
  'date of birth': '[date of birth]',
  'NHS number': '[NHS number]',
  'National Insurance number': '[NI number]',
  'record number': '[record number]',
  'email address': '[email address]',
};
const LABEL_FOR: Readonly<Record<PseudonymCategory, string>> = {
  person: 'Person',
  place: 'Place',
  organisation: 'Organisation',
  school: 'School',
  'case or record number': 'Number',
  date: 'Date',
};

/** Common words, contractions of them (I’m, We’re), their plurals (Thursdays) and acronyms (PEPs, ICPCs, TRiM). */
function isStopWord(word: string): boolean {
  const stem = word.replace(/['’](?:s|m|ve|d|ll|re|t)$/iu, '').toLowerCase();
  if (STOP_WORDS.has(stem) || (stem.endsWith('s') && STOP_WORDS.has(stem.slice(0, -1)))) return true;
  if (stem.split('-').every((part) => STOP_WORDS.has(part))) return true;
  const upper = word.match(/\p{Lu}/gu)?.length ?? 0;
  const lower = word.match(/\p{Ll}/gu)?.length ?? 0;
  return lower === 0 || (upper >= 2 && upper >= lower);
}

/** Splits a capitalised run at words that are not names, dropping a possessive "’s" from each part. */
function nameParts(run: string, runStart: number): { term: string; start: number }[] {
  const parts: { term: string; start: number }[] = [];
  let current: { words: string[]; start: number } | undefined;
  let offset = 0;
  for (const word of run.split(' ')) {
    const bare = word.replace(/['’]s$/u, '');
    const lower = bare.toLowerCase();
    // "Primary", "Road", "Court" end a name ("Marsh Lane Primary", "Wensley Court") but do not start one.
    const suffix = current !== undefined && (SCHOOL_WORDS.has(lower) || ORGANISATION_WORDS.has(lower) || PLACE_WORDS.has(lower));
    const stop = !suffix && (isStopWord(word) || bare.length < 2);
    if (stop) {
      if (current) parts.push({ term: current.words.join(' '), start: current.start });
      current = undefined;
    } else {
      if (!current) current = { words: [], start: runStart + offset };
      current.words.push(bare);
      if (bare !== word) {
        parts.push({ term: current.words.join(' '), start: current.start });
        current = undefined;
      }
    }
    offset += word.length + 1;
  }
  if (current) parts.push({ term: current.words.join(' '), start: current.start });
  return parts;
}

function scanNames(doc: DocumentText, candidates: Map<string, NameCandidate>): void {
  const text = doc.text;
  for (const m of text.matchAll(CAPITALISED_RUN)) {
    const runStart = m.index;
    const runAtSentenceStart = isSentenceStart(text, runStart);
    for (const part of nameParts(m[0], runStart)) {
      // A name after another capitalised word ("And Jackie said") is inside the sentence.
      const insideSentence = !(part.start === runStart && runAtSentenceStart);
      const end = part.start + part.term.length;
      let c = candidates.get(part.term);
      if (!c) {
        c = { term: part.term, count: 0, inside: 0, documentIds: new Set(), context: contextOf(text, part.start, end), votes: { person: 0, place: 0, school: 0, organisation: 0 } };
        candidates.set(part.term, c);
      }
      c.count++;
      if (insideSentence) c.inside++;
      c.documentIds.add(doc.id);
      const before = wordBefore(text, part.start);
      const after = wordAfter(text, end);
      const last = part.term.split(' ').pop()!.toLowerCase();
      if (SCHOOL_WORDS.has(after) || SCHOOL_WORDS.has(last)) c.votes.school += 3;
      else if (ORGANISATION_WORDS.has(after) || ORGANISATION_WORDS.has(last)) c.votes.organisation += 3;
      else if (PLACE_WORDS.has(after) || PLACE_WORDS.has(last)) c.votes.place += 3;
      if (PERSON_BEFORE.has(before)) c.votes.person += 2;
      else if (PLACE_BEFORE.has(before)) c.votes.place += 1;
      if (/^(?:said|says|told|asked|who|she|he|was|is|had|has|and)$/.test(after)) c.votes.person += 1;
      if (/^st\.? /i.test(part.term) && /\bschool\b/i.test(text.slice(Math.max(0, part.start - 120), end + 120))) c.votes.school += 2;
    }
  }
}

function categoryOf(votes: NameCandidate['votes']): PseudonymCategory {
  const order = ['school', 'organisation', 'place', 'person'] as const;
  let best: (typeof order)[number] = 'person';
  for (const k of order) if (votes[k] > votes[best]) best = k;
  return best;
}

/** Suggested pseudonym table entries, speakers first, then identifiers, then names by how often they occur. */
export function suggestPseudonyms(project: ProjectData, options: SuggestOptions = {}): PseudonymSuggestion[] {
  const wanted = options.documentIds ? new Set(options.documentIds) : undefined;
  const texts = project.texts.filter((t) => !wanted || wanted.has(t.id));
  const minCount = options.minCount ?? 2;
  const excluded = new Set((options.exclude ?? []).map((e) => cleanTerm(e.term).toLowerCase()));
  const out: PseudonymSuggestion[] = [];
  const taken = new Set<string>();
  const numbers: Partial<Record<PseudonymCategory, number>> = {};
  const nextLabel = (category: PseudonymCategory): string => {
    numbers[category] = (numbers[category] ?? 0) + 1;
    return `[${LABEL_FOR[category]} ${numbers[category]}]`;
  };
  const push = (s: Omit<PseudonymSuggestion, 'replacement'> & { replacement?: string }): void => {
    const key = s.term.toLowerCase();
    if (taken.has(key) || excluded.has(key)) return;
    taken.add(key);
    out.push({ ...s, replacement: s.replacement ?? nextLabel(s.category) });
  };

  // Speakers.
  const speakers = new Map<string, { count: number; documentIds: Set<string>; context: string }>();
  for (const doc of texts) {
    for (const turn of doc.turns) {
      const name = cleanTerm(turn.speaker ?? '');
      if (!name || GENERIC_SPEAKER.test(name) || CASE_LABEL.test(name)) continue;
      const s = speakers.get(name) ?? { count: 0, documentIds: new Set<string>(), context: contextOf(doc.text, turn.start, turn.start + name.length) };
      s.count++;
      s.documentIds.add(doc.id);
      speakers.set(name, s);
    }
  }
  for (const [term, s] of speakers) push({ term, category: 'person', reason: 'speaker', count: s.count, documentIds: [...s.documentIds], context: s.context });

  // Identifiers.
  const identifiers = new Map<string, PseudonymSuggestion>();
  for (const doc of texts) {
    for (const hit of findIdentifiers(doc.text)) {
      const term = cleanTerm(hit.text);
      const known = identifiers.get(term);
      if (known) {
        known.count++;
        if (!known.documentIds.includes(doc.id)) known.documentIds.push(doc.id);
        continue;
      }
      identifiers.set(term, {
        term, replacement: REPLACEMENT_FOR[hit.kind], category: hit.category, reason: hit.kind, count: 1, documentIds: [doc.id],
        context: contextOf(doc.text, hit.start, hit.end),
      });
    }
  }
  for (const s of identifiers.values()) push(s);

  // Names.
  const lowerWords = new Set<string>();
  for (const doc of texts) for (const m of doc.text.matchAll(LOWER_WORD)) lowerWords.add(m[0].replace(/['’]s$/u, ''));
  const candidates = new Map<string, NameCandidate>();
  for (const doc of texts) scanNames(doc, candidates);
  const names = [...candidates.values()]
    .filter((c) => c.inside > 0)
    .map((c) => {
      const words = c.term.split(' ');
      const ordinary = words.length === 1 && lowerWords.has(c.term.toLowerCase());
      return { c, ordinary };
    })
    .filter(({ c, ordinary }) => (ordinary ? c.inside >= minCount : true))
    .sort((a, b) => b.c.count - a.c.count || (a.c.term < b.c.term ? -1 : 1));
  for (const { c, ordinary } of names) {
    const suggestion: Omit<PseudonymSuggestion, 'replacement'> = {
      term: c.term, category: categoryOf(c.votes), reason: 'name', count: c.count, documentIds: [...c.documentIds], context: c.context,
    };
    if (ordinary) suggestion.caseSensitive = true;
    push(suggestion);
  }
  return out;
}

/** The suggestions a person accepted, as table entries. */
export function suggestionsToTable(suggestions: readonly PseudonymSuggestion[]): PseudonymTable {
  return suggestions.map((s) => {
    const entry: PseudonymEntry = { term: s.term, replacement: s.replacement, category: s.category };
    if (s.caseSensitive) entry.caseSensitive = true;
    return entry;
  });
}
