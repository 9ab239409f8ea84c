import Dexie from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { Id } from '../../shared/model/types';
import { collectCodingChanges, countCodings, fromMessage, type CodingChanges, type CodingCounts, type CodingCountsMessage } from './coding-counts';
import { WorkerClient } from '../workers/worker-client';
import type { CountRequest } from './coding-counts.worker';
import type { ProjectDb } from './project-db';

/**
 * The codings changed in each open project's database since its last count was asked for. Every write commits
 * through Dexie in this window, which reports what it touched; the worker then reads only those codings.
 */
const changed = new Map<string, { all: boolean; ids: Set<Id> }>();
Dexie.on('storagemutated', (parts) => {
  for (const [name, pending] of changed) collectCodingChanges(parts, name, pending);
});

/** What changed in `db` since the last call, or everything the first time it is asked. */
function takeChanges(db: ProjectDb): CodingChanges {
  const pending = changed.get(db.name);
  changed.set(db.name, { all: false, ids: new Set() });
  if (!pending || pending.all) return { all: true };
  return { all: false, ids: [...pending.ids] };
}

/** Undefined until first asked; null where this window cannot start workers (counted on the main thread instead). */
let counter: WorkerClient<CountRequest, CodingCountsMessage> | null | undefined;

function countInWorker(db: ProjectDb, changes: CodingChanges): Promise<CodingCountsMessage> {
  if (counter === undefined) {
    counter =
      typeof Worker === 'function'
        ? new WorkerClient({
            start: () => new Worker(new URL('./coding-counts.worker.ts', import.meta.url), { type: 'module', name: 'tessera-counts' }),
            stoppedMessage: 'Counting the codings stopped unexpectedly.',
          })
        : null;
  }
  if (!counter) return countCodings(db);
  return counter.call({ projectId: db.projectId, changes });
}

const cache = new Map<string, { version: number | undefined; counts: CodingCounts }>();
/** The count under way for each project and version: every list that shows counts shares one. */
const inFlight = new Map<string, { version: number; promise: Promise<CodingCounts> }>();

function countOnce(db: ProjectDb, version: number): Promise<CodingCounts> {
  const running = inFlight.get(db.projectId);
  if (running && running.version === version) return running.promise;
  const promise = countInWorker(db, takeChanges(db)).then((message) => {
    const result = fromMessage(message);
    cache.set(db.projectId, { version, counts: result });
    return result;
  });
  inFlight.set(db.projectId, { version, promise });
  const clear = () => {
    if (inFlight.get(db.projectId)?.promise === promise) inFlight.delete(db.projectId);
  };
  const recountNextTime = () => {
    changed.get(db.name)!.all = true;
    clear();
  };
  promise.then(clear, recountNextTime);
  return promise;
}

/**
 * Coding counts per code and per document, recounted in a worker shortly after each change (every change writes
 * an audit row, which is cheap to watch). Undefined until the first count arrives.
 */
export function useCodingCounts(db: ProjectDb): CodingCounts | undefined {
  const version = useLiveQuery(async () => (await db.audit.orderBy('seq').last())?.seq ?? 0, [db]);
  const [counts, setCounts] = useState<CodingCounts | undefined>(() => cache.get(db.projectId)?.counts);
  useEffect(() => {
    if (version === undefined) return;
    const cached = cache.get(db.projectId);
    if (cached && cached.version === version) {
      setCounts(cached.counts);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      countOnce(db, version).then(
        (result) => {
          if (!cancelled) setCounts(result);
        },
        () => undefined,
      );
    }, cached ? 600 : 0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [db, version]);
  return counts;
}
