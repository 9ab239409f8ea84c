import type { Id, ProjectData } from '../../shared/model/types';
import type { LeakHit, PseudonymTable } from '../../shared/protect';
import type {
  LeakRow,
  OpenedFile,
  ProtectMessage,
  ProtectRequest,
  ProtectResult,
  ProtectStage,
  PseudonymPreview,
  PseudonymResult,
  ReviewSuggestion,
} from './protect-engine';

/** The page's side of the protect worker: typed calls and progress stages. */

interface Pending {
  resolve: (result: ProtectResult) => void;
  reject: (error: Error) => void;
  onStage?: (stage: ProtectStage) => void;
}

let worker: Worker | null = null;
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
    worker = new Worker(new URL('./protect.worker.ts', import.meta.url), { type: 'module', name: 'tessera-protect' });
    worker.onmessage = (event: MessageEvent<ProtectMessage>) => {
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
    worker.onerror = (event) => stopWorker(new Error(event.message || 'The confidentiality worker stopped unexpectedly'));
  }
  return worker;
}

type Request = ProtectRequest extends infer R ? (R extends ProtectRequest ? Omit<R, 'id'> : never) : never;

export interface CallOptions {
  onStage?: (stage: ProtectStage) => void;
}

function call(request: Request, options: CallOptions = {}): Promise<ProtectResult> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    const target = getWorker();
    pending.set(id, { resolve, reject, onStage: options.onStage });
    target.postMessage({ ...request, id } as ProtectRequest);
  });
}

function expect<K extends ProtectResult['kind']>(result: ProtectResult, kind: K): Extract<ProtectResult, { kind: K }> {
  if (result.kind !== kind) throw new Error(`Unexpected answer from the confidentiality worker: ${result.kind}`);
  return result as Extract<ProtectResult, { kind: K }>;
}

/** What a waiting message says for each stage. */
export const STAGE_LABEL: Readonly<Record<ProtectStage, string>> = {
  key: 'Deriving the key from the passphrase…',
  reading: 'Reading the project…',
  writing: 'Writing the file…',
  checking: 'Checking for real names…',
  computing: 'Working through the documents…',
};

export async function suggestInWorker(project: ProjectData, table: PseudonymTable, dismissed: string[]): Promise<ReviewSuggestion[]> {
  return expect(await call({ kind: 'suggest', project, table, dismissed }), 'suggest').suggestions;
}

export async function previewInWorker(project: ProjectData, table: PseudonymTable, documentIds: Id[] | null): Promise<PseudonymPreview> {
  return expect(await call({ kind: 'preview', project, table, documentIds }), 'preview').preview;
}

export async function pseudonymiseInWorker(project: ProjectData, table: PseudonymTable, documentIds: Id[] | null): Promise<PseudonymResult> {
  return expect(await call({ kind: 'pseudonymise', project, table, documentIds, now: Date.now() }), 'pseudonymise').result;
}

export async function projectLeaksInWorker(project: ProjectData, table: PseudonymTable): Promise<LeakRow[]> {
  return expect(await call({ kind: 'project-leaks', project, table }), 'project-leaks').rows;
}

export async function fileLeaksInWorker(name: string, bytes: Uint8Array, table: PseudonymTable): Promise<LeakHit[]> {
  return expect(await call({ kind: 'file-leaks', name, bytes, table }), 'file-leaks').hits;
}

export async function writeQdpxInProtectWorker(project: ProjectData, options: CallOptions = {}): Promise<Uint8Array> {
  return expect(await call({ kind: 'write-qdpx', project }, options), 'bytes').bytes;
}

export async function encryptInWorker(bytes: Uint8Array, passphrase: string, file: { name: string; type: string }, options: CallOptions = {}): Promise<Uint8Array> {
  return expect(await call({ kind: 'encrypt', bytes, passphrase, name: file.name, type: file.type }, options), 'bytes').bytes;
}

export async function decryptInWorker(name: string, bytes: Uint8Array, passphrase: string, options: CallOptions = {}): Promise<{ name: string; type: string; bytes: Uint8Array }> {
  const { kind: _kind, ...file } = expect(await call({ kind: 'decrypt', name, bytes, passphrase }, options), 'decrypted');
  return file;
}

export async function openEncryptedInWorker(name: string, bytes: Uint8Array, passphrase: string, options: CallOptions = {}): Promise<OpenedFile> {
  return expect(await call({ kind: 'open-encrypted', name, bytes, passphrase }, options), 'opened').opened;
}
