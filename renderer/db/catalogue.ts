import Dexie, { type Table } from 'dexie';
import type { ProjectInfo } from '../../shared/model/types';

/**
 * The catalogue of projects on this machine. Each project's data lives in its own database (project-db.ts), so a
 * project can be deleted, duplicated or backed up as a unit.
 */
export class CatalogueDb extends Dexie {
  projects!: Table<ProjectInfo, string>;

  constructor() {
    super('tessera-catalogue');
    // Released schema versions are never edited; a change adds version(n + 1) with its upgrade.
    this.version(1).stores({ projects: 'id, name, updatedAt, deletedAt' });
  }
}

export const catalogue = new CatalogueDb();
