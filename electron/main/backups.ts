import { mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupInfo, WriteBackupRequest } from '../../shared/ipc/contract';
import { snapshotsToDelete } from '../../shared/backup/rotation';
import { writeFileAtomic } from './atomic-write';

/**
 * Project snapshots as .qdpx files in the app's data folder:
 * backups/<projectId>/<timestamp>--<reason>.qdpx, with a small .json beside each for the project's name.
 * Written atomically; old ones rotated away after each write.
 */
export class BackupStore {
  constructor(
    private readonly root: string,
    private readonly now: () => number = Date.now,
  ) {}

  private static fileName(at: number, reason: string): string {
    return `${at}--${reason.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'snapshot'}`;
  }

  async write(request: WriteBackupRequest): Promise<BackupInfo> {
    const dir = join(this.root, request.projectId);
    await mkdir(dir, { recursive: true });
    const at = this.now();
    const base = BackupStore.fileName(at, request.reason);
    await writeFileAtomic(join(dir, `${base}.qdpx`), request.bytes);
    const meta = { projectName: request.projectName, reason: request.reason, at };
    await writeFileAtomic(join(dir, `${base}.json`), new TextEncoder().encode(JSON.stringify(meta)));
    await this.rotate(request.projectId);
    return { id: `${request.projectId}.${base}`, projectId: request.projectId, projectName: request.projectName, at, reason: request.reason, size: request.bytes.byteLength };
  }

  async list(): Promise<BackupInfo[]> {
    const out: BackupInfo[] = [];
    let projects: string[];
    try {
      projects = await readdir(this.root);
    } catch {
      return [];
    }
    for (const projectId of projects) {
      const dir = join(this.root, projectId);
      let files: string[];
      try {
        files = await readdir(dir);
      } catch {
        continue;
      }
      for (const file of files.filter((f) => f.endsWith('.qdpx'))) {
        const base = file.slice(0, -'.qdpx'.length);
        try {
          const meta = JSON.parse(await readFile(join(dir, `${base}.json`), 'utf8')) as { projectName: string; reason: string; at: number };
          const size = (await stat(join(dir, file))).size;
          out.push({ id: `${projectId}.${base}`, projectId, projectName: meta.projectName, at: meta.at, reason: meta.reason, size });
        } catch {
          // A snapshot without readable details is skipped rather than failing the whole list.
        }
      }
    }
    return out.sort((a, b) => b.at - a.at);
  }

  async read(id: string): Promise<Uint8Array> {
    const dot = id.indexOf('.');
    const projectId = id.slice(0, dot);
    const base = id.slice(dot + 1);
    if (dot <= 0 || !base || base.includes('/') || base.includes('\\') || base.includes('..')) throw new Error('No such backup');
    return new Uint8Array(await readFile(join(this.root, projectId, `${base}.qdpx`)));
  }

  private async rotate(projectId: string): Promise<void> {
    const mine = (await this.list()).filter((b) => b.projectId === projectId);
    for (const doomed of snapshotsToDelete(mine, this.now())) {
      const base = doomed.id.slice(projectId.length + 1);
      await unlink(join(this.root, projectId, `${base}.qdpx`)).catch(() => undefined);
      await unlink(join(this.root, projectId, `${base}.json`)).catch(() => undefined);
    }
  }
}
