import { useEffect } from 'react';
import { useUi, type WorkspaceView } from '../../state/ui-store';
import { WORKSPACE_VIEWS } from './workspace-views';

const TABS: { view: WorkspaceView; label: string; key: string }[] = [
  { view: 'coding', label: 'Coding', key: '1' },
  ...WORKSPACE_VIEWS.map((v, i) => ({ view: v.id, label: v.label, key: String(i + 2) })),
];

/** The workspace's views, as tabs in the header (Alt+number switches). */
export function WorkspaceTabs() {
  const view = useUi((s) => s.workspaceView);
  const setView = useUi((s) => s.setWorkspaceView);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const tab = TABS.find((t) => t.key === event.key);
      if (tab) {
        event.preventDefault();
        setView(tab.view);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setView]);
  return (
    <nav className="workspace-tabs" role="tablist" aria-label="Workspace views">
      {TABS.map((tab) => (
        <button
          key={tab.view}
          type="button"
          role="tab"
          aria-selected={view === tab.view}
          className={view === tab.view ? 'tab selected' : 'tab'}
          title={`${tab.label} (Alt+${tab.key})`}
          onClick={() => setView(tab.view)}
        >
          {tab.label}
        </button>
      ))}
    </nav>
  );
}
