import { applyMergePlan, planMerge, type MergeChanges, type MergeChoices, type MergePlan } from '../../shared/exchange/merge';
import { readQdpx, readRefiFile } from '../../shared/exchange/qdpx-read';
import { writeQdc, writeQdpx, type WriteQdpxOptions } from '../../shared/exchange/qdpx-write';
import type { ProjectData } from '../../shared/model/types';
import { summariseOutcome, type MergeOutcome } from './merge-outcome';

/**
 * The exchange work that runs in the exchange worker: reading and writing REFI-QDA files and planning merges.
 * Kept apart from the worker's message plumbing so it can be tested in Node. A merge plan stays here (with the
 * incoming project it was made from) while the user makes choices, so the large data crosses to the page once.
 */

/** A merge plan as the preview sees it: everything but the incoming project itself. */
export type MergePlanView = Omit<MergePlan, 'incoming'>;

/** What the chosen file holds, for the preview's heading. */
export interface FileFacts {
  fileName: string;
  size: number;
  projectName: string;
  documents: number;
  codes: number;
  codings: number;
  coders: string[];
}

export type ExchangeRequest =
  | { id: number; kind: 'read'; name: string; bytes: Uint8Array }
  | { id: number; kind: 'plan'; name: string; bytes: Uint8Array; current: ProjectData }
  | { id: number; kind: 'replan'; planId: number; current: ProjectData }
  | { id: number; kind: 'evaluate'; planId: number; choices: MergeChoices }
  | { id: number; kind: 'apply'; planId: number; current: ProjectData; choices: MergeChoices }
  | { id: number; kind: 'discard'; planId: number }
  | { id: number; kind: 'write-qdpx'; project: ProjectData; options: WriteQdpxOptions }
  | { id: number; kind: 'write-qdc'; project: ProjectData };

export interface PlannedMerge {
  planId: number;
  plan: MergePlanView;
  /** What merging with the default choices would write. */
  outcome: MergeOutcome;
  facts: FileFacts;
  /** What reading the file noticed (e.g. how positions were counted). */
  readWarnings: string[];
}

export type ExchangeResult =
  | { kind: 'read'; project: ProjectData; warnings: string[] }
  | ({ kind: 'plan' } & PlannedMerge)
  | { kind: 'evaluate'; outcome: MergeOutcome }
  | { kind: 'apply'; changes: MergeChanges; outcome: MergeOutcome }
  | { kind: 'written'; bytes: Uint8Array }
  | { kind: 'done' };

/** Stages reported while a file is read and compared, for the progress indicator. */
export type ExchangeStage = 'reading' | 'comparing' | 'writing';

export const EXPIRED_PLAN = 'This preview has expired: choose the file again.';

function viewOf(plan: MergePlan): MergePlanView {
  const { incoming: _incoming, ...view } = plan;
  return view;
}

function factsOf(fileName: string, size: number, project: ProjectData): FileFacts {
  return {
    fileName,
    size,
    projectName: project.project.name,
    documents: project.documents.length,
    codes: project.codes.length,
    codings: project.codings.length,
    coders: project.coders.map((c) => c.name),
  };
}

interface Session {
  current: ProjectData;
  plan: MergePlan;
  facts: FileFacts;
  readWarnings: string[];
}

/** An error message that names the file, once. */
export function fileMessage(fileName: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.startsWith(`${fileName}:`) ? message : `${fileName}: ${message}`;
}

export function createExchangeEngine() {
  const sessions = new Map<number, Session>();
  let nextPlan = 1;

  const session = (planId: number): Session => {
    const found = sessions.get(planId);
    if (!found) throw new Error(EXPIRED_PLAN);
    return found;
  };

  const planned = (planId: number, s: Session): ExchangeResult => ({
    kind: 'plan',
    planId,
    plan: viewOf(s.plan),
    outcome: summariseOutcome(applyMergePlan(s.current, s.plan)),
    facts: s.facts,
    readWarnings: s.readWarnings,
  });

  async function handle(request: ExchangeRequest, stage: (stage: ExchangeStage) => void = () => undefined): Promise<ExchangeResult> {
    switch (request.kind) {
      case 'read': {
        stage('reading');
        const { project, warnings } = await readQdpx(request.bytes, request.name);
        return { kind: 'read', project, warnings };
      }
      case 'plan': {
        stage('reading');
        const size = request.bytes.byteLength;
        const { project, warnings } = await readRefiFile(request.bytes, request.name);
        stage('comparing');
        let plan: MergePlan;
        try {
          plan = planMerge(request.current, project);
        } catch (error) {
          throw new Error(fileMessage(request.name, error));
        }
        // One plan at a time: a new file replaces the one being previewed.
        sessions.clear();
        const planId = nextPlan++;
        const s: Session = { current: request.current, plan, facts: factsOf(request.name, size, project), readWarnings: warnings };
        sessions.set(planId, s);
        return planned(planId, s);
      }
      case 'replan': {
        const s = session(request.planId);
        stage('comparing');
        s.current = request.current;
        s.plan = planMerge(request.current, s.plan.incoming);
        return planned(request.planId, s);
      }
      case 'evaluate': {
        const s = session(request.planId);
        return { kind: 'evaluate', outcome: summariseOutcome(applyMergePlan(s.current, s.plan, request.choices)) };
      }
      case 'apply': {
        const s = session(request.planId);
        const result = applyMergePlan(request.current, s.plan, request.choices);
        return { kind: 'apply', changes: result.changes, outcome: summariseOutcome(result) };
      }
      case 'discard':
        sessions.delete(request.planId);
        return { kind: 'done' };
      case 'write-qdpx':
        stage('writing');
        return { kind: 'written', bytes: writeQdpx(request.project, request.options) };
      case 'write-qdc':
        stage('writing');
        return { kind: 'written', bytes: new TextEncoder().encode(writeQdc(request.project)) };
    }
  }

  return { handle, hasPlan: (planId: number) => sessions.has(planId) };
}

export type ExchangeEngine = ReturnType<typeof createExchangeEngine>;
