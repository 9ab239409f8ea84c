import { newId } from '../../shared/model/ids';
import type {
  AttributeDefinition,
  AttributeScope,
  AttributeType,
  AttributeValue,
  CaseRecord,
  DocumentRecord,
  Id,
} from '../../shared/model/types';
import type { ChangeWriter, Command } from '../db/command-history';

/**
 * Cases (participants), attributes and their values, and which documents belong to which case. Each function
 * returns one command: one undoable change with a label for Undo and the audit trail. Values are checked against
 * their attribute's type here, so no view can store "twelve" in a number.
 */

// ---------------------------------------------------------------------------------------------------------------
// Values

export const ATTRIBUTE_TYPE_NAMES: Readonly<Record<AttributeType, string>> = {
  text: 'Text',
  number: 'Number',
  date: 'Date',
  category: 'Category',
  scale: 'Ordered scale',
};

export type ValueCheck = { ok: true; value: string } | { ok: false; error: string };

type AttributeShape = Pick<AttributeDefinition, 'name' | 'type' | 'options'>;

const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^[+-]?\.\d+$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DAY_FIRST_DATE = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/;

function isoDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1000 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function listOptions(options: readonly string[]): string {
  const shown = options.slice(0, 6).join(', ');
  return options.length > 6 ? `${shown}, …` : shown;
}

/**
 * A value as stored for an attribute, or why it cannot be: numbers plainly written ("1,234" becomes "1234"), dates
 * as YYYY-MM-DD (a day-first 3/4/2024 is read as 3 April, as in the UK), categories and scale values in the
 * spelling of their option (matched ignoring case). An empty value is allowed: it means "no value".
 */
export function checkValue(input: string, attribute: AttributeShape): ValueCheck {
  const text = input.trim();
  if (text === '') return { ok: true, value: '' };
  switch (attribute.type) {
    case 'text':
      return { ok: true, value: text };
    case 'number': {
      if (!NUMBER.test(text)) return { ok: false, error: `${attribute.name} takes a number, such as 12 or 3.5; “${text}” is not one.` };
      return { ok: true, value: String(Number(text.replace(/,/g, ''))) };
    }
    case 'date': {
      const iso = ISO_DATE.exec(text);
      const dayFirst = DAY_FIRST_DATE.exec(text);
      const value = iso
        ? isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]))
        : dayFirst
          ? isoDate(Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1]))
          : undefined;
      return value === undefined
        ? { ok: false, error: `${attribute.name} takes a date, such as 2024-04-03 or 3/4/2024; “${text}” is not one.` }
        : { ok: true, value };
    }
    case 'category':
    case 'scale': {
      const lower = text.toLowerCase();
      const option = attribute.options.find((o) => o.toLowerCase() === lower);
      if (option !== undefined) return { ok: true, value: option };
      return attribute.options.length === 0
        ? { ok: false, error: `${attribute.name} has no values to choose from yet; add them to the attribute first.` }
        : { ok: false, error: `“${text}” is not one of the values of ${attribute.name} (${listOptions(attribute.options)}).` };
    }
  }
}

const collator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });
const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** Orders two stored values of an attribute: numbers by size, dates in time, scale values best first; empty last. */
export function compareValues(a: string, b: string, attribute: Pick<AttributeDefinition, 'type' | 'options'>): number {
  if (a === '' || b === '') return a === b ? 0 : a === '' ? 1 : -1;
  switch (attribute.type) {
    case 'number':
      return Number(a) - Number(b);
    case 'date':
      return a < b ? -1 : a > b ? 1 : 0;
    case 'scale': {
      const rank = (v: string) => {
        const i = attribute.options.indexOf(v);
        return i === -1 ? attribute.options.length : i;
      };
      return rank(a) - rank(b) || collator.compare(a, b);
    }
    default:
      return collator.compare(a, b);
  }
}

/** A stored value as shown in tables: dates as "3 Apr 2024", everything else as stored. */
export function displayValue(value: string, attribute: Pick<AttributeDefinition, 'type'>): string {
  if (attribute.type === 'date' && ISO_DATE.test(value)) return dateFormat.format(new Date(`${value}T00:00:00Z`));
  return value;
}

/** A new or edited attribute: its name, type, options, and for an edit the options renamed (old -> new spelling). */
export interface AttributeFields {
  name: string;
  type: AttributeType;
  options: string[];
}

/**
 * What happens to an attribute's values when its type or options change: options renamed carry their values with
 * them, every value is checked against the new definition, and those that no longer fit are cleared (listed, so the
 * user sees them before agreeing).
 */
export function planValueConversion(
  values: readonly AttributeValue[],
  after: AttributeShape,
  renamed: Readonly<Record<string, string>> = {},
): { updates: AttributeValue[]; cleared: AttributeValue[] } {
  const updates: AttributeValue[] = [];
  const cleared: AttributeValue[] = [];
  for (const value of values) {
    const carried = Object.hasOwn(renamed, value.value) ? renamed[value.value]! : value.value;
    const check = checkValue(carried, after);
    if (!check.ok || check.value === '') cleared.push(value);
    else if (check.value !== value.value) updates.push({ ...value, value: check.value });
  }
  return { updates, cleared };
}

/** Options cleaned for storing: trimmed, blanks dropped, duplicates (ignoring case) dropped keeping the first. */
export function cleanOptions(options: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const option of options) {
    const text = option.trim().replace(/\s+/g, ' ');
    if (text === '' || seen.has(text.toLowerCase())) continue;
    seen.add(text.toLowerCase());
    out.push(text);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Checks made inside a command, against what is stored at that moment

const quote = (s: string) => `“${s}”`;
const cleanName = (name: string) => name.trim().replace(/\s+/g, ' ');

async function checkCaseName(w: ChangeWriter, name: string, self?: Id): Promise<void> {
  if (name === '') throw new Error('A participant needs a name (for example an id such as P07).');
  const clash = await w.db.cases.where('name').equalsIgnoreCase(name).first();
  if (clash && clash.id !== self) throw new Error(`There is already a participant called ${quote(clash.name)}.`);
}

async function checkAttributeName(w: ChangeWriter, name: string, scope: AttributeScope, self?: Id): Promise<void> {
  if (name === '') throw new Error('An attribute needs a name, such as Agency or Role.');
  const lower = name.toLowerCase();
  const clash = (await w.db.attributes.where('scope').equals(scope).toArray()).find((a) => a.id !== self && a.name.toLowerCase() === lower);
  if (clash) throw new Error(`There is already a ${scope === 'case' ? 'participant' : 'document'} attribute called ${quote(clash.name)}.`);
}

function checkOptions(fields: AttributeFields): void {
  if ((fields.type === 'category' || fields.type === 'scale') && fields.options.length === 0) {
    throw new Error(`${fields.name} needs at least one value to choose from (a ${fields.type === 'scale' ? 'scale' : 'category'} with no values cannot hold any).`);
  }
}

/** A document record without its case, so the index on caseId no longer lists it. */
function withoutCase(document: DocumentRecord): DocumentRecord {
  const { caseId: _unused, ...rest } = document;
  return rest;
}

async function setCaseOf(w: ChangeWriter, documentId: Id, caseId: Id | undefined, now: number): Promise<boolean> {
  const document = await w.db.documents.get(documentId);
  if (!document || document.caseId === caseId) return false;
  await w.put('documents', caseId === undefined ? { ...withoutCase(document), updatedAt: now } : { ...document, caseId, updatedAt: now });
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// Cases

/** Adds a participant at the end of the list; the id is returned so the view can select it. */
export function createCase(fields: { name: string; description?: string }): { command: Command; id: Id } {
  const id = newId();
  const name = cleanName(fields.name);
  return {
    id,
    command: {
      name: 'case.create',
      label: `Add participant ${quote(name)}`,
      run: async (w) => {
        await checkCaseName(w, name);
        const order = ((await w.db.cases.orderBy('order').last())?.order ?? -1) + 1;
        await w.put('cases', { id, name, description: fields.description?.trim() ?? '', order });
      },
    },
  };
}

/** Renames a participant or changes their description. */
export function updateCase(record: CaseRecord, changes: { name?: string; description?: string }): Command {
  const name = changes.name === undefined ? undefined : cleanName(changes.name);
  const description = changes.description?.trim();
  const label =
    name !== undefined && name !== record.name
      ? `Rename participant ${quote(record.name)} to ${quote(name)}`
      : `Describe participant ${quote(record.name)}`;
  return {
    name: name !== undefined ? 'case.rename' : 'case.describe',
    label,
    run: async (w) => {
      if (name !== undefined) await checkCaseName(w, name, record.id);
      await w.update('cases', record.id, {
        ...(name !== undefined ? { name } : {}),
        ...(description !== undefined ? { description } : {}),
      });
    },
  };
}

/** Deletes a participant with their attribute values and memos; their documents stay, no longer linked. */
export function deleteCase(record: CaseRecord): Command {
  return {
    name: 'case.delete',
    label: `Delete participant ${quote(record.name)}`,
    run: async (w) => {
      const now = Date.now();
      const values = await w.db.attributeValues.where('ownerId').equals(record.id).primaryKeys();
      await w.deleteMany('attributeValues', values);
      for (const document of await w.db.documents.where('caseId').equals(record.id).toArray()) await setCaseOf(w, document.id, undefined, now);
      const memos = await w.db.memos.where('[targetType+targetId]').equals(['case', record.id]).primaryKeys();
      await w.deleteMany('memos', memos);
      await w.delete('cases', record.id);
    },
  };
}

/** Links a document to a participant, or unlinks it (undefined). */
export function setDocumentCase(document: Pick<DocumentRecord, 'id' | 'name'>, caseRecord: Pick<CaseRecord, 'id' | 'name'> | undefined): Command {
  return {
    name: 'document.set-case',
    label: caseRecord ? `Link ${quote(document.name)} to ${quote(caseRecord.name)}` : `Unlink ${quote(document.name)} from its participant`,
    run: async (w) => {
      if (caseRecord && !(await w.db.cases.get(caseRecord.id))) throw new Error(`The participant ${quote(caseRecord.name)} no longer exists.`);
      await setCaseOf(w, document.id, caseRecord?.id, Date.now());
    },
  };
}

/** Makes exactly these documents the participant's: others linked to them before are unlinked. */
export function setCaseDocuments(record: Pick<CaseRecord, 'id' | 'name'>, documentIds: readonly Id[]): Command {
  const count = documentIds.length;
  return {
    name: 'case.set-documents',
    label: `Link ${count} ${count === 1 ? 'document' : 'documents'} to ${quote(record.name)}`,
    run: async (w) => {
      const now = Date.now();
      const keep = new Set(documentIds);
      for (const document of await w.db.documents.where('caseId').equals(record.id).toArray()) {
        if (!keep.has(document.id)) await setCaseOf(w, document.id, undefined, now);
      }
      for (const id of documentIds) await setCaseOf(w, id, record.id, now);
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Attributes

const scopeWord = (scope: AttributeScope) => (scope === 'case' ? 'participant' : 'document');

/** Adds an attribute of participants or of documents, after the others. */
export function createAttribute(fields: AttributeFields & { scope: AttributeScope }): { command: Command; id: Id } {
  const id = newId();
  const name = cleanName(fields.name);
  const options = fields.type === 'category' || fields.type === 'scale' ? cleanOptions(fields.options) : [];
  return {
    id,
    command: {
      name: 'attribute.create',
      label: `Add ${scopeWord(fields.scope)} attribute ${quote(name)}`,
      run: async (w) => {
        await checkAttributeName(w, name, fields.scope);
        checkOptions({ name, type: fields.type, options });
        const order = ((await w.db.attributes.orderBy('order').last())?.order ?? -1) + 1;
        await w.put('attributes', { id, name, scope: fields.scope, type: fields.type, options, order });
      },
    },
  };
}

/**
 * Renames an attribute and changes its type or options. Values move with renamed options; values that do not fit
 * the new definition are cleared (see planValueConversion, which the view uses to warn first).
 */
export function updateAttribute(before: AttributeDefinition, fields: AttributeFields, renamed: Readonly<Record<string, string>> = {}): Command {
  const name = cleanName(fields.name);
  const options = fields.type === 'category' || fields.type === 'scale' ? cleanOptions(fields.options) : [];
  const after: AttributeDefinition = { ...before, name, type: fields.type, options };
  const label =
    name !== before.name && fields.type === before.type
      ? `Rename attribute ${quote(before.name)} to ${quote(name)}`
      : fields.type !== before.type
        ? `Change ${quote(name)} to ${ATTRIBUTE_TYPE_NAMES[fields.type].toLowerCase()}`
        : `Edit attribute ${quote(name)}`;
  return {
    name: 'attribute.update',
    label,
    run: async (w) => {
      await checkAttributeName(w, name, before.scope, before.id);
      checkOptions(after);
      const values = await w.db.attributeValues.where('attributeId').equals(before.id).toArray();
      const plan = planValueConversion(values, after, renamed);
      await w.put('attributes', after);
      await w.putMany('attributeValues', plan.updates);
      await w.deleteMany('attributeValues', plan.cleared.map((v) => [v.ownerId, v.attributeId] as [string, string]));
    },
  };
}

/** Deletes an attribute and every value of it. */
export function deleteAttribute(attribute: AttributeDefinition): Command {
  return {
    name: 'attribute.delete',
    label: `Delete attribute ${quote(attribute.name)}`,
    run: async (w) => {
      const keys = await w.db.attributeValues.where('attributeId').equals(attribute.id).primaryKeys();
      await w.deleteMany('attributeValues', keys);
      await w.delete('attributes', attribute.id);
    },
  };
}

/**
 * Sets one participant's or document's value of an attribute; an empty value removes it. Throws (before anything
 * is stored) when the value does not fit the attribute, with a message saying why.
 */
export function setAttributeValue(attribute: AttributeDefinition, owner: { id: Id; name: string }, input: string): Command {
  const check = checkValue(input, attribute);
  if (!check.ok) throw new Error(check.error);
  const value = check.value;
  return {
    name: 'attribute.set-value',
    label: value === '' ? `Clear ${attribute.name} of ${quote(owner.name)}` : `Set ${attribute.name} of ${quote(owner.name)} to ${quote(displayValue(value, attribute))}`,
    run: async (w) => {
      if (value === '') await w.delete('attributeValues', [owner.id, attribute.id]);
      else await w.put('attributeValues', { ownerId: owner.id, attributeId: attribute.id, value });
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Participant sheets

/** Everything a participant sheet adds or changes, worked out before anything is stored (see views/cases/sheet-import.ts). */
export interface ParticipantImportPlan {
  fileName: string;
  /** New participants and existing ones whose description changes, as stored after the import. */
  cases: CaseRecord[];
  /** New attributes and existing ones whose options grow. */
  attributes: AttributeDefinition[];
  values: AttributeValue[];
  /** Documents whose participant changes (undefined: unlinked). */
  documentCases: { documentId: Id; caseId: Id | undefined }[];
}

/** Applies a whole participant sheet as one change: one Undo takes all of it back. */
export function importParticipantsCommand(plan: ParticipantImportPlan): Command {
  return {
    name: 'case.import-sheet',
    label: `Import participant sheet ${quote(plan.fileName)}`,
    run: async (w) => {
      const now = Date.now();
      for (const record of plan.cases) {
        const clash = await w.db.cases.where('name').equalsIgnoreCase(record.name).first();
        if (clash && clash.id !== record.id) throw new Error(`There is already a participant called ${quote(clash.name)}; import the sheet again.`);
      }
      await w.putMany('cases', plan.cases);
      await w.putMany('attributes', plan.attributes);
      await w.putMany('attributeValues', plan.values);
      for (const link of plan.documentCases) await setCaseOf(w, link.documentId, link.caseId, now);
    },
  };
}
