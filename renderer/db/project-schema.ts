import type { Transaction } from 'dexie';

/**
 * Every released schema version of a project database, oldest first. Append-only: a released entry is never
 * edited (users' databases were created with it); a change adds the next version with its upgrade function.
 * test/unit/renderer-db/schema-upgrades.test.ts opens a database at every earlier version, fills it, and checks
 * the current code reads it.
 */
export interface SchemaVersion {
  version: number;
  stores: Record<string, string>;
  upgrade?: (tx: Transaction) => Promise<void> | void;
}

export const PROJECT_SCHEMA: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      documents: 'id, order, caseId, source.hash',
      texts: 'id',
      cases: 'id, order, name',
      attributes: 'id, scope, order',
      attributeValues: '[ownerId+attributeId], attributeId, ownerId',
      codes: 'id, parentId, order',
      codings: 'id, [documentId+start], documentId, codeId, coderId, [codeId+documentId]',
      memos: 'id, [targetType+targetId], targetType, updatedAt',
      themes: 'id, parentId, order',
      coders: 'id',
      audit: '++seq, at',
      meta: 'key',
    },
  },
];
