import { createContext, useContext, useSyncExternalStore } from 'react';
import type { Id } from '../../shared/model/types';
import { CommandHistory, type Command } from '../db/command-history';
import { projectDb, type ProjectDb } from '../db/project-db';
import { touchProject } from '../db/projects';
import { currentCoderId } from '../state/coder-store';

/** An open project: its database and its command history (undo, redo, autosave, audit). */
export interface ProjectSession {
  projectId: Id;
  db: ProjectDb;
  history: CommandHistory;
  /** Runs a command; failures are reported to the user by the caller's toast. */
  execute(command: Command): Promise<void>;
}

const sessions = new Map<Id, ProjectSession>();

export function sessionFor(projectId: Id): ProjectSession {
  let session = sessions.get(projectId);
  if (!session) {
    const db = projectDb(projectId);
    const history = new CommandHistory(db, currentCoderId);
    session = {
      projectId,
      db,
      history,
      execute: async (command) => {
        await history.execute(command);
        void touchProject(projectId);
      },
    };
    sessions.set(projectId, session);
  }
  return session;
}

export const ProjectSessionContext = createContext<ProjectSession | null>(null);

export function useProjectSession(): ProjectSession {
  const session = useContext(ProjectSessionContext);
  if (!session) throw new Error('useProjectSession outside an open project');
  return session;
}

/** Undo/redo labels and the saved state, for the toolbar. */
export function useHistoryState(history: CommandHistory) {
  return useSyncExternalStore(
    (onChange) => history.subscribe(onChange),
    () => historySnapshot(history),
  );
}

const snapshots = new WeakMap<CommandHistory, { key: string; value: ReturnType<CommandHistory['state']> }>();
function historySnapshot(history: CommandHistory) {
  const state = history.state();
  const key = JSON.stringify(state);
  const cached = snapshots.get(history);
  if (cached && cached.key === key) return cached.value;
  snapshots.set(history, { key, value: state });
  return state;
}
