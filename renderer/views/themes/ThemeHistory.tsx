import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import type { Id } from '../../../shared/model/types';
import { useProjectSession } from '../../app/project-session';
import { platform } from '../../platform';
import { useUi } from '../../state/ui-store';
import { formatWhen, historyToCsv, historyToMarkdown, isThemeEntry, rowsNaming, themeHistoryRows } from './theme-history';

/**
 * The audit trail of the themes: every theme created, renamed, defined, merged or split and every code moved, with
 * when and by whom, for the methods section of a paper. Saved as CSV or Markdown.
 */
export function ThemeHistory({ themeName }: { themeName?: string }) {
  const { db } = useProjectSession();
  const notify = useUi((s) => s.notify);
  const entries = useLiveQuery(() => db.audit.filter(isThemeEntry).toArray(), [db]);
  const coders = useLiveQuery(() => db.coders.toArray(), [db]);
  const [onlySelected, setOnlySelected] = useState(false);
  const rows = useMemo(() => themeHistoryRows(entries ?? [], new Map((coders ?? []).map((c) => [c.id, c.name] as [Id, string]))), [entries, coders]);
  const shown = onlySelected && themeName ? rowsNaming(rows, themeName) : rows;

  const save = async (format: 'csv' | 'md') => {
    try {
      const title = onlySelected && themeName ? `History of the theme “${themeName}”` : 'History of the themes';
      const text = format === 'csv' ? historyToCsv(shown) : historyToMarkdown(shown, title);
      await platform.saveFile({
        title: 'Save the history of the themes',
        suggestedName: `theme-history.${format}`,
        filters: [format === 'csv' ? { name: 'CSV (comma separated)', extensions: ['csv'] } : { name: 'Markdown', extensions: ['md'] }],
        bytes: new TextEncoder().encode(text),
      });
    } catch (error) {
      notify(`Could not save the history: ${error instanceof Error ? error.message : String(error)}`, { kind: 'error' });
    }
  };

  return (
    <div className="theme-history">
      <div className="history-toolbar">
        <div>
          <h2>History of the themes</h2>
          <p className="hint">Every change to the themes, as it happened, for the methods section of a write-up. Undone steps stay in the record.</p>
        </div>
        <div className="history-actions">
          <label className="check-row">
            <input type="checkbox" checked={onlySelected} disabled={!themeName} onChange={(e) => setOnlySelected(e.target.checked)} />
            {themeName ? `Only “${themeName}”` : 'Only the selected theme'}
          </label>
          <button type="button" className="small" onClick={() => void save('csv')} disabled={shown.length === 0}>
            Save as CSV
          </button>
          <button type="button" className="small" onClick={() => void save('md')} disabled={shown.length === 0}>
            Save as Markdown
          </button>
        </div>
      </div>
      {entries && shown.length === 0 ? (
        <p className="hint history-empty">No changes to the themes recorded yet.</p>
      ) : (
        <table className="history-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What happened</th>
              <th scope="col">Who</th>
            </tr>
          </thead>
          <tbody>
            {[...shown].reverse().map((r) => (
              <tr key={r.seq} className={r.direction !== 'do' ? 'history-undo' : undefined}>
                <td className="history-when">{formatWhen(r.at)}</td>
                <td>{r.action}</td>
                <td>{r.coder || <span className="hint">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
