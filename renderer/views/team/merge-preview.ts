import type { CodeMatch, DocumentMatch, MergeChoices, MergeConflict } from '../../../shared/exchange/merge';
import type { Id } from '../../../shared/model/types';
import { plural } from '../../../shared/text/plural';
import type { MergeOutcome } from '../../exchange/merge-outcome';

/** Turns a merge plan and its outcome into the rows and sentences of the preview. Pure, tested on its own. */

const collator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });


/** "a", "a and b", "a, b and c". */
export function listPhrase(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

// ----- documents ----------------------------------------------------------------------------------------------

export const DOCUMENT_MATCHES: Record<DocumentMatch['match'], { label: string; detail: string; order: number }> = {
  new: { label: 'New', detail: 'Not in this project: added with its codings', order: 0 },
  name: { label: 'Same name', detail: 'Same name, different text: its codings are remapped onto this project’s text', order: 1 },
  edited: { label: 'Edited', detail: 'Same document, text edited since: its codings are remapped onto this project’s text', order: 2 },
  content: { label: 'Same text', detail: 'Identical text, matched by its hash', order: 3 },
};

export interface DocumentRow {
  incomingId: Id;
  name: string;
  /** The matched document's name here, when it differs from the file's. */
  currentName?: string;
  match: DocumentMatch['match'];
  label: string;
  detail: string;
}

/** Documents in the order a reader needs them: new first, then remapped, then identical; by name within each. */
export function documentRows(documents: readonly DocumentMatch[], currentNames: ReadonlyMap<Id, string>): DocumentRow[] {
  return documents
    .map((d): DocumentRow => {
      const currentName = d.currentId && d.match !== 'new' ? currentNames.get(d.currentId) : undefined;
      return {
        incomingId: d.incomingId,
        name: d.name,
        ...(currentName !== undefined && currentName !== d.name ? { currentName } : {}),
        match: d.match,
        label: DOCUMENT_MATCHES[d.match].label,
        detail: DOCUMENT_MATCHES[d.match].detail,
      };
    })
    .sort((a, b) => DOCUMENT_MATCHES[a.match].order - DOCUMENT_MATCHES[b.match].order || collator.compare(a.name, b.name));
}

export function documentCounts(documents: readonly DocumentMatch[]): Record<DocumentMatch['match'], number> {
  const counts = { new: 0, name: 0, edited: 0, content: 0 };
  for (const d of documents) counts[d.match] += 1;
  return counts;
}

// ----- codes --------------------------------------------------------------------------------------------------

export interface CodeGroups {
  byGuid: CodeMatch[];
  byPath: CodeMatch[];
  unmatched: CodeMatch[];
}

export function codeGroups(codes: readonly CodeMatch[]): CodeGroups {
  const sorted = [...codes].sort((a, b) => collator.compare(a.path, b.path));
  return {
    byGuid: sorted.filter((c) => c.match === 'guid'),
    byPath: sorted.filter((c) => c.match === 'path'),
    unmatched: sorted.filter((c) => c.match === 'none'),
  };
}

export type CodeChoice = NonNullable<MergeChoices['codes']>[string];

/** A code choice as a <select> value: "add" or "map:<current code id>". */
export function choiceValue(choice: CodeChoice | undefined): string {
  return choice?.action === 'map' ? `map:${choice.currentId}` : 'add';
}

export function parseChoiceValue(value: string): CodeChoice {
  return value.startsWith('map:') ? { action: 'map', currentId: value.slice(4) } : { action: 'add' };
}

export interface CodeOption {
  value: string;
  label: string;
}

/**
 * What an unmatched code can become: the engine's similar codes first (with how alike they are), then every other
 * code here by path, so the user can map it anywhere.
 */
export function codeChoiceOptions(match: CodeMatch, current: readonly { id: Id; path: string }[]): { suggested: CodeOption[]; others: CodeOption[] } {
  const suggestedIds = new Set(match.suggestions.map((s) => s.currentId));
  return {
    suggested: match.suggestions.map((s) => ({
      value: `map:${s.currentId}`,
      label: `Map to “${s.path}” (${Math.round(s.similarity * 100)}% alike)`,
    })),
    others: current
      .filter((c) => !suggestedIds.has(c.id))
      .sort((a, b) => collator.compare(a.path, b.path))
      .map((c) => ({ value: `map:${c.id}`, label: `Map to “${c.path}”` })),
  };
}

// ----- conflicts ----------------------------------------------------------------------------------------------

const FIELD_NAMES: Record<string, string> = {
  name: 'Name',
  description: 'Definition',
  color: 'Colour',
  inclusion: 'Inclusion criteria',
  exclusion: 'Exclusion criteria',
  example: 'Example',
  definition: 'Definition',
  boundaries: 'Boundaries',
  content: 'Text',
  value: 'Value',
};

/** The field a conflict is about, as a researcher says it. */
export function conflictFieldName(conflict: Pick<MergeConflict, 'kind' | 'field'>): string {
  if (conflict.kind === 'case' && conflict.field === 'description') return 'Description';
  return FIELD_NAMES[conflict.field] ?? conflict.field;
}

const KIND_TITLES: [MergeConflict['kind'], string][] = [
  ['code', 'Codes'],
  ['theme', 'Themes'],
  ['case', 'Cases'],
  ['attributeValue', 'Attribute values'],
  ['memo', 'Memos'],
];

export function conflictGroups(conflicts: readonly MergeConflict[]): { kind: MergeConflict['kind']; title: string; conflicts: MergeConflict[] }[] {
  return KIND_TITLES.map(([kind, title]) => ({
    kind,
    title,
    conflicts: conflicts.filter((c) => c.kind === kind).sort((a, b) => collator.compare(a.label, b.label) || a.field.localeCompare(b.field)),
  })).filter((g) => g.conflicts.length > 0);
}

// ----- the outcome --------------------------------------------------------------------------------------------

/** True when merging would write nothing and there is nothing to decide. */
export function isNothingToChange(outcome: MergeOutcome, conflictCount: number): boolean {
  return outcome.total === 0 && conflictCount === 0;
}

/** The additions, largest kinds of work first: "1 new code", "5 codings", ... */
export function outcomeParts(outcome: MergeOutcome): string[] {
  const a = outcome.added;
  const parts: string[] = [];
  if (a.documents) parts.push(plural(a.documents, 'new document'));
  if (a.codes) parts.push(plural(a.codes, 'new code'));
  if (a.codings) parts.push(plural(a.codings, 'coding'));
  if (a.coders) parts.push(plural(a.coders, 'new coder'));
  if (a.themes) parts.push(plural(a.themes, 'new theme'));
  if (a.memos) parts.push(plural(a.memos, 'memo'));
  if (a.cases) parts.push(plural(a.cases, 'new case'));
  if (a.attributes) parts.push(plural(a.attributes, 'new attribute'));
  if (a.attributeValues) parts.push(plural(a.attributeValues, 'attribute value'));
  return parts;
}

/** Records changed in place (filled-in definitions, united theme codes, taken values). */
export function updatedCount(outcome: MergeOutcome): number {
  return Object.values(outcome.updated).reduce((n, k) => n + k, 0);
}

/** One sentence saying what Merge will do. */
export function outcomeHeadline(outcome: MergeOutcome, conflictCount: number): string {
  if (isNothingToChange(outcome, conflictCount)) return 'Nothing to change: everything in this file is already in the project.';
  const parts = outcomeParts(outcome);
  const updated = updatedCount(outcome);
  const updates = updated ? `updates ${plural(updated, 'record')} already here` : '';
  const what = parts.length
    ? `Merging adds ${listPhrase(parts)}${updates ? `, and ${updates}` : ''}.`
    : updates
      ? `Merging ${updates}.`
      : 'Merging adds nothing new.';
  if (!conflictCount) return what;
  return `${what} ${plural(conflictCount, 'difference')} for you to decide.`;
}

/** The label of the merge command (Undo and the audit trail). */
export function mergeLabel(fileName: string): string {
  return `Merge “${fileName}”`;
}

/** A file size as people read it: "812 bytes", "154 KB", "2.3 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return plural(bytes, 'byte');
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} KB`;
  return `${(bytes / 1_000_000).toFixed(bytes < 10_000_000 ? 1 : 0)} MB`;
}
