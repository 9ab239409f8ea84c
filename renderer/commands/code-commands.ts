import { newId } from '../../shared/model/ids';
import { paletteColor } from '../../shared/model/palette';
import type { CodeRecord, CodingRecord, Id } from '../../shared/model/types';
import type { CodebookTemplate } from '../../shared/model/codebook-templates';
import type { ChangeWriter, Command } from '../db/command-history';

/** Commands on the codebook. Each is one undoable change. */

export function newCodeRecord(fields: { name: string; parentId?: Id; order: number; color?: string; description?: string }): CodeRecord {
  return {
    id: newId(),
    name: fields.name.trim(),
    parentId: fields.parentId,
    color: fields.color ?? paletteColor(fields.order),
    description: fields.description ?? '',
    inclusion: '',
    exclusion: '',
    example: '',
    order: fields.order,
    createdAt: Date.now(),
  };
}

export function createCode(fields: { name: string; parentId?: Id; order: number; color?: string }): { command: Command; id: Id } {
  const code = newCodeRecord(fields);
  return { id: code.id, command: { name: 'code.create', label: `Create code “${code.name}”`, run: (w) => w.put('codes', code) } };
}

export function renameCode(id: Id, oldName: string, newName: string): Command {
  return {
    name: 'code.rename',
    label: `Rename code “${oldName}” to “${newName.trim()}”`,
    run: (w) => w.update('codes', id, { name: newName.trim() }),
  };
}

type EditableCodeFields = Pick<CodeRecord, 'name' | 'color' | 'description' | 'inclusion' | 'exclusion' | 'example'>;

const FIELD_LABEL: Record<keyof EditableCodeFields, string> = {
  name: 'name',
  color: 'colour',
  description: 'definition',
  inclusion: 'inclusion criteria',
  exclusion: 'exclusion criteria',
  example: 'example',
};

export function updateCode(code: CodeRecord, changes: Partial<EditableCodeFields>): Command {
  const fields = Object.keys(changes) as (keyof EditableCodeFields)[];
  return {
    name: 'code.update',
    label: `Change the ${fields.map((f) => FIELD_LABEL[f]).join(', ')} of “${code.name}”`,
    run: (w) => w.update('codes', code.id, changes),
  };
}

function descendantIds(codes: readonly CodeRecord[], id: Id): Set<Id> {
  const out = new Set<Id>();
  const visit = (parent: Id) => {
    for (const c of codes) if (c.parentId === parent && !out.has(c.id)) {
      out.add(c.id);
      visit(c.id);
    }
  };
  visit(id);
  return out;
}

async function renumber(w: ChangeWriter, siblings: CodeRecord[]): Promise<void> {
  for (const [i, sibling] of siblings.entries()) if (sibling.order !== i) await w.update('codes', sibling.id, { order: i });
}

/**
 * Moves a code under a new parent (undefined = top level) at a position among its new siblings. Refuses to move a
 * code into its own subtree.
 */
export function moveCode(code: CodeRecord, parentId: Id | undefined, index: number): Command {
  return {
    name: 'code.move',
    label: `Move code “${code.name}”`,
    run: async (w) => {
      const all = await w.db.codes.toArray();
      if (parentId === code.id || (parentId && descendantIds(all, code.id).has(parentId))) {
        throw new Error(`“${code.name}” cannot go inside itself`);
      }
      const siblings = all.filter((c) => c.parentId === parentId && c.id !== code.id).sort((a, b) => a.order - b.order);
      siblings.splice(Math.max(0, Math.min(index, siblings.length)), 0, { ...code, parentId });
      await w.update('codes', code.id, { parentId });
      await renumber(w, siblings.map((s) => (s.id === code.id ? { ...s, order: -1 } : s)));
    },
  };
}

/**
 * Merges `source` into `target`: its codings move (a coding that would duplicate one already on the target —
 * same document, coder and range — collapses into it), its children move under the target, themes that held it
 * hold the target, and its definition is kept in the target's history.
 */
export function mergeCodes(source: CodeRecord, target: CodeRecord): Command {
  return {
    name: 'code.merge',
    label: `Merge “${source.name}” into “${target.name}”`,
    run: async (w) => {
      if (source.id === target.id) return;
      const all = await w.db.codes.toArray();
      if (descendantIds(all, source.id).has(target.id)) throw new Error(`“${source.name}” cannot merge into its own subcode`);
      const targetCodings = await w.db.codings.where('codeId').equals(target.id).toArray();
      const key = (c: CodingRecord) => `${c.documentId}|${c.coderId}|${c.start}|${c.end}`;
      const existing = new Set(targetCodings.map(key));
      const moving = await w.db.codings.where('codeId').equals(source.id).toArray();
      const duplicates = moving.filter((c) => existing.has(key(c)));
      await w.deleteMany('codings', duplicates.map((c) => c.id));
      await w.putMany('codings', moving.filter((c) => !existing.has(key(c))).map((c) => ({ ...c, codeId: target.id })));
      for (const child of all.filter((c) => c.parentId === source.id)) await w.update('codes', child.id, { parentId: target.id });
      for (const theme of await w.db.themes.toArray()) {
        if (theme.codeIds.includes(source.id)) {
          await w.update('themes', theme.id, { codeIds: [...new Set(theme.codeIds.map((id) => (id === source.id ? target.id : id)))] });
        }
      }
      const note = `Merged “${source.name}”${source.description ? `: ${source.description}` : ''}`;
      await w.update('codes', target.id, { history: [...(target.history ?? []), { at: Date.now(), note }] });
      await w.delete('codes', source.id);
    },
  };
}

/** Deletes a code and its codings; its subcodes move up to its parent; themes drop it. Undo brings all back. */
export function deleteCode(code: CodeRecord): Command {
  return {
    name: 'code.delete',
    label: `Delete code “${code.name}”`,
    run: async (w) => {
      const codings = await w.db.codings.where('codeId').equals(code.id).primaryKeys();
      await w.deleteMany('codings', codings);
      const children = await w.db.codes.where('parentId').equals(code.id).toArray();
      for (const child of children) await w.update('codes', child.id, { parentId: code.parentId });
      for (const theme of await w.db.themes.toArray()) {
        if (theme.codeIds.includes(code.id)) await w.update('themes', theme.id, { codeIds: theme.codeIds.filter((id) => id !== code.id) });
      }
      const memos = await w.db.memos.where('[targetType+targetId]').equals(['code', code.id]).primaryKeys();
      await w.deleteMany('memos', memos);
      await w.delete('codes', code.id);
    },
  };
}

/** Splits a code: the chosen codings move to a new code (a sibling of the original). */
export function splitCode(code: CodeRecord, codingIds: readonly Id[], newName: string, order: number): Command {
  const created = newCodeRecord({ name: newName, parentId: code.parentId, order });
  return {
    name: 'code.split',
    label: `Split ${codingIds.length} codings from “${code.name}” into “${created.name}”`,
    run: async (w) => {
      await w.put('codes', created);
      for (const id of codingIds) await w.update('codings', id, { codeId: created.id });
    },
  };
}

/** Adds a template's codes (with definitions) to the codebook. */
export function applyTemplate(template: CodebookTemplate, startOrder: number): Command {
  return {
    name: 'codebook.template',
    label: `Add codes from the template “${template.name}”`,
    run: async (w) => {
      let order = startOrder;
      const add = async (codes: CodebookTemplate['codes'], parentId?: Id) => {
        for (const c of codes) {
          const record = { ...newCodeRecord({ name: c.name, parentId, order, description: c.description }), inclusion: c.inclusion ?? '', exclusion: c.exclusion ?? '', example: c.example ?? '' };
          order += 1;
          await w.put('codes', record);
          if (c.children) await add(c.children, record.id);
        }
      };
      await add(template.codes);
    },
  };
}
