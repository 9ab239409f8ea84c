import type { MergeChanges, MergeChoices } from '../../shared/exchange/merge';
import type { WriteQdpxOptions } from '../../shared/exchange/qdpx-write';
import type { ProjectData } from '../../shared/model/types';
import {
  EXPIRED_PLAN,
  type ExchangeMessage,
  type ExchangeRequest,
  type ExchangeResult,
  type ExchangeStage,
  type PlannedMerge,
} from './exchange-engine';
import type { MergeOutcome } from './merge-outcome';

/** The page's side of the exchange worker: typed calls, progress stages, cancelling. */

interface Pending {
  resolve: (result: ExchangeResult) => void;
  reject: (error: Error) => void;
  onStage?: (stage: ExchangeStage) => void;
}

let worker: Worker | null = null;
/** Bumped whenever the worker is replaced: plans made by an earlier worker are gone with it. */
let generation = 0;
let nextId = 1;
const pending = new Map<number, Pending>();

function stopWorker(error: Error): void {
  worker?.terminate();
  worker = null;
  for (const entry of pending.values()) entry.reject(error);
  pending.clear();
}

function getWorker(): Worker {
  if (!worker) {
    generation += 1;
    worker = new Worker(new URL('./exchange.worker.ts', import.meta.url), { type: 'module', name: 'tessera-exchange' });
    worker.onmessage = (event: MessageEvent<ExchangeMessage>) => {
      const message = event.data;
      const entry = pending.get(message.id);
      if (!entry) return;
      if ('stage' in message) {
        entry.onStage?.(message.stage);
        return;
      }
      pending.delete(message.id);
      if (message.ok) entry.resolve(message.result);
      else entry.reject(new Error(message.message));
    };
    worker.onerror = (event) => stopWorker(new Error(event.message || 'Reading the file stopped unexpectedly'));
  }
  return worker;
}

type Request = ExchangeRequest extends infer R ? (R extends ExchangeRequest ? Omit<R, 'id'> : never) : never;

interface CallOptions {
  signal?: AbortSignal;
  onStage?: (stage: ExchangeStage) => void;
  transfer?: Transferable[];
}

function call(request: Request, options: CallOptions = {}): Promise<ExchangeResult> {
  return new Promise((resolve, reject) => {
    const { signal } = options;
    if (signal?.aborted) {
      reject(new DOMException('Cancelled', 'AbortError'));
      return;
    }
    const id = nextId++;
    const target = getWorker();
    pending.set(id, { resolve, reject, onStage: options.onStage });
    // Cancelling stops the worker outright: a large file's reading cannot be interrupted any other way.
    signal?.addEventListener('abort', () => {
      if (pending.has(id)) stopWorker(new DOMException('Cancelled', 'AbortError'));
    });
    target.postMessage({ ...request, id } as ExchangeRequest, options.transfer ?? []);
  });
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
  if (handle.generation !== generation || !worker) throw new Error(EXPIRED_PLAN);
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
  return { ...rest, handle: { planId, generation } };
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
  if (handle.generation !== generation || !worker) return;
  void call({ kind: 'discard', planId: handle.planId }).catch(() => undefined);
}

export async function writeQdpxInWorker(project: ProjectData, options: WriteQdpxOptions = {}): Promise<Uint8Array> {
  return expect(await call({ kind: 'write-qdpx', project, options }), 'written').bytes;
}

/** The codebook as .qdc bytes (UTF-8 XML). */
export async function writeQdcInWorker(project: ProjectData): Promise<Uint8Array> {
  return expect(await call({ kind: 'write-qdc', project }), 'written').bytes;
}
