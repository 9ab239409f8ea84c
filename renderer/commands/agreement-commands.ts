import { resolveDisagreement, type CodingChanges, type Disagreement, type Resolution } from '../../shared/agreement/index';
import { plainTextToMemoContent } from '../../shared/model/memo-content';
import { newId } from '../../shared/model/ids';
import type { CodingRecord, Id, MemoRecord } from '../../shared/model/types';
import type { Command } from '../db/command-history';
import { RESOLUTION_NAMES, resolutionMemoText, resolutionTitle } from '../agreement/resolution-record';

/**
 * Settling a disagreement between two coders: the engine's coding changes and the record of the decision, as one
 * undoable command.
 */

export interface ResolveInput {
  disagreement: Disagreement;
  resolution: Resolution;
  note: string;
  projectId: Id;
  /** The code's name path, the document's name and the coders' names, for the record and the Undo label. */
  code: string;
  document: string;
  coderA: string;
  coderB: string;
  /** The passage's words, for the record. */
  quote: string;
  authorId?: Id;
  now?: number;
}

/** A memo moved off a coding that a resolution removes. */
export interface MemoMove {
  id: Id;
  changes: Partial<MemoRecord>;
}

/**
 * Memos on codings a resolution removes are kept: moved to the same coder's coding that now covers the passage,
 * or, when that coder keeps none there, to the document, anchored at the removed coding's range.
 */
export function rehomeMemos(
  memos: readonly Pick<MemoRecord, 'id' | 'targetType' | 'targetId'>[],
  removed: readonly CodingRecord[],
  remaining: readonly CodingRecord[],
): MemoMove[] {
  const byId = new Map(removed.map((c) => [c.id, c]));
  const moves: MemoMove[] = [];
  for (const memo of memos) {
    const gone = memo.targetType === 'coding' ? byId.get(memo.targetId) : undefined;
    if (!gone) continue;
    const heir = remaining
      .filter((c) => c.coderId === gone.coderId && c.codeId === gone.codeId && c.documentId === gone.documentId)
      .sort((a, b) => overlap(b, gone) - overlap(a, gone) || a.start - b.start)[0];
    if (heir) moves.push({ id: memo.id, changes: { targetId: heir.id } });
    else moves.push({ id: memo.id, changes: { targetType: 'document', targetId: gone.documentId, anchor: { start: gone.start, end: gone.end } } });
  }
  return moves;
}

function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/** The codings of the pair for this code that a resolution of the passage reads (touching ones count: they merge). */
function codingsOfPassage(d: Disagreement, codings: readonly CodingRecord[]): CodingRecord[] {
  return codings
    .filter((c) => (c.coderId === d.coderA || c.coderId === d.coderB) && c.end > c.start && c.start <= d.passage.end && c.end >= d.passage.start)
    .sort((a, b) => a.id.localeCompare(b.id));
}

function sameCodings(expected: readonly CodingRecord[], current: readonly CodingRecord[]): boolean {
  if (expected.length !== current.length) return false;
  const byId = new Map(current.map((c) => [c.id, c]));
  return expected.every((e) => {
    const c = byId.get(e.id);
    return c !== undefined && c.start === e.start && c.end === e.end && c.coderId === e.coderId && c.codeId === e.codeId;
  });
}

export const STALE_RESOLUTION_MESSAGE =
  'The codings of this passage changed after the comparison was made, so it was not resolved. The comparison is being brought up to date; look at the passage again and choose once more.';

/**
 * Resolves one disagreement: applies the engine's changes to both coders' codings in the passage and stores the
 * decision as a project memo (see resolution-record.ts), in one command that Undo reverses whole. Refuses, naming
 * the reason, when the passage's codings are no longer those the disagreement was found in.
 */
export function resolveDisagreementCommand(input: ResolveInput): { command: Command; changes: CodingChanges; memo: MemoRecord } {
  const { disagreement: d, resolution } = input;
  const now = input.now ?? Date.now();
  const changes = resolveDisagreement(d, resolution, { now });
  const plainText = resolutionMemoText({
    code: input.code,
    document: input.document,
    passage: d.passage,
    coderA: input.coderA,
    coderB: input.coderB,
    resolution,
    changes,
    quote: input.quote,
    note: input.note,
  });
  const memo: MemoRecord = {
    id: newId(),
    targetType: 'project',
    targetId: input.projectId,
    title: resolutionTitle(input.code),
    content: plainTextToMemoContent(plainText),
    plainText,
    createdAt: now,
    updatedAt: now,
  };
  if (input.authorId) memo.authorId = input.authorId;
  const shortCode = input.code.split('/').pop() ?? input.code;
  const command: Command = {
    name: 'agreement.resolve',
    label: `Resolve a disagreement on “${shortCode}” (${RESOLUTION_NAMES[resolution].toLowerCase()})`,
    run: async (w) => {
      const current = await w.db.codings.where('[codeId+documentId]').equals([d.codeId, d.documentId]).toArray();
      if (!sameCodings(codingsOfPassage(d, d.codings), codingsOfPassage(d, current))) throw new Error(STALE_RESOLUTION_MESSAGE);
      await w.putMany('codings', changes.add);
      for (const u of changes.update) await w.update('codings', u.id, { start: u.start, end: u.end });
      if (changes.delete.length > 0) {
        await w.deleteMany('codings', changes.delete.map((c) => c.id));
        const memos = await w.db.memos
          .where('[targetType+targetId]')
          .anyOf(changes.delete.map((c) => ['coding', c.id]))
          .toArray();
        const deleted = new Set(changes.delete.map((c) => c.id));
        const updates = new Map(changes.update.map((u) => [u.id, u]));
        const remaining = [
          ...d.codings.filter((c) => !deleted.has(c.id)).map((c) => {
            const u = updates.get(c.id);
            return u ? { ...c, start: u.start, end: u.end } : c;
          }),
          ...changes.add,
        ];
        for (const move of rehomeMemos(memos, changes.delete, remaining)) await w.update('memos', move.id, { ...move.changes, updatedAt: now });
      }
      await w.put('memos', structuredClone(memo));
    },
  };
  return { command, changes, memo };
}
