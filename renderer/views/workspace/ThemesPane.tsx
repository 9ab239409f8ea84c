import { memo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useProjectSession } from '../../app/project-session';
import { useUi } from '../../state/ui-store';
import { useThemesUi } from '../themes/themes-ui';

/** Candidate and defined themes with their member codes. */
export const ThemesPane = memo(function ThemesPane() {
  const { db } = useProjectSession();
  const themes = useLiveQuery(() => db.themes.orderBy('order').toArray(), [db]);
  const codes = useLiveQuery(async () => new Map((await db.codes.toArray()).map((c) => [c.id, c])), [db]);
  const setView = useUi((s) => s.setWorkspaceView);
  const openThemes = (themeId?: string) => {
    if (themeId) useThemesUi.getState().review(themeId);
    else useThemesUi.getState().setMode('map');
    setView('themes');
  };

  return (
    <section className="pane themes-pane" aria-labelledby="themes-title">
      <div className="pane-header">
        <h2 id="themes-title">Themes</h2>
        <span className="count">{themes?.length ?? ''}</span>
        <button type="button" className="small" style={{ marginInlineStart: 8 }} onClick={() => openThemes()} title="Open the thematic map">
          Map
        </button>
      </div>
      {themes && themes.length === 0 && <p className="pane-empty hint">No themes yet. Themes gather codes that share a central organising concept.</p>}
      <ul className="theme-list">
        {themes?.map((theme) => (
          <li key={theme.id} className="theme-card" style={{ borderInlineStartColor: theme.color }}>
            <div className="theme-title">
              <h3>{theme.name}</h3>
              <span className={`status status-${theme.status.replace(' ', '-')}`}>{theme.status}</span>
              <button type="button" className="link-button" onClick={() => openThemes(theme.id)} aria-label={`Review ${theme.name}`}>
                Review
              </button>
            </div>
            {theme.definition && <p className="theme-definition">{theme.definition}</p>}
            <ul className="chips" aria-label={`Codes in ${theme.name}`}>
              {theme.codeIds.map((id) => {
                const code = codes?.get(id);
                return code ? (
                  <li key={id} className="chip">
                    <span className="swatch" style={{ background: code.color }} aria-hidden="true" />
                    {code.name}
                  </li>
                ) : null;
              })}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
});
