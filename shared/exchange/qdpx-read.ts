/**
 * Reads REFI-QDA 1.5 projects (.qdpx) and codebooks (.qdc) into Tessera's ProjectData.
 *
 * Forgiving of what real exporters write (folder case, a .qde not named project.qde, paths without `internal://`,
 * GUIDs in any case or braces, namespace variants, odd colours, BOMs, CRLF, positions in UTF-16 instead of code
 * points) and strict about what would corrupt a project (unsafe archives, entity declarations, malformed XML,
 * duplicate GUIDs, selections outside their text, a missing source text): those throw an ExchangeError naming the
 * file and the problem, and nothing of the file is returned.
 */
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
  MemoTarget,
  ProjectData,
  ThemeRecord,
} from '../model/types';
import { paletteColor } from '../model/palette';
import { newId } from '../model/ids';
import { countWords, hashText } from '../text/normalise';
import { unzipSafely } from '../zip/safe-unzip';
import { childElements, decodeXmlBytes, firstChild, parseXml, type XmlElement } from '../xml/parse';
import { ExchangeError, refuse } from './errors';
import { EXTRA_PATH, parseExtra, type TesseraExtra } from './extra';
import { deriveId, fingerprint, normaliseColor, normaliseGuid } from './ids';
import { plainTextToMemoContent } from '../model/memo-content';
import {
  describeUnit,
  detectUnit,
  POSITION_UNITS,
  TextPositionMap,
  type FilePositions,
  type PositionUnit,
} from './positions';

export interface ReadResult {
  project: ProjectData;
  warnings: string[];
}

/** Reads a .qdpx project. Throws ExchangeError (message "<fileName>: <problem>") for a file it refuses. */
export async function readQdpx(bytes: Uint8Array, fileName: string): Promise<ReadResult> {
  try {
    return await readProjectArchive(bytes, fileName);
  } catch (error) {
    refuse(fileName, error);
  }
}

/** Reads a .qdc codebook: codes (with hierarchy, colours, descriptions) and Sets as candidate themes. */
export async function readQdc(bytes: Uint8Array | string, fileName: string): Promise<ReadResult> {
  try {
    return readCodebookXml(bytes, fileName);
  } catch (error) {
    refuse(fileName, error);
  }
}

/** Reads either kind, telling them apart by content (a zip is a project, XML a codebook or a bare project.qde). */
export async function readRefiFile(bytes: Uint8Array, fileName: string): Promise<ReadResult> {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return readQdpx(bytes, fileName);
  try {
    const root = parseXml(bytes);
    if (root.name === 'Project') {
      return await readProjectXml(root, {}, fileName);
    }
    return readCodebookXml(root, fileName);
  } catch (error) {
    refuse(fileName, error);
  }
}

// ---------------------------------------------------------------------------------------------------------------

const TEXT_ENTRY = /\.(qde|txt|json|xml)$/i;

/** The project XML's entry: project.qde in any case, or the one .qde an exporter named after the project. */
export function findProjectQde(entries: Record<string, Uint8Array>): string | undefined {
  const names = Object.keys(entries);
  return (
    names.find((n) => n.toLowerCase() === 'project.qde') ??
    names.find((n) => n.toLowerCase().endsWith('/project.qde')) ??
    names.find((n) => n.toLowerCase().endsWith('.qde'))
  );
}

async function readProjectArchive(bytes: Uint8Array, fileName: string): Promise<ReadResult> {
  const entries = unzipSafely(bytes, (name) => TEXT_ENTRY.test(name));
  const qdeName = findProjectQde(entries);
  if (!qdeName) throw new Error('the archive holds no project.qde: it is not a REFI-QDA project (.qdpx)');
  let root: XmlElement;
  try {
    root = parseXml(entries[qdeName]!);
  } catch (error) {
    throw new Error(`${qdeName}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (root.name !== 'Project') {
    throw new Error(`${qdeName} is not a REFI-QDA project: its root element is <${root.name}>, not <Project>`);
  }
  return readProjectXml(root, entries, fileName);
}

interface Context {
  fileName: string;
  warnings: string[];
  now: number;
  /** File GUID (normalised) or odd identifier -> Tessera id. */
  ids: Map<string, string>;
}

/** The Tessera id for an element's GUID attribute; odd GUIDs get a stable derived id. */
function idOf(ctx: Context, raw: string | undefined, kind: string, fallbackParts: string[]): string {
  const norm = normaliseGuid(raw);
  if (norm) return norm;
  const key = raw === undefined ? `${kind}\u0000${fallbackParts.join('\u0000')}` : `raw\u0000${raw.trim()}`;
  let id = ctx.ids.get(key);
  if (!id) {
    id = deriveId('refi-odd-guid', key);
    ctx.ids.set(key, id);
  }
  return id;
}

/** A reference to another element: its normalised GUID (or the derived id of an odd one), if any. */
function refOf(ctx: Context, raw: string | undefined): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  return normaliseGuid(raw) ?? ctx.ids.get(`raw\u0000${raw.trim()}`) ?? deriveId('refi-odd-guid', `raw\u0000${raw.trim()}`);
}

function timeOf(raw: string | undefined, fallback: number): number {
  if (!raw) return fallback;
  const t = Date.parse(raw);
  return Number.isFinite(t) ? t : fallback;
}

function descriptionOf(element: XmlElement): string {
  const d = firstChild(element, 'Description');
  return d ? d.text.replace(/\r\n?/g, '\n') : '';
}

function initialsOf(name: string): string {
  const words = name.split(/[\s._-]+/u).filter(Boolean);
  const letters = words.length > 1 ? words.slice(0, 3).map((w) => [...w][0]) : [...(words[0] ?? '?')].slice(0, 2);
  return letters.join('').toUpperCase();
}

/** Refuses a file in which two elements share a GUID: references to it would be ambiguous. */
function checkDuplicateGuids(root: XmlElement): void {
  const seen = new Map<string, string>();
  const walk = (element: XmlElement): void => {
    // A codebook's MemberCode carries the GUID of the code it refers to in its "guid" attribute.
    const raw = element.name === 'MemberCode' ? undefined : element.attrs.guid;
    if (raw !== undefined) {
      const key = normaliseGuid(raw) ?? raw.trim();
      const previous = seen.get(key);
      if (previous !== undefined) {
        throw new Error(
          `the GUID ${raw} is used twice (by a <${previous}> and a <${element.name}>); each element must have its own`,
        );
      }
      seen.set(key, element.name);
    }
    for (const child of element.children) walk(child);
  };
  walk(root);
}

function checkNamespace(ctx: Context, root: XmlElement, kind: 'project' | 'codebook'): void {
  if (!/^urn:QDA-XML:/i.test(root.ns)) {
    ctx.warnings.push(
      root.ns
        ? `the file declares the namespace "${root.ns}" rather than urn:QDA-XML:${kind}:1.0; read it as REFI-QDA anyway`
        : `the file declares no REFI-QDA namespace; read it as REFI-QDA anyway`,
    );
  }
}

// ----- codes ---------------------------------------------------------------------------------------------------

function readCodeTree(ctx: Context, codesElement: XmlElement | undefined, noteRefs: NoteRefSite[]): CodeRecord[] {
  const codes: CodeRecord[] = [];
  let oddColours = 0;
  let folders = 0;
  const walk = (elements: XmlElement[], parentId: string | undefined, path: string): void => {
    elements.forEach((element, index) => {
      const name = element.attrs.name?.trim() || 'Unnamed code';
      const id = idOf(ctx, element.attrs.guid, 'code', [path, name, String(index)]);
      const color = normaliseColor(element.attrs.color);
      if (element.attrs.color !== undefined && !color) oddColours += 1;
      if (element.attrs.isCodable === 'false' || element.attrs.isCodable === '0') folders += 1;
      const code: CodeRecord = {
        id,
        name,
        color: color ?? paletteColor(codes.length),
        description: descriptionOf(element),
        inclusion: '',
        exclusion: '',
        example: '',
        order: index,
        createdAt: ctx.now,
      };
      if (parentId) code.parentId = parentId;
      codes.push(code);
      for (const ref of childElements(element, 'NoteRef')) noteRefs.push({ target: { type: 'code', id }, ref });
      walk(childElements(element, 'Code'), id, `${path}/${name}`);
    });
  };
  walk(codesElement ? childElements(codesElement, 'Code') : [], undefined, '');
  if (oddColours) ctx.warnings.push(`${oddColours} code colour(s) were not #RRGGBB and were given a palette colour`);
  if (folders) {
    ctx.warnings.push(`${folders} code(s) were marked as not codable (folders); Tessera lets you code with them`);
  }
  return codes;
}

function readSets(ctx: Context, setsElement: XmlElement | undefined, codeIds: Set<string>, extra?: TesseraExtra): ThemeRecord[] {
  const themes: ThemeRecord[] = [];
  if (!setsElement) return themes;
  let skipped = 0;
  childElements(setsElement, 'Set').forEach((set, index) => {
    const id = idOf(ctx, set.attrs.guid, 'set', [String(index)]);
    const members = childElements(set, 'MemberCode')
      .map((m) => refOf(ctx, m.attrs.targetGUID ?? m.attrs.guid))
      .filter((m): m is string => m !== undefined && codeIds.has(m));
    const others = childElements(set, 'MemberSource').length + childElements(set, 'MemberNote').length;
    if (members.length === 0 && others > 0 && !extra?.themes[id]) {
      skipped += 1;
      return;
    }
    themes.push({
      id,
      name: set.attrs.name?.trim() || 'Unnamed set',
      definition: descriptionOf(set),
      boundaries: '',
      status: 'candidate',
      codeIds: [...new Set(members)],
      color: paletteColor(index + 8),
      order: themes.length,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
  });
  if (skipped) {
    ctx.warnings.push(`${skipped} set(s) group only documents or notes; Tessera keeps sets of codes (as themes) only, so they were left out`);
  }
  return themes;
}

// ----- codebook ------------------------------------------------------------------------------------------------

function readCodebookXml(source: Uint8Array | string | XmlElement, fileName: string): ReadResult {
  const root = typeof source === 'string' || source instanceof Uint8Array ? parseXml(source) : source;
  const ctx: Context = { fileName, warnings: [], now: Date.now(), ids: new Map() };
  if (root.name !== 'CodeBook') {
    throw new Error(`it is not a REFI-QDA codebook: its root element is <${root.name}>, not <CodeBook>`);
  }
  checkNamespace(ctx, root, 'codebook');
  checkDuplicateGuids(root);
  const codes = readCodeTree(ctx, firstChild(root, 'Codes'), []);
  const themes = readSets(ctx, firstChild(root, 'Sets'), new Set(codes.map((c) => c.id)));
  const name = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '') || 'Codebook';
  return {
    project: {
      project: { id: newId(), name, description: '', createdAt: ctx.now, updatedAt: ctx.now },
      documents: [],
      texts: [],
      cases: [],
      attributes: [],
      attributeValues: [],
      codes,
      codings: [],
      memos: [],
      themes,
      coders: [],
    },
    warnings: ctx.warnings,
  };
}

// ----- project -------------------------------------------------------------------------------------------------

type NoteTarget = { type: MemoTarget; id: string };
interface NoteRefSite {
  target: NoteTarget;
  ref: XmlElement;
}

interface PendingSelection extends FilePositions {
  guid: string;
  element: XmlElement;
}

interface PendingSource {
  id: string;
  name: string;
  element: XmlElement;
  map: TextPositionMap;
  size: number;
  encoding: string;
  selections: PendingSelection[];
}

interface EntryIndex {
  keys: string[];
  /** Each entry name in lower case -> the first entry so named. */
  byLower: Map<string, string>;
}

const entryIndexes = new WeakMap<Record<string, Uint8Array>, EntryIndex>();

/** The archive's entry names, indexed once per archive (a project has thousands of sources). */
function entryIndex(entries: Record<string, Uint8Array>): EntryIndex {
  let index = entryIndexes.get(entries);
  if (!index) {
    const keys = Object.keys(entries);
    const byLower = new Map<string, string>();
    for (const k of keys) {
      const lower = k.toLowerCase();
      if (!byLower.has(lower)) byLower.set(lower, k);
    }
    index = { keys, byLower };
    entryIndexes.set(entries, index);
  }
  return index;
}

/** Finds an internal file: "internal://x.txt", "x.txt", "sources/x.txt", in any case, in any folder. */
function findInternalFile(entries: Record<string, Uint8Array>, path: string): Uint8Array | undefined {
  const name = path
    .replace(/^internal:\/\//i, '')
    .replace(/\\/g, '/')
    .replace(/^\/+/, '');
  const lower = name.toLowerCase();
  const { keys, byLower } = entryIndex(entries);
  const exact =
    byLower.get(`sources/${lower}`) ??
    byLower.get(lower) ??
    keys.find((k) => k.toLowerCase().endsWith(`/${lower}`));
  if (exact !== undefined) return entries[exact];
  const base = lower.replace(/^.*\//, '');
  const byBase = keys.find((k) => k.toLowerCase().replace(/^.*\//, '') === base);
  return byBase === undefined ? undefined : entries[byBase];
}

function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { text: decodeXmlBytes(bytes), encoding: bytes[0] === 0xff ? 'utf-16le' : 'utf-16be' };
  }
  try {
    // ignoreBOM keeps the BOM in the string, so the position map can see (and skip) it exactly.
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** The text of a TextSource or Note: its PlainTextContent or the internal file its plainTextPath names. */
function sourceText(
  element: XmlElement,
  entries: Record<string, Uint8Array>,
  what: string,
): { text: string; size: number; encoding: string } | { missing: string } {
  const inline = firstChild(element, 'PlainTextContent');
  const path = element.attrs.plainTextPath;
  if (path && path.trim() !== '') {
    if (/^(relative|absolute):\/\//i.test(path)) {
      return { missing: `the text of ${what} is an external file (${path}), not inside the archive` };
    }
    const bytes = findInternalFile(entries, path);
    if (!bytes) return { missing: `the text of ${what} (${path}) is missing from the archive` };
    const { text, encoding } = decodeText(bytes);
    return { text, size: bytes.length, encoding };
  }
  if (inline) return { text: inline.text, size: new TextEncoder().encode(inline.text).length, encoding: 'utf-8' };
  return { missing: `${what} has no text (neither PlainTextContent nor plainTextPath)` };
}

async function readProjectXml(root: XmlElement, entries: Record<string, Uint8Array>, fileName: string): Promise<ReadResult> {
  const ctx: Context = { fileName, warnings: [], now: Date.now(), ids: new Map() };
  checkNamespace(ctx, root, 'project');
  checkDuplicateGuids(root);

  let extra: TesseraExtra | undefined;
  const extraBytes = Object.entries(entries).find(([k]) => k.toLowerCase() === EXTRA_PATH)?.[1];
  if (extraBytes) {
    const parsed = parseExtra(new TextDecoder().decode(extraBytes));
    extra = parsed.extra;
    if (parsed.problem) ctx.warnings.push(parsed.problem);
  }

  const noteRefs: NoteRefSite[] = [];

  // Users become coders.
  const coders: CoderRecord[] = [];
  const coderIds = new Set<string>();
  const addCoder = (id: string, name: string): void => {
    if (coderIds.has(id)) return;
    coderIds.add(id);
    const e = extra?.coders[id];
    coders.push({
      id,
      name,
      initials: e?.initials || initialsOf(name),
      color: normaliseColor(e?.color) ?? paletteColor(coders.length),
    });
  };
  const users = firstChild(root, 'Users');
  (users ? childElements(users, 'User') : []).forEach((user, index) => {
    const id = idOf(ctx, user.attrs.guid, 'user', [String(index)]);
    addCoder(id, user.attrs.name?.trim() || user.attrs.id?.trim() || `Coder ${index + 1}`);
  });
  let unknownUsers = 0;
  const coderFor = (raw: string | undefined): string | undefined => {
    const id = refOf(ctx, raw);
    if (id === undefined) return undefined;
    if (!coderIds.has(id)) {
      unknownUsers += 1;
      addCoder(id, `Unknown coder ${id.slice(0, 8)}`);
    }
    return id;
  };
  const projectUser = refOf(ctx, root.attrs.creatingUserGUID);

  // Codes.
  const codebook = firstChild(root, 'CodeBook');
  const codes = readCodeTree(ctx, codebook ? firstChild(codebook, 'Codes') : undefined, noteRefs);
  const codeIds = new Set(codes.map((c) => c.id));

  // Variables: their scope is decided by where values appear.
  interface PendingVariable {
    id: string;
    name: string;
    type: AttributeDefinition['type'];
    options: string[];
    order: number;
    onCases: number;
    onDocuments: number;
  }
  const variables = new Map<string, PendingVariable>();
  const variablesElement = firstChild(root, 'Variables');
  (variablesElement ? childElements(variablesElement, 'Variable') : []).forEach((v, index) => {
    const id = idOf(ctx, v.attrs.guid, 'variable', [String(index)]);
    const kind = v.attrs.typeOfVariable ?? 'Text';
    const type: AttributeDefinition['type'] =
      kind === 'Integer' || kind === 'Float' ? 'number' : kind === 'Date' || kind === 'DateTime' ? 'date' : kind === 'Boolean' ? 'category' : 'text';
    variables.set(id, {
      id,
      name: v.attrs.name?.trim() || `Variable ${index + 1}`,
      type,
      options: kind === 'Boolean' ? ['true', 'false'] : [],
      order: index,
      onCases: 0,
      onDocuments: 0,
    });
  });
  const rawValues: { ownerId: string; ownerType: 'case' | 'document'; variableId: string; value: string }[] = [];
  let strayValues = 0;
  const readValues = (owner: XmlElement, ownerId: string, ownerType: 'case' | 'document'): void => {
    for (const vv of childElements(owner, 'VariableValue')) {
      const ref = firstChild(vv, 'VariableRef');
      const variableId = refOf(ctx, ref?.attrs.targetGUID);
      const variable = variableId ? variables.get(variableId) : undefined;
      const valueElement = vv.children.find((c) => c.name !== 'VariableRef');
      if (!variable || !valueElement) {
        strayValues += 1;
        continue;
      }
      const value = valueElement.text.trim();
      if (value === '') continue;
      if (ownerType === 'case') variable.onCases += 1;
      else variable.onDocuments += 1;
      rawValues.push({ ownerId, ownerType, variableId: variable.id, value });
    }
  };

  // Cases.
  const cases: CaseRecord[] = [];
  const caseOfSource = new Map<string, string>();
  let multiCaseSources = 0;
  let caseSelectionRefs = 0;
  const casesElement = firstChild(root, 'Cases');
  (casesElement ? childElements(casesElement, 'Case') : []).forEach((c, index) => {
    const id = idOf(ctx, c.attrs.guid, 'case', [String(index)]);
    cases.push({
      id,
      name: c.attrs.name?.trim() || `Case ${index + 1}`,
      description: descriptionOf(c),
      order: extra?.cases[id]?.order ?? index,
    });
    readValues(c, id, 'case');
    for (const ref of childElements(c, 'SourceRef')) {
      const sourceId = refOf(ctx, ref.attrs.targetGUID);
      if (!sourceId) continue;
      if (caseOfSource.has(sourceId) && caseOfSource.get(sourceId) !== id) multiCaseSources += 1;
      else caseOfSource.set(sourceId, id);
    }
    caseSelectionRefs += childElements(c, 'SelectionRef').length + childElements(c, 'CodeRef').length;
  });

  // Sources: text sources, and the text representation of PDF sources.
  const pending: PendingSource[] = [];
  const sourcesElement = firstChild(root, 'Sources');
  let skippedMedia = 0;
  for (const [index, element] of (sourcesElement?.children ?? []).entries()) {
    let textElement: XmlElement | undefined;
    if (element.name === 'TextSource') textElement = element;
    else if (element.name === 'PDFSource') textElement = firstChild(element, 'Representation');
    if (!textElement) {
      skippedMedia += 1;
      continue;
    }
    const id = idOf(ctx, element.attrs.guid, 'source', [String(index)]);
    const name = element.attrs.name?.trim() || textElement.attrs.name?.trim() || `Document ${pending.length + 1}`;
    const text = sourceText(textElement, entries, `source "${name}"`);
    if ('missing' in text) throw new Error(text.missing);
    const selections: PendingSelection[] = [];
    for (const [k, sel] of childElements(textElement, 'PlainTextSelection').entries()) {
      const start = sel.attrs.startPosition?.trim() ? Number(sel.attrs.startPosition) : NaN;
      const end = sel.attrs.endPosition?.trim() ? Number(sel.attrs.endPosition) : NaN;
      const guid = idOf(ctx, sel.attrs.guid, 'selection', [id, String(k)]);
      if (!Number.isInteger(start) || !Number.isInteger(end)) {
        throw new Error(
          `selection ${sel.attrs.guid ?? guid} in source "${name}" has positions "${sel.attrs.startPosition}" to "${sel.attrs.endPosition}", which are not whole numbers`,
        );
      }
      selections.push({ guid, element: sel, start, end });
    }
    pending.push({ id, name, element: textElement, map: new TextPositionMap(text.text), size: text.size, encoding: text.encoding, selections });
    if (textElement !== element) {
      for (const ref of childElements(element, 'NoteRef')) noteRefs.push({ target: { type: 'document', id }, ref });
    }
  }
  if (skippedMedia) {
    ctx.warnings.push(`${skippedMedia} picture, audio or video source(s) were left out: Tessera analyses text`);
  }

  // Which unit the positions are in: measured over every selection of the file.
  const preferred: PositionUnit[] = extra
    ? [extra.positions]
    : /nvivo/i.test(root.attrs.origin ?? '')
      ? ['utf16', 'codepoints']
      : [...POSITION_UNITS];
  const detection = detectUnit(pending.map((p) => ({ map: p.map, selections: p.selections })), preferred);
  const unit = detection.unit;
  if (detection.outOfRange) {
    for (const p of pending) {
      for (const s of p.selections) {
        const a = p.map.toStored(s.start, unit, 'start');
        const b = p.map.toStored(s.end, unit, 'end');
        if (!a || !b || s.start > s.end) {
          throw new Error(
            `selection ${s.element.attrs.guid ?? s.guid} in source "${p.name}" runs from ${s.start} to ${s.end}, outside the source's text (${p.map.length(unit)} characters)`,
          );
        }
      }
    }
  }
  const selectionCount = pending.reduce((n, p) => n + p.selections.length, 0);
  if (selectionCount > 0 && !(extra && extra.positions === unit) && unit !== 'codepoints') {
    const best = detection.scores[0]!;
    const standard = detection.scores.find((s) => s.unit === 'codepoints')!;
    ctx.warnings.push(
      `selection positions read as ${describeUnit(unit)}: ${best.onWordBoundary} of ${best.total * 2} selection edges fall between words that way (as code points: ${standard.onWordBoundary})`,
    );
  }
  if (detection.doubt) ctx.warnings.push(detection.doubt);
  const inexactMaps = pending.filter((p) => !p.map.exact).map((p) => p.name);
  if (inexactMaps.length) {
    ctx.warnings.push(`the text of ${inexactMaps.map((n) => `"${n}"`).join(', ')} changed in Unicode normalisation in a way that makes some positions approximate: check its codings`);
  }

  // Documents, texts and codings.
  const documents: DocumentRecord[] = [];
  const texts: DocumentText[] = [];
  const codings: CodingRecord[] = [];
  const codingKeys = new Set<string>();
  const codingsOfSelection = new Map<string, string[]>();
  let missingCodes = 0;
  let duplicates = 0;
  let uncoded = 0;
  const defaultCoder = (): string => {
    if (projectUser) return coderFor(projectUser)!;
    const id = deriveId('refi-unknown-coder', fileName);
    addCoder(id, 'Unknown coder');
    return id;
  };
  const addCoding = (
    coding: XmlElement,
    documentId: string,
    start: number,
    end: number,
    fallbackUser: string | undefined,
    fallbackTime: string | undefined,
    index: string,
  ): string | undefined => {
    const codeId = refOf(ctx, firstChild(coding, 'CodeRef')?.attrs.targetGUID);
    if (!codeId || !codeIds.has(codeId)) {
      missingCodes += 1;
      return undefined;
    }
    const coderId = coderFor(coding.attrs.creatingUser) ?? coderFor(fallbackUser) ?? defaultCoder();
    const key = `${documentId}|${codeId}|${coderId}|${start}|${end}`;
    if (codingKeys.has(key)) {
      duplicates += 1;
      return undefined;
    }
    codingKeys.add(key);
    const id = idOf(ctx, coding.attrs.guid, 'coding', [documentId, index]);
    const e = extra?.codings[id];
    const record: CodingRecord = {
      id,
      documentId,
      codeId,
      coderId,
      start,
      end,
      createdAt: e?.createdAt || timeOf(coding.attrs.creationDateTime ?? fallbackTime, ctx.now),
    };
    if (e?.exemplar) record.exemplar = true;
    codings.push(record);
    for (const ref of childElements(coding, 'NoteRef')) noteRefs.push({ target: { type: 'coding', id }, ref });
    return id;
  };

  // Descriptions of sources and selections, which Tessera has no field for, become memos about them.
  const describedItems: { id: string; target: NoteTarget; title: string; text: string }[] = [];
  for (const [order, p] of pending.entries()) {
    const text = p.map.text;
    const hash = await hashText(text);
    const e = extra?.documents[p.id];
    const sourceUser = p.element.attrs.creatingUser;
    const doc: DocumentRecord = {
      id: p.id,
      name: p.name,
      order: e?.order ?? order,
      length: text.length,
      words: countWords(text),
      source: e
        ? { ...e.source, hash }
        : { fileName, size: p.size, format: 'qdpx', hash, importedAt: ctx.now, encoding: p.encoding },
      createdAt: e?.createdAt || timeOf(p.element.attrs.creationDateTime, ctx.now),
      updatedAt: e?.updatedAt || timeOf(p.element.attrs.modifiedDateTime ?? p.element.attrs.creationDateTime, ctx.now),
    };
    const caseId = caseOfSource.get(p.id);
    if (caseId) doc.caseId = caseId;
    documents.push(doc);
    const sameText = e !== undefined && e.fingerprint === fingerprint(text);
    const structure = sameText ? { turns: e.turns.filter((t) => t.end <= text.length), blocks: e.blocks.filter((b) => b.end <= text.length) } : { turns: [], blocks: [] };
    if (e && !sameText && (e.turns.length || e.blocks.length)) {
      ctx.warnings.push(`the text of "${p.name}" was changed outside Tessera, so its turns and blocks were not restored`);
    }
    texts.push({ id: p.id, text, ...structure });
    const about = descriptionOf(p.element).trim();
    if (about) describedItems.push({ id: deriveId('refi-description', p.id), target: { type: 'document', id: p.id }, title: `Description of ${p.name}`, text: about });
    readValues(p.element, p.id, 'document');
    for (const ref of childElements(p.element, 'NoteRef')) noteRefs.push({ target: { type: 'document', id: p.id }, ref });

    // A coding directly on the source codes all of it.
    for (const [k, coding] of childElements(p.element, 'Coding').entries()) {
      addCoding(coding, p.id, 0, text.length, sourceUser, undefined, `whole-${k}`);
    }
    for (const s of p.selections) {
      const start = p.map.toStored(s.start, unit, 'start')!.offset;
      const end = p.map.toStored(s.end, unit, 'end')!.offset;
      const selectionCodings = childElements(s.element, 'Coding');
      if (selectionCodings.length === 0) uncoded += 1;
      const ids: string[] = [];
      for (const [k, coding] of selectionCodings.entries()) {
        const id = addCoding(
          coding,
          p.id,
          start,
          end,
          s.element.attrs.creatingUser ?? sourceUser,
          s.element.attrs.creationDateTime,
          `${s.guid}-${k}`,
        );
        if (id) ids.push(id);
      }
      codingsOfSelection.set(s.guid, ids);
      const note = descriptionOf(s.element).trim();
      if (note && ids[0]) describedItems.push({ id: deriveId('refi-description', s.guid), target: { type: 'coding', id: ids[0] }, title: 'Selection description', text: note });
      for (const ref of childElements(s.element, 'NoteRef')) {
        noteRefs.push({ target: ids[0] ? { type: 'coding', id: ids[0] } : { type: 'document', id: p.id }, ref });
      }
    }
  }
  if (missingCodes) ctx.warnings.push(`${missingCodes} coding(s) refer to a code that is not in the codebook and were left out`);
  if (duplicates) ctx.warnings.push(`${duplicates} coding(s) repeated an identical coding (same document, code, coder and passage) and were kept once`);
  if (uncoded) ctx.warnings.push(`${uncoded} selection(s) carry no coding (Tessera keeps passages only as codings) and were left out`);
  if (unknownUsers) ctx.warnings.push(`${unknownUsers} reference(s) to a user missing from <Users>; they were kept as "Unknown coder"`);
  if (multiCaseSources) ctx.warnings.push(`${multiCaseSources} source(s) belong to more than one case; Tessera keeps the first`);
  if (caseSelectionRefs) ctx.warnings.push(`${caseSelectionRefs} case link(s) to single selections or codes were left out (Tessera links cases to whole documents)`);
  if (strayValues) ctx.warnings.push(`${strayValues} variable value(s) name no known variable and were left out`);

  // Attributes: one definition per variable and scope it is used in.
  const attributes: AttributeDefinition[] = [];
  const attributeFor = new Map<string, string>();
  for (const v of variables.values()) {
    const e = extra?.attributes[v.id];
    const scopes: ('case' | 'document')[] = e
      ? [e.scope]
      : v.onCases && v.onDocuments
        ? ['case', 'document']
        : v.onDocuments
          ? ['document']
          : ['case'];
    for (const scope of scopes) {
      const id = scope === scopes[0] ? v.id : deriveId('refi-variable-scope', v.id, scope);
      attributeFor.set(`${v.id}|${scope}`, id);
      attributes.push({
        id,
        name: v.name,
        scope,
        type: e?.type ?? v.type,
        options: e?.options ?? v.options,
        order: e?.order ?? v.order,
      });
    }
  }
  const attributeValues: AttributeValue[] = [];
  const valueKeys = new Set<string>();
  for (const raw of rawValues) {
    const attributeId = attributeFor.get(`${raw.variableId}|${raw.ownerType}`) ?? attributeFor.get(`${raw.variableId}|${raw.ownerType === 'case' ? 'document' : 'case'}`);
    if (!attributeId || valueKeys.has(`${raw.ownerId}|${attributeId}`)) continue;
    valueKeys.add(`${raw.ownerId}|${attributeId}`);
    attributeValues.push({ ownerId: raw.ownerId, attributeId, value: raw.value });
  }

  // Themes from Sets.
  const themes = readSets(ctx, firstChild(root, 'Sets'), codeIds, extra);
  const themeIds = new Set(themes.map((t) => t.id));
  for (const theme of themes) {
    const e = extra?.themes[theme.id];
    if (!e) continue;
    theme.boundaries = e.boundaries;
    theme.status = e.status;
    if (e.parentId && themeIds.has(e.parentId) && e.parentId !== theme.id) theme.parentId = e.parentId;
    theme.color = normaliseColor(e.color) ?? theme.color;
    theme.order = e.order;
    theme.createdAt = e.createdAt || theme.createdAt;
    theme.updatedAt = e.updatedAt || theme.updatedAt;
  }

  // Codes: what REFI-QDA cannot hold, when the file still says what Tessera wrote.
  for (const code of codes) {
    const e = extra?.codes[code.id];
    if (!e) continue;
    code.order = e.order;
    code.createdAt = e.createdAt || code.createdAt;
    if (e.history) code.history = e.history;
    if (e.written === code.description) {
      code.description = e.description;
      code.inclusion = e.inclusion;
      code.exclusion = e.exclusion;
      code.example = e.example;
    }
  }

  // Notes become memos, attached to what refers to them.
  const projectId = extra?.project.id || newId();
  const linksElement = firstChild(root, 'Links');
  const documentIds = new Set(documents.map((d) => d.id));
  const caseIds = new Set(cases.map((c) => c.id));
  const codingIds = new Set(codings.map((c) => c.id));
  const targetOf = (id: string): NoteTarget | undefined => {
    if (codeIds.has(id)) return { type: 'code', id };
    if (documentIds.has(id)) return { type: 'document', id };
    if (caseIds.has(id)) return { type: 'case', id };
    if (themeIds.has(id)) return { type: 'theme', id };
    if (codingIds.has(id)) return { type: 'coding', id };
    const ofSelection = codingsOfSelection.get(id);
    if (ofSelection?.[0]) return { type: 'coding', id: ofSelection[0] };
    return undefined;
  };
  for (const ref of childElements(root, 'NoteRef')) noteRefs.push({ target: { type: 'project', id: projectId }, ref });
  const noteTargets = new Map<string, NoteTarget>();
  let multiTargets = 0;
  const setTarget = (noteId: string, target: NoteTarget): void => {
    if (noteTargets.has(noteId)) multiTargets += 1;
    else noteTargets.set(noteId, target);
  };
  for (const { target, ref } of noteRefs) {
    const noteId = refOf(ctx, ref.attrs.targetGUID);
    if (noteId) setTarget(noteId, target);
  }
  for (const link of linksElement ? childElements(linksElement, 'Link') : []) {
    const origin = refOf(ctx, link.attrs.originGUID);
    const target = refOf(ctx, link.attrs.targetGUID);
    if (!origin || !target) continue;
    const t1 = targetOf(target);
    const t2 = targetOf(origin);
    if (t1) setTarget(origin, t1);
    else if (t2) setTarget(target, t2);
  }
  const memos: MemoRecord[] = [];
  let notesWithoutText = 0;
  const notesElement = firstChild(root, 'Notes');
  for (const [index, note] of (notesElement ? childElements(notesElement, 'Note') : []).entries()) {
    const id = idOf(ctx, note.attrs.guid, 'note', [String(index)]);
    const found = sourceText(note, entries, `note "${note.attrs.name ?? id}"`);
    let plainText = '';
    if ('missing' in found) notesWithoutText += 1;
    else plainText = new TextPositionMap(found.text).text;
    const e = extra?.memos[id];
    const fromExtraTarget = e && (e.targetType === 'project' || e.targetType === 'journal' ? { type: e.targetType, id: projectId } : targetOf(e.targetId)?.type === e.targetType ? { type: e.targetType, id: e.targetId } : undefined);
    const target = fromExtraTarget ?? noteTargets.get(id) ?? { type: 'project' as const, id: projectId };
    const author = refOf(ctx, note.attrs.creatingUser);
    const memo: MemoRecord = {
      id,
      targetType: target.type,
      targetId: target.id,
      title: note.attrs.name?.trim() ?? '',
      content: e && e.plainText === plainText ? e.content : plainTextToMemoContent(plainText),
      plainText,
      createdAt: e?.createdAt || timeOf(note.attrs.creationDateTime, ctx.now),
      updatedAt: e?.updatedAt || timeOf(note.attrs.modifiedDateTime ?? note.attrs.creationDateTime, ctx.now),
    };
    if (e?.date) memo.date = e.date;
    const authorId = e?.authorId ?? author;
    if (authorId && coderIds.has(authorId)) memo.authorId = authorId;
    memos.push(memo);
  }
  const memoIds = new Set(memos.map((m) => m.id));
  for (const item of describedItems) {
    if (memoIds.has(item.id)) continue;
    memos.push({
      id: item.id,
      targetType: item.target.type,
      targetId: item.target.id,
      title: item.title,
      content: plainTextToMemoContent(item.text),
      plainText: item.text,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
  }
  const graphs = firstChild(root, 'Graphs');
  if (graphs && graphs.children.length) {
    ctx.warnings.push(`${graphs.children.length} graph(s) were left out: Tessera has no graphs`);
  }
  if (notesWithoutText) ctx.warnings.push(`${notesWithoutText} note(s) had no readable text and were kept empty`);
  if (multiTargets) ctx.warnings.push(`${multiTargets} note(s) were attached to more than one item; Tessera attaches a memo to the first`);

  const description = descriptionOf(root);
  const project: ProjectData = {
    project: {
      id: projectId,
      name: root.attrs.name?.trim() || fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '') || 'Project',
      description,
      createdAt: extra?.project.createdAt || timeOf(root.attrs.creationDateTime, ctx.now),
      updatedAt: extra?.project.updatedAt || timeOf(root.attrs.modifiedDateTime ?? root.attrs.creationDateTime, ctx.now),
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
  return { project, warnings: ctx.warnings };
}

export { ExchangeError };
