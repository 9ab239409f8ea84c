import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AttributeDefinition, CoderRecord, ThemeRecord } from '../../../shared/model/types';
import type { PseudonymTable } from '../../../shared/protect/table';
import type { ProjectDb } from '../../db/project-db';
import type { ChosenQuotes, WriteupProgress, WriteupResult } from '../../writeup/protocol';
import { CHOSEN_QUOTES_KEY } from '../../writeup/writeup-commands';
import { runWriteup, type WriteupBody } from '../../writeup/writeup-client';
import { findPseudonymTable, readChosenQuotes } from '../../writeup/settings';

export interface CoderWithCount extends CoderRecord {
  codings: number;
}

/** What the Write-up view's options read from the project, live. */
export interface WriteupData {
  themes: ThemeRecord[];
  attributes: AttributeDefinition[];
  coders: CoderWithCount[];
  codes: number;
  codings: number;
  journal: number;
  memos: number;
  pseudonyms?: PseudonymTable;
  chosen: ChosenQuotes;
}

export function useWriteupData(db: ProjectDb): WriteupData | undefined {
  return useLiveQuery(async () => {
    const [themes, attributes, coders, codes, codings, memos, meta] = await Promise.all([
      db.themes.orderBy('order').toArray(),
      db.attributes.orderBy('order').toArray(),
      db.coders.toArray(),
      db.codes.count(),
      db.codings.count(),
      db.memos.toArray(),
      db.meta.toArray(),
    ]);
    const withCounts = await Promise.all(coders.map(async (c) => ({ ...c, codings: await db.codings.where('coderId').equals(c.id).count() })));
    const written = memos.filter((m) => m.plainText.trim());
    return {
      themes,
      attributes,
      coders: withCounts.sort((a, b) => b.codings - a.codings || a.name.localeCompare(b.name)),
      codes,
      codings,
      journal: written.filter((m) => m.targetType === 'journal').length,
      memos: written.filter((m) => m.targetType !== 'journal').length,
      pseudonyms: findPseudonymTable(meta),
      chosen: readChosenQuotes(meta.find((m) => m.key === CHOSEN_QUOTES_KEY)?.value),
    };
  }, [db]);
}

/** The data's version: the audit trail's last entry, which every change, undo and redo writes. */
export function useDataVersion(db: ProjectDb): number | undefined {
  return useLiveQuery(async () => (await db.audit.orderBy('seq').last())?.seq ?? 0, [db]);
}

export interface WorkerState<T> {
  value?: T;
  /** The value answers the latest request. */
  current: boolean;
  running: boolean;
  progress?: WriteupProgress;
  error?: string;
}

/**
 * Asks the worker whenever `key` changes (after a short pause, so typing does not queue a build per keystroke) and
 * keeps the last answer shown meanwhile. Only the newest request waits its turn: one the user has already
 * changed again is never sent.
 */
export function useWorkerValue<T>(body: WriteupBody | undefined, key: string, pick: (result: WriteupResult) => T | undefined, delay = 160): WorkerState<T> {
  const [state, setState] = useState<{ value?: T; key?: string; running: boolean; progress?: WriteupProgress; error?: string }>({ running: false });
  const busy = useRef(false);
  const queued = useRef<{ body: WriteupBody; key: string } | null>(null);
  const mounted = useRef(true);
  const pickRef = useRef(pick);
  pickRef.current = pick;

  const pump = useCallback(() => {
    if (busy.current || !queued.current) return;
    const job = queued.current;
    queued.current = null;
    busy.current = true;
    setState((s) => ({ ...s, running: true, progress: undefined }));
    runWriteup(job.body, (progress) => mounted.current && setState((s) => ({ ...s, progress })))
      .then(
        (result) => mounted.current && setState({ value: pickRef.current(result), key: job.key, running: false }),
        (error: Error) => mounted.current && error.name !== 'AbortError' && setState((s) => ({ ...s, key: job.key, running: false, progress: undefined, error: error.message })),
      )
      .finally(() => {
        busy.current = false;
        pump();
      });
  }, []);

  const hasValue = state.value !== undefined;
  useEffect(() => {
    if (!body) return;
    const timer = setTimeout(
      () => {
        queued.current = { body, key };
        pump();
      },
      hasValue ? delay : 0,
    );
    return () => clearTimeout(timer);
    // The key stands for the body it is made of.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const current = state.key === key && !state.running;
  return { value: state.value, current, running: state.running || state.key !== key, progress: state.progress, error: state.key === key ? state.error : undefined };
}

/** A job the user started (a save or an export): its progress, one at a time per job id. */
export function useJobs() {
  const [jobs, setJobs] = useState<Record<string, WriteupProgress>>({});
  const run = useCallback(async (jobId: string, body: WriteupBody): Promise<Uint8Array> => {
    setJobs((j) => ({ ...j, [jobId]: { label: 'Starting' } }));
    try {
      const result = await runWriteup(body, (progress) => setJobs((j) => ({ ...j, [jobId]: progress })));
      if (result.kind !== 'file') throw new Error('the write-up gave no file');
      return result.bytes;
    } finally {
      setJobs((j) => {
        const next = { ...j };
        delete next[jobId];
        return next;
      });
    }
  }, []);
  return { jobs, run };
}

