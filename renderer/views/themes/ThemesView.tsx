import { useEffect, useState } from 'react';
import type { Id } from '../../../shared/model/types';
import { useProjectSession } from '../../app/project-session';
import { createTheme } from '../../commands/theme-commands';
import { PromptDialog } from '../../components/Dialog';
import { useUi } from '../../state/ui-store';
import '../../styles/themes.css';
import { ThematicMap } from './ThematicMap';
import { ThemeDetails } from './ThemeDetails';
import { ThemeHistory } from './ThemeHistory';
import { ThemeReview } from './ThemeReview';
import { themeTree, useThemesData, type ThemesData } from './theme-data';
import { useThemesUi, type ThemesMode } from './themes-ui';

const MODES: { mode: ThemesMode; label: string }[] = [
  { mode: 'map', label: 'Thematic map' },
  { mode: 'review', label: 'Review' },
  { mode: 'history', label: 'History' },
];

/**
 * The Themes workspace view (phases 3 to 5): the list of themes, then the thematic map, the review of one theme or
 * the themes' history, and the selected theme's definition beside them.
 */
export function ThemesView() {
  const data = useThemesData();
  const selected = useThemesUi((s) => s.selectedThemeId);
  const select = useThemesUi((s) => s.select);
  const mode = useThemesUi((s) => s.mode);
  const setMode = useThemesUi((s) => s.setMode);
  const review = useThemesUi((s) => s.review);
  const selectedId = selected && data?.themeById.has(selected) ? selected : undefined;
  // With nothing chosen yet, the first theme is: the details panel then shows what a theme holds.
  const first = data ? themeTree(data.themes)[0]?.theme.id : undefined;
  useEffect(() => {
    if (!selectedId && first) select(first);
  }, [selectedId, first, select]);

  if (!data) return <main className="themes-view" aria-label="Themes" aria-busy="true" />;
  return (
    <main className="themes-view" aria-label="Themes">
      <ThemeList data={data} selectedId={selectedId} onSelect={select} />
      <section className="themes-main" aria-label={MODES.find((m) => m.mode === mode)?.label}>
        <div className="themes-modes" role="tablist" aria-label="Themes views">
          {MODES.map((m) => (
            <button key={m.mode} type="button" role="tab" aria-selected={mode === m.mode} className={mode === m.mode ? 'tab selected' : 'tab'} onClick={() => setMode(m.mode)}>
              {m.label}
            </button>
          ))}
        </div>
        <div className="themes-content">
          {mode === 'map' && <ThematicMap data={data} selectedThemeId={selectedId} onSelect={select} onReview={review} />}
          {mode === 'review' && <ThemeReview data={data} themeId={selectedId} />}
          {mode === 'history' && <ThemeHistory themeName={selectedId ? data.themeById.get(selectedId)?.name : undefined} />}
        </div>
      </section>
      <ThemeDetails data={data} themeId={selectedId} onSelect={select} onReview={review} />
    </main>
  );
}

function ThemeList({ data, selectedId, onSelect }: { data: ThemesData; selectedId?: Id; onSelect: (id: Id | undefined) => void }) {
  const { execute } = useProjectSession();
  const notify = useUi((s) => s.notify);
  const [creating, setCreating] = useState(false);
  const tree = themeTree(data.themes);
  const grouped = new Set(data.themes.flatMap((t) => t.codeIds));
  const ungrouped = data.codes.filter((c) => !grouped.has(c.id)).length;
  return (
    <nav className="themes-sidebar" aria-label="Themes list">
      <div className="pane-header">
        <h2>Themes</h2>
        <span className="count">{data.themes.length}</span>
        <button type="button" className="small" onClick={() => setCreating(true)}>
          + New
        </button>
      </div>
      {tree.length === 0 ? (
        <p className="pane-empty hint">No themes yet. Create one, then drag codes into it on the map.</p>
      ) : (
        <ul className="themes-tree">
          {tree.map(({ theme, depth }) => (
            <li key={theme.id}>
              <button
                type="button"
                className={`themes-tree-item${theme.id === selectedId ? ' selected' : ''}`}
                style={{ paddingInlineStart: 10 + depth * 16 }}
                aria-current={theme.id === selectedId ? 'true' : undefined}
                onClick={() => onSelect(theme.id)}
              >
                <span className="swatch" style={{ background: theme.color }} aria-hidden="true" />
                <span className="themes-tree-name">{theme.name}</span>
                <span className="themes-tree-count" title={`${theme.codeIds.length} codes`}>
                  {theme.codeIds.length}
                </span>
                <span className={`status-dot status-${theme.status.replace(' ', '-')}`} title={theme.status} aria-label={theme.status} />
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="themes-sidebar-foot hint">
        {data.codes.length - ungrouped} of {data.codes.length} codes are in a theme.
      </p>
      {creating && (
        <PromptDialog
          title="New theme"
          label="Theme name"
          confirmLabel="Create theme"
          onClose={() => setCreating(false)}
          onConfirm={(name) => {
            setCreating(false);
            const made = createTheme({ name });
            execute(made.command).then(
              () => onSelect(made.id),
              (error: Error) => notify(error.message, { kind: 'error' }),
            );
          }}
        />
      )}
    </nav>
  );
}
