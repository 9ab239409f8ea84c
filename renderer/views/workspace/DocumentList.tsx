import { useLiveQuery } from 'dexie-react-hooks';
import { useProjectSession } from '../../app/project-session';
import { useCodingCounts } from '../../db/use-coding-counts';
import { useUi } from '../../state/ui-store';
import { ImportPanel } from './ImportPanel';

const numberFormat = new Intl.NumberFormat('en-GB');

/** The project's documents, in the user's order, with their case and length. */
export function DocumentList({ onImport }: { onImport: () => void }) {
  const { db } = useProjectSession();
  const documents = useLiveQuery(() => db.documents.orderBy('order').toArray(), [db]);
  const cases = useLiveQuery(async () => new Map((await db.cases.toArray()).map((c) => [c.id, c])), [db]);
  const codingCounts = useCodingCounts(db)?.byDocument;
  const openDocumentId = useUi((s) => s.openDocumentId);
  const openDocument = useUi((s) => s.openDocument);

  return (
    <nav className="pane document-pane" aria-label="Documents">
      <div className="pane-header">
        <h2>Documents</h2>
        <span className="count">{documents?.length ?? ''}</span>
        <button type="button" className="small" onClick={onImport} title="Import transcripts (Ctrl+O)">
          Import…
        </button>
      </div>
      <ImportPanel />
      {documents && documents.length === 0 && (
        <div className="pane-empty">
          <p>No documents yet.</p>
          <p className="hint">Import interview transcripts (Word, PDF, RTF, ODT, text or Zoom/Teams captions) to begin, or drop the files here.</p>
        </div>
      )}
      <ul className="document-list">
        {documents?.map((doc) => {
          const caseRecord = doc.caseId ? cases?.get(doc.caseId) : undefined;
          const count = codingCounts?.get(doc.id) ?? 0;
          return (
            <li key={doc.id}>
              <button
                type="button"
                className={`document-item${doc.id === openDocumentId ? ' selected' : ''}`}
                aria-current={doc.id === openDocumentId ? 'page' : undefined}
                onClick={() => openDocument(doc.id)}
              >
                <span className="document-name">{doc.name}</span>
                <span className="document-meta">
                  {caseRecord ? `${caseRecord.description || caseRecord.name} · ` : ''}
                  {numberFormat.format(doc.words)} {doc.words === 1 ? 'word' : 'words'} · {count} {count === 1 ? 'coding' : 'codings'}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
