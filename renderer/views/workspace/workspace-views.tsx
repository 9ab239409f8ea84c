import type { ComponentType } from 'react';
import { AgreementView } from '../agreement/AgreementView';
import { CasesView } from '../cases/CasesView';
import { MemosView } from '../memos/MemosView';
import { TeamView } from '../team/TeamView';
import { ThemesView } from '../themes/ThemesView';
import { QueriesView } from '../queries/QueriesView';
import { ProtectView } from '../protect/ProtectView';
import { WriteupView } from '../writeup/WriteupView';

/**
 * The workspace's main views besides Coding (which is always there), in tab order. A view is a component that
 * fills the workspace below the header; add one by listing it here.
 */
export interface WorkspaceViewEntry {
  id: string;
  label: string;
  component: ComponentType;
}

export const WORKSPACE_VIEWS: WorkspaceViewEntry[] = [
  { id: 'cases', label: 'Participants', component: CasesView },
  { id: 'themes', label: 'Themes', component: ThemesView },
  { id: 'queries', label: 'Queries', component: QueriesView },
  { id: 'memos', label: 'Memos & journal', component: MemosView },
  { id: 'agreement', label: 'Agreement', component: AgreementView },
  { id: 'team', label: 'Team', component: TeamView },
  { id: 'protect', label: 'Confidentiality', component: ProtectView },
  { id: 'writeup', label: 'Write-up', component: WriteupView },
];
