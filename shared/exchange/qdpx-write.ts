/**
 * Writes Tessera projects as REFI-QDA 1.5 projects (.qdpx) and codebooks (.qdc) that validate against the
 * standard's schemas: children in schema order, no empty lists, positions in code points as the standard says (or,
 * on request, NVivo's UTF-16 with CRLF). What REFI-QDA cannot hold goes to tessera/extra.json in the archive.
 */
import { zipSync, strToU8 } from 'fflate';
import type { CodeRecord, CodingRecord, MemoRecord, ProjectData } from '../model/types';
import { normaliseText } from '../text/normalise';
import {
  EXTRA_FORMAT,
  EXTRA_PATH,
  EXTRA_VERSION,
  type ExtraAttribute,
  type ExtraCode,
  type ExtraDocument,
  type ExtraMemo,
  type ExtraTheme,
  type TesseraExtra,
} from './extra';
import { deriveId, fingerprint, isUuid } from './ids';
import { storedToFileConverter } from './positions';
import { dateTime, el, listEl, serialise, serialiseAt, textEl, xmlSafe, type XmlNode } from './xml-write';

export interface WriteQdpxOptions {
  /** `codepoints` (the standard, default) or `nvivo`: texts with CRLF line ends, positions in UTF-16 units. */
  positions?: 'codepoints' | 'nvivo';
  /** Only these documents (with their codings, memos and cases). */
  documentIds?: string[];
  /** Only these coders' codings (and memos). */
  coderIds?: string[];
}

export const ORIGIN = 'Tessera';

/** The DEFLATE level of a written .qdpx (see writeQdpx). */
export const EXPORT_LEVEL = 2;

/** The GUID written for a Tessera id: the id itself when it is a UUID, otherwise a stable UUID made from it. */
export function guidFor(id: string): string {
  const lower = id.toLowerCase();
  return isUuid(lower) ? lower : deriveId('tessera-id', id);
}

/** What a code's REFI Description says: its definition, then inclusion, exclusion and example when given. */
export function composeCodeDescription(code: Pick<CodeRecord, 'description' | 'inclusion' | 'exclusion' | 'example'>): string {
  const parts = [code.description.trim() ? code.description : ''];
  if (code.inclusion.trim()) parts.push(`Inclusion: ${code.inclusion}`);
  if (code.exclusion.trim()) parts.push(`Exclusion: ${code.exclusion}`);
  if (code.example.trim()) parts.push(`Example: ${code.example}`);
  return xmlSafe(parts.filter(Boolean).join('\n\n'));
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const DATE = /^-?\d{4,}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?$/;

function byOrder<T extends { order: number; name: string }>(a: T, b: T): number {
  return a.order - b.order || a.name.localeCompare(b.name);
}

/** The selection of a project an export covers. */
function selectForExport(project: ProjectData, options: WriteQdpxOptions): ProjectData {
  if (!options.documentIds && !options.coderIds) return project;
  const docs = options.documentIds ? new Set(options.documentIds) : undefined;
  const coderSet = options.coderIds ? new Set(options.coderIds) : undefined;
  const documents = project.documents.filter((d) => !docs || docs.has(d.id));
  const documentIds = new Set(documents.map((d) => d.id));
  const codings = project.codings.filter((c) => documentIds.has(c.documentId) && (!coderSet || coderSet.has(c.coderId)));
  const codingIds = new Set(codings.map((c) => c.id));
  const caseIds = docs ? new Set(documents.map((d) => d.caseId).filter((id): id is string => Boolean(id))) : undefined;
  const cases = project.cases.filter((c) => !caseIds || caseIds.has(c.id));
  const keptCases = new Set(cases.map((c) => c.id));
  const memos = project.memos.filter((m) => {
    if (coderSet && m.authorId && !coderSet.has(m.authorId)) return false;
    if (m.targetType === 'document') return documentIds.has(m.targetId);
    if (m.targetType === 'coding') return codingIds.has(m.targetId);
    if (m.targetType === 'case') return keptCases.has(m.targetId);
    return true;
  });
  return {
    ...project,
    documents,
    texts: project.texts.filter((t) => documentIds.has(t.id)),
    cases,
    attributeValues: project.attributeValues.filter((v) => documentIds.has(v.ownerId) || keptCases.has(v.ownerId)),
    codings,
    memos,
    coders: project.coders.filter((c) => !coderSet || coderSet.has(c.id)),
  };
}

function codeTree(
  codes: CodeRecord[],
  node: (code: CodeRecord, children: XmlNode[]) => XmlNode,
): XmlNode[] {
  const ids = new Set(codes.map((c) => c.id));
  const childrenOf = new Map<string | undefined, CodeRecord[]>();
  for (const code of codes) {
    const parent = code.parentId && ids.has(code.parentId) && code.parentId !== code.id ? code.parentId : undefined;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), code]);
  }
  const written = new Set<string>();
  const build = (parent: string | undefined): XmlNode[] =>
    (childrenOf.get(parent) ?? [])
      .slice()
      .sort(byOrder)
      .filter((code) => !written.has(code.id) && written.add(code.id))
      .map((code) => node(code, build(code.id)));
  const roots = build(undefined);
  // A parent chain that loops never reaches the root: write those codes at the top rather than lose them.
  const lost = codes.filter((c) => !written.has(c.id));
  for (const code of lost) {
    if (written.has(code.id)) continue;
    written.add(code.id);
    roots.push(node(code, build(code.id)));
  }
  return roots;
}

/** Writes a .qdpx project (a zip archive). */
export function writeQdpx(project: ProjectData, options: WriteQdpxOptions = {}): Uint8Array {
  const data = selectForExport(project, options);
  const nvivo = options.positions === 'nvivo';
  const g = guidFor;
  const textById = new Map(data.texts.map((t) => [t.id, t]));
  const coderIds = new Set(data.coders.map((c) => c.id));
  const codeIds = new Set(data.codes.map((c) => c.id));
  const documentIds = new Set(data.documents.map((d) => d.id));
  const caseIds = new Set(data.cases.map((c) => c.id));
  const themeIds = new Set(data.themes.map((t) => t.id));
  const codingIds = new Set(data.codings.map((c) => c.id));

  // Memos: where each is referred to from.
  const noteRefsOf = new Map<string, XmlNode[]>();
  const projectNoteRefs: XmlNode[] = [];
  const links: XmlNode[] = [];
  const memosWritten: MemoRecord[] = [];
  for (const memo of data.memos) {
    const ref = el('NoteRef', { targetGUID: g(memo.id) });
    const target = memo.targetId;
    if (memo.targetType === 'project' || memo.targetType === 'journal') projectNoteRefs.push(ref);
    else if (
      (memo.targetType === 'code' && codeIds.has(target)) ||
      (memo.targetType === 'document' && documentIds.has(target)) ||
      (memo.targetType === 'coding' && codingIds.has(target))
    ) {
      noteRefsOf.set(target, [...(noteRefsOf.get(target) ?? []), ref]);
    } else if ((memo.targetType === 'case' && caseIds.has(target)) || (memo.targetType === 'theme' && themeIds.has(target))) {
      // Cases and Sets cannot hold a NoteRef: a Link from the note says what it is about.
      links.push(
        el('Link', {
          guid: deriveId('tessera-memo-link', memo.id),
          name: memo.title || undefined,
          direction: 'OneWay',
          originGUID: g(memo.id),
          targetGUID: g(target),
        }),
      );
    } else continue;
    memosWritten.push(memo);
  }

  // Attributes as Variables, typed by what their values allow.
  const valuesOf = new Map<string, { attributeId: string; value: string }[]>();
  for (const v of data.attributeValues) {
    valuesOf.set(v.ownerId, [...(valuesOf.get(v.ownerId) ?? []), v]);
  }
  const variableType = new Map<string, 'Text' | 'Float' | 'Date'>();
  for (const a of data.attributes) {
    const values = data.attributeValues.filter((v) => v.attributeId === a.id).map((v) => v.value.trim());
    let type: 'Text' | 'Float' | 'Date' = 'Text';
    if (a.type === 'number' && values.every((v) => DECIMAL.test(v))) type = 'Float';
    if (a.type === 'date' && values.every((v) => DATE.test(v))) type = 'Date';
    variableType.set(a.id, type);
  }
  const attributeIds = new Set(data.attributes.map((a) => a.id));
  const variableValues = (ownerId: string): XmlNode[] =>
    (valuesOf.get(ownerId) ?? [])
      .filter((v) => attributeIds.has(v.attributeId))
      .map((v) => {
        const type = variableType.get(v.attributeId) ?? 'Text';
        const value = type === 'Text' ? v.value : v.value.trim();
        return el('VariableValue', undefined, [
          el('VariableRef', { targetGUID: g(v.attributeId) }),
          textEl(`${type}Value`, value),
        ]);
      });

  // Sources, their selections and codings; the text files beside them.
  const files: Record<string, Uint8Array> = {};
  const sources: XmlNode[] = [];
  const casesOfDocument = new Map<string, string[]>();
  // Each document's codings, in the project's order, gathered in one pass rather than one pass per document.
  const codingsOf = new Map<string, CodingRecord[]>();
  for (const coding of data.codings) {
    if (!codeIds.has(coding.codeId)) continue;
    const list = codingsOf.get(coding.documentId);
    if (list) list.push(coding);
    else codingsOf.set(coding.documentId, [coding]);
  }
  for (const doc of data.documents.slice().sort(byOrder)) {
    const stored = textById.get(doc.id);
    if (!stored) throw new Error(`the text of document "${doc.name}" is missing from the project`);
    const text = stored.text;
    const guid = g(doc.id);
    const written = nvivo ? text.replace(/\n/g, '\r\n') : text;
    // NVivo writes its .txt with a BOM and does not count it; Tessera does the same in NVivo mode.
    files[`sources/${guid}.txt`] = strToU8(nvivo ? `\ufeff${written}` : written);
    const toFile = storedToFileConverter(text, nvivo ? 'utf16' : 'codepoints');
    const groups = new Map<string, CodingRecord[]>();
    for (const coding of codingsOf.get(doc.id) ?? []) {
      const start = Math.max(0, Math.min(coding.start, text.length));
      const end = Math.max(start, Math.min(coding.end, text.length));
      const key = `${start}|${end}|${coding.coderId}`;
      const group = groups.get(key);
      if (group) group.push({ ...coding, start, end });
      else groups.set(key, [{ ...coding, start, end }]);
    }
    const selections = [...groups.values()]
      .sort((a, b) => a[0]!.start - b[0]!.start || a[0]!.end - b[0]!.end || a[0]!.coderId.localeCompare(b[0]!.coderId))
      .map((group) => {
        const first = group[0]!;
        const created = Math.min(...group.map((c) => c.createdAt));
        const coder = coderIds.has(first.coderId) ? g(first.coderId) : undefined;
        return el(
          'PlainTextSelection',
          {
            guid: deriveId('tessera-selection', doc.id, String(first.start), String(first.end), first.coderId),
            name: text.slice(first.start, Math.min(first.end, first.start + 60)).replace(/\s+/g, ' ').trim(),
            startPosition: toFile(first.start),
            endPosition: toFile(first.end),
            creatingUser: coder,
            creationDateTime: dateTime(created),
          },
          group.map((coding) =>
            el('Coding', { guid: g(coding.id), creatingUser: coderIds.has(coding.coderId) ? g(coding.coderId) : undefined, creationDateTime: dateTime(coding.createdAt) }, [
              el('CodeRef', { targetGUID: g(coding.codeId) }),
              ...(noteRefsOf.get(coding.id) ?? []),
            ]),
          ),
        );
      });
    // Written at once (Project > Sources > TextSource), so its selections do not wait in memory for the rest.
    const source = el(
      'TextSource',
      {
        guid,
        name: doc.name,
        plainTextPath: `internal://${guid}.txt`,
        creationDateTime: dateTime(doc.createdAt),
        modifiedDateTime: dateTime(doc.updatedAt),
      },
      [...selections, ...(noteRefsOf.get(doc.id) ?? []), ...variableValues(doc.id)],
    );
    sources.push(serialiseAt(source, 2));
    if (doc.caseId && caseIds.has(doc.caseId)) {
      casesOfDocument.set(doc.caseId, [...(casesOfDocument.get(doc.caseId) ?? []), guid]);
    }
  }

  const codeNodes = codeTree(data.codes, (code, children) =>
    el('Code', { guid: g(code.id), name: code.name, isCodable: true, color: /^#[0-9a-fA-F]{6}$/.test(code.color) ? code.color.toLowerCase() : undefined }, [
      composeCodeDescription(code) ? textEl('Description', composeCodeDescription(code)) : undefined,
      ...(noteRefsOf.get(code.id) ?? []),
      ...children,
    ]),
  );

  const root = el(
    'Project',
    {
      xmlns: 'urn:QDA-XML:project:1.0',
      name: data.project.name,
      origin: ORIGIN,
      creationDateTime: dateTime(data.project.createdAt),
      modifiedDateTime: dateTime(data.project.updatedAt),
    },
    [
      listEl('Users', data.coders.map((c) => el('User', { guid: g(c.id), name: c.name }))),
      codeNodes.length ? el('CodeBook', undefined, [el('Codes', undefined, codeNodes)]) : undefined,
      listEl(
        'Variables',
        data.attributes.slice().sort(byOrder).map((a) => el('Variable', { guid: g(a.id), name: a.name, typeOfVariable: variableType.get(a.id) ?? 'Text' })),
      ),
      listEl(
        'Cases',
        data.cases.slice().sort(byOrder).map((c) =>
          el('Case', { guid: g(c.id), name: c.name }, [
            c.description ? textEl('Description', c.description) : undefined,
            ...variableValues(c.id),
            ...(casesOfDocument.get(c.id) ?? []).map((s) => el('SourceRef', { targetGUID: s })),
          ]),
        ),
      ),
      listEl('Sources', sources),
      listEl(
        'Notes',
        memosWritten.map((m) =>
          el(
            'Note',
            {
              guid: g(m.id),
              name: m.title,
              creatingUser: m.authorId && coderIds.has(m.authorId) ? g(m.authorId) : undefined,
              creationDateTime: dateTime(m.createdAt),
              modifiedDateTime: dateTime(m.updatedAt),
            },
            [textEl('PlainTextContent', m.plainText)],
          ),
        ),
      ),
      listEl('Links', links),
      listEl(
        'Sets',
        data.themes.slice().sort(byOrder).map((t) =>
          el('Set', { guid: g(t.id), name: t.name }, [
            t.definition ? textEl('Description', t.definition) : undefined,
            ...[...new Set(t.codeIds)].filter((id) => codeIds.has(id)).map((id) => el('MemberCode', { targetGUID: g(id) })),
          ]),
        ),
      ),
      data.project.description ? textEl('Description', data.project.description) : undefined,
      ...projectNoteRefs,
    ],
  );

  files['project.qde'] = strToU8(serialise(root));
  files[EXTRA_PATH] = strToU8(JSON.stringify(buildExtra(data, memosWritten, nvivo ? 'utf16' : 'codepoints')));
  const mtime = data.project.updatedAt > 315532800000 ? new Date(data.project.updatedAt) : new Date(315532800000);
  // DEFLATE at level 2: a large project's texts and XML compress about 40 % faster than at the usual level 6, for
  // files some 3 % larger; any zip reader opens them the same way.
  return zipSync(
    Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, [bytes, { mtime }]])),
    { level: EXPORT_LEVEL },
  );
}

function buildExtra(data: ProjectData, memos: MemoRecord[], positions: TesseraExtra['positions']): TesseraExtra {
  const g = guidFor;
  const keyed = <T, R>(items: T[], id: (item: T) => string, map: (item: T) => R): Record<string, R> =>
    Object.fromEntries(items.map((item) => [g(id(item)), map(item)]));
  const textById = new Map(data.texts.map((t) => [t.id, t]));
  return {
    format: EXTRA_FORMAT,
    version: EXTRA_VERSION,
    positions,
    project: {
      id: data.project.id,
      description: data.project.description,
      createdAt: data.project.createdAt,
      updatedAt: data.project.updatedAt,
    },
    documents: keyed(data.documents, (d) => d.id, (d): ExtraDocument => {
      const text = textById.get(d.id);
      return {
        order: d.order,
        source: d.source,
        createdAt: d.createdAt,
        updatedAt: d.updatedAt,
        fingerprint: fingerprint(text?.text ?? ''),
        turns: text?.turns ?? [],
        blocks: text?.blocks ?? [],
      };
    }),
    codes: keyed(data.codes, (c) => c.id, (c): ExtraCode => {
      const code: ExtraCode = {
        written: composeCodeDescription(c),
        description: c.description,
        inclusion: c.inclusion,
        exclusion: c.exclusion,
        example: c.example,
        order: c.order,
        createdAt: c.createdAt,
      };
      if (c.history) code.history = c.history;
      return code;
    }),
    codings: keyed(
      data.codings.filter((c) => c.exemplar),
      (c) => c.id,
      (c) => ({ createdAt: c.createdAt, exemplar: true }),
    ),
    themes: keyed(data.themes, (t) => t.id, (t): ExtraTheme => {
      const theme: ExtraTheme = {
        definition: t.definition,
        boundaries: t.boundaries,
        status: t.status,
        color: t.color,
        order: t.order,
        createdAt: t.createdAt,
        updatedAt: t.updatedAt,
      };
      if (t.parentId) theme.parentId = g(t.parentId);
      return theme;
    }),
    attributes: keyed(data.attributes, (a) => a.id, (a): ExtraAttribute => ({ scope: a.scope, type: a.type, options: a.options, order: a.order })),
    memos: keyed(memos, (m) => m.id, (m): ExtraMemo => {
      const memo: ExtraMemo = {
        targetType: m.targetType,
        targetId: m.targetType === 'project' || m.targetType === 'journal' ? m.targetId : g(m.targetId),
        plainText: normaliseText(xmlSafe(m.plainText)),
        content: m.content,
        createdAt: m.createdAt,
        updatedAt: m.updatedAt,
      };
      if (m.date !== undefined) memo.date = m.date;
      if (m.authorId !== undefined) memo.authorId = g(m.authorId);
      return memo;
    }),
    coders: keyed(data.coders, (c) => c.id, (c) => ({ initials: c.initials, color: c.color })),
    cases: keyed(data.cases, (c) => c.id, (c) => ({ order: c.order })),
  };
}

/** Writes a .qdc codebook: codes with hierarchy, colours and descriptions, and themes as Sets of their codes. */
export function writeQdc(project: ProjectData): string {
  if (project.codes.length === 0) {
    throw new Error('the project has no codes, and a REFI-QDA codebook must hold at least one');
  }
  const g = guidFor;
  const codeIds = new Set(project.codes.map((c) => c.id));
  const codeNodes = codeTree(project.codes, (code, children) =>
    el('Code', { guid: g(code.id), name: code.name, isCodable: true, color: /^#[0-9a-fA-F]{6}$/.test(code.color) ? code.color.toLowerCase() : undefined }, [
      composeCodeDescription(code) ? textEl('Description', composeCodeDescription(code)) : undefined,
      ...children,
    ]),
  );
  const root = el('CodeBook', { xmlns: 'urn:QDA-XML:codebook:1.0', origin: ORIGIN }, [
    el('Codes', undefined, codeNodes),
    listEl(
      'Sets',
      project.themes.slice().sort(byOrder).map((t) =>
        el('Set', { guid: g(t.id), name: t.name }, [
          t.definition ? textEl('Description', t.definition) : undefined,
          // The codebook schema names the member's GUID "guid" (the project schema says "targetGUID").
          ...[...new Set(t.codeIds)].filter((id) => codeIds.has(id)).map((id) => el('MemberCode', { guid: g(id) })),
        ]),
      ),
    ),
  ]);
  return serialise(root);
}
