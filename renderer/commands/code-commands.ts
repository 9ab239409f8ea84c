import { newId } from '../../shared/model/ids';
import { paletteColor } from '../../shared/model/palette';
import type { CodeRecord, Id } from '../../shared/model/types';
import type { Command } from '../db/command-history';

/** Commands on the codebook. Each is one undoable change. */

export function createCode(fields: { name: string; parentId?: Id; order: number; color?: string }): { command: Command; id: Id } {
  const id = newId();
  const code: CodeRecord = {
    id,
    name: fields.name.trim(),
    parentId: fields.parentId,
    color: fields.color ?? paletteColor(fields.order),
    description: '',
    inclusion: '',
    exclusion: '',
    example: '',
    order: fields.order,
    createdAt: Date.now(),
  };
  return { id, command: { name: 'code.create', label: `Create code “${code.name}”`, run: (w) => w.put('codes', code) } };
}

export function renameCode(id: Id, oldName: string, newName: string): Command {
  return {
    name: 'code.rename',
    label: `Rename code “${oldName}” to “${newName.trim()}”`,
    run: (w) => w.update('codes', id, { name: newName.trim() }),
  };
}
