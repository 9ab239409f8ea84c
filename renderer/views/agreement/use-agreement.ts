import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import type { AgreementUnit } from '../../../shared/agreement/index';
import { codebookOrder } from '../../../shared/agreement/index';
import type { CoderRecord, CodeRecord, DocumentRecord, Id, ProjectInfo } from '../../../shared/model/types';
import { cancelComparison, compareInWorker } from '../../agreement/agreement-client';
import type { AgreementProgress, AgreementResult } from '../../agreement/protocol';
import { resolutionRecords, type ResolutionRecord } from '../../agreement/resolution-record';
import type { ProjectDb } from '../../db/project-db';

export interface CoderWithCount extends CoderRecord {
  codings: number;
}

export interface AgreementData {
  coders: CoderWithCount[];
  /** Codebook order, with each code's depth for indenting. */
  codes: (CodeRecord & { depth: number })[];
  documents: DocumentRecord[];
  resolutions: ResolutionRecord[];
}

/** What the agreement screens read from the project, live. */
export function useAgreementData(db: ProjectDb): AgreementData | undefined {
  return useLiveQuery(async () => {
    const [coders, codes, documents, memos] = await Promise.all([
      db.coders.toArray(),
      db.codes.toArray(),
      db.documents.orderBy('order').toArray(),
      db.memos.where('targetType').equals('project').toArray(),
    ]);
    // Codings by coders missing from the coders table still count (e.g. after a merge): they get a row by id.
    const coderIds = new Set(coders.map((c) => c.id));
    const allCoderIds = (await db.codings.orderBy('coderId').uniqueKeys()) as Id[];
    const known: CoderRecord[] = [
      ...coders,
      ...allCoderIds.filter((id) => !coderIds.has(id)).map((id) => ({ id, name: `Coder ${id.slice(0, 8)}`, initials: '?', color: '#777777' })),
    ];
    const withCounts = await Promise.all(known.map(async (c) => ({ ...c, codings: await db.codings.where('coderId').equals(c.id).count() })));
    const byId = new Map(codes.map((c) => [c.id, c]));
    const depth = (code: CodeRecord): number => {
      let d = 0;
      const seen = new Set<Id>();
      for (let at = code.parentId && byId.get(code.parentId); at && !seen.has(at.id); at = at.parentId ? byId.get(at.parentId) : undefined) {
        seen.add(at.id);
        d++;
      }
      return d;
    };
    return {
      coders: withCounts.sort((a, b) => b.codings - a.codings || a.name.localeCompare(b.name)),
      codes: codebookOrder(codes).map((c) => ({ ...c, depth: depth(c) })),
      documents,
      resolutions: resolutionRecords(memos),
    };
  }, [db]);
}

/** The data's version: the audit trail's last entry, which every change, undo and redo writes. */
export function useDataVersion(db: ProjectDb): number | undefined {
  return useLiveQuery(async () => (await db.audit.orderBy('seq').last())?.seq ?? 0, [db]);
}

export interface ComparisonParams {
  project: ProjectInfo | undefined;
  coderIds: Id[];
  unit: AgreementUnit;
  codeIds?: Id[];
  documentIds?: Id[];
  pair?: [Id, Id];
  version: number | undefined;
}

export interface ComparisonState {
  result?: AgreementResult;
  /** The result answers the current choices and data. */
  current: boolean;
  running: boolean;
  progress?: AgreementProgress;
  error?: string;
}

/** Runs the comparison in the worker whenever the choices or the data change; the last result stays shown meanwhile. */
export function useComparison(params: ComparisonParams): ComparisonState {
  const { project, coderIds, unit, codeIds, documentIds, pair, version } = params;
  const key = useMemo(() => JSON.stringify([project?.id, coderIds, unit, codeIds, documentIds, pair]), [project?.id, coderIds, unit, codeIds, documentIds, pair]);
  const [state, setState] = useState<{ result?: AgreementResult; key?: string; version?: number; running: boolean; progress?: AgreementProgress; error?: string }>({
    running: false,
  });

  useEffect(() => {
    if (!project || coderIds.length < 2 || version === undefined) return;
    let live = true;
    const timer = setTimeout(() => {
      setState((s) => ({ ...s, running: true, progress: undefined, error: undefined }));
      compareInWorker(
        { project, coderIds, unit, codeIds, documentIds, pair: pair ?? [coderIds[0]!, coderIds[1]!] },
        (progress) => live && setState((s) => ({ ...s, progress })),
      ).then(
        (result) => live && setState({ result, key, version, running: false }),
        (error: Error) => {
          if (!live || error.name === 'AbortError') return;
          setState((s) => ({ ...s, running: false, progress: undefined, error: error.message }));
        },
      );
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // The key stands for the choices it is made of.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, version]);

  useEffect(() => () => cancelComparison(), []);

  return {
    result: state.result,
    current: state.key === key && state.version === version && !state.running,
    running: state.running || state.key !== key || state.version !== version,
    progress: state.progress,
    error: state.error,
  };
}
