import { applyTextEdits, type TextEdit } from '../../shared/text/offset-map';
import { countWords, normaliseText } from '../../shared/text/normalise';
import type { Id } from '../../shared/model/types';
import type { Command } from '../db/command-history';

/**
 * The smallest single edit that turns `before` into `after` (common prefix and suffix kept), as an edit at `offset`
 * in the document. Returns null when nothing changed.
 */
export function diffAsEdit(before: string, after: string, offset: number): TextEdit | null {
  if (before === after) return null;
  let prefix = 0;
  const max = Math.min(before.length, after.length);
  while (prefix < max && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  // Never split a surrogate pair.
  if (prefix > 0 && /[\uD800-\uDBFF]/.test(before[prefix - 1]!)) prefix--;
  if (suffix > 0 && /[\uDC00-\uDFFF]/.test(before[before.length - suffix]!)) suffix--;
  return { start: offset + prefix, end: offset + before.length - suffix, text: after.slice(prefix, after.length - suffix) };
}

const quote = (s: string) => (s.length > 30 ? `${s.slice(0, 28)}…` : s);

/**
 * Corrects a document's text (a transcription error): the text changes through the one offset mapping, and every
 * coding, turn, block and memo anchor moves with it; a coding whose words were all deleted goes (undo restores it).
 */
export function correctText(documentId: Id, documentName: string, edit: TextEdit, oldText: string): Command {
  const replacement = normaliseText(edit.text);
  const removed = oldText.slice(edit.start, edit.end);
  return {
    name: 'document.correct-text',
    label: `Correct “${quote(removed || '…')}” to “${quote(replacement || '…')}” in “${documentName}”`,
    run: async (w) => {
      const current = await w.db.texts.get(documentId);
      if (!current) throw new Error('The document no longer exists');
      if (current.text.slice(edit.start, edit.end) !== removed) throw new Error('The text changed meanwhile; try again');
      const edited = applyTextEdits(current, [{ ...edit, text: replacement }]);
      await w.put('texts', edited.text);
      const codings = await w.db.codings.where('documentId').equals(documentId).toArray();
      const gone: string[] = [];
      const moved = [];
      for (const coding of codings) {
        const next = edited.move(coding);
        if (!next) gone.push(coding.id);
        else if (next.start !== coding.start || next.end !== coding.end) moved.push(next);
      }
      await w.deleteMany('codings', gone);
      await w.putMany('codings', moved);
      const memos = await w.db.memos.where('[targetType+targetId]').equals(['document', documentId]).toArray();
      for (const memo of memos) {
        if (!memo.anchor) continue;
        const anchor = edited.move(memo.anchor);
        await w.update('memos', memo.id, { anchor: anchor ?? undefined });
      }
      await w.update('documents', documentId, { length: edited.text.text.length, words: countWords(edited.text.text), updatedAt: Date.now() });
    },
  };
}
