import type { PickedFile } from '../../shared/ipc/contract';
import type { Id, ProjectData, ProjectInfo } from '../../shared/model/types';
import { lastAuditSeq } from '../commands/merge-commands';
import { catalogue } from '../db/catalogue';
import { readProjectData } from '../db/project-data';
import { DATA_TABLES, type ProjectDb } from '../db/project-db';
import { createProjectFromData } from '../db/projects';
import { readQdpxInWorker, writeQdcInWorker, writeQdpxInWorker } from './exchange-client';
import { fileMessage } from './exchange-engine';
import { exportFileName, importedProjectName } from './file-names';
import { saveExport } from '../protect/export-guard';

/** Whole-project exchange with files: export (project, codebook, one's own work) and import as a new project. */

export const QDPX_FILTERS = [
  { name: 'REFI-QDA project', extensions: ['qdpx'] },
  { name: 'All files', extensions: ['*'] },
];
export const MERGE_FILTERS = [
  { name: 'REFI-QDA project or codebook', extensions: ['qdpx', 'qdc'] },
  { name: 'All files', extensions: ['*'] },
];

/** The whole project as it is now, with the audit position it was read at (one consistent snapshot). */
export async function readCurrentProject(db: ProjectDb, projectId: Id): Promise<{ data: ProjectData; auditSeq: number }> {
  const info: ProjectInfo = (await catalogue.projects.get(projectId)) ?? {
    id: projectId,
    name: 'Project',
    description: '',
    createdAt: Date.now(),
    updatedAt: Date.now(),
  };
  return db.transaction('r', [...DATA_TABLES, 'audit'].map((t) => db.table(t)), async () => {
    const auditSeq = await lastAuditSeq(db);
    const data = await readProjectData(db, info);
    return { data, auditSeq };
  });
}

export type ExportRequest =
  | { kind: 'project'; nvivo: boolean }
  | { kind: 'codebook' }
  | { kind: 'work'; documentIds: Id[]; coderIds: Id[] };

/** Writes the file in the worker and offers it to save. Resolves to the file name, or undefined when cancelled. */
export async function exportProjectFile(db: ProjectDb, projectId: Id, request: ExportRequest): Promise<string | undefined> {
  const { data } = await readCurrentProject(db, projectId);
  let bytes: Uint8Array;
  let suggestedName: string;
  let filters: { name: string; extensions: string[] }[];
  let title: string;
  switch (request.kind) {
    case 'project':
      bytes = await writeQdpxInWorker(data, { positions: request.nvivo ? 'nvivo' : 'codepoints' });
      suggestedName = exportFileName(data.project.name, { kind: 'project', nvivo: request.nvivo });
      filters = [QDPX_FILTERS[0]!];
      title = 'Export project';
      break;
    case 'codebook':
      bytes = await writeQdcInWorker(data);
      suggestedName = exportFileName(data.project.name, { kind: 'codebook' });
      filters = [{ name: 'REFI-QDA codebook', extensions: ['qdc'] }];
      title = 'Export codebook';
      break;
    case 'work': {
      const chosen = new Set(request.coderIds);
      const coderNames = data.coders.filter((c) => chosen.has(c.id)).map((c) => c.name);
      bytes = await writeQdpxInWorker(data, { documentIds: request.documentIds, coderIds: request.coderIds });
      suggestedName = exportFileName(data.project.name, { kind: 'work', coderNames });
      filters = [QDPX_FILTERS[0]!];
      title = 'Export work for the team';
      break;
    }
  }
  const saved = await saveExport({ title, suggestedName, filters, bytes });
  return saved ? suggestedName : undefined;
}

export interface ImportedProject {
  project: ProjectInfo;
  warnings: string[];
  counts: { documents: number; codes: number; codings: number; coders: number };
}

/** Reads a .qdpx (from any REFI-QDA program) in the worker and stores it as a new project. Errors name the file. */
export async function importProjectFile(file: PickedFile): Promise<ImportedProject> {
  let read: Awaited<ReturnType<typeof readQdpxInWorker>>;
  try {
    read = await readQdpxInWorker(file.name, file.bytes);
  } catch (error) {
    throw new Error(`Could not import ${fileMessage(file.name, error)}`);
  }
  const { project: data, warnings } = read;
  const existing = await catalogue.projects.filter((p) => p.deletedAt === undefined).toArray();
  const name = importedProjectName(data.project.name, file.name, existing.map((p) => p.name));
  let project: ProjectInfo;
  try {
    project = await createProjectFromData(data, name);
  } catch (error) {
    throw new Error(`Could not import ${file.name}: the project could not be stored (${error instanceof Error ? error.message : String(error)})`);
  }
  return {
    project,
    warnings,
    counts: { documents: data.documents.length, codes: data.codes.length, codings: data.codings.length, coders: data.coders.length },
  };
}

/** The message after an import: what came in, and the first thing reading noticed. */
export function importSummary({ project, counts, warnings }: ImportedProject): string {
  const n = (k: number, one: string) => `${k.toLocaleString('en-GB')} ${k === 1 ? one : `${one}s`}`;
  const what = `Imported “${project.name}”: ${n(counts.documents, 'document')}, ${n(counts.codes, 'code')}, ${n(counts.codings, 'coding')}.`;
  if (!warnings.length) return what;
  return `${what} Note: ${warnings[0]}${warnings.length > 1 ? ` (and ${warnings.length - 1} more)` : ''}.`;
}
