import type { Id } from '../../shared/model/types';
import { DATA_TABLES, tableOf, type DataTableName, type ProjectDb, type ProjectTables } from './project-db';

/**
 * The one mechanism for every change a user makes.
 *
 * A command is a named function that makes its change through a `ChangeWriter`. The executor runs it inside one
 * Dexie transaction over all data tables; the writer records each row's state before and after, so every command
 * is undoable and redoable without writing its own inverse, and an audit entry is written in the same transaction.
 * Autosave falls out of this: a change is stored the moment its transaction commits.
 */

type Row<N extends DataTableName> = ProjectTables[N] extends import('dexie').Table<infer R, infer _K> ? R : never;
type Key = string | [string, string];

/** One row's change: its state before (undefined = did not exist) and after (undefined = deleted). */
interface Patch {
  table: DataTableName;
  key: Key;
  before: unknown;
  after: unknown;
}

export interface ChangeWriter {
  readonly db: ProjectDb;
  /** Inserts or replaces a row. */
  put<N extends DataTableName>(table: N, row: Row<N>): Promise<void>;
  /** Inserts or replaces many rows (same as put for each, faster). */
  putMany<N extends DataTableName>(table: N, rows: readonly Row<N>[]): Promise<void>;
  /**
   * Adds rows with fresh keys that cannot exist yet (ids the command has just made): no before-image is read, and
   * undo deletes them. Fails, and so stores nothing of the command, if a key exists already.
   */
  insertMany<N extends DataTableName>(table: N, rows: readonly Row<N>[]): Promise<void>;
  /** Changes some fields of an existing row; does nothing when the row does not exist. */
  update<N extends DataTableName>(table: N, key: Key, changes: Partial<Row<N>>): Promise<void>;
  delete(table: DataTableName, key: Key): Promise<void>;
  deleteMany(table: DataTableName, keys: readonly Key[]): Promise<void>;
}

export interface Command {
  /** Stable name for the audit trail, e.g. "code.create". */
  name: string;
  /** What the user sees in Undo/Redo and the audit trail, e.g. 'Create code "Trust"'. */
  label: string;
  /**
   * Makes the change. It runs inside an IndexedDB transaction, which closes as soon as it waits on anything but the
   * database: prepare files, parsing and other slow work before, and only read and write here.
   */
  run(writer: ChangeWriter): Promise<void>;
}

export interface HistoryEntry {
  name: string;
  label: string;
  patches: Patch[];
}

const keyPath = (db: ProjectDb, table: DataTableName): string | string[] =>
  tableOf(db, table).schema.primKey.keyPath as string | string[];

function keyOf(db: ProjectDb, table: DataTableName, row: Record<string, unknown>): Key {
  const path = keyPath(db, table);
  return Array.isArray(path) ? (path.map((p) => row[p]) as [string, string]) : (row[path] as string);
}

function serialiseKey(table: string, key: Key): string {
  return `${table}\u0000${Array.isArray(key) ? key.join('\u0000') : key}`;
}

class RecordingWriter implements ChangeWriter {
  /** First "before" and last "after" per row, in first-touched order. */
  private readonly changes = new Map<string, Patch>();

  constructor(readonly db: ProjectDb) {}

  private record(table: DataTableName, key: Key, before: unknown, after: unknown): void {
    const id = serialiseKey(table, key);
    const existing = this.changes.get(id);
    if (existing) existing.after = after;
    else this.changes.set(id, { table, key, before, after });
  }

  async put<N extends DataTableName>(table: N, row: Row<N>): Promise<void> {
    await this.putMany(table, [row]);
  }

  async putMany<N extends DataTableName>(table: N, rows: readonly Row<N>[]): Promise<void> {
    if (rows.length === 0) return;
    const t = tableOf(this.db, table) as unknown as import('dexie').Table<Row<N>, Key>;
    const keys = rows.map((row) => keyOf(this.db, table, row as Record<string, unknown>));
    const befores = await t.bulkGet(keys);
    rows.forEach((row, i) => this.record(table, keys[i]!, befores[i], structuredClone(row)));
    await t.bulkPut(rows as Row<N>[]);
  }

  async insertMany<N extends DataTableName>(table: N, rows: readonly Row<N>[]): Promise<void> {
    if (rows.length === 0) return;
    const t = tableOf(this.db, table) as unknown as import('dexie').Table<Row<N>, Key>;
    // bulkAdd, not bulkPut: a key that exists is an error rather than a silent overwrite that undo could not restore.
    // Awaited here, not left running: Dexie keeps a transaction's context across awaits of its own promises only,
    // and a long run of awaits on anything else loses it, sending later writes to transactions of their own.
    try {
      await t.bulkAdd(rows as Row<N>[]);
    } catch (error) {
      const failures = (error as { failures?: unknown[] }).failures;
      const first = failures?.find((f) => f !== undefined) ?? error;
      throw new Error(`Could not add to ${table}: ${first instanceof Error ? first.message : String(first)}`, { cause: error });
    }
    rows.forEach((row) => this.record(table, keyOf(this.db, table, row as Record<string, unknown>), undefined, structuredClone(row)));
  }

  async update<N extends DataTableName>(table: N, key: Key, changes: Partial<Row<N>>): Promise<void> {
    const t = tableOf(this.db, table) as unknown as import('dexie').Table<Row<N>, Key>;
    const before = await t.get(key);
    if (before === undefined) return;
    const after = { ...before, ...changes } as Row<N>;
    this.record(table, key, before, structuredClone(after));
    await t.put(after);
  }

  async delete(table: DataTableName, key: Key): Promise<void> {
    await this.deleteMany(table, [key]);
  }

  async deleteMany(table: DataTableName, keys: readonly Key[]): Promise<void> {
    if (keys.length === 0) return;
    const t = tableOf(this.db, table) as unknown as import('dexie').Table<unknown, Key>;
    const befores = await t.bulkGet(keys as Key[]);
    keys.forEach((key, i) => {
      if (befores[i] !== undefined) this.record(table, key, befores[i], undefined);
    });
    await t.bulkDelete(keys as Key[]);
  }

  patches(): Patch[] {
    return [...this.changes.values()];
  }
}

async function applyPatches(db: ProjectDb, patches: readonly Patch[], side: 'before' | 'after'): Promise<void> {
  for (const patch of patches) {
    const t = tableOf(db, patch.table) as unknown as import('dexie').Table<unknown, Key>;
    const value = patch[side];
    if (value === undefined) await t.delete(patch.key);
    else await t.put(structuredClone(value));
  }
}

export interface HistoryListener {
  (state: { undo?: string; redo?: string; busy: boolean; lastSavedAt?: number; error?: string }): void;
}

/**
 * Undo and redo stacks for one open project. Everything a user does goes through `execute`, so these stacks,
 * the audit trail and the saved state can never disagree.
 */
export class CommandHistory {
  private readonly undoStack: HistoryEntry[] = [];
  private readonly redoStack: HistoryEntry[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private busy = false;
  private lastSavedAt: number | undefined;
  private error: string | undefined;
  private readonly listeners = new Set<HistoryListener>();

  constructor(
    readonly db: ProjectDb,
    private readonly coderId: () => Id | undefined = () => undefined,
    private readonly limit = 500,
  ) {}

  subscribe(listener: HistoryListener): () => void {
    this.listeners.add(listener);
    listener(this.state());
    return () => this.listeners.delete(listener);
  }

  state() {
    return {
      undo: this.undoStack.at(-1)?.label,
      redo: this.redoStack.at(-1)?.label,
      busy: this.busy,
      lastSavedAt: this.lastSavedAt,
      error: this.error,
    };
  }

  private emit(): void {
    const state = this.state();
    for (const listener of this.listeners) listener(state);
  }

  /** Runs commands one after another, never interleaved, so each sees the state the previous one left. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      this.busy = true;
      this.emit();
      try {
        const result = await work();
        this.lastSavedAt = Date.now();
        this.error = undefined;
        return result;
      } catch (error) {
        this.error = error instanceof Error ? error.message : String(error);
        throw error;
      } finally {
        this.busy = false;
        this.emit();
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private transaction<T>(work: () => Promise<T>): Promise<T> {
    const tables = [...DATA_TABLES, 'audit'].map((name) => this.db.table(name));
    return this.db.transaction('rw', tables, work);
  }

  private audit(entry: HistoryEntry, direction: 'do' | 'undo' | 'redo'): Promise<number> {
    return this.db.audit.add(this.auditRow(entry, direction));
  }

  private auditRow(entry: Pick<HistoryEntry, 'name' | 'label'>, direction: 'do' | 'undo' | 'redo') {
    return { at: Date.now(), command: entry.name, label: entry.label, coderId: this.coderId(), direction };
  }

  /** Applies a command in one transaction and records it for undo. Nothing is stored if it throws. */
  execute(command: Command): Promise<void> {
    return this.serial(async () => {
      const writer = new RecordingWriter(this.db);
      await this.transaction(async () => {
        await command.run(writer);
        await this.audit({ name: command.name, label: command.label, patches: [] }, 'do');
      });
      const patches = writer.patches();
      if (patches.length === 0) return;
      this.undoStack.push({ name: command.name, label: command.label, patches });
      if (this.undoStack.length > this.limit) this.undoStack.shift();
      this.redoStack.length = 0;
    });
  }

  /**
   * Applies several commands in one transaction, all or none: if any throws, nothing of any of them is stored and
   * nothing is recorded. Each stays its own undo step and audit entry, exactly as if executed one after another;
   * one transaction instead of one each is what makes storing many at once (an import of many files) fast.
   */
  executeAll(commands: readonly Command[]): Promise<void> {
    return this.serial(async () => {
      const writers = commands.map(() => new RecordingWriter(this.db));
      await this.transaction(async () => {
        for (const [i, command] of commands.entries()) await command.run(writers[i]!);
        await this.db.audit.bulkAdd(commands.map((command) => this.auditRow(command, 'do')));
      });
      let recorded = false;
      for (const [i, command] of commands.entries()) {
        const patches = writers[i]!.patches();
        if (patches.length === 0) continue;
        this.undoStack.push({ name: command.name, label: command.label, patches });
        recorded = true;
      }
      if (this.undoStack.length > this.limit) this.undoStack.splice(0, this.undoStack.length - this.limit);
      if (recorded) this.redoStack.length = 0;
    });
  }

  undo(): Promise<string | undefined> {
    return this.serial(async () => {
      const entry = this.undoStack.pop();
      if (!entry) return undefined;
      try {
        await this.transaction(async () => {
          await applyPatches(this.db, [...entry.patches].reverse(), 'before');
          await this.audit(entry, 'undo');
        });
      } catch (error) {
        this.undoStack.push(entry);
        throw error;
      }
      this.redoStack.push(entry);
      return entry.label;
    });
  }

  redo(): Promise<string | undefined> {
    return this.serial(async () => {
      const entry = this.redoStack.pop();
      if (!entry) return undefined;
      try {
        await this.transaction(async () => {
          await applyPatches(this.db, entry.patches, 'after');
          await this.audit(entry, 'redo');
        });
      } catch (error) {
        this.redoStack.push(entry);
        throw error;
      }
      this.undoStack.push(entry);
      return entry.label;
    });
  }

  /** Waits until every queued command has been stored. */
  settled(): Promise<void> {
    return this.queue.then(() => undefined);
  }
}
