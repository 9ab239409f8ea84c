import type { ImportedDocument } from '../../shared/import/types';
import type { ProjectSession } from '../app/project-session';
import { importDocumentCommand } from '../commands/document-commands';
import type { ChangeWriter, Command } from '../db/command-history';
import { touchProject } from '../db/projects';

/**
 * Storing imported documents, several files to a transaction.
 *
 * A transaction per file spent more on each transaction (its commit, the round trips around it) than on the
 * transcript itself, so consecutive files are stored together (up to BATCH_FILES files or BATCH_CHARS characters
 * of text, whichever comes first). Each file stays its own
 * command, so its own undo step and audit entry. If a batch's transaction fails, its files are stored again one by
 * one, so one bad file never costs the others: the result is reported per file either way.
 */
export const BATCH_FILES = 25;
/** About 4 MB of transcript text (UTF-16 code units, one per character of most transcripts). */
export const BATCH_CHARS = 4_000_000;

export interface FileToStore {
  /** The file's name as picked, shown in every message about it. */
  name: string;
  /** Its size in bytes. */
  size: number;
  /** SHA-256 of the normalised text (hashText), the duplicate check's key. */
  hash: string;
  document: ImportedDocument;
  /** More rows stored with the document, in its command, once its id is known (codings that come with it). */
  extend?: (writer: ChangeWriter, documentId: string) => Promise<void>;
}

export type StoreOutcome = { ok: true; documentId: string } | { ok: false; message: string };

export interface BatchLimits {
  files: number;
  chars: number;
}

/** The storing step of an import: files are added in order, and each is reported once stored or refused. */
export class ImportStore<F extends FileToStore = FileToStore> {
  private pending: F[] = [];
  private pendingChars = 0;
  /** Hashes of the texts in the project when first asked, and of every file stored since; undefined = not read yet. */
  private known: Set<string> | undefined;
  private readonly limits: BatchLimits;

  constructor(
    private readonly session: ProjectSession,
    private readonly onStored: (file: F, outcome: StoreOutcome) => void,
    limits: Partial<BatchLimits> = {},
  ) {
    this.limits = { files: limits.files ?? BATCH_FILES, chars: limits.chars ?? BATCH_CHARS };
  }

  /** Files added and not stored yet. */
  get waiting(): readonly F[] {
    return this.pending;
  }

  /** Whether a file waiting to be stored has this text (its hash): the database cannot know it yet. */
  isWaiting(hash: string): boolean {
    return this.pending.some((f) => f.hash === hash);
  }

  /**
   * The name of a document in the project with this text (its hash), or undefined. A file of this import still
   * waiting with the same text is stored first, so it is found like any other.
   */
  async findDuplicate(hash: string): Promise<string | undefined> {
    if (this.isWaiting(hash)) await this.flush();
    // The project's hashes are read once, at the first file, and this import's files are added as they are stored:
    // no query per file, and none after each batch (a read just after a commit waits for it). A hit is checked in the
    // database, so a document deleted or undone since is not reported. Only a document added meanwhile by something
    // else (a redo while the import runs) would go unseen.
    this.known ??= new Set((await this.session.db.documents.orderBy('source.hash').uniqueKeys()) as string[]);
    if (!this.known.has(hash)) return undefined;
    return (await this.session.db.documents.where('source.hash').equals(hash).first())?.name;
  }

  /** Adds a file; stores the batch when it is full. */
  async add(file: F): Promise<void> {
    this.pending.push(file);
    this.pendingChars += file.document.text.length;
    if (this.pending.length >= this.limits.files || this.pendingChars >= this.limits.chars) await this.flush();
  }

  /** Removes the files waiting to be stored, without storing them (the import was cancelled). */
  drop(): F[] {
    const dropped = this.pending;
    this.pending = [];
    this.pendingChars = 0;
    return dropped;
  }

  /** Stores every file waiting, reporting each one. Never throws: a failure is reported for its file. */
  async flush(): Promise<void> {
    const batch = this.drop();
    if (batch.length === 0) return;
    let alone = batch;
    if (batch.length > 1) {
      let made: { command: Command; documentId: string }[] = [];
      try {
        let order = await this.nextOrder();
        made = batch.map((file) => this.commandFor(file, order++));
        await this.session.history.executeAll(made.map((m) => m.command));
        void touchProject(this.session.projectId).catch(() => undefined);
        made.forEach((m, i) => this.report(batch[i]!, { ok: true, documentId: m.documentId }));
        return;
      } catch {
        // Nothing of the batch was stored: each file again on its own, so only the one at fault fails. Should the
        // database hold some of them all the same, those are reported as stored rather than stored twice.
        const there = made.length ? await this.session.db.documents.bulkGet(made.map((m) => m.documentId)).catch(() => []) : [];
        alone = batch.filter((file, i) => {
          if (!there[i]) return true;
          this.report(file, { ok: true, documentId: made[i]!.documentId });
          return false;
        });
      }
    }
    for (const file of alone) {
      try {
        const { command, documentId } = this.commandFor(file, await this.nextOrder());
        await this.session.execute(command);
        this.report(file, { ok: true, documentId });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        this.report(file, { ok: false, message: reason.startsWith(`${file.name}:`) ? reason : `${file.name}: could not be stored in the project (${reason})` });
      }
    }
  }

  private report(file: F, outcome: StoreOutcome): void {
    if (outcome.ok) this.known?.add(file.hash);
    this.onStored(file, outcome);
  }

  private async nextOrder(): Promise<number> {
    return ((await this.session.db.documents.orderBy('order').last())?.order ?? -1) + 1;
  }

  private commandFor(file: F, order: number): { command: Command; documentId: string } {
    const made = importDocumentCommand(file.document, { fileName: file.name, size: file.size, hash: file.hash }, order);
    const { extend } = file;
    if (!extend) return made;
    const { command, documentId } = made;
    return {
      documentId,
      command: {
        ...command,
        // Side by side: the extra rows hang on the document's id only, not on its rows being written first.
        run: async (w) => {
          await Promise.all([command.run(w), extend(w, documentId)]);
        },
      },
    };
  }
}
