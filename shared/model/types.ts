/**
 * The core model of a Tessera project: plain, serialisable records.
 *
 * These are the shapes stored in the project database (one record per row) and exchanged between the engine,
 * the renderer, main and the command line. Ids are UUIDs (lower case) so they double as REFI-QDA GUIDs.
 *
 * Offsets: every `start`/`end` is a half-open range `[start, end)` in UTF-16 code units of the document's stored
 * text (what JavaScript strings index). The stored text is normalised once at import (see text/normalise.ts) and
 * never changes silently afterwards.
 */

export type Id = string;
/** Milliseconds since the epoch (Date.now()). */
export type Timestamp = number;

export interface ProjectInfo {
  id: Id;
  name: string;
  description: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  /** Set when the user deletes the project; the data is removed once the undo window closes. */
  deletedAt?: Timestamp;
  /** True for the built-in sample project. */
  sample?: boolean;
}

/** Where a document's text came from. */
export interface SourceFileInfo {
  fileName: string;
  size: number;
  /** e.g. "txt", "md", "docx", "odt", "rtf", "pdf", "vtt", "srt", "qdpx", "sample" */
  format: string;
  /** SHA-256 of the stored (normalised) text, hex. Used to detect the same content imported twice. */
  hash: string;
  importedAt: Timestamp;
  /** Detected (or chosen) text encoding, for text formats. */
  encoding?: string;
}

/** One speaker's contribution: a range of the text, with who spoke and when (seconds from the start). */
export interface Turn {
  start: number;
  end: number;
  speaker?: string;
  /**
   * Where the spoken words begin, when the turn's text opens with its label or timestamp as the source wrote it
   * (e.g. "Dawn: ..."). The reader shows the label apart and the words from here.
   */
  contentStart?: number;
  /** Seconds from the start of the recording, when the transcript gives a time. */
  time?: number;
}

/** A block of text (paragraph, heading, list item, table cell row) as a range. */
export interface Block {
  start: number;
  end: number;
  kind: 'paragraph' | 'heading' | 'list-item' | 'table-row' | 'note' | 'caption';
  level?: number;
}

/** Document metadata, kept apart from its (possibly large) text so lists stay light. */
export interface DocumentRecord {
  id: Id;
  name: string;
  caseId?: Id;
  /** Position in the user's document list. */
  order: number;
  /** Number of UTF-16 code units in the stored text. */
  length: number;
  /** Number of words, for display. */
  words: number;
  source: SourceFileInfo;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** The stored text and its structure, keyed by the document id. */
export interface DocumentText {
  id: Id;
  text: string;
  turns: Turn[];
  blocks: Block[];
}

/** A case: usually a participant. One case may own several documents. */
export interface CaseRecord {
  id: Id;
  name: string;
  description: string;
  order: number;
}

export type AttributeType = 'text' | 'number' | 'date' | 'category' | 'scale';
export type AttributeScope = 'case' | 'document';

/** An attribute definition: a property of cases or documents, e.g. agency or years in practice. */
export interface AttributeDefinition {
  id: Id;
  name: string;
  scope: AttributeScope;
  type: AttributeType;
  /** For category: the allowed values; for scale: the values in order, best first (e.g. Excellent ... Unsatisfactory). */
  options: string[];
  order: number;
}

/** The value of one attribute for one case or document. Numbers and dates are stored as their string form. */
export interface AttributeValue {
  ownerId: Id;
  attributeId: Id;
  value: string;
}

export interface CodeRecord {
  id: Id;
  name: string;
  parentId?: Id;
  /** #rrggbb */
  color: string;
  /** The code's definition. */
  description: string;
  inclusion: string;
  exclusion: string;
  example: string;
  order: number;
  createdAt: Timestamp;
  /** Earlier descriptions kept when codes were merged or redefined. */
  history?: { at: Timestamp; note: string }[];
}

export interface CodingRecord {
  id: Id;
  documentId: Id;
  codeId: Id;
  coderId: Id;
  start: number;
  end: number;
  createdAt: Timestamp;
  /** Marked as an exemplar quote for the write-up. */
  exemplar?: boolean;
}

export type MemoTarget = 'project' | 'document' | 'code' | 'coding' | 'theme' | 'case' | 'journal';

export interface MemoRecord {
  id: Id;
  targetType: MemoTarget;
  /** The id of the document, code, coding, theme or case; the project id for project memos and journal entries. */
  targetId: Id;
  title: string;
  /** Lexical editor state as JSON (empty string for a new memo). */
  content: string;
  /** The memo's plain text, kept beside the rich content so memos can be searched and exported. */
  plainText: string;
  /** For a memo on a passage of a document (e.g. an imported Word comment): the range it comments on. */
  anchor?: { start: number; end: number };
  /** For journal entries: the day the entry is about (YYYY-MM-DD). */
  date?: string;
  authorId?: Id;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export type ThemeStatus = 'candidate' | 'under review' | 'defined' | 'final';

export interface ThemeRecord {
  id: Id;
  name: string;
  /** Its central organising concept. */
  definition: string;
  /** What the theme is not. */
  boundaries: string;
  status: ThemeStatus;
  /** Set for a subtheme. */
  parentId?: Id;
  codeIds: Id[];
  color: string;
  order: number;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface CoderRecord {
  id: Id;
  name: string;
  initials: string;
  color: string;
}

/** One entry of the audit trail: what a command did, when and by whom. */
export interface AuditEntry {
  seq?: number;
  at: Timestamp;
  /** The command's name, e.g. "code.rename". */
  command: string;
  /** Human-readable description, e.g. 'Renamed code "Trust" to "Building trust"'. */
  label: string;
  coderId?: Id;
  /** "do", "undo" or "redo". */
  direction: 'do' | 'undo' | 'redo';
}

/** A whole project as plain data: what the sample builder, importers of whole projects and exporters exchange. */
export interface ProjectData {
  project: ProjectInfo;
  documents: DocumentRecord[];
  texts: DocumentText[];
  cases: CaseRecord[];
  attributes: AttributeDefinition[];
  attributeValues: AttributeValue[];
  codes: CodeRecord[];
  codings: CodingRecord[];
  memos: MemoRecord[];
  themes: ThemeRecord[];
  coders: CoderRecord[];
}
