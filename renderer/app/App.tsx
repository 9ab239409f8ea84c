import { useEffect } from 'react';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { Toasts } from '../components/Toasts';
import { createSampleProject, purgeDeletedProjects, requestPersistentStorage } from '../db/projects';
import { platform } from '../platform';
import { useUi } from '../state/ui-store';
import { ProjectList } from '../views/projects/ProjectList';
import { Workspace } from '../views/workspace/Workspace';
import { sessionFor } from './project-session';

function isEditingText(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT');
}

export function App() {
  const openProjectId = useUi((s) => s.openProjectId);
  const theme = useUi((s) => s.theme);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    void purgeDeletedProjects();
    void requestPersistentStorage();
  }, []);

  // Undo and redo work across the app: from the keyboard in the browser, from the native menu in the desktop app.
  useEffect(() => {
    const ui = useUi.getState;
    const undoRedo = (direction: 'undo' | 'redo') => {
      const projectId = ui().openProjectId;
      if (!projectId) return;
      const history = sessionFor(projectId).history;
      const action = direction === 'undo' ? history.undo() : history.redo();
      action.then(
        (label) => label && ui().notify(`${direction === 'undo' ? 'Undone' : 'Redone'}: ${label}`),
        (error: Error) => ui().notify(error.message, { kind: 'error' }),
      );
    };
    const onKey = (event: KeyboardEvent) => {
      if (platform.nativeUndoShortcuts || isEditingText(event.target)) return;
      // In the browser build the page handles the shortcuts the desktop menu would.
      const mod = event.ctrlKey || event.metaKey;
      if (!mod || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === 'o' && !event.shiftKey) {
        event.preventDefault();
        if (ui().openProjectId) ui().requestImport();
        return;
      }
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        undoRedo('undo');
      } else if ((key === 'z' && event.shiftKey) || key === 'y') {
        event.preventDefault();
        undoRedo('redo');
      }
    };
    window.addEventListener('keydown', onKey);
    const stopMenu = platform.onMenuCommand((command) => {
      switch (command) {
        case 'undo':
        case 'redo':
          if (isEditingText(document.activeElement)) document.execCommand(command);
          else undoRedo(command);
          break;
        case 'show-projects':
        case 'new-project':
          ui().openProject(undefined);
          break;
        case 'open-sample':
          void createSampleProject().then((p) => ui().openProject(p.id));
          break;
        case 'toggle-theme':
          ui().setTheme(ui().theme === 'dark' ? 'light' : 'dark');
          break;
        case 'import-files':
          ui().requestImport();
          break;
      }
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      stopMenu();
    };
  }, []);

  return (
    <>
      <ErrorBoundary label="Tessera" resetKey={openProjectId}>
        {openProjectId ? <Workspace key={openProjectId} projectId={openProjectId} /> : <ProjectList />}
      </ErrorBoundary>
      <Toasts />
    </>
  );
}
