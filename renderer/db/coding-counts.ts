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

export async function countCodings(db: ProjectDb): Promise<CodingCountsMessage> {
  const documents = await db.documents.toArray();
  const caseOf = new Map(documents.map((d) => [d.id, d.caseId]));
  const byCode = new Map<Id, { codings: number; documents: Set<Id>; cases: Set<Id> }>();
  const byDocument = new Map<Id, number>();
  const pairs: [Id, Id][] = [];
  // Paged by primary key with getAll (one native call per page) rather than one long cursor over every key.
  for (let last: string | undefined; ; ) {
    const page = await (last === undefined ? db.codings.limit(PAGE) : db.codings.where(':id').above(last).limit(PAGE)).toArray();
    for (const c of page) pairs.push([c.codeId, c.documentId]);
    if (page.length < PAGE) break;
    last = page[page.length - 1]!.id;
  }
  for (const [codeId, documentId] of pairs) {
    let entry = byCode.get(codeId);
    if (!entry) {
      entry = { codings: 0, documents: new Set(), cases: new Set() };
      byCode.set(codeId, entry);
    }
    entry.codings += 1;
    entry.documents.add(documentId);
    const caseId = caseOf.get(documentId);
    if (caseId) entry.cases.add(caseId);
    byDocument.set(documentId, (byDocument.get(documentId) ?? 0) + 1);
  }
  return {
    byCode: [...byCode].map(([id, e]) => [id, e.codings, e.documents.size, e.cases.size]),
    byDocument: [...byDocument],
  };
}

export function fromMessage(message: CodingCountsMessage): CodingCounts {
  return {
    byCode: new Map(message.byCode.map(([id, codings, documents, cases]) => [id, { codings, documents, cases }])),
    byDocument: new Map(message.byDocument),
  };
}
