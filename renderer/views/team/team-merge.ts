import { create } from 'zustand';
import { snapshotProject } from '../../backup/backup-service';
import type { MergeChoices } from '../../../shared/exchange/merge';
import type { PickedFile } from '../../../shared/ipc/contract';
import type { Id } from '../../../shared/model/types';
import type { ProjectSession } from '../../app/project-session';
import { loadCodeMappings, mergeCommand, STALE_MERGE } from '../../commands/merge-commands';
import {
  applyInWorker,
  discardPlan,
  evaluateInWorker,
  isAbort,
  planMergeInWorker,
  replanInWorker,
  type PlanHandle,
} from '../../exchange/exchange-client';
import type { FileFacts, MergePlanView } from '../../exchange/exchange-engine';
import type { MergeOutcome } from '../../exchange/merge-outcome';
import { readCurrentProject } from '../../exchange/project-files';
import { useUi } from '../../state/ui-store';
import { mergeLabel, outcomeParts, listPhrase, type CodeChoice } from './merge-preview';

/**
 * The merge in progress: UI state only (the file's plan lives in the exchange worker, the project in the
 * database). Kept outside the view so switching tabs does not lose a preview the user is working through.
 */

export type LoadingStep = 'project' | 'reading' | 'comparing';

export interface PreviewState {
  stage: 'preview';
  fileName: string;
  handle: PlanHandle;
  plan: MergePlanView;
  facts: FileFacts;
  readWarnings: string[];
  outcome: MergeOutcome;
  choices: Required<MergeChoices>;
  /** The file's codes whose choice was taken from an earlier merge of the same colleague's codes, and that choice. */
  remembered: Record<Id, Id>;
  /** The audit position of the project the plan was made against. */
  auditSeq: number;
  /** Set while the outcome is being worked out again, or the merge is being written. */
  busy?: 'evaluating' | 'refreshing' | 'merging';
}

export type MergeState =
  | { stage: 'idle' }
  | { stage: 'loading'; fileName: string; size: number; step: LoadingStep; controller: AbortController }
  | PreviewState
  | { stage: 'merged'; fileName: string; outcome: MergeOutcome; label: string }
  | { stage: 'failed'; fileName: string; message: string };

interface TeamMergeStore {
  projectId?: Id;
  merge: MergeState;
  /** Forgets any merge of another project (the workspace switched projects). */
  forProject(projectId: Id): void;
  start(session: ProjectSession, file: PickedFile): Promise<void>;
  cancel(): void;
  setCodeChoice(incomingId: Id, choice: CodeChoice): void;
  setConflictChoice(conflictId: string, value: 'current' | 'incoming'): void;
  setAllConflicts(value: 'current' | 'incoming'): void;
  /** The project changed under the preview: compare the same file again. */
  refresh(session: ProjectSession): Promise<void>;
  apply(session: ProjectSession): Promise<void>;
  close(): void;
}

const notify = (message: string, kind: 'info' | 'error' = 'info') => useUi.getState().notify(message, { kind });
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Evaluations can overlap while the user clicks through choices: only the latest one's answer is shown. */
let evaluation = 0;

export const useTeamMerge = create<TeamMergeStore>()((set, get) => {
  const preview = (): PreviewState | undefined => {
    const m = get().merge;
    return m.stage === 'preview' ? m : undefined;
  };
  const patchPreview = (changes: Partial<PreviewState>) => {
    const p = preview();
    if (p) set({ merge: { ...p, ...changes } });
  };

  const evaluate = async (choices: Required<MergeChoices>) => {
    const p = preview();
    if (!p) return;
    const mine = ++evaluation;
    patchPreview({ choices, busy: 'evaluating' });
    try {
      const outcome = await evaluateInWorker(p.handle, choices);
      if (mine === evaluation) patchPreview({ outcome, busy: undefined });
    } catch (error) {
      if (mine !== evaluation) return;
      set({ merge: { stage: 'failed', fileName: p.fileName, message: messageOf(error) } });
    }
  };

  return {
    merge: { stage: 'idle' },

    forProject: (projectId) => {
      if (get().projectId === projectId) return;
      get().close();
      set({ projectId, merge: { stage: 'idle' } });
    },

    start: async (session, file) => {
      get().close();
      const controller = new AbortController();
      set({ projectId: session.projectId, merge: { stage: 'loading', fileName: file.name, size: file.bytes.byteLength, step: 'project', controller } });
      const step = (s: LoadingStep) => {
        const m = get().merge;
        if (m.stage === 'loading' && m.controller === controller) set({ merge: { ...m, step: s } });
      };
      try {
        const { data, auditSeq } = await readCurrentProject(session.db, session.projectId);
        if (controller.signal.aborted) return;
        step('reading');
        const planned = await planMergeInWorker(file.name, file.bytes, data, {
          signal: controller.signal,
          onStage: (stage) => step(stage === 'comparing' ? 'comparing' : 'reading'),
        });
        // Codes this colleague's earlier files were merged into, offered again while those codes still exist.
        const mappings = await loadCodeMappings(session.db);
        const existing = new Set(data.codes.map((c) => c.id));
        const codes: Required<MergeChoices>['codes'] = {};
        const remembered: Record<Id, Id> = {};
        for (const m of planned.plan.codes) {
          const currentId = mappings[m.incomingId];
          if (m.match !== 'none' || !currentId || !existing.has(currentId)) continue;
          codes[m.incomingId] = { action: 'map', currentId };
          remembered[m.incomingId] = currentId;
        }
        const choices = { codes, conflicts: {} };
        const outcome = Object.keys(remembered).length > 0 ? await evaluateInWorker(planned.handle, choices) : planned.outcome;
        if (controller.signal.aborted) return;
        set({
          merge: {
            stage: 'preview',
            fileName: file.name,
            handle: planned.handle,
            plan: planned.plan,
            facts: planned.facts,
            readWarnings: planned.readWarnings,
            outcome,
            choices,
            remembered,
            auditSeq,
          },
        });
      } catch (error) {
        if (isAbort(error)) return;
        set({ merge: { stage: 'failed', fileName: file.name, message: messageOf(error) } });
      }
    },

    cancel: () => {
      const m = get().merge;
      if (m.stage === 'loading') m.controller.abort();
      set({ merge: { stage: 'idle' } });
    },

    setCodeChoice: (incomingId, choice) => {
      const p = preview();
      if (!p) return;
      void evaluate({ ...p.choices, codes: { ...p.choices.codes, [incomingId]: choice } });
    },

    setConflictChoice: (conflictId, value) => {
      const p = preview();
      if (!p) return;
      void evaluate({ ...p.choices, conflicts: { ...p.choices.conflicts, [conflictId]: value } });
    },

    setAllConflicts: (value) => {
      const p = preview();
      if (!p) return;
      void evaluate({ ...p.choices, conflicts: Object.fromEntries(p.plan.conflicts.map((c) => [c.id, value])) });
    },

    refresh: async (session) => {
      const p = preview();
      if (!p || p.busy === 'merging' || p.busy === 'refreshing') return;
      patchPreview({ busy: 'refreshing' });
      const mine = ++evaluation;
      try {
        const { data, auditSeq } = await readCurrentProject(session.db, session.projectId);
        const planned = await replanInWorker(p.handle, data);
        const choices = preview()?.choices ?? p.choices;
        const outcome = Object.keys(choices.codes).length || Object.keys(choices.conflicts).length ? await evaluateInWorker(p.handle, choices) : planned.outcome;
        if (mine !== evaluation) return;
        patchPreview({ plan: planned.plan, outcome, auditSeq, busy: undefined });
      } catch (error) {
        if (mine !== evaluation) return;
        set({ merge: { stage: 'failed', fileName: p.fileName, message: messageOf(error) } });
      }
    },

    apply: async (session) => {
      const p = preview();
      if (!p || p.busy === 'merging') return;
      ++evaluation;
      patchPreview({ busy: 'merging' });
      try {
        // Worked out again against the project as it is at this moment, so nothing newer is overwritten.
        const { data, auditSeq } = await readCurrentProject(session.db, session.projectId);
        const { changes, outcome } = await applyInWorker(p.handle, data, p.choices);
        const label = mergeLabel(p.fileName);
        if (outcome.total > 0) {
          // A snapshot first: undo covers this session, the backup covers a crash or a merge regretted next week.
          await snapshotProject(session.projectId, 'before merge');
          const codeMappings = Object.fromEntries(
            p.plan.codes.filter((m) => m.match === 'none').map((m) => {
              const choice = p.choices.codes[m.incomingId];
              return [m.incomingId, choice?.action === 'map' ? choice.currentId : null];
            }),
          );
          await session.execute(mergeCommand({ label, changes, basedOnAuditSeq: auditSeq, codeMappings }));
        }
        discardPlan(p.handle);
        set({ merge: { stage: 'merged', fileName: p.fileName, outcome, label } });
        const parts = outcomeParts(outcome);
        notify(outcome.total > 0 ? `Merged “${p.fileName}”${parts.length ? `: ${listPhrase(parts)}` : ''}` : `Nothing to merge from “${p.fileName}”`);
      } catch (error) {
        patchPreview({ busy: undefined });
        notify(messageOf(error), 'error');
        if (messageOf(error) === STALE_MERGE) void get().refresh(session);
      }
    },

    close: () => {
      const m = get().merge;
      if (m.stage === 'loading') m.controller.abort();
      if (m.stage === 'preview') discardPlan(m.handle);
      set({ merge: { stage: 'idle' } });
    },
  };
});
