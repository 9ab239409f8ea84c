import type { Id } from '../../shared/model/types';
import type { QueryRequest } from './run-query';

/**
 * A question from the screens to the query worker, answered with a QueryResult. The worker reads the project itself
 * and keeps its query index for the data version it was asked about (the last audit entry's number), so only
 * questions and answers cross.
 */
export interface QueryMessage {
  id: number;
  projectId: Id;
  /** Changes whenever the project's data changes; the worker rebuilds its index when it differs. */
  version: number;
  request: QueryRequest;
}
