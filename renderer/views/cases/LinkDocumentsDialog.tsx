import { useState } from 'react';
import type { CaseRecord, DocumentRecord, Id } from '../../../shared/model/types';
import { Dialog } from '../../components/Dialog';

/** Chooses a participant's documents (a document belongs to one participant at most). */
export function LinkDocumentsDialog(props: {
  caseRecord: CaseRecord;
  documents: DocumentRecord[];
  caseName: (id: Id) => string | undefined;
  onSave: (documentIds: Id[]) => void;
  onClose: () => void;
}) {
  const { caseRecord, documents } = props;
  const [chosen, setChosen] = useState(() => new Set(documents.filter((d) => d.caseId === caseRecord.id).map((d) => d.id)));
  const [filter, setFilter] = useState('');
  const shown = documents.filter((d) => d.name.toLowerCase().includes(filter.trim().toLowerCase()));
  const toggle = (id: Id, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
  };
  return (
    <Dialog
      title={`Documents of ${caseRecord.name}`}
      onClose={props.onClose}
      footer={
        <>
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="button" className="primary" onClick={() => props.onSave(documents.filter((d) => chosen.has(d.id)).map((d) => d.id))}>
            Save
          </button>
        </>
      }
    >
      {documents.length === 0 ? (
        <p className="muted">The project has no documents yet. Import transcripts first, then link them here.</p>
      ) : (
        <div className="link-documents">
          {documents.length > 8 && (
            <input type="search" aria-label="Filter documents" placeholder="Filter documents" value={filter} onChange={(e) => setFilter(e.target.value)} />
          )}
          <ul className="link-list" aria-label="Documents">
            {shown.map((d) => {
              const other = d.caseId && d.caseId !== caseRecord.id ? props.caseName(d.caseId) : undefined;
              return (
                <li key={d.id}>
                  <label>
                    <input type="checkbox" checked={chosen.has(d.id)} onChange={(e) => toggle(d.id, e.target.checked)} />
                    <span className="link-name">{d.name}</span>
                    {other && <span className="muted link-other">{chosen.has(d.id) ? `moves from ${other}` : `now ${other}`}</span>}
                  </label>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </Dialog>
  );
}
