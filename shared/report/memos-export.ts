/**
 * Memos and the reflexive journal as a document (Word or Markdown), from each memo's plain text: first the journal,
 * entries by date (undated ones last, by when they were written), then memos grouped by what they are about: the
 * project, themes, codes, cases, documents and coded passages. A memo on a passage or a coding quotes the passage.
 * Empty memos are left out.
 */
import type { MemoRecord, MemoTarget, ProjectData } from '../model/types';
import { buildQueryIndex } from '../query/index-build';
import type { ReportBlock, ReportDocument } from './document';
import { renderDocx, type DocxOptions } from './render-docx';
import { renderMarkdown } from './render-markdown';

export interface MemosExportOptions {
  /** Leave out the journal, or the other memos. */
  journal?: boolean;
  memos?: boolean;
  /** Replaces names with pseudonyms in the memos' text and titles and in quoted passages. */
  pseudonymise?: (text: string) => string;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-06-03" -> "3 June 2026"; anything else is returned as it is. */
export function formatDay(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  return match && month ? `${Number(match[3])} ${month} ${match[1]}` : date;
}

function dayOf(timestamp: number): string {
  const d = new Date(timestamp);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** Paragraphs of a memo's plain text: one per line (the editor writes one line per paragraph). */
function paragraphs(text: string): ReportBlock[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p): ReportBlock => ({ kind: 'paragraph', content: [{ text: p }] }));
}

const GROUPS: { target: MemoTarget; heading: string }[] = [
  { target: 'project', heading: 'Project memos' },
  { target: 'theme', heading: 'Theme memos' },
  { target: 'code', heading: 'Code memos' },
  { target: 'case', heading: 'Case memos' },
  { target: 'document', heading: 'Document memos' },
  { target: 'coding', heading: 'Memos on coded passages' },
];

export function memosDocument(project: ProjectData, options: MemosExportOptions = {}): ReportDocument {
  const ps = options.pseudonymise ?? ((text: string) => text);
  const index = buildQueryIndex(project);
  const coders = new Map(project.coders.map((c) => [c.id, c.name]));
  const codings = new Map(project.codings.map((c) => [c.id, c]));
  const written = project.memos.filter((m) => m.plainText.trim());
  const blocks: ReportBlock[] = [];
  const byCreated = (a: MemoRecord, b: MemoRecord): number => a.createdAt - b.createdAt || a.title.localeCompare(b.title);

  if (options.journal !== false) {
    const entries = written
      .filter((m) => m.targetType === 'journal')
      .sort((a, b) => (a.date ?? '\uffff').localeCompare(b.date ?? '\uffff') || byCreated(a, b));
    blocks.push({ kind: 'heading', level: 1, text: 'Reflexive journal' });
    if (entries.length === 0) blocks.push({ kind: 'paragraph', content: [{ text: 'No journal entries.' }] });
    for (const entry of entries) {
      const day = formatDay(entry.date ?? dayOf(entry.createdAt));
      const title = entry.title.trim() ? `${day}: ${ps(entry.title.trim())}` : day;
      blocks.push({ kind: 'heading', level: 2, text: title });
      const author = entry.authorId ? coders.get(entry.authorId) : undefined;
      if (author) blocks.push({ kind: 'paragraph', content: [{ text: author, italic: true }] });
      blocks.push(...paragraphs(ps(entry.plainText)));
    }
  }

  if (options.memos !== false) {
    blocks.push({ kind: 'heading', level: 1, text: 'Memos' });
    const quote = (documentId: string, start: number, end: number): ReportBlock | undefined => {
      const text = index.texts.get(documentId)?.text;
      const document = index.documents.get(documentId);
      if (text === undefined || !document || start < 0 || end > text.length || end <= start) return undefined;
      return {
        kind: 'quote',
        quote: {
          codingId: '',
          documentId,
          documentName: ps(document.name),
          codeId: '',
          codePath: '',
          start,
          end,
          text: ps(text.slice(start, end)),
          trimmed: false,
          attribution: `(${ps(document.name)})`,
          source: 'chosen',
        },
      };
    };
    let any = false;
    for (const group of GROUPS) {
      const memos = written.filter((m) => m.targetType === group.target).sort(byCreated);
      if (memos.length === 0) continue;
      any = true;
      blocks.push({ kind: 'heading', level: 2, text: group.heading });
      for (const memo of memos) {
        let about = '';
        let passage: ReportBlock | undefined;
        switch (memo.targetType) {
          case 'theme':
            about = index.themes.get(memo.targetId)?.name ?? '';
            break;
          case 'code':
            about = index.codePaths.get(memo.targetId) ?? '';
            break;
          case 'case':
            about = index.cases.get(memo.targetId)?.name ?? '';
            break;
          case 'document':
            about = index.documents.get(memo.targetId)?.name ?? '';
            if (memo.anchor) passage = quote(memo.targetId, memo.anchor.start, memo.anchor.end);
            break;
          case 'coding': {
            const coding = codings.get(memo.targetId);
            if (coding) {
              about = [index.documents.get(coding.documentId)?.name, index.codePaths.get(coding.codeId)].filter(Boolean).join(', ');
              passage = quote(coding.documentId, coding.start, coding.end);
            }
            break;
          }
        }
        const title = memo.title.trim() || 'Untitled memo';
        blocks.push({ kind: 'heading', level: 3, text: about ? `${ps(about)}: ${ps(title)}` : ps(title) });
        if (passage) blocks.push(passage);
        blocks.push(...paragraphs(ps(memo.plainText)));
      }
    }
    if (!any) blocks.push({ kind: 'paragraph', content: [{ text: 'No memos.' }] });
  }
  return { title: `Memos and reflexive journal: ${ps(project.project.name)}`, blocks };
}

export function memosMarkdown(project: ProjectData, options: MemosExportOptions = {}): string {
  return renderMarkdown(memosDocument(project, options));
}

export function memosDocx(project: ProjectData, options: MemosExportOptions & DocxOptions = {}): Promise<Uint8Array> {
  return renderDocx(memosDocument(project, options), options);
}
