import { memo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { DocumentRecord } from '../../../shared/model/types';
import { useProjectSession } from '../../app/project-session';
import { useCodingCounts } from '../../db/use-coding-counts';
import { useUi } from '../../state/ui-store';
import { ImportPanel } from './ImportPanel';

const numberFormat = new Intl.NumberFormat('en-GB');

/** The project's documents, in the user's order, with their case and length. */
export const DocumentList = memo(function DocumentList({ onImport }: { onImport: () => void }) {
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
          return (
            <DocumentItem
              key={doc.id}
              doc={doc}
              caseLabel={caseRecord ? caseRecord.description || caseRecord.name : undefined}
              count={codingCounts?.get(doc.id) ?? 0}
              selected={doc.id === openDocumentId}
              onOpen={openDocument}
            />
          );
        })}
      </ul>
    </nav>
  );
});

/** One document in the list; memoised, so opening a document re-renders two items, not a thousand. */
const DocumentItem = memo(function DocumentItem(props: { doc: DocumentRecord; caseLabel?: string; count: number; selected: boolean; onOpen: (id: string) => void }) {
  const { doc, caseLabel, count, selected } = props;
  return (
    <li>
      <button type="button" className={`document-item${selected ? ' selected' : ''}`} aria-current={selected ? 'page' : undefined} onClick={() => props.onOpen(doc.id)}>
        <span className="document-name">{doc.name}</span>
        <span className="document-meta">
          {caseLabel ? `${caseLabel} · ` : ''}
          {numberFormat.format(doc.words)} {doc.words === 1 ? 'word' : 'words'} · {count} {count === 1 ? 'coding' : 'codings'}
        </span>
      </button>
    </li>
  );
});
