import { codePaths, type MergeResult, type TableRecords } from '../../shared/exchange/merge';
import type { Id } from '../../shared/model/types';

/**
 * What a merge would write, in numbers and names a researcher can check before saying yes: computed from the
 * engine's result for the choices made so far, so the preview always matches what Merge will do.
 */

/** The tables a merge writes, in the order the merge command writes them. */
export const MERGE_TABLES = [
  'coders',
  'cases',
  'attributes',
  'documents',
  'texts',
  'attributeValues',
  'codes',
  'codings',
  'themes',
  'memos',
] as const satisfies readonly (keyof TableRecords)[];
export type MergeTable = (typeof MERGE_TABLES)[number];

export interface CoderTally {
  coderId: Id;
  name: string;
  initials: string;
  color: string;
  /** True when the coder is new to this project. */
  isNew: boolean;
  count: number;
}

export interface MergeOutcome {
  added: Record<MergeTable, number>;
  updated: Record<MergeTable, number>;
  /** Records written in all: 0 means the merge would change nothing. */
  total: number;
  /** Codings to add, per coder, most first. */
  codingsByCoder: CoderTally[];
  /** Name paths ("Parent/Child") of the codes that would be added, in order. */
  newCodePaths: string[];
  /** Name paths of existing codes whose definition, colour or criteria would change or be filled in. */
  updatedCodePaths: string[];
  newDocumentNames: string[];
  newCaseNames: string[];
  newThemeNames: string[];
  newCoderNames: string[];
}

const collator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });
const byName = (a: string, b: string): number => collator.compare(a, b);

function countTables(records: TableRecords): Record<MergeTable, number> {
  return Object.fromEntries(MERGE_TABLES.map((t) => [t, records[t].length])) as Record<MergeTable, number>;
}

/** Tallies a merge result: what is added and updated per table, codings per coder, and the names of what is new. */
export function summariseOutcome(result: MergeResult): MergeOutcome {
  const { added, updated } = result.changes;
  const addedCounts = countTables(added);
  const updatedCounts = countTables(updated);
  const total = MERGE_TABLES.reduce((n, t) => n + addedCounts[t] + updatedCounts[t], 0);

  const newCoderIds = new Set(added.coders.map((c) => c.id));
  const coderById = new Map(result.data.coders.map((c) => [c.id, c]));
  const perCoder = new Map<Id, number>();
  for (const coding of added.codings) perCoder.set(coding.coderId, (perCoder.get(coding.coderId) ?? 0) + 1);
  const codingsByCoder: CoderTally[] = [...perCoder].map(([coderId, count]) => {
    const coder = coderById.get(coderId);
    return {
      coderId,
      name: coder?.name ?? 'Unknown coder',
      initials: coder?.initials ?? '?',
      color: coder?.color ?? '#bbbbbb',
      isNew: newCoderIds.has(coderId),
      count,
    };
  });
  codingsByCoder.sort((a, b) => b.count - a.count || byName(a.name, b.name));

  const paths = codePaths(result.data.codes);
  const pathOf = (id: Id): string => paths.get(id)?.join('/') ?? id;
  return {
    added: addedCounts,
    updated: updatedCounts,
    total,
    codingsByCoder,
    newCodePaths: added.codes.map((c) => pathOf(c.id)).sort(byName),
    updatedCodePaths: updated.codes.map((c) => pathOf(c.id)).sort(byName),
    newDocumentNames: added.documents.map((d) => d.name).sort(byName),
    newCaseNames: added.cases.map((c) => c.name).sort(byName),
    newThemeNames: added.themes.map((t) => t.name).sort(byName),
    newCoderNames: added.coders.map((c) => c.name).sort(byName),
  };
}
