import type { MergeChanges } from '../../shared/exchange/merge';
import type { Id } from '../../shared/model/types';
import type { ChangeWriter, Command } from '../db/command-history';
import type { ProjectDb } from '../db/project-db';

/**
 * Merging a colleague's file: the records the merge engine worked out are written as ONE command, so the whole
 * merge is one step in Undo and in the audit trail.
 */

export const STALE_MERGE =
  'The project changed while the merge was being prepared, so nothing was merged. Choose Merge again to merge into the project as it is now.';

/** The last audit entry's number: it moves whenever any change is made, undone or redone. */
export async function lastAuditSeq(db: ProjectDb): Promise<number> {
  return (await db.audit.orderBy('seq').last())?.seq ?? 0;
}

async function writeChanges(w: ChangeWriter, changes: MergeChanges): Promise<void> {
  const { added, updated } = changes;
  // Coders, cases, attributes and documents before what refers to them; the transaction makes the order invisible.
  await w.putMany('coders', [...added.coders, ...updated.coders]);
  await w.putMany('cases', [...added.cases, ...updated.cases]);
  await w.putMany('attributes', [...added.attributes, ...updated.attributes]);
  await w.putMany('documents', [...added.documents, ...updated.documents]);
  await w.putMany('texts', [...added.texts, ...updated.texts]);
  await w.putMany('attributeValues', [...added.attributeValues, ...updated.attributeValues]);
  await w.putMany('codes', [...added.codes, ...updated.codes]);
  await w.putMany('codings', [...added.codings, ...updated.codings]);
  await w.putMany('themes', [...added.themes, ...updated.themes]);
  await w.putMany('memos', [...added.memos, ...updated.memos]);
}

/**
 * Which of a colleague's codes the user merged into which of this project's codes, by code id: a colleague's file
 * keeps its code ids, so the next merge of their work offers the same choice again instead of asking afresh.
 */
export const MERGE_CODE_MAPPINGS_KEY = 'merge-code-mappings';

export function readCodeMappings(value: unknown): Record<Id, Id> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

export async function loadCodeMappings(db: ProjectDb): Promise<Record<Id, Id>> {
  return readCodeMappings((await db.meta.get(MERGE_CODE_MAPPINGS_KEY))?.value);
}

/**
 * The merge as one undoable command. `basedOnAuditSeq` is lastAuditSeq() when the project was read for the merge:
 * if anything changed since, the command refuses (and stores nothing) rather than overwrite the newer work.
 */
export function mergeCommand(input: {
  label: string;
  changes: MergeChanges;
  basedOnAuditSeq?: number;
  /** The user's choices for the file's unmatched codes: a code of this project to remember, or null to forget. */
  codeMappings?: Record<Id, Id | null>;
}): Command {
  return {
    name: 'exchange.merge',
    label: input.label,
    run: async (w) => {
      if (input.basedOnAuditSeq !== undefined && (await lastAuditSeq(w.db)) !== input.basedOnAuditSeq) {
        throw new Error(STALE_MERGE);
      }
      await writeChanges(w, input.changes);
      if (input.codeMappings && Object.keys(input.codeMappings).length > 0) {
        const known = readCodeMappings((await w.db.meta.get(MERGE_CODE_MAPPINGS_KEY))?.value);
        for (const [incomingId, currentId] of Object.entries(input.codeMappings)) {
          if (currentId) known[incomingId] = currentId;
          else delete known[incomingId];
        }
        await w.put('meta', { key: MERGE_CODE_MAPPINGS_KEY, value: known });
      }
    },
  };
}
