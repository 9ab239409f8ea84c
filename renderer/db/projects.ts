import Dexie from 'dexie';
import { newId } from '../../shared/model/ids';
import type { Id, ProjectData, ProjectInfo } from '../../shared/model/types';
import { catalogue } from './catalogue';
import { readProjectData, writeProjectData } from './project-data';
import { closeProjectDb, projectDb, projectDbName } from './project-db';

/**
 * The project list's operations. Projects are units of their own (one database each), so these act on the
 * catalogue and whole databases rather than going through a project's command history.
 */

/** How long a deleted project can be brought back before its data is removed. */
export const DELETE_UNDO_MS = 10_000;

export async function createProject(name: string, description = ''): Promise<ProjectInfo> {
  const now = Date.now();
  const project: ProjectInfo = { id: newId(), name: name.trim() || 'Untitled project', description, createdAt: now, updatedAt: now };
  await projectDb(project.id).open();
  await catalogue.projects.add(project);
  return project;
}

export async function renameProject(id: Id, name: string): Promise<void> {
  const trimmed = name.trim();
  if (!trimmed) throw new Error('A project needs a name');
  await catalogue.projects.update(id, { name: trimmed, updatedAt: Date.now() });
}

export async function touchProject(id: Id): Promise<void> {
  await catalogue.projects.update(id, { updatedAt: Date.now() });
}

/** Copies every record into a new project. The copy's catalogue entry is added only once its data is complete. */
export async function duplicateProject(id: Id): Promise<ProjectInfo> {
  const source = await catalogue.projects.get(id);
  if (!source) throw new Error('That project no longer exists');
  const now = Date.now();
  const copy: ProjectInfo = { ...source, id: newId(), name: `${source.name} (copy)`, createdAt: now, updatedAt: now, deletedAt: undefined };
  const data = await readProjectData(projectDb(id), copy);
  await writeProjectData(projectDb(copy.id), data);
  await catalogue.projects.add(copy);
  return copy;
}

/** Hides the project at once; its data stays until purgeDeletedProjects runs after the undo window. */
export async function deleteProject(id: Id): Promise<void> {
  await catalogue.projects.update(id, { deletedAt: Date.now() });
}

export async function restoreProject(id: Id): Promise<void> {
  await catalogue.projects.update(id, { deletedAt: undefined });
}

export async function purgeDeletedProjects(olderThan = Date.now() - DELETE_UNDO_MS): Promise<void> {
  const doomed = await catalogue.projects.filter((p) => p.deletedAt !== undefined && p.deletedAt <= olderThan).toArray();
  for (const project of doomed) {
    await closeProjectDb(project.id);
    await Dexie.delete(projectDbName(project.id));
    await catalogue.projects.delete(project.id);
  }
}

/** Creates the built-in sample project. Its data module is loaded only when asked for. */
export async function createSampleProject(): Promise<ProjectInfo> {
  const { buildSample } = await import('../../shared/sample/index');
  const id = newId();
  const data = await buildSample(id);
  await writeProjectData(projectDb(id), data);
  await catalogue.projects.add(data.project);
  return data.project;
}

/**
 * Stores a whole project read from a file (e.g. a .qdpx) as a new project with an id of its own, so the same file
 * can be imported twice. Its catalogue entry is added only once its data is complete.
 */
export async function createProjectFromData(data: ProjectData, name = data.project.name): Promise<ProjectInfo> {
  const now = Date.now();
  const project: ProjectInfo = {
    id: newId(),
    name: name.trim() || 'Imported project',
    description: data.project.description,
    createdAt: data.project.createdAt || now,
    updatedAt: now,
  };
  // Project memos and journal entries point at their project: the new one.
  const memos = data.memos.map((m) =>
    m.targetType === 'project' || m.targetType === 'journal' ? { ...m, targetId: project.id } : m,
  );
  try {
    await writeProjectData(projectDb(project.id), { ...data, project, memos });
  } catch (error) {
    // Leave no half-made database behind.
    await closeProjectDb(project.id);
    await Dexie.delete(projectDbName(project.id));
    throw error;
  }
  await catalogue.projects.add(project);
  return project;
}

/** Asks the browser to keep this origin's data even under storage pressure. */
export async function requestPersistentStorage(): Promise<boolean> {
  try {
    return (await navigator.storage?.persist?.()) ?? false;
  } catch {
    return false;
  }
}
