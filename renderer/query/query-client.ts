import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Id } from '../../shared/model/types';
import { useProjectSession } from '../app/project-session';
import type { ProjectDb } from '../db/project-db';
import { WorkerClient } from '../workers/worker-client';
import type { QueryMessage } from './protocol';
import type { QueryRequest, QueryResult } from './run-query';

const queries = new WorkerClient<QueryMessage, QueryResult>({
  start: () => new Worker(new URL('./query.worker.ts', import.meta.url), { type: 'module', name: 'tessera-query' }),
  stoppedMessage: 'The query stopped unexpectedly.',
});

/** Asks the query worker one question about a project's data at a version (see dataVersion). */
export function runQueryInWorker<R extends QueryRequest>(projectId: Id, version: number, request: R): Promise<QueryResult<R>> {
  return queries.call({ projectId, version, request }) as Promise<QueryResult<R>>;
}

/**
 * The project's data version: the number of its last audit entry. Every change (and every undo and redo) is a
 * command that writes one, so a new number means the data changed and the worker's index must be rebuilt.
 */
export function useDataVersion(db: ProjectDb): number | undefined {
  return useLiveQuery(async () => Number((await db.audit.toCollection().lastKey()) ?? 0), [db]);
}

export interface QueryState<R extends QueryRequest> {
  data?: QueryResult<R>;
  error?: string;
  /** True while a question is out (the last answer stays shown meanwhile). */
  loading: boolean;
}

/**
 * Runs a query in the worker whenever the request or the project's data changes, and gives the latest answer.
 * `null` asks nothing. Answers to superseded requests are dropped.
 */
export function useQuery<R extends QueryRequest>(request: R | null): QueryState<R> {
  const { projectId, db } = useProjectSession();
  const version = useDataVersion(db);
  const key = useMemo(() => (request ? JSON.stringify(request) : null), [request]);
  const [state, setState] = useState<QueryState<R>>({ loading: request !== null });
  const latest = useRef(0);
  useEffect(() => {
    if (key === null || version === undefined) {
      setState((s) => ({ ...s, loading: key !== null }));
      return;
    }
    const ticket = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    runQueryInWorker(projectId, version, JSON.parse(key) as R).then(
      (data) => {
        if (ticket === latest.current) setState({ data, loading: false });
      },
      (error: Error) => {
        if (ticket === latest.current) setState({ error: error.message, loading: false });
      },
    );
  }, [projectId, version, key]);
  return key === null ? { loading: false } : state;
}
