import { newId } from '../../shared/model/ids';
import { plainTextToMemoContent } from '../../shared/model/memo-content';
import type { DocumentRecord, DocumentText, MemoRecord } from '../../shared/model/types';
import type { ImportedDocument } from '../../shared/import/types';
import { countWords } from '../../shared/text/normalise';
import type { Command } from '../db/command-history';

/** Adds one imported document (text, structure, and its comments as anchored memos) as one undoable change. */
export function importDocumentCommand(
  imported: ImportedDocument,
  source: { fileName: string; size: number; hash: string },
  order: number,
): { command: Command; documentId: string } {
  const now = Date.now();
  const id = newId();
  const document: DocumentRecord = {
    id,
    name: imported.name,
    order,
    length: imported.text.length,
    words: countWords(imported.text),
    source: { fileName: source.fileName, size: source.size, format: imported.format, hash: source.hash, importedAt: now, encoding: imported.encoding },
    createdAt: now,
    updatedAt: now,
  };
  const text: DocumentText = { id, text: imported.text, turns: imported.turns, blocks: imported.blocks };
  const memos: MemoRecord[] = imported.comments.map((comment, i) => ({
    id: newId(),
    targetType: 'document',
    targetId: id,
    title: comment.author ? `Comment by ${comment.author}` : `Comment ${i + 1}`,
    content: plainTextToMemoContent(comment.text),
    plainText: comment.text,
    anchor: { start: comment.start, end: comment.end },
    createdAt: now,
    updatedAt: now,
  }));
  return {
    documentId: id,
    command: {
      name: 'document.import',
      label: `Import “${imported.name}”`,
      // Every row here has an id made just now: added without reading what was there before, and all at once
      // (one round trip to the database rather than one per table: an import stores many of these in a row).
      run: async (w) => {
        await Promise.all([w.insertMany('documents', [document]), w.insertMany('texts', [text]), w.insertMany('memos', memos)]);
      },
    },
  };
}
