import { cmp, type IntervalTree, type IntervalTreeNode, type ObservabilitySet } from 'dexie';
import type { Id } from '../../shared/model/types';
import type { ProjectDb } from './project-db';

/**
 * How many codings each code and each document has, with the documents and participants behind each code.
 * Counting walks every coding's index key; in a project with 100,000 codings that takes seconds, so the app does it
 * in a worker (coding-counts.worker.ts) after each change instead of on the main thread inside a live query.
 */
export interface CodeCounts {
  codings: number;
  /** How many documents and participants (cases) have the code. */
  documents: number;
  cases: number;
}

export interface CodingCounts {
  byCode: Map<Id, CodeCounts>;
  byDocument: Map<Id, number>;
}

/**
 * Wire form: numbers only. The worker keeps the sets it counts with; sending them (hundreds of thousands of ids in a
 * large project) cost the main thread tens of milliseconds to receive after every change.
 */
export interface CodingCountsMessage {
  byCode: [Id, number, number, number][];
  byDocument: [Id, number][];
}

/** Codings read per transaction: short reads, so a user's new coding (a write) never waits long behind a count. */
const PAGE = 10_000;

/**
 * What changed among a project's codings since its last count: the ids of the codings written or deleted, or
 * everything (a bulk write, a range deleted, a document or participant changed, a new database).
 */
export type CodingChanges = { all: true } | { all: false; ids: Id[] };

/** Above this many changed codings a full count is as quick as looking each one up. */
const MOST_CHANGES = 5_000;

/**
 * The codings that `Dexie.on('storagemutated')` reports changed in the database `dbName`, added to `into`. Dexie
 * reports the primary keys of the codings it wrote or deleted one by one; anything broader (a range, a bulk write of
 * 50 or more, a new database) and any change to documents or participants (which move codings between cases) asks
 * for a full count.
 */
export function collectCodingChanges(parts: ObservabilitySet, dbName: string, into: { all: boolean; ids: Set<Id> }): void {
  const prefix = `idb://${dbName}/`;
  for (const [part, ranges] of Object.entries(parts)) {
    if (!part.startsWith(prefix)) continue;
    const [table, index] = part.slice(prefix.length).split('/');
    if (table === 'documents' || table === 'cases') into.all = true;
    if (table !== 'codings' || index !== '' || into.all) continue;
    for (const range of rangesOf(ranges)) {
      if (typeof range.from !== 'string' || cmp(range.from, range.to) !== 0) {
        into.all = true;
        break;
      }
      into.ids.add(range.from);
    }
    if (into.ids.size > MOST_CHANGES) into.all = true;
  }
  if (into.all) into.ids.clear();
}

/** The ranges of an interval tree as Dexie reports them (plain objects: `from`, `to`, left `l`, right `r`). */
function* rangesOf(tree: IntervalTree): Generator<IntervalTreeNode> {
  if (!('from' in tree)) return;
  const stack: IntervalTreeNode[] = [];
  for (let node: IntervalTreeNode | null | undefined = tree; node || stack.length; ) {
    if (node) {
      stack.push(node);
      node = node.l;
    } else {
      const next = stack.pop()!;
      yield next;
      node = next.r;
    }
  }
}

/**
 * A project's coding counts kept up to date by changes: the first count reads every coding, later ones read only
 * the codings that changed. Recounting 100,000 codings after each new one took a third of a second of a core, which
 * on a two-core laptop slowed the reader painting that coding.
 */
export class CodingTally {
  private ready = false;
  /** Each coding's code and document, as small numbers (`code * 2^21 + document`) to keep the map compact. */
  private readonly rows = new Map<Id, number>();
  private readonly codeIds: Id[] = [];
  private readonly codeIndex = new Map<Id, number>();
  private readonly documentIds: Id[] = [];
  private readonly documentIndex = new Map<Id, number>();
  /** Per code: codings per document. */
  private readonly perCode = new Map<Id, Map<Id, number>>();
  private readonly codingsOfCode = new Map<Id, number>();
  private readonly byDocument = new Map<Id, number>();
  private caseOf = new Map<Id, Id | undefined>();
  /** Each code's figures as sent, recomputed only for codes whose codings changed. */
  private readonly summary = new Map<Id, [Id, number, number, number]>();
  private readonly dirty = new Set<Id>();

  async count(db: ProjectDb, changes?: CodingChanges): Promise<CodingCountsMessage> {
    try {
      if (!this.ready || !changes || changes.all) await this.recount(db);
      else if (changes.ids.length) await this.update(db, changes.ids);
    } catch (error) {
      this.ready = false;
      throw error;
    }
    return this.message();
  }

  private async recount(db: ProjectDb): Promise<void> {
    const documents = await db.documents.toArray();
    this.caseOf = new Map(documents.map((d) => [d.id, d.caseId]));
    this.rows.clear();
    this.perCode.clear();
    this.codingsOfCode.clear();
    this.byDocument.clear();
    this.summary.clear();
    this.dirty.clear();
    // Paged by primary key with getAll (one native call per page) rather than one long cursor over every key.
    for (let last: string | undefined; ; ) {
      const page = await (last === undefined ? db.codings.limit(PAGE) : db.codings.where(':id').above(last).limit(PAGE)).toArray();
      for (const c of page) this.add(c.id, c.codeId, c.documentId);
      if (page.length < PAGE) break;
      last = page[page.length - 1]!.id;
    }
    this.ready = true;
  }

  private async update(db: ProjectDb, ids: Id[]): Promise<void> {
    const records = await db.codings.bulkGet(ids);
    ids.forEach((id, i) => {
      const row = this.rows.get(id);
      if (row !== undefined) this.remove(id, row);
      const record = records[i];
      if (record) this.add(record.id, record.codeId, record.documentId);
    });
  }

  private add(id: Id, codeId: Id, documentId: Id): void {
    this.rows.set(id, this.intern(this.codeIds, this.codeIndex, codeId) * 2 ** 21 + this.intern(this.documentIds, this.documentIndex, documentId));
    let docs = this.perCode.get(codeId);
    if (!docs) this.perCode.set(codeId, (docs = new Map()));
    docs.set(documentId, (docs.get(documentId) ?? 0) + 1);
    this.codingsOfCode.set(codeId, (this.codingsOfCode.get(codeId) ?? 0) + 1);
    this.byDocument.set(documentId, (this.byDocument.get(documentId) ?? 0) + 1);
    this.dirty.add(codeId);
  }

  private remove(id: Id, row: number): void {
    const codeId = this.codeIds[Math.floor(row / 2 ** 21)]!;
    const documentId = this.documentIds[row % 2 ** 21]!;
    this.rows.delete(id);
    const docs = this.perCode.get(codeId)!;
    const left = docs.get(documentId)! - 1;
    if (left > 0) docs.set(documentId, left);
    else docs.delete(documentId);
    const codings = this.codingsOfCode.get(codeId)! - 1;
    if (codings > 0) this.codingsOfCode.set(codeId, codings);
    else {
      this.codingsOfCode.delete(codeId);
      this.perCode.delete(codeId);
    }
    const inDocument = this.byDocument.get(documentId)! - 1;
    if (inDocument > 0) this.byDocument.set(documentId, inDocument);
    else this.byDocument.delete(documentId);
    this.dirty.add(codeId);
  }

  private intern(ids: Id[], index: Map<Id, number>, id: Id): number {
    let n = index.get(id);
    if (n === undefined) {
      n = ids.length;
      ids.push(id);
      index.set(id, n);
    }
    return n;
  }

  private message(): CodingCountsMessage {
    for (const codeId of this.dirty) {
      const docs = this.perCode.get(codeId);
      if (!docs) {
        this.summary.delete(codeId);
        continue;
      }
      const cases = new Set<Id>();
      for (const documentId of docs.keys()) {
        const caseId = this.caseOf.get(documentId);
        if (caseId) cases.add(caseId);
      }
      this.summary.set(codeId, [codeId, this.codingsOfCode.get(codeId)!, docs.size, cases.size]);
    }
    this.dirty.clear();
    return { byCode: [...this.summary.values()], byDocument: [...this.byDocument] };
  }
}

/** Counts every coding of the project afresh. */
export function countCodings(db: ProjectDb): Promise<CodingCountsMessage> {
  return new CodingTally().count(db);
}

export function fromMessage(message: CodingCountsMessage): CodingCounts {
  return {
    byCode: new Map(message.byCode.map(([id, codings, documents, cases]) => [id, { codings, documents, cases }])),
    byDocument: new Map(message.byDocument),
  };
}
