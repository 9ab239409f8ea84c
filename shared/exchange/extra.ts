/**
 * What REFI-QDA cannot hold travels in `tessera/extra.json` inside the .qdpx, so a Tessera-to-Tessera exchange loses
 * nothing while other tools, which ignore the file, still open the project.
 *
 * Every entry is keyed by the id (GUID) the project.qde uses. Offsets in it (turns, blocks) are Tessera's own:
 * UTF-16 code units of the normalised text. The file comes from outside like the rest of the archive, so the
 * reader checks every field's type and keeps only what fits; an entry whose REFI counterpart was changed by another
 * tool (a different description, a different text) is not applied over that change.
 */
import type {
  AttributeScope,
  AttributeType,
  Block,
  MemoTarget,
  SourceFileInfo,
  ThemeStatus,
  Timestamp,
  Turn,
} from '../model/types';
import type { PositionUnit } from './positions';

export const EXTRA_PATH = 'tessera/extra.json';
export const EXTRA_FORMAT = 'tessera-refi-extra';
export const EXTRA_VERSION = 1;

export interface ExtraProject {
  id: string;
  description: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface ExtraDocument {
  order: number;
  source: SourceFileInfo;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  /** fingerprint() of the stored text the turns and blocks index; they are applied only to that text. */
  fingerprint: string;
  turns: Turn[];
  blocks: Block[];
}

export interface ExtraCode {
  /** The REFI Description written for this code; the fields below apply only if the file still says this. */
  written: string;
  description: string;
  inclusion: string;
  exclusion: string;
  example: string;
  order: number;
  createdAt: Timestamp;
  history?: { at: Timestamp; note: string }[];
}

export interface ExtraCoding {
  createdAt: Timestamp;
  exemplar?: boolean;
}

export interface ExtraTheme {
  definition: string;
  boundaries: string;
  status: ThemeStatus;
  parentId?: string;
  color: string;
  order: number;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface ExtraAttribute {
  scope: AttributeScope;
  type: AttributeType;
  options: string[];
  order: number;
}

export interface ExtraMemo {
  targetType: MemoTarget;
  targetId: string;
  /** Plain text as written in the Note: the rich content applies only if the Note still says this. */
  plainText: string;
  content: string;
  date?: string;
  authorId?: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface ExtraCoder {
  initials: string;
  color: string;
}

export interface ExtraCase {
  order: number;
}

export interface TesseraExtra {
  format: typeof EXTRA_FORMAT;
  version: number;
  /** The unit the project.qde's selection positions are written in. */
  positions: PositionUnit;
  project: ExtraProject;
  documents: Record<string, ExtraDocument>;
  codes: Record<string, ExtraCode>;
  codings: Record<string, ExtraCoding>;
  themes: Record<string, ExtraTheme>;
  attributes: Record<string, ExtraAttribute>;
  memos: Record<string, ExtraMemo>;
  coders: Record<string, ExtraCoder>;
  cases: Record<string, ExtraCase>;
}

const MEMO_TARGETS: readonly MemoTarget[] = ['project', 'document', 'code', 'coding', 'theme', 'case', 'journal'];
const THEME_STATUSES: readonly ThemeStatus[] = ['candidate', 'under review', 'defined', 'final'];
const ATTRIBUTE_TYPES: readonly AttributeType[] = ['text', 'number', 'date', 'category', 'scale'];
const BLOCK_KINDS: readonly Block['kind'][] = ['paragraph', 'heading', 'list-item', 'table-row', 'note', 'caption'];
const UNITS: readonly PositionUnit[] = ['codepoints', 'codepoints-lf', 'utf16', 'utf16-lf'];

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: Json, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const num = (v: Json, fallback = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const optStr = (v: Json): string | undefined => (typeof v === 'string' ? v : undefined);
const oneOf = <T extends string>(v: Json, allowed: readonly T[]): T | undefined =>
  typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;
const int = (v: Json): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);

function record<T>(v: Json, read: (entry: Record<string, Json>) => T | undefined): Record<string, T> {
  const out: Record<string, T> = {};
  if (!isObject(v)) return out;
  for (const [key, entry] of Object.entries(v)) {
    if (!isObject(entry)) continue;
    const value = read(entry);
    if (value !== undefined) out[key.toLowerCase()] = value;
  }
  return out;
}

function readTurns(v: Json): Turn[] {
  if (!Array.isArray(v)) return [];
  const turns: Turn[] = [];
  for (const t of v) {
    if (!isObject(t)) continue;
    const start = int(t.start);
    const end = int(t.end);
    if (start === undefined || end === undefined || end < start) continue;
    // Known fields by type; other plain values are kept so fields added to Turn later survive the trip.
    const turn: Record<string, string | number | boolean> = {};
    for (const [key, value] of Object.entries(t)) {
      if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) turn[key] = value;
    }
    if (typeof turn.speaker !== 'string') delete turn.speaker;
    if (typeof turn.time !== 'number') delete turn.time;
    turns.push({ ...turn, start, end } as Turn);
  }
  return turns;
}

function readBlocks(v: Json): Block[] {
  if (!Array.isArray(v)) return [];
  const blocks: Block[] = [];
  for (const b of v) {
    if (!isObject(b)) continue;
    const start = int(b.start);
    const end = int(b.end);
    const kind = oneOf(b.kind, BLOCK_KINDS);
    if (start === undefined || end === undefined || end < start || !kind) continue;
    const block: Block = { start, end, kind };
    if (typeof b.level === 'number') block.level = b.level;
    blocks.push(block);
  }
  return blocks;
}

/** Reads extra.json; returns undefined (with the reason) when it is not one this version understands. */
export function parseExtra(text: string): { extra?: TesseraExtra; problem?: string } {
  let json: Json;
  try {
    json = JSON.parse(text);
  } catch {
    return { problem: `${EXTRA_PATH} is not valid JSON` };
  }
  if (!isObject(json) || json.format !== EXTRA_FORMAT) return { problem: `${EXTRA_PATH} is not a Tessera extra file` };
  const version = num(json.version, -1);
  if (version !== EXTRA_VERSION) {
    return {
      problem: `${EXTRA_PATH} is version ${version}, which this version of Tessera does not read (it reads version ${EXTRA_VERSION}); Tessera-only details were left out`,
    };
  }
  const project = isObject(json.project) ? json.project : {};
  const extra: TesseraExtra = {
    format: EXTRA_FORMAT,
    version,
    positions: oneOf(json.positions, UNITS) ?? 'codepoints',
    project: {
      id: str(project.id),
      description: str(project.description),
      createdAt: num(project.createdAt),
      updatedAt: num(project.updatedAt),
    },
    documents: record(json.documents, (d) => {
      const source = isObject(d.source) ? d.source : {};
      const info: SourceFileInfo = {
        fileName: str(source.fileName),
        size: num(source.size),
        format: str(source.format),
        hash: str(source.hash),
        importedAt: num(source.importedAt),
      };
      const encoding = optStr(source.encoding);
      if (encoding !== undefined) info.encoding = encoding;
      return {
        order: num(d.order),
        source: info,
        createdAt: num(d.createdAt),
        updatedAt: num(d.updatedAt),
        fingerprint: str(d.fingerprint),
        turns: readTurns(d.turns),
        blocks: readBlocks(d.blocks),
      };
    }),
    codes: record(json.codes, (c) => {
      const code: ExtraCode = {
        written: str(c.written),
        description: str(c.description),
        inclusion: str(c.inclusion),
        exclusion: str(c.exclusion),
        example: str(c.example),
        order: num(c.order),
        createdAt: num(c.createdAt),
      };
      if (Array.isArray(c.history)) {
        code.history = c.history.filter(isObject).map((h) => ({ at: num(h.at), note: str(h.note) }));
      }
      return code;
    }),
    codings: record(json.codings, (c) => {
      const coding: ExtraCoding = { createdAt: num(c.createdAt) };
      if (c.exemplar === true) coding.exemplar = true;
      return coding;
    }),
    themes: record(json.themes, (t) => {
      const theme: ExtraTheme = {
        definition: str(t.definition),
        boundaries: str(t.boundaries),
        status: oneOf(t.status, THEME_STATUSES) ?? 'candidate',
        color: str(t.color),
        order: num(t.order),
        createdAt: num(t.createdAt),
        updatedAt: num(t.updatedAt),
      };
      const parentId = optStr(t.parentId);
      if (parentId) theme.parentId = parentId.toLowerCase();
      return theme;
    }),
    attributes: record(json.attributes, (a) => {
      const scope = oneOf(a.scope, ['case', 'document'] as const);
      const type = oneOf(a.type, ATTRIBUTE_TYPES);
      if (!scope || !type) return undefined;
      return {
        scope,
        type,
        options: Array.isArray(a.options) ? a.options.filter((o): o is string => typeof o === 'string') : [],
        order: num(a.order),
      };
    }),
    memos: record(json.memos, (m) => {
      const targetType = oneOf(m.targetType, MEMO_TARGETS);
      if (!targetType) return undefined;
      const memo: ExtraMemo = {
        targetType,
        targetId: str(m.targetId).toLowerCase(),
        plainText: str(m.plainText),
        content: str(m.content),
        createdAt: num(m.createdAt),
        updatedAt: num(m.updatedAt),
      };
      const date = optStr(m.date);
      if (date !== undefined) memo.date = date;
      const authorId = optStr(m.authorId);
      if (authorId !== undefined) memo.authorId = authorId.toLowerCase();
      return memo;
    }),
    coders: record(json.coders, (c) => ({ initials: str(c.initials), color: str(c.color) })),
    cases: record(json.cases, (c) => ({ order: num(c.order) })),
  };
  return { extra };
}
