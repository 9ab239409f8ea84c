import { useLiveQuery } from 'dexie-react-hooks';
import { catalogue } from '../../db/catalogue';
import { ProjectSessionContext, sessionFor, useHistoryState } from '../../app/project-session';
import { Splitter } from '../../components/Splitter';
import { useUi } from '../../state/ui-store';
import { CodebookPane } from './CodebookPane';
import { DocumentList } from './DocumentList';
import { SaveStatus } from './SaveStatus';
import { ThemesPane } from './ThemesPane';
import { TranscriptReader } from './TranscriptReader';
import { ThemeToggle } from '../../components/ThemeToggle';
import type { Id } from '../../../shared/model/types';

/** The workspace of one project: documents, the transcript reader, the codebook and the themes. */
export function Workspace({ projectId }: { projectId: Id }) {
  const session = sessionFor(projectId);
  const project = useLiveQuery(() => catalogue.projects.get(projectId), [projectId]);
  const openProject = useUi((s) => s.openProject);
  const paneSizes = useUi((s) => s.paneSizes);
  const setPaneSize = useUi((s) => s.setPaneSize);
  const openDocumentId = useUi((s) => s.openDocumentId);
  const history = useHistoryState(session.history);
  const notify = useUi((s) => s.notify);

  const undo = () => session.history.undo().then((label) => label && notify(`Undone: ${label}`), (e: Error) => notify(e.message, { kind: 'error' }));
  const redo = () => session.history.redo().then((label) => label && notify(`Redone: ${label}`), (e: Error) => notify(e.message, { kind: 'error' }));

  if (project === undefined) return null;
  if (project === null || project.deletedAt !== undefined) {
    return (
      <div className="empty-state">
        <p>This project is no longer available.</p>
        <button type="button" onClick={() => openProject(undefined)}>
          Back to projects
        </button>
      </div>
    );
  }

  return (
    <ProjectSessionContext.Provider value={session}>
      <div className="workspace">
        <header className="app-header">
          <div className="brand">
            <button type="button" className="back-button" onClick={() => openProject(undefined)} aria-label="All projects">
              ‹ Projects
            </button>
            <h1 className="project-title">{project.name}</h1>
          </div>
          <div className="header-actions">
            <SaveStatus state={history} />
            <button type="button" onClick={undo} disabled={!history.undo} title={history.undo ? `Undo ${history.undo} (Ctrl+Z)` : 'Nothing to undo'} aria-label={history.undo ? `Undo ${history.undo}` : 'Undo'}>
              ↶ Undo
            </button>
            <button type="button" onClick={redo} disabled={!history.redo} title={history.redo ? `Redo ${history.redo} (Ctrl+Shift+Z)` : 'Nothing to redo'} aria-label={history.redo ? `Redo ${history.redo}` : 'Redo'}>
              ↷ Redo
            </button>
            <ThemeToggle />
          </div>
        </header>
        <div
          className="workspace-body"
          style={{ gridTemplateColumns: `${paneSizes.documents}px 6px minmax(320px, 1fr) 6px ${paneSizes.side}px` }}
        >
          <DocumentList />
          <Splitter label="Resize document list" size={paneSizes.documents} min={180} max={480} direction={1} onResize={(s) => setPaneSize('documents', s)} />
          <TranscriptReader documentId={openDocumentId} />
          <Splitter label="Resize codebook and themes" size={paneSizes.side} min={240} max={640} direction={-1} onResize={(s) => setPaneSize('side', s)} />
          <aside className="side-panes" aria-label="Codebook and themes">
            <CodebookPane />
            <ThemesPane />
          </aside>
        </div>
      </div>
    </ProjectSessionContext.Provider>
  );
}
