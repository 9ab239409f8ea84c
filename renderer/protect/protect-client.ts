import type { Id, ProjectData } from '../../shared/model/types';
import type { LeakHit, PseudonymTable } from '../../shared/protect';
import { WorkerClient } from '../workers/worker-client';
import type { WithoutId } from '../workers/worker-protocol';
import type {
  LeakRow,
  OpenedFile,
  ProtectRequest,
  ProtectResult,
  ProtectStage,
  PseudonymPreview,
  PseudonymResult,
  ReviewSuggestion,
} from './protect-engine';

/** The page's side of the protect worker: typed calls and progress stages. */
const protect = new WorkerClient<ProtectRequest, ProtectResult, ProtectStage>({
  start: () => new Worker(new URL('./protect.worker.ts', import.meta.url), { type: 'module', name: 'tessera-protect' }),
  stoppedMessage: 'The confidentiality worker stopped unexpectedly',
});

export interface CallOptions {
  onStage?: (stage: ProtectStage) => void;
}

function call(request: WithoutId<ProtectRequest>, options: CallOptions = {}): Promise<ProtectResult> {
  return protect.call(request, { onProgress: options.onStage });
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
