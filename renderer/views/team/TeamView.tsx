import { ExportPanel } from './ExportPanel';
import { MergePanel } from './MergePanel';
import '../../styles/team.css';

/** Team exchange: export the project, its codebook or one's own work, and merge a colleague's file. */
export function TeamView() {
  return (
    <main className="team-view" aria-label="Team exchange">
      <aside className="team-side" aria-label="Export">
        <ExportPanel />
      </aside>
      <div className="team-main">
        <MergePanel />
      </div>
    </main>
  );
}
