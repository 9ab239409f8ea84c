import { newId } from '../../shared/model/ids';
import type { CoderRecord, CodeRecord, CodingRecord, Id } from '../../shared/model/types';
import type { ChangeWriter, Command } from '../db/command-history';

/** Commands on codings: apply, remove, recode, resize, mark as exemplar. Each is one undoable change. */

const quote = (text: string) => (text.length > 40 ? `${text.slice(0, 38).trimEnd()}…` : text);

async function ensureCoder(w: ChangeWriter, coder: CoderRecord): Promise<void> {
  const existing = await w.db.coders.get(coder.id);
  if (!existing || existing.name !== coder.name || existing.initials !== coder.initials || existing.color !== coder.color) {
    await w.put('coders', coder);
  }
}

export interface NewCoding {
  documentId: Id;
  start: number;
  end: number;
  /** The new coding's id, when the caller already shows the coding before the change is stored. */
  id?: Id;
}

/**
 * Applies a code to passages. An identical coding (same document, code, coder and range) is never added twice.
 * `newCode` creates the code in the same command, so "type a new name and Enter" is one undo step.
 */
export function applyCode(options: {
  code: Pick<CodeRecord, 'id' | 'name'>;
  newCode?: CodeRecord;
  coder: CoderRecord;
  passages: NewCoding[];
  text?: string;
}): Command {
  const { code, newCode, coder, passages } = options;
  return {
    name: newCode ? 'coding.create-with-code' : 'coding.create',
    label: `${newCode ? 'Create and apply' : 'Apply'} “${code.name}”${options.text ? ` to “${quote(options.text)}”` : ''}`,
    run: async (w) => {
      await ensureCoder(w, coder);
      if (newCode) await w.put('codes', newCode);
      for (const p of passages) {
        const existing = await w.db.codings
          .where('[documentId+start]')
          .equals([p.documentId, p.start])
          .filter((c) => c.end === p.end && c.codeId === code.id && c.coderId === coder.id)
          .first();
        if (existing) continue;
        const coding: CodingRecord = { id: p.id ?? newId(), documentId: p.documentId, codeId: code.id, coderId: coder.id, start: p.start, end: p.end, createdAt: Date.now() };
        await w.put('codings', coding);
      }
    },
  };
}

export function removeCodings(codings: readonly CodingRecord[], codeName: string): Command {
  return {
    name: 'coding.delete',
    label: codings.length === 1 ? `Remove coding “${codeName}”` : `Remove ${codings.length} codings`,
    run: async (w) => {
      await w.deleteMany('codings', codings.map((c) => c.id));
      // A coding's memos go with it (they come back on undo).
      const memos = await w.db.memos.where('targetType').equals('coding').filter((m) => codings.some((c) => c.id === m.targetId)).primaryKeys();
      await w.deleteMany('memos', memos);
    },
  };
}

export function changeCodingCode(coding: CodingRecord, to: Pick<CodeRecord, 'id' | 'name'>): Command {
  return { name: 'coding.recode', label: `Recode as “${to.name}”`, run: (w) => w.update('codings', coding.id, { codeId: to.id }) };
}

export function setCodingRange(coding: CodingRecord, start: number, end: number): Command {
  if (end <= start) throw new Error('A coding must cover at least one character');
  return { name: 'coding.resize', label: 'Change the extent of a coding', run: (w) => w.update('codings', coding.id, { start, end }) };
}

export function setExemplar(coding: CodingRecord, exemplar: boolean): Command {
  return {
    name: 'coding.exemplar',
    label: exemplar ? 'Mark as exemplar quote' : 'Unmark exemplar quote',
    run: (w) => w.update('codings', coding.id, { exemplar }),
  };
}
