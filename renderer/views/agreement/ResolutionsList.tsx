import type { ResolutionRecord } from '../../agreement/resolution-record';
import { formatDay } from '../../agreement/report';
import { useMemoUi } from '../memos/memo-ui';
import { useUi } from '../../state/ui-store';

/** The resolutions made so far, for the methods section: each opens as its memo, where the team can add to it. */
export function ResolutionsList(props: { resolutions: ResolutionRecord[]; onExport: () => void }) {
  const { resolutions } = props;
  const setView = useUi((s) => s.setWorkspaceView);
  const selectMemo = useMemoUi((s) => s.select);
  if (resolutions.length === 0) {
    return (
      <div className="agr-nav-empty">
        <p className="agr-empty-title">No resolutions yet</p>
        <p>
          Each disagreement the team settles in Disagreements is recorded here, with the choice made and the note, for the methods section. Every record is also a
          project memo under Memos &amp; journal.
        </p>
      </div>
    );
  }
  return (
    <div className="agr-resolutions">
      <div className="agr-resolutions-head">
        <p>
          {resolutions.length} {resolutions.length === 1 ? 'disagreement' : 'disagreements'} resolved. Each is kept as a project memo titled “Agreement resolution: …”.
        </p>
        <button type="button" onClick={props.onExport}>
          Export resolutions (CSV)
        </button>
      </div>
      <table className="agr-res-table" aria-label="Resolved disagreements">
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Code</th>
            <th scope="col">Document</th>
            <th scope="col">Passage</th>
            <th scope="col">Resolution</th>
            <th scope="col">Note</th>
            <th scope="col">
              <span className="visually-hidden">Memo</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {[...resolutions].reverse().map((r) => (
            <tr key={r.memoId}>
              <td className="agr-res-date">{formatDay(r.createdAt)}</td>
              <td>{r.code.split('/').join(' / ')}</td>
              <td>{r.document}</td>
              <td className="agr-res-passage">{r.passage ? `${r.passage.start}–${r.passage.end}` : ''}</td>
              <td>
                <span className="agr-res-kind">{r.resolutionText.split(' — ')[0]}</span>
                {r.changes && <span className="agr-res-changes">{r.changes}</span>}
              </td>
              <td className="agr-res-note">{r.note || <span className="muted">—</span>}</td>
              <td>
                <button
                  type="button"
                  className="small-button"
                  onClick={() => {
                    selectMemo(r.memoId);
                    setView('memos');
                  }}
                  aria-label={`Open the memo of the resolution on ${r.code} in ${r.document}`}
                >
                  Memo
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
