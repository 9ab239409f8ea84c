import { useId, useState } from 'react';
import type { ProjectInfo } from '../../../shared/model/types';
import { useUi } from '../../state/ui-store';
import type { ExportKind, ExportOptions } from '../../writeup/protocol';
import { writeupFileName } from '../../writeup/settings';
import { useJobs, type WriteupData } from './use-writeup';
import { saveExport } from '../../protect/export-guard';

interface ExportButton {
  kind: ExportKind;
  label: string;
  extension: string;
  filter: string;
}

const FILES: Record<ExportKind, ExportButton & { what: string; done: string }> = {
  'codebook-docx': { kind: 'codebook-docx', label: 'Word table (.docx)', extension: 'docx', filter: 'Word document', what: 'codebook', done: 'the codebook as a Word table' },
  'codebook-csv': { kind: 'codebook-csv', label: 'CSV (.csv)', extension: 'csv', filter: 'CSV table', what: 'codebook', done: 'the codebook as CSV' },
  'codebook-xlsx': { kind: 'codebook-xlsx', label: 'Excel (.xlsx)', extension: 'xlsx', filter: 'Excel workbook', what: 'codebook', done: 'the codebook as an Excel workbook' },
  'codebook-qdc': { kind: 'codebook-qdc', label: 'REFI-QDA codebook (.qdc)', extension: 'qdc', filter: 'REFI-QDA codebook', what: 'codebook', done: 'the REFI-QDA codebook' },
  'extracts-csv': { kind: 'extracts-csv', label: 'CSV (.csv)', extension: 'csv', filter: 'CSV table', what: 'coded extracts', done: 'the coded extracts as CSV' },
  'extracts-xlsx': { kind: 'extracts-xlsx', label: 'Excel (.xlsx)', extension: 'xlsx', filter: 'Excel workbook', what: 'coded extracts', done: 'the coded extracts as an Excel workbook' },
  'memos-docx': { kind: 'memos-docx', label: 'Word (.docx)', extension: 'docx', filter: 'Word document', what: 'memos', done: 'the memos as a Word document' },
  'memos-md': { kind: 'memos-md', label: 'Markdown (.md)', extension: 'md', filter: 'Markdown text', what: 'memos', done: 'the memos as Markdown' },
};

/** The project's data as files: the codebook, every coded extract, and the memos with the reflexive journal. */
export function ExportsPanel(props: { project: ProjectInfo; version: number; data: WriteupData }) {
  const { project, version, data } = props;
  const id = useId();
  const notify = useUi((s) => s.notify);
  const { jobs, run } = useJobs();
  const [pseudonymise, setPseudonymise] = useState(false);
  const [memos, setMemos] = useState<ExportOptions['memos']>('both');

  const exportFile = async (kind: ExportKind) => {
    const file = FILES[kind];
    try {
      const usePseudonyms = pseudonymise && !!data.pseudonyms && !kind.startsWith('codebook');
      const bytes = await run(kind, { kind: 'export', project, version, export: kind, options: { pseudonymise: usePseudonyms, memos } });
      const what = kind.startsWith('memos') ? (memos === 'journal' ? 'reflexive journal' : memos === 'memos' ? 'memos' : 'memos and journal') : file.what;
      const saved = await saveExport({
        title: `Save ${file.done}`,
        suggestedName: writeupFileName(project.name, what, file.extension, Date.now()),
        filters: [{ name: file.filter, extensions: [file.extension] }],
        bytes,
      });
      if (saved) notify(`Saved ${file.done}${usePseudonyms ? ', pseudonymised' : ''}.`);
    } catch (error) {
      notify(`Could not export: ${error instanceof Error ? error.message : String(error)}`, { kind: 'error' });
    }
  };

  const button = (kind: ExportKind, disabled = false) => (
    <button key={kind} type="button" onClick={() => void exportFile(kind)} disabled={disabled || jobs[kind] !== undefined} aria-label={`Export the ${FILES[kind].what} as ${FILES[kind].label}`}>
      {jobs[kind] ? (
        <>
          <span className="wu-spinner" aria-hidden="true" /> {jobs[kind].label}…
        </>
      ) : (
        FILES[kind].label
      )}
    </button>
  );

  const memoCount = memos === 'journal' ? data.journal : memos === 'memos' ? data.memos : data.journal + data.memos;
  return (
    <div className="wu-exports-pane">
      {data.pseudonyms && (
        <label className="wu-check wu-exports-pseudonyms">
          <input type="checkbox" checked={pseudonymise} onChange={(e) => setPseudonymise(e.target.checked)} />
          <span>
            Pseudonymise extracts and memos
            <span className="wu-note">Replaces the {data.pseudonyms.length} terms of the project’s pseudonym table in the files below (not in the codebook).</span>
          </span>
        </label>
      )}
      <div className="wu-export-grid">
        <section className="wu-export-card" aria-labelledby={`${id}-codebook`}>
          <h2 id={`${id}-codebook`}>Codebook</h2>
          <p className="wu-note">
            {data.codes} {data.codes === 1 ? 'code' : 'codes'} with definitions, inclusion and exclusion criteria, examples and counts: a table for an appendix, a
            spreadsheet, or a REFI-QDA codebook for NVivo, ATLAS.ti, MAXQDA and other tools.
          </p>
          <div className="wu-export-actions">{(['codebook-docx', 'codebook-csv', 'codebook-xlsx', 'codebook-qdc'] as const).map((k) => button(k, data.codes === 0))}</div>
        </section>
        <section className="wu-export-card" aria-labelledby={`${id}-extracts`}>
          <h2 id={`${id}-extracts`}>Coded extracts</h2>
          <p className="wu-note">
            Every coded passage ({data.codings} {data.codings === 1 ? 'coding' : 'codings'}) as one row: document, participant and their attributes, code, coder,
            position and the exact text, with memos on the passage.
          </p>
          <div className="wu-export-actions">{(['extracts-csv', 'extracts-xlsx'] as const).map((k) => button(k, data.codings === 0))}</div>
        </section>
        <section className="wu-export-card" aria-labelledby={`${id}-memos`}>
          <h2 id={`${id}-memos`}>Memos and reflexive journal</h2>
          <p className="wu-note">
            The journal entries by date ({data.journal}), then memos on the project, themes, codes, participants, documents and passages ({data.memos}).
          </p>
          <div className="wu-segmented" role="radiogroup" aria-label="Which memos">
            {(
              [
                ['both', 'Both'],
                ['journal', 'Journal only'],
                ['memos', 'Memos only'],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className={memos === value ? 'selected' : undefined}>
                <input type="radio" name={`${id}-which`} value={value} checked={memos === value} onChange={() => setMemos(value)} />
                {label}
              </label>
            ))}
          </div>
          <div className="wu-export-actions">{(['memos-docx', 'memos-md'] as const).map((k) => button(k, memoCount === 0))}</div>
          {memoCount === 0 && <p className="wu-note">Nothing written yet{memos === 'journal' ? ' in the journal' : ''}.</p>}
        </section>
      </div>
    </div>
  );
}
