import type { Id } from '../../shared/model/types';
import type { QueryRequest, QueryResult } from './run-query';

/**
 * Messages between the screens and the query worker. The worker reads the project itself and keeps its query index
 * for the data version it was asked about (the last audit entry's number), so only questions and answers cross.
 */
export interface QueryMessage {
  id: number;
  projectId: Id;
  /** Changes whenever the project's data changes; the worker rebuilds its index when it differs. */
  version: number;
  request: QueryRequest;
}

export type QueryReply =
  | { id: number; ok: true; result: QueryResult; elapsed: number }
  | { id: number; ok: false; message: string };
