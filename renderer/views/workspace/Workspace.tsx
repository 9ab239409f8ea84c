import { useLiveQuery } from 'dexie-react-hooks';
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import { IMPORT_FILTERS, useImport } from '../../import/use-import';
import { platform } from '../../platform';
import { startAutoBackup } from '../../backup/backup-service';
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
import { WorkspaceTabs } from './WorkspaceTabs';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { WORKSPACE_VIEWS } from './workspace-views';

/** The workspace of one project: documents, the transcript reader, the codebook and the themes. */
export function Workspace({ projectId }: { projectId: Id }) {
  const session = sessionFor(projectId);
  const project = useLiveQuery(() => catalogue.projects.get(projectId), [projectId]);
  const openProject = useUi((s) => s.openProject);
  const paneSizes = useUi((s) => s.paneSizes);
  const setPaneSize = useUi((s) => s.setPaneSize);
  const openDocumentId = useUi((s) => s.openDocumentId);
  const view = useUi((s) => s.workspaceView);
  const notify = useUi((s) => s.notify);
  const importRequests = useUi((s) => s.importRequests);
  const startImport = useImport((s) => s.start);
  const [dropping, setDropping] = useState(false);

  // Kept stable across renders, so the memoised panes below do not re-render when only the header changes.
  const importFiles = useCallback(async () => {
    try {
      const files = await platform.openFiles({ title: 'Import transcripts', filters: IMPORT_FILTERS, multiple: true });
      await startImport(session, files);
    } catch (error) {
      notify(error instanceof Error ? error.message : String(error), { kind: 'error' });
    }
  }, [session, startImport, notify]);
  const onImport = useCallback(() => void importFiles(), [importFiles]);
  useEffect(() => startAutoBackup(projectId, session.history, (message) => notify(message, { kind: 'error' })), [projectId, session.history, notify]);
  const seenRequests = useRef(importRequests);
  useEffect(() => {
    if (importRequests !== seenRequests.current) {
      seenRequests.current = importRequests;
      void importFiles();
    }
  });

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
      <div
        className={`workspace${dropping ? ' dropping' : ''}`}
        onDragOver={(e) => {
          if (e.dataTransfer.types.includes('Files')) {
            e.preventDefault();
            setDropping(true);
          }
        }}
        onDragLeave={(e) => {
          if (e.currentTarget === e.target || !e.currentTarget.contains(e.relatedTarget as Node)) setDropping(false);
        }}
        onDrop={async (e) => {
          if (!e.dataTransfer.files.length) return;
          e.preventDefault();
          setDropping(false);
          const files = await Promise.all(Array.from(e.dataTransfer.files, async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
          void startImport(session, files);
        }}
      >
        <header className="app-header">
          <div className="brand">
            <button type="button" className="back-button" onClick={() => openProject(undefined)} aria-label="All projects">
              ‹ Projects
            </button>
            <h1 className="project-title">{project.name}</h1>
          </div>
          <HistoryControls session={session} />
        </header>
        <WorkspaceTabs />
        {WORKSPACE_VIEWS.filter((v) => v.id === view).map(({ id, label, component: View }) => (
          <ErrorBoundary key={id} label={label}>
            <View />
          </ErrorBoundary>
        ))}
        <div
          hidden={view !== 'coding'}
          className="workspace-body"
          style={{ gridTemplateColumns: `${paneSizes.documents}px 6px minmax(320px, 1fr) 6px ${paneSizes.side}px` }}
        >
          <DocumentList onImport={onImport} />
          <Splitter label="Resize document list" size={paneSizes.documents} min={180} max={480} direction={1} onResize={(s) => setPaneSize('documents', s)} />
          <ErrorBoundary label="The transcript reader" resetKey={openDocumentId}>
            <TranscriptReader documentId={openDocumentId} />
          </ErrorBoundary>
          <Splitter label="Resize codebook and themes" size={paneSizes.side} min={240} max={640} direction={-1} onResize={(s) => setPaneSize('side', s)} />
          <aside className="side-panes" aria-label="Codebook and themes">
            <CodebookPane />
            <ThemesPane />
          </aside>
        </div>
        {dropping && (
          <div className="drop-overlay" aria-hidden="true">
            Drop transcripts to import them
          </div>
        )}
      </div>
    </ProjectSessionContext.Provider>
  );
}

/**
 * Save state, undo and redo: the only part of the workspace that follows the history, so a change re-renders these
 * buttons and not the document list, the reader and the codebook beside them.
 */
const HistoryControls = memo(function HistoryControls({ session }: { session: ReturnType<typeof sessionFor> }) {
  const history = useHistoryState(session.history);
  const notify = useUi((s) => s.notify);
  const undo = () => session.history.undo().then((label) => label && notify(`Undone: ${label}`), (e: Error) => notify(e.message, { kind: 'error' }));
  const redo = () => session.history.redo().then((label) => label && notify(`Redone: ${label}`), (e: Error) => notify(e.message, { kind: 'error' }));
  return (
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
  );
});
