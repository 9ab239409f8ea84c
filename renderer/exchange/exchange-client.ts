import type { MergeChanges, MergeChoices } from '../../shared/exchange/merge';
import type { WriteQdpxOptions } from '../../shared/exchange/qdpx-write';
import type { ProjectData } from '../../shared/model/types';
import { WorkerClient } from '../workers/worker-client';
import type { WithoutId } from '../workers/worker-protocol';
import {
  EXPIRED_PLAN,
  type ExchangeRequest,
  type ExchangeResult,
  type ExchangeStage,
  type PlannedMerge,
} from './exchange-engine';
import type { MergeOutcome } from './merge-outcome';

/**
 * The page's side of the exchange worker: typed calls, progress stages, cancelling. Its generation moves on whenever
 * the worker is replaced: plans made by an earlier worker are gone with it.
 */
const exchange = new WorkerClient<ExchangeRequest, ExchangeResult, ExchangeStage>({
  start: () => new Worker(new URL('./exchange.worker.ts', import.meta.url), { type: 'module', name: 'tessera-exchange' }),
  stoppedMessage: 'Reading the file stopped unexpectedly',
});

interface CallOptions {
  signal?: AbortSignal;
  onStage?: (stage: ExchangeStage) => void;
  transfer?: Transferable[];
}

function call(request: WithoutId<ExchangeRequest>, options: CallOptions = {}): Promise<ExchangeResult> {
  const { onStage, ...rest } = options;
  return exchange.call(request, { ...rest, onProgress: onStage });
}

function expect<K extends ExchangeResult['kind']>(result: ExchangeResult, kind: K): Extract<ExchangeResult, { kind: K }> {
  if (result.kind !== kind) throw new Error(`Unexpected answer from the exchange worker: ${result.kind}`);
  return result as Extract<ExchangeResult, { kind: K }>;
}

/** A merge plan held by the worker, valid while that worker lives. */
export interface PlanHandle {
  planId: number;
  generation: number;
}

function checkHandle(handle: PlanHandle): void {
  if (handle.generation !== exchange.generation || !exchange.isRunning) throw new Error(EXPIRED_PLAN);
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Reads a .qdpx project in the worker. Errors name the file. */
export async function readQdpxInWorker(name: string, bytes: Uint8Array, options: CallOptions = {}): Promise<{ project: ProjectData; warnings: string[] }> {
  const result = expect(await call({ kind: 'read', name, bytes }, options), 'read');
  return { project: result.project, warnings: result.warnings };
}

/** Reads a colleague's file and compares it with the current project, in the worker. */
export async function planMergeInWorker(
  name: string,
  bytes: Uint8Array,
  current: ProjectData,
  options: CallOptions = {},
): Promise<Omit<PlannedMerge, 'planId'> & { handle: PlanHandle }> {
  const { planId, kind: _kind, ...rest } = expect(await call({ kind: 'plan', name, bytes, current }, options), 'plan');
  return { ...rest, handle: { planId, generation: exchange.generation } };
}

/** Compares the same file again with the project as it is now (it changed since the preview was made). */
export async function replanInWorker(handle: PlanHandle, current: ProjectData, options: CallOptions = {}): Promise<Omit<PlannedMerge, 'planId'>> {
  checkHandle(handle);
  const { planId: _planId, kind: _kind, ...rest } = expect(await call({ kind: 'replan', planId: handle.planId, current }, options), 'plan');
  return rest;
}

/** What the merge would write with these choices. */
export async function evaluateInWorker(handle: PlanHandle, choices: MergeChoices): Promise<MergeOutcome> {
  checkHandle(handle);
  return expect(await call({ kind: 'evaluate', planId: handle.planId, choices }), 'evaluate').outcome;
}

/** The records to write for this plan and these choices, worked out against the project as it is now. */
export async function applyInWorker(handle: PlanHandle, current: ProjectData, choices: MergeChoices): Promise<{ changes: MergeChanges; outcome: MergeOutcome }> {
  checkHandle(handle);
  const result = expect(await call({ kind: 'apply', planId: handle.planId, current, choices }), 'apply');
  return { changes: result.changes, outcome: result.outcome };
}

/** Lets the worker forget a plan (the preview was closed). */
export function discardPlan(handle: PlanHandle): void {
  if (handle.generation !== exchange.generation || !exchange.isRunning) return;
  void call({ kind: 'discard', planId: handle.planId }).catch(() => undefined);
}

export async function writeQdpxInWorker(project: ProjectData, options: WriteQdpxOptions = {}): Promise<Uint8Array> {
  return expect(await call({ kind: 'write-qdpx', project, options }), 'written').bytes;
}

/** The codebook as .qdc bytes (UTF-8 XML). */
export async function writeQdcInWorker(project: ProjectData): Promise<Uint8Array> {
  return expect(await call({ kind: 'write-qdc', project }), 'written').bytes;
}
