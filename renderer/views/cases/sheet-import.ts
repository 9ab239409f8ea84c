import { KNOWN_SCALES, linkParticipantsToDocuments, type ParticipantProposal } from '../../../shared/import/participants';
import { newId } from '../../../shared/model/ids';
import type { AttributeDefinition, AttributeType, AttributeValue, CaseRecord, DocumentRecord, Id } from '../../../shared/model/types';
import { checkValue, cleanOptions, type ParticipantImportPlan } from '../../commands/case-commands';

/**
 * The participant sheet preview's choices and the plan they make, as plain functions: which column names the
 * participants, what each other column becomes, and which documents belong to whom. Nothing here touches the
 * database; the plan is applied by one command (importParticipantsCommand).
 */

/** What a column of the sheet becomes: an attribute, the participants' description, or nothing. */
export type ColumnUse = 'attribute' | 'description' | 'skip';

export interface ColumnChoice {
  /** The column's header in the sheet (the key of each participant's values in the proposal). */
  header: string;
  use: ColumnUse;
  /** The attribute's name (the header unless the user renames it). */
  name: string;
  type: AttributeType;
  options: string[];
}

/** A document's participant in the preview: a participant id of the sheet, '' for none, null to leave it as it is. */
export type LinkChoice = string | null;

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The existing participant attribute an attribute name refers to, if any (names compared ignoring case). */
export function existingAttribute(name: string, attributes: readonly AttributeDefinition[]): AttributeDefinition | undefined {
  return attributes.find((a) => a.scope === 'case' && sameName(a.name, name));
}

/** The values of one column, one per participant row, as the proposal read them. */
export function columnValues(proposal: ParticipantProposal, header: string): string[] {
  return proposal.participants.map((p) => p.values[header] ?? '');
}

/** Distinct values, first spelling kept, ignoring case; empty values left out. */
function distinct(values: readonly string[]): string[] {
  return cleanOptions(values);
}

/**
 * The options a column starts with when its type is chosen: for a category its distinct values (sorted); for a
 * scale the known scale they belong to (best first), else its distinct values in the order they first appear.
 */
export function defaultOptions(type: AttributeType, values: readonly string[]): string[] {
  const found = distinct(values);
  if (type === 'category') return found.sort((a, b) => a.localeCompare(b, 'en-GB', { sensitivity: 'base' }));
  if (type !== 'scale') return [];
  const lower = found.map((v) => v.toLowerCase());
  const scale = KNOWN_SCALES.find((s) => lower.every((v) => s.some((o) => o.toLowerCase() === v)));
  return scale ? [...scale] : found;
}

/**
 * A column's choice after the user picks a type: options suited to the type. An existing attribute keeps its own
 * type (its other values depend on it), with a category's new values added to its options.
 */
export function choiceForType(choice: ColumnChoice, type: AttributeType, values: readonly string[], attributes: readonly AttributeDefinition[]): ColumnChoice {
  const existing = existingAttribute(choice.name, attributes);
  if (existing) {
    const options = existing.type === 'category' ? cleanOptions([...existing.options, ...defaultOptions('category', values)]) : [...existing.options];
    return { ...choice, type: existing.type, options };
  }
  return { ...choice, type, options: defaultOptions(type, values) };
}

/** Initial choices: every column becomes an attribute of its inferred type, or joins the existing one of its name. */
export function initialChoices(proposal: ParticipantProposal, attributes: readonly AttributeDefinition[]): ColumnChoice[] {
  return proposal.attributes.map((a) => {
    const choice: ColumnChoice = { header: a.name, use: 'attribute', name: a.name, type: a.type, options: [...a.options] };
    return existingAttribute(a.name, attributes) ? choiceForType(choice, a.type, columnValues(proposal, a.name), attributes) : choice;
  });
}

/** Each row's value of a column checked against the column's choice: stored value, or the reason it will be left out. */
export function checkedColumn(proposal: ParticipantProposal, choice: ColumnChoice): { value: string; error?: string }[] {
  return columnValues(proposal, choice.header).map((raw) => {
    if (choice.use !== 'attribute') return { value: raw.trim() };
    const check = checkValue(raw, choice);
    return check.ok ? { value: check.value } : { value: raw, error: check.error };
  });
}

export interface LinkSuggestion {
  links: Record<Id, LinkChoice>;
  /** Documents whose name fits several participants: left for the user. */
  ambiguous: Record<Id, string[]>;
  matched: number;
}

/**
 * Which document belongs to whom, by the participant id in the document's name (or the user's pattern, e.g.
 * "Interview {id}*"). Documents matching no one, or several, are left as they are.
 */
export function suggestLinks(participantIds: readonly string[], documents: readonly Pick<DocumentRecord, 'id' | 'name'>[], pattern: string): LinkSuggestion {
  const found = linkParticipantsToDocuments(participantIds, documents, pattern.trim() === '' ? {} : { pattern });
  const links: Record<Id, LinkChoice> = Object.fromEntries(documents.map((d) => [d.id, null]));
  let matched = 0;
  for (const { participant, documentIds } of found.links) {
    for (const id of documentIds) {
      links[id] = participant;
      matched++;
    }
  }
  const ambiguous = Object.fromEntries(found.ambiguousDocuments.map((a) => [a.documentId, a.participants]));
  return { links, ambiguous, matched };
}

export interface PlanProblem {
  /** 1-based sheet row. */
  row: number;
  participant: string;
  message: string;
}

export interface SheetPlan extends ParticipantImportPlan {
  newCases: number;
  updatedCases: number;
  newAttributes: number;
  /** Values left out because they do not fit their attribute, and rows left out. */
  problems: PlanProblem[];
}

export interface PlanInput {
  fileName: string;
  proposal: ParticipantProposal;
  choices: readonly ColumnChoice[];
  links: Readonly<Record<Id, LinkChoice>>;
}

export interface ProjectState {
  cases: readonly CaseRecord[];
  attributes: readonly AttributeDefinition[];
  documents: readonly Pick<DocumentRecord, 'id' | 'caseId'>[];
}

/**
 * What the sheet will add and change. Participants are matched to existing ones by name (ignoring case); a
 * participant listed twice gets the values of both rows (the later row wins where both have one). Empty cells
 * leave existing values as they are. Attributes are matched by name; a category gains the new values as options.
 */
export function planParticipantImport(input: PlanInput, project: ProjectState, makeId: () => Id = newId): SheetPlan {
  const { proposal, choices } = input;
  const problems: PlanProblem[] = [];

  // Attributes: existing ones (matched by name) or new ones after the others.
  let order = Math.max(-1, ...project.attributes.map((a) => a.order));
  const attributeFor = new Map<ColumnChoice, AttributeDefinition>();
  const attributes: AttributeDefinition[] = [];
  const claimed = new Set<string>();
  for (const choice of choices) {
    if (choice.use !== 'attribute') continue;
    const name = choice.name.trim().replace(/\s+/g, ' ');
    if (name === '') throw new Error(`The column “${choice.header}” needs an attribute name.`);
    if (claimed.has(name.toLowerCase())) throw new Error(`Two columns would both become the attribute “${name}”; rename one of them.`);
    claimed.add(name.toLowerCase());
    const existing = existingAttribute(name, project.attributes);
    let definition: AttributeDefinition;
    if (existing) {
      const options = existing.type === 'category' ? cleanOptions([...existing.options, ...choice.options]) : existing.options;
      definition = { ...existing, options };
      if (options.length !== existing.options.length) attributes.push(definition);
    } else {
      const options = choice.type === 'category' || choice.type === 'scale' ? cleanOptions(choice.options) : [];
      if (options.length === 0 && (choice.type === 'category' || choice.type === 'scale')) {
        throw new Error(`The attribute “${name}” needs at least one value to choose from.`);
      }
      definition = { id: makeId(), name, scope: 'case', type: choice.type, options, order: ++order };
      attributes.push(definition);
    }
    attributeFor.set(choice, definition);
  }

  // Participants: existing ones by name, new ones after the others.
  const byName = new Map(project.cases.map((c) => [c.name.trim().toLowerCase(), c]));
  let caseOrder = Math.max(-1, ...project.cases.map((c) => c.order));
  const touched = new Map<Id, CaseRecord>();
  const caseIdOf = new Map<string, Id>();
  const newIds = new Set<Id>();
  const descriptionColumns = choices.filter((c) => c.use === 'description');
  const values = new Map<string, AttributeValue>();

  for (const participant of proposal.participants) {
    const id = participant.id.trim().replace(/\s+/g, ' ');
    if (id === '') {
      problems.push({ row: participant.row, participant: '', message: `Row ${participant.row} has no participant id and is left out.` });
      continue;
    }
    // A participant seen on an earlier row continues from that row's record.
    let record = touched.get(caseIdOf.get(id.toLowerCase()) ?? '') ?? byName.get(id.toLowerCase());
    if (!record) {
      record = { id: makeId(), name: id, description: '', order: ++caseOrder };
      newIds.add(record.id);
    }
    const description = descriptionColumns
      .map((c) => (participant.values[c.header] ?? '').trim())
      .filter((v) => v !== '')
      .join(', ');
    const updated = description !== '' && description !== record.description ? { ...record, description } : record;
    caseIdOf.set(id.toLowerCase(), updated.id);
    if (newIds.has(updated.id) || updated !== record) touched.set(updated.id, updated);

    for (const choice of choices) {
      const definition = attributeFor.get(choice);
      if (!definition) continue;
      const raw = participant.values[choice.header] ?? '';
      const check = checkValue(raw, definition);
      if (!check.ok) {
        problems.push({ row: participant.row, participant: id, message: `${check.error} (row ${participant.row}, left empty)` });
        continue;
      }
      if (check.value === '') continue;
      values.set(`${updated.id}\u0000${definition.id}`, { ownerId: updated.id, attributeId: definition.id, value: check.value });
    }
  }

  // Documents: only those whose participant changes.
  const documentCases: ParticipantImportPlan['documentCases'] = [];
  for (const document of project.documents) {
    const choice = input.links[document.id];
    if (choice === null || choice === undefined) continue;
    const caseId = choice === '' ? undefined : caseIdOf.get(choice.trim().toLowerCase());
    if (choice !== '' && caseId === undefined) continue;
    if (caseId !== document.caseId) documentCases.push({ documentId: document.id, caseId });
  }

  const cases = [...touched.values()];
  const updatedCases = new Set([...caseIdOf.values()].filter((id) => !newIds.has(id))).size;
  return {
    fileName: input.fileName,
    cases,
    attributes,
    values: [...values.values()],
    documentCases,
    newCases: newIds.size,
    updatedCases,
    newAttributes: attributes.filter((a) => !project.attributes.some((e) => e.id === a.id)).length,
    problems,
  };
}
