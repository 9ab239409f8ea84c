/**
 * A synthetic project for measuring Tessera at the sizes researchers reach: from three transcripts to a thousand.
 *
 * Everything comes from one seeded generator, so the same scale and seed give the same project on every machine,
 * in Node and in the browser alike. Transcripts alternate an interviewer's questions with a participant's answers
 * ("Interviewer: ..." / "P0042: ..." paragraphs, as the plain-text importer reads them); words follow Zipf-like
 * frequencies (the stored text holds the words; the speakers are the turns', as the importer stores them); codings cluster on passages (several codes on the same sentences) and coders agree only partly
 * (each coder codes a passage with some probability, with boundaries a few words apart).
 */
import { plainTextToMemoContent } from '../model/memo-content';
import { paletteColor } from '../model/palette';
import { countWords } from '../text/normalise';
import type {
  AttributeDefinition,
  AttributeValue,
  CaseRecord,
  CodeRecord,
  CoderRecord,
  CodingRecord,
  DocumentRecord,
  DocumentText,
  MemoRecord,
  ProjectData,
  ThemeRecord,
  ThemeStatus,
  Turn,
} from '../model/types';
import { between, pick, seededRandom, seededUuid, zipfIndex, type Random } from './random';
import { drawWord, vocabulary, type Vocabulary } from './vocabulary';

export type CorpusScaleName = 'tiny' | 'study' | 'large';

export interface CorpusScale {
  name: string;
  transcripts: number;
  /** Spoken words over all transcripts (approximate: turns end at sentence ends). */
  words: number;
  codes: number;
  /** Exact number of codings. */
  codings: number;
  coders: number;
  themes: number;
  /** The first transcript: a long one with many codings, the one the reader is measured on. */
  focus: { words: number; codings: number };
}

export const CORPUS_SCALES: Readonly<Record<CorpusScaleName, CorpusScale>> = {
  tiny: { name: 'tiny', transcripts: 3, words: 8_000, codes: 12, codings: 300, coders: 2, themes: 2, focus: { words: 4_000, codings: 150 } },
  study: { name: 'study', transcripts: 17, words: 170_000, codes: 60, codings: 3_000, coders: 2, themes: 4, focus: { words: 20_000, codings: 600 } },
  large: {
    name: 'large',
    transcripts: 1_000,
    words: 8_000_000,
    codes: 500,
    codings: 100_000,
    coders: 3,
    themes: 12,
    focus: { words: 30_000, codings: 2_000 },
  },
};

export interface CorpusOptions {
  /** Default 20260601. */
  seed?: number;
  /** Override the scale's number of coders (e.g. three coders on the study scale). */
  coders?: number;
  /** Project id; by default one made from the seed. */
  projectId?: string;
  /** Timestamps start here (ms since the epoch); default 1 March 2026, so runs are identical. */
  startTime?: number;
}

export interface Corpus {
  data: ProjectData;
  scale: CorpusScale;
  seed: number;
  /** The long, densely coded transcript (the first document). */
  focusDocumentId: string;
  /** Words in all texts as the app counts them (labels included), and UTF-16 characters. */
  words: number;
  characters: number;
}

export const DEFAULT_SEED = 20260601;
const DEFAULT_START = Date.UTC(2026, 2, 1, 9, 0, 0);

const TOPICS = [
  'Information sharing', 'Trust', 'Parental participation', "Child's voice", 'Professional confidence', 'Chairing',
  'Preparation', 'Timing of meetings', 'Roles and responsibilities', 'Decision making', 'Risk and safety',
  'Placement stability', 'Education', 'Health needs', 'Emotional wellbeing', 'Contact with family', 'Advocacy',
  'Language and jargon', 'Recording and minutes', 'Follow-up actions', 'Power', 'Conflict', 'Consent',
  'Confidentiality', 'Culture and identity', 'Siblings', 'Foster carers', 'Legal processes', 'Resources',
  'Workload', 'Supervision', 'Training', 'Leadership', 'Multi-agency working', 'Communication', 'Feelings',
  'Relationships', 'Outcomes for children', 'Barriers', 'Good practice', 'Learning', 'Change over time',
  'Technology', 'Venue and setting', 'Interpreters', 'Disability', 'Housing', 'Poverty', 'Domestic abuse',
  'Substance use', 'Mental health', 'Youth justice', 'Transitions', 'Attendance', 'Exclusion',
];

const ASPECTS = [
  'benefits', 'barriers', 'examples', 'feelings', 'timing', 'who leads', 'what changed', 'what helps',
  'missed chances', 'expectations', 'good practice', 'tensions', 'parents’ view', 'children’s view',
  'professionals’ view', 'learning', 'resources', 'next steps',
];

const THEME_NAMES = [
  'Benefits to children', 'Partnership with parents and carers', 'Professional confidence',
  'Interprofessional working and information sharing', 'Hearing the child', 'Power in the room',
  'Preparing well', 'After the meeting', 'Systems and resources', 'Emotional labour', 'Learning together',
  'Safety and risk', 'Identity and belonging', 'Continuity of care', 'Language that includes', 'Leadership',
];

const AGENCIES: Record<string, string[]> = {
  'Social care': ['Social worker', 'Team manager', 'Independent reviewing officer', 'Family practitioner'],
  Health: ['Health visitor', 'School nurse', 'Paediatrician', 'Designated nurse', 'GP'],
  Education: ['Teacher', 'Designated safeguarding lead', 'Virtual school officer', 'Head teacher'],
  Police: ['Police officer', 'Detective sergeant', 'Public protection officer'],
  'Family support': ['Family support worker', 'Foster carer', 'Kinship carer'],
  'Voluntary sector': ['Advocate', 'Youth worker', 'Mentor'],
};
const LOCALITIES = ['Northfield', 'Riverside', 'Eastgate', 'Hillcrest', 'Westbrook', 'Marsh End'];
const CODER_NAMES = ['Priya Shah', 'Tom Fletcher', 'Grace Mensah', 'Lena Kowalski', 'Sam Rivera', 'Noor Haddad', 'Owen Price', 'Mei Chen'];

interface Passage {
  start: number;
  end: number;
}

/** A turn's sentences as [start, end) pairs in the document's text, for choosing passages to code. */
interface AnswerTurn {
  sentences: number[];
}

const capitalise = (w: string): string => (w === 'i' ? 'I' : w.charAt(0).toUpperCase() + w.slice(1));

/** Builds one transcript: alternating question and answer turns until the spoken words reach the target. */
function buildTranscript(
  vocab: Vocabulary,
  random: Random,
  speaker: string,
  targetWords: number,
): { text: string; turns: Turn[]; answers: AnswerTurn[] } {
  const parts: string[] = [];
  const turns: Turn[] = [];
  const answers: AnswerTurn[] = [];
  let length = 0;
  let words = 0;
  let question = true;
  const sentenceWords: string[] = [];
  while (words < targetWords) {
    const label = question ? 'Interviewer' : speaker;
    if (turns.length > 0) {
      parts.push('\n\n');
      length += 2;
    }
    const start = length;
    const sentences = question ? between(random, 1, 2) : between(random, 2, 14);
    const answer: AnswerTurn = { sentences: [] };
    for (let s = 0; s < sentences && words < targetWords; s++) {
      const n = question ? between(random, 5, 16) : between(random, 6, 26);
      sentenceWords.length = 0;
      for (let k = 0; k < n; k++) {
        let w = drawWord(vocab, random);
        if (k === 0) w = capitalise(w);
        else if (w === 'i') w = 'I';
        // A comma now and then, as speech is transcribed.
        if (k < n - 1 && random() < 0.07) w += ',';
        sentenceWords.push(w);
      }
      words += n;
      const end = question && s === sentences - 1 ? '?' : random() < 0.06 ? '…' : '.';
      const sentence = sentenceWords.join(' ') + end;
      if (s > 0) {
        parts.push(' ');
        length += 1;
      }
      answer.sentences.push(length, length + sentence.length);
      parts.push(sentence);
      length += sentence.length;
    }
    turns.push({ start, end: length, speaker: label });
    if (!question) answers.push(answer);
    question = !question;
  }
  return { text: parts.join(''), turns, answers };
}

/** Moves an offset to the start of the word at or after it, staying before `limit`. */
function nextWordStart(text: string, offset: number, limit: number): number {
  const space = text.indexOf(' ', offset);
  return space === -1 || space + 1 >= limit ? offset : space + 1;
}

/** Moves an end offset back to the end of the previous word, staying after `limit`. */
function previousWordEnd(text: string, end: number, limit: number): number {
  const space = text.lastIndexOf(' ', end - 2);
  if (space <= limit) return end;
  // Leave out a comma the word ended with.
  return text.charCodeAt(space - 1) === 44 ? space - 1 : space;
}

interface CodeModel {
  /** Parent (topic) codes, most used first. */
  topics: CodeRecord[];
  /** Child codes per topic, most used first. */
  children: CodeRecord[][];
}

function buildCodes(count: number, random: Random, start: number): { codes: CodeRecord[]; model: CodeModel } {
  // One parent per ten codes, the rest spread over the parents as children.
  const topicCount = Math.max(1, Math.min(TOPICS.length, Math.round(count / 10)));
  const codes: CodeRecord[] = [];
  const topics: CodeRecord[] = [];
  const children: CodeRecord[][] = [];
  const make = (name: string, parentId?: string): CodeRecord => ({
    id: seededUuid(random),
    name,
    ...(parentId ? { parentId } : {}),
    color: paletteColor(codes.length),
    description: `Passages about ${name.toLowerCase()}.`,
    inclusion: parentId ? 'Use when the speaker describes this directly.' : '',
    exclusion: '',
    example: '',
    order: codes.length,
    createdAt: start + codes.length * 60_000,
  });
  for (let t = 0; t < topicCount; t++) {
    const topic = make(TOPICS[t]!);
    codes.push(topic);
    topics.push(topic);
    children.push([]);
  }
  for (let i = 0; codes.length < count; i++) {
    const t = i % topicCount;
    const round = Math.floor(i / topicCount);
    const aspect = ASPECTS[round % ASPECTS.length]!;
    const suffix = round >= ASPECTS.length ? ` ${Math.floor(round / ASPECTS.length) + 1}` : '';
    const child = make(`${TOPICS[t]!}: ${aspect}${suffix}`, topics[t]!.id);
    codes.push(child);
    children[t]!.push(child);
  }
  // Order in the codebook: each parent followed by its children.
  const ordered: CodeRecord[] = [];
  topics.forEach((topic, t) => {
    ordered.push(topic, ...children[t]!);
  });
  ordered.forEach((c, i) => (c.order = i));
  return { codes: ordered, model: { topics, children } };
}

function chooseCode(model: CodeModel, random: Random, topic: number): CodeRecord {
  const kids = model.children[topic]!;
  if (kids.length === 0 || random() < 0.08) return model.topics[topic]!;
  return kids[zipfIndex(random, kids.length, 0.9)]!;
}

/** Codings of one document: passages with one to three codes, each applied by some of the coders. */
function codeDocument(
  documentId: string,
  text: string,
  answers: readonly AnswerTurn[],
  target: number,
  model: CodeModel,
  coders: readonly CoderRecord[],
  random: Random,
  idRandom: Random,
  time: { at: number },
  out: CodingRecord[],
): void {
  let made = 0;
  const topicCount = model.topics.length;
  const usable = answers.filter((a) => a.sentences.length >= 2);
  if (usable.length === 0) return;
  while (made < target) {
    const answer = pick(random, usable);
    const sentenceCount = answer.sentences.length / 2;
    const first = between(random, 0, sentenceCount - 1);
    const last = Math.min(sentenceCount - 1, first + zipfIndex(random, 4, 1.2));
    const passage: Passage = { start: answer.sentences[first * 2]!, end: answer.sentences[last * 2 + 1]! };
    const topic = zipfIndex(random, topicCount, 0.8);
    const codeCount = 1 + (random() < 0.45 ? 1 : 0) + (random() < 0.15 ? 1 : 0);
    const codes = new Set<CodeRecord>();
    for (let k = 0; k < codeCount; k++) {
      // Mostly codes of the passage's topic; sometimes one from another topic (codes that cut across).
      codes.add(chooseCode(model, random, random() < 0.8 ? topic : zipfIndex(random, topicCount, 0.8)));
    }
    for (const code of codes) {
      const applying = coders.filter(() => random() < 0.72);
      if (applying.length === 0) applying.push(pick(random, coders));
      for (const coder of applying) {
        if (made >= target) return;
        let { start, end } = passage;
        // Coders rarely choose the same boundaries: a few words in, a few words short, or one sentence more.
        const r = random();
        if (r < 0.3) for (let w = between(random, 1, 5); w > 0; w--) start = nextWordStart(text, start, end - 1);
        else if (r < 0.55) for (let w = between(random, 1, 5); w > 0; w--) end = previousWordEnd(text, end, start + 1);
        else if (r < 0.65 && last + 1 < sentenceCount) end = answer.sentences[(last + 1) * 2 + 1]!;
        time.at += between(random, 5_000, 90_000);
        out.push({ id: seededUuid(idRandom), documentId, codeId: code.id, coderId: coder.id, start, end, createdAt: time.at });
        made++;
      }
    }
  }
}

/** Spreads `total` over items in proportion to their weights, exactly (the remainder goes to the largest). */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => Math.floor((total * w) / sum));
  let rest = total - shares.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % shares.length, rest--) shares[i] = shares[i]! + 1;
  return shares;
}

/** Generates the project for a scale. Deterministic: the same scale, options and seed give equal data. */
export function generateCorpus(scaleOrName: CorpusScaleName | CorpusScale, options: CorpusOptions = {}): Corpus {
  const scale = typeof scaleOrName === 'string' ? CORPUS_SCALES[scaleOrName] : scaleOrName;
  if (!scale) throw new Error(`There is no corpus scale called “${String(scaleOrName)}”; choose tiny, study or large.`);
  const seed = options.seed ?? DEFAULT_SEED;
  const random = seededRandom(seed);
  const idRandom = seededRandom(seed ^ 0x5bd1e995);
  const vocab = vocabulary(seededRandom);
  const start = options.startTime ?? DEFAULT_START;
  const coderCount = options.coders ?? scale.coders;
  if (scale.transcripts < 1) throw new Error('A corpus needs at least one transcript.');

  const coders: CoderRecord[] = Array.from({ length: coderCount }, (_, i) => {
    const name = CODER_NAMES[i % CODER_NAMES.length]! + (i >= CODER_NAMES.length ? ` ${Math.floor(i / CODER_NAMES.length) + 1}` : '');
    return { id: seededUuid(idRandom), name, initials: name.split(' ').map((p) => p.charAt(0)).join('').slice(0, 3), color: paletteColor(i * 3 + 1) };
  });

  const { codes, model } = buildCodes(scale.codes, random, start);

  // Attributes of cases: agency, role (within the agency) and locality.
  const agencyNames = Object.keys(AGENCIES);
  const attributes: AttributeDefinition[] = [
    { id: seededUuid(idRandom), name: 'Agency', scope: 'case', type: 'category', options: agencyNames, order: 0 },
    { id: seededUuid(idRandom), name: 'Role', scope: 'case', type: 'category', options: agencyNames.flatMap((a) => AGENCIES[a]!), order: 1 },
    { id: seededUuid(idRandom), name: 'Locality', scope: 'case', type: 'category', options: LOCALITIES, order: 2 },
  ];
  const [agencyAttr, roleAttr, localityAttr] = attributes as [AttributeDefinition, AttributeDefinition, AttributeDefinition];

  // Words per transcript: the focus transcript first, the others varying around the mean.
  const others = scale.transcripts - 1;
  const otherWords = Math.max(0, scale.words - scale.focus.words);
  const weights = Array.from({ length: others }, () => 0.5 + random());
  const wordTargets = [scale.focus.words, ...(others > 0 ? apportion(otherWords, weights) : [])];
  const codingTargets = [
    Math.min(scale.focus.codings, scale.codings),
    ...(others > 0 ? apportion(Math.max(0, scale.codings - scale.focus.codings), wordTargets.slice(1)) : []),
  ];
  if (others === 0) codingTargets[0] = scale.codings;

  const width = Math.max(2, String(scale.transcripts).length);
  const documents: DocumentRecord[] = [];
  const texts: DocumentText[] = [];
  const cases: CaseRecord[] = [];
  const attributeValues: AttributeValue[] = [];
  const codings: CodingRecord[] = [];
  const memos: MemoRecord[] = [];
  const time = { at: start + 86_400_000 };
  let totalWords = 0;
  let totalChars = 0;

  for (let d = 0; d < scale.transcripts; d++) {
    const caseName = `P${String(d + 1).padStart(width, '0')}`;
    const agency = pick(random, agencyNames);
    const role = pick(random, AGENCIES[agency]!);
    const locality = pick(random, LOCALITIES);
    const caseRecord: CaseRecord = { id: seededUuid(idRandom), name: caseName, description: `${role}, ${agency}`, order: d };
    cases.push(caseRecord);
    attributeValues.push(
      { ownerId: caseRecord.id, attributeId: agencyAttr.id, value: agency },
      { ownerId: caseRecord.id, attributeId: roleAttr.id, value: role },
      { ownerId: caseRecord.id, attributeId: localityAttr.id, value: locality },
    );

    const id = seededUuid(idRandom);
    const built = buildTranscript(vocab, random, caseName, wordTargets[d]!);
    const words = countWords(built.text);
    totalWords += words;
    totalChars += built.text.length;
    const importedAt = start + d * 3_600_000;
    const textRecord: DocumentText = { id, text: built.text, turns: built.turns, blocks: [] };
    documents.push({
      id,
      name: `Interview ${caseName}`,
      caseId: caseRecord.id,
      order: d,
      length: built.text.length,
      words,
      // The size of the file it came from: ASCII but for the ellipsis (three bytes in UTF-8).
      source: { fileName: `${caseName}.txt`, size: fileSize(textRecord), format: 'txt', hash: '', importedAt, encoding: 'utf-8' },
      createdAt: importedAt,
      updatedAt: importedAt,
    });
    texts.push(textRecord);
    codeDocument(id, built.text, built.answers, codingTargets[d]!, model, coders, random, idRandom, time, codings);

    if (d % 10 === 0) {
      const note = `First impressions of ${caseName}: ${agency.toLowerCase()} perspective, ${locality}.`;
      memos.push({
        id: seededUuid(idRandom),
        targetType: 'document',
        targetId: id,
        title: `Notes on ${caseName}`,
        content: plainTextToMemoContent(note),
        plainText: note,
        authorId: coders[d % coders.length]!.id,
        createdAt: importedAt,
        updatedAt: importedAt,
      });
    }
  }

  const themes = buildThemes(scale.themes, model, random, idRandom, start);
  const projectId = options.projectId ?? seededUuid(seededRandom(seed ^ 0x1234567));
  const journal = 'Coding the first transcripts; the codebook is settling.';
  memos.push({
    id: seededUuid(idRandom),
    targetType: 'journal',
    targetId: projectId,
    title: 'Reflexive journal',
    content: plainTextToMemoContent(journal),
    plainText: journal,
    date: '2026-03-02',
    createdAt: start,
    updatedAt: start,
  });

  const data: ProjectData = {
    project: {
      id: projectId,
      name: `Benchmark corpus (${scale.name})`,
      description: `${scale.transcripts} synthetic transcripts, ${codes.length} codes, ${codings.length} codings, ${coders.length} coders (seed ${seed}).`,
      createdAt: start,
      updatedAt: time.at,
    },
    documents,
    texts,
    cases,
    attributes,
    attributeValues,
    codes,
    codings,
    memos,
    themes,
    coders,
  };
  return { data, scale, seed, focusDocumentId: documents[0]!.id, words: totalWords, characters: totalChars };
}

function buildThemes(count: number, model: CodeModel, random: Random, idRandom: Random, start: number): ThemeRecord[] {
  const statuses: ThemeStatus[] = ['candidate', 'under review', 'defined', 'final'];
  const themes: ThemeRecord[] = [];
  const topicCount = model.topics.length;
  for (let t = 0; t < count; t++) {
    // A theme gathers the codes of two or three topics, and a few single codes from elsewhere.
    const codeIds = new Set<string>();
    const topics = between(random, 2, 3);
    for (let k = 0; k < topics; k++) {
      const topic = (t * 3 + k * 7) % topicCount;
      for (const child of model.children[topic]!.slice(0, between(random, 3, 8))) codeIds.add(child.id);
    }
    for (let k = between(random, 0, 4); k > 0; k--) codeIds.add(chooseCode(model, random, zipfIndex(random, topicCount, 0.8)).id);
    const name = THEME_NAMES[t % THEME_NAMES.length]! + (t >= THEME_NAMES.length ? ` ${Math.floor(t / THEME_NAMES.length) + 1}` : '');
    // Every fourth theme after the first is a subtheme of the one before it.
    const parentId = t > 0 && t % 4 === 3 ? themes[t - 1]!.id : undefined;
    themes.push({
      id: seededUuid(idRandom),
      name,
      definition: `What participants said about ${name.toLowerCase()}.`,
      boundaries: '',
      status: statuses[t % statuses.length]!,
      ...(parentId ? { parentId } : {}),
      codeIds: [...codeIds],
      color: paletteColor(t * 5 + 2),
      order: t,
      createdAt: start + t * 86_400_000,
      updatedAt: start + t * 86_400_000,
    });
  }
  return themes;
}

/** Bytes of the transcript's file (see transcriptFileText) without building it: the text plus each label. */
function fileSize(text: DocumentText): number {
  return utf8Length(text.text) + text.turns.reduce((sum, t) => sum + utf8Length(t.speaker ?? 'Speaker') + 2, 0);
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
  }
  return bytes;
}

/**
 * A transcript as the file a researcher would import: each turn a paragraph opening with its speaker's label
 * ("Interviewer: ..."). Importing it stores exactly the document's text (labels become the turns' speakers).
 */
export function transcriptFileText(text: DocumentText): string {
  if (text.turns.length === 0) return text.text;
  return text.turns.map((t) => `${t.speaker ?? 'Speaker'}: ${text.text.slice(t.start, t.end)}`).join('\n\n');
}

/** The transcripts as the files a researcher would import: UTF-8 text, one file per document. */
export function corpusTextFiles(data: ProjectData): { name: string; bytes: Uint8Array }[] {
  const encoder = new TextEncoder();
  const names = new Map(data.documents.map((d) => [d.id, d.source.fileName]));
  return data.texts.map((t) => ({ name: names.get(t.id) ?? `${t.id}.txt`, bytes: encoder.encode(transcriptFileText(t)) }));
}

/**
 * Words to search for, from the top of the vocabulary to its tail, so a search benchmark covers a word with
 * hundreds of thousands of hits down to one with a handful.
 */
export function corpusSearchTerms(): { term: string; rank: number }[] {
  const vocab = vocabulary(seededRandom);
  return [3, 60, 600, 6_000, 25_000].map((rank) => ({ term: vocab.words[rank]!, rank }));
}
