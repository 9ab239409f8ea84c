import { useEffect, useId, useState } from 'react';
import type { SpeakerLabel } from '../../shared/import/speakers';
import { Dialog } from '../components/Dialog';
import {
  ENCODING_CHOICES,
  encodingLabel,
  excerptOf,
  fileSummary,
  formatClock,
  formatOfName,
  formatSize,
  FORMAT_NAMES,
  hasEncoding,
  isCaptions,
  mergedLabels,
  speakerChoice,
  speakerSuggestions,
  type MergedLabel,
} from './preview';
import { useImport, type PreviewFile } from './use-import';
import '../styles/cases.css';

const ALL_SPEAKERS = '*speakers';
const PAUSES = [2, 5, 10, 30];

/** The import preview: what each file will become, with the choices that change it, before anything is stored. */
export function ImportPreviewDialog() {
  const preview = useImport((s) => s.preview);
  const closePreview = useImport((s) => s.closePreview);
  const confirm = useImport((s) => s.confirm);
  const selectFile = useImport((s) => s.selectFile);
  const setInclude = useImport((s) => s.setInclude);
  if (!preview) return null;

  const { files } = preview;
  const included = files.filter((f) => f.include);
  const reading = included.filter((f) => f.status === 'reading').length;
  const ready = included.filter((f) => f.status === 'ready').length;
  const failed = included.filter((f) => f.status === 'failed').length;
  const selected = files.find((f) => f.key === preview.selectedKey);
  const showAll = preview.selectedKey === ALL_SPEAKERS;
  const allLabels = mergedLabels(files.map((f) => f.document));

  return (
    <Dialog
      title={files.length === 1 ? 'Import 1 file' : `Import ${files.length} files`}
      onClose={closePreview}
      footer={
        <>
          <p className="preview-footnote">
            {reading > 0
              ? `Reading ${included.length - reading + 1} of ${included.length}…`
              : failed > 0
                ? `${failed} ${failed === 1 ? 'file' : 'files'} cannot be imported.`
                : 'Speaker names apply to every file in this import.'}
          </p>
          <button type="button" onClick={closePreview}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={reading > 0 || ready === 0} onClick={() => void confirm()}>
            {ready === 1 ? 'Import 1 file' : `Import ${ready} files`}
          </button>
        </>
      }
    >
      <div className="import-preview">
        <div className="preview-sidebar">
          <ul className="preview-files" aria-label="Files to import">
            {files.map((file) => (
              <li key={file.key} className={`preview-file-row${file.key === preview.selectedKey ? ' selected' : ''}${file.include ? '' : ' excluded'}`}>
                <input type="checkbox" checked={file.include} aria-label={`Import ${file.name}`} onChange={(e) => setInclude(file.key, e.target.checked)} />
                <button
                  type="button"
                  className="preview-file"
                  aria-current={file.key === preview.selectedKey ? 'true' : undefined}
                  onClick={() => selectFile(file.key)}
                >
                  <span className="preview-file-name" title={file.name}>
                    {file.name}
                  </span>
                  <FileLine file={file} />
                </button>
              </li>
            ))}
          </ul>
          {files.length > 1 && (
            <button
              type="button"
              className={`preview-all${showAll ? ' selected' : ''}`}
              aria-current={showAll ? 'true' : undefined}
              onClick={() => selectFile(ALL_SPEAKERS)}
            >
              <span className="preview-file-name">All speakers</span>
              <span className="preview-file-meta">
                {allLabels.length} {allLabels.length === 1 ? 'label' : 'labels'} in {files.length} files
              </span>
            </button>
          )}
        </div>
        <div className="preview-detail">
          {showAll ? <AllSpeakers labels={allLabels} /> : selected ? <FileDetail file={selected} /> : null}
        </div>
      </div>
    </Dialog>
  );
}

function FileLine({ file }: { file: PreviewFile }) {
  if (file.status === 'failed') return <span className="preview-file-meta error">Cannot be imported</span>;
  if (!file.document) return <span className="preview-file-meta">Reading…</span>;
  const format = FORMAT_NAMES[file.document.format] ?? file.document.format.toUpperCase();
  const notes = file.document.warnings.length + (file.duplicateOf ? 1 : 0);
  return (
    <span className="preview-file-meta">
      {format} · {fileSummary(file.document)}
      {notes > 0 && (
        <span className="preview-note-count" title={`${notes} ${notes === 1 ? 'note' : 'notes'}`}>
          {' '}
          · ⚠ {notes}
        </span>
      )}
    </span>
  );
}

function FileDetail({ file }: { file: PreviewFile }) {
  const setEncoding = useImport((s) => s.setEncoding);
  const setDetectSpeakers = useImport((s) => s.setDetectSpeakers);
  const setCaptionPause = useImport((s) => s.setCaptionPause);
  const doc = file.document;
  // A file that could not be read still offers the choices its name allows (a wrong encoding can be the cause).
  const format = doc?.format ?? formatOfName(file.name);
  return (
    <section className="preview-file-detail" aria-label={`Preview of ${file.name}`} aria-busy={file.status === 'reading'}>
      <header className="preview-head">
        <h3>{file.name}</h3>
        <p className="muted">
          {[format ? (FORMAT_NAMES[format] ?? format.toUpperCase()) : undefined, formatSize(file.size), doc?.encoding ? encodingLabel(doc.encoding) : undefined]
            .filter(Boolean)
            .join(' · ')}
          {file.status === 'reading' && <span className="preview-busy"> · Reading…</span>}
        </p>
      </header>

      {(hasEncoding(format) || file.status !== 'failed') && (
        <div className="preview-controls">
          {hasEncoding(format) && (
            <label className="preview-control">
              <span>Encoding</span>
              <select
                aria-label="Encoding"
                value={file.encoding ?? ''}
                onChange={(e) => setEncoding(file.key, e.target.value === '' ? undefined : e.target.value)}
              >
                <option value="">Detected{doc?.encoding && !file.encoding ? ` (${encodingLabel(doc.encoding)})` : ''}</option>
                {ENCODING_CHOICES.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="preview-check">
            <input type="checkbox" checked={file.detectSpeakers} onChange={(e) => setDetectSpeakers(file.key, e.target.checked)} />
            Find speaker turns
          </label>
          {isCaptions(format) && file.detectSpeakers && (
            <label className="preview-control">
              <span>A speaker’s captions</span>
              <select
                aria-label="Joining captions"
                value={file.captionPauseSeconds ?? ''}
                onChange={(e) => setCaptionPause(file.key, e.target.value === '' ? undefined : Number(e.target.value))}
              >
                <option value="">always join into one turn</option>
                {PAUSES.map((s) => (
                  <option key={s} value={s}>
                    start a new turn after a {s} s pause
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
      )}

      {file.status === 'failed' && (
        <p className="preview-error" role="alert">
          {file.message}
        </p>
      )}
      {(file.duplicateOf || (doc && (doc.warnings.length > 0 || doc.comments.length > 0))) && (
        <ul className="preview-warnings" aria-label="Notes on this file">
          {file.duplicateOf && <li>The project already has a document with the same text: “{file.duplicateOf}”. You will be asked before it is imported again.</li>}
          {doc?.warnings.map((w, i) => <li key={i}>{w}</li>)}
          {doc && doc.comments.length > 0 && (
            <li>
              {doc.comments.length === 1 ? 'Its comment is' : `Its ${doc.comments.length} comments are`} kept as {doc.comments.length === 1 ? 'a memo' : 'memos'} on the
              passages they comment on.
            </li>
          )}
        </ul>
      )}

      {doc && (
        <>
          <h4 className="preview-section-title">Speakers</h4>
          {!file.detectSpeakers ? (
            <p className="muted preview-empty">Speaker detection is off: the text is kept as written, with no turns.</p>
          ) : doc.speakerLabels && doc.speakerLabels.length > 0 ? (
            <SpeakerTable labels={doc.speakerLabels.map((l) => ({ ...l, files: 1 }))} showFiles={false} />
          ) : doc.turns.length > 0 ? (
            <p className="muted preview-empty">Speakers come from the captions themselves.</p>
          ) : (
            <p className="muted preview-empty">No speaker labels (such as “Interviewer:”) were found at the start of lines.</p>
          )}
          <h4 className="preview-section-title">As it will be stored</h4>
          <Excerpt file={file} />
        </>
      )}
    </section>
  );
}

function Excerpt({ file }: { file: PreviewFile }) {
  const excerpt = excerptOf(file.document!);
  if (excerpt.kind === 'text') {
    return excerpt.text ? <p className="preview-excerpt preview-plain">{excerpt.text}</p> : <p className="muted">The file holds no text.</p>;
  }
  return (
    <div className="preview-excerpt">
      <ol className="preview-turns" aria-label="First turns">
        {excerpt.turns.map((turn, i) => (
          <li key={i} className="preview-turn">
            <span className="preview-turn-meta">
              {turn.speaker && <span className={`preview-speaker${turn.speaker === 'Interviewer' ? ' interviewer' : ''}`}>{turn.speaker}</span>}
              {turn.time !== undefined && <time>{formatClock(turn.time)}</time>}
            </span>
            <span className="preview-turn-text">{turn.text}</span>
          </li>
        ))}
      </ol>
      {excerpt.moreTurns > 0 && (
        <p className="preview-more muted">
          … and {excerpt.moreTurns} more {excerpt.moreTurns === 1 ? 'turn' : 'turns'}
        </p>
      )}
    </div>
  );
}

function AllSpeakers({ labels }: { labels: MergedLabel[] }) {
  return (
    <section className="preview-file-detail" aria-label="All speakers">
      <header className="preview-head">
        <h3>All speakers</h3>
        <p className="muted">Every label found at the start of lines, in all files. A name given here applies to each file that uses the label.</p>
      </header>
      {labels.length > 0 ? (
        <SpeakerTable labels={labels} showFiles />
      ) : (
        <p className="muted preview-empty">No speaker labels were found in these files.</p>
      )}
    </section>
  );
}

/** The engine's reasons for leaving a label out, in a few words for a table cell (the whole reason is its tooltip). */
const SHORT_REASONS: Record<string, string> = {
  'a word that starts ordinary lines, not a speaker': 'a common word',
  'used only once': 'used once',
  'too few labelled lines for the document to be a transcript': 'too few labelled lines',
  'speaker detection is off': 'detection is off',
  'marked as not a speaker': 'your choice',
};
const shortReason = (reason: string) => SHORT_REASONS[reason] ?? reason;

type LabelRow = Pick<SpeakerLabel, 'label' | 'count' | 'accepted' | 'speaker' | 'reason'> & { files: number };

/** Labels with their counts, each with a name to merge it into a speaker and a switch for "not a speaker". */
function SpeakerTable({ labels, showFiles }: { labels: LabelRow[]; showFiles: boolean }) {
  const files = useImport((s) => s.preview?.files);
  const speakerMap = useImport((s) => s.preview?.speakerMap ?? {});
  const listId = useId();
  const suggestions = speakerSuggestions(
    (files ?? []).map((f) => f.document),
    speakerMap,
  );
  return (
    <>
      <table className="speaker-table">
        <thead>
          <tr>
            <th scope="col">Label as written</th>
            <th scope="col" className="num">
              Lines
            </th>
            {showFiles && (
              <th scope="col" className="num">
                Files
              </th>
            )}
            <th scope="col">Speaker</th>
            <th scope="col">Stored as</th>
          </tr>
        </thead>
        <tbody>
          {labels.map((label) => (
            <SpeakerRow key={label.label} label={label} choice={speakerChoice(speakerMap, label.label)} listId={listId} showFiles={showFiles} />
          ))}
        </tbody>
      </table>
      <datalist id={listId}>
        {suggestions.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
    </>
  );
}

function SpeakerRow({ label, choice, listId, showFiles }: { label: LabelRow; choice: string | null | undefined; listId: string; showFiles: boolean }) {
  const setSpeaker = useImport((s) => s.setSpeaker);
  const shown = label.accepted ? (label.speaker ?? label.label) : typeof choice === 'string' ? choice : '';
  const [draft, setDraft] = useState(shown);
  useEffect(() => setDraft(shown), [shown]);

  const commit = () => {
    const name = draft.trim().replace(/\s+/g, ' ');
    if (name === shown) return;
    // Clearing the name gives the label back to detection.
    setSpeaker(label.label, name === '' ? undefined : name);
  };
  return (
    <tr className={label.accepted ? '' : 'not-speaker'}>
      <th scope="row" className="speaker-label">
        {label.label}
      </th>
      <td className="num">{label.count}</td>
      {showFiles && <td className="num">{label.files}</td>}
      <td className="speaker-toggle">
        <label>
          <input
            type="checkbox"
            checked={label.accepted}
            aria-label={`${label.label} is a speaker`}
            onChange={(e) => setSpeaker(label.label, e.target.checked ? draft.trim() || label.label : null)}
          />
          <span className="muted" title={label.accepted ? undefined : label.reason}>
            {label.accepted ? 'Speaker' : choice === null || !label.reason ? 'Not a speaker' : `Not a speaker · ${shortReason(label.reason)}`}
          </span>
        </label>
      </td>
      <td>
        <input
          className="speaker-name"
          list={listId}
          value={draft}
          placeholder={label.accepted ? label.label : 'not a speaker'}
          aria-label={`Speaker name for ${label.label}`}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            } else if (e.key === 'Escape') {
              // Escape resets the field rather than closing the whole preview.
              if (draft !== shown) {
                e.preventDefault();
                e.stopPropagation();
                setDraft(shown);
              }
            }
          }}
        />
      </td>
    </tr>
  );
}
