import type { AgreementUnit, CoderComparison, Disagreement } from '../../shared/agreement/index';
import type { Id, ProjectInfo } from '../../shared/model/types';

/**
 * A request from the agreement view to its worker, answered with progress and an AgreementResult. The worker reads
 * the project itself (a whole project can be large; only the request and the figures cross the thread boundary).
 */
export interface AgreementRequest {
  id: number;
  project: ProjectInfo;
  coderIds: Id[];
  unit: AgreementUnit;
  /** Undefined: every code a chosen coder applied. */
  codeIds?: Id[];
  /** Undefined: every document. */
  documentIds?: Id[];
  /** The two coders whose disagreements the navigator steps through. */
  pair: [Id, Id];
}

export interface AgreementProgress {
  /** 1-based step of `steps`. */
  step: number;
  steps: number;
  label: string;
}

export interface AgreementResult {
  comparison: CoderComparison;
  disagreements: Disagreement[];
  /** Time the computation took, in milliseconds. */
  elapsed: number;
}
