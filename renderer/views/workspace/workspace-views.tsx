import type { ComponentType } from 'react';
import { MemosView } from '../memos/MemosView';

/**
 * The workspace's main views besides Coding (which is always there), in tab order. A view is a component that
 * fills the workspace below the header; add one by listing it here.
 */
export interface WorkspaceViewEntry {
  id: string;
  label: string;
  component: ComponentType;
}

export const WORKSPACE_VIEWS: WorkspaceViewEntry[] = [{ id: 'memos', label: 'Memos & journal', component: MemosView }];
