import { useMemo, useState } from 'react';
import type { CoderRecord, Id } from '../../../shared/model/types';
import { checkSearchPattern } from '../../../shared/query/text-search';
import { useProjectSession } from '../../app/project-session';
import { runQueryInWorker, useDataVersion, useQuery } from '../../query/query-client';
import { useCoder } from '../../state/coder-store';
import { useUi } from '../../state/ui-store';
import { CoderDialog } from '../workspace/CoderDialog';
import { QueryError, ResultHeader, Segmented } from './common';
import { useCodeOptions } from './Pickers';
import { useQueryForm } from './queries-ui';
import { codeSearchHits } from './query-commands';

interface SearchForm {
  text: string;
  /** The search last run (the results shown). */
  submitted: string;
  wholeWord: boolean;
  caseSensitive: boolean;
  regex: boolean;
  codeId?: Id;
  extent: 'match' | 'sentence' | 'turn';
}

/**
 * Full-text search across every transcript with keyword-in-context results (whole word, case and regular expression
 * options), and "code all hits": every hit coded with one code, as one step that one undo takes back.
 */
export function SearchQuery() {
  const { projectId, db, execute, history } = useProjectSession();
  const notify = useUi((s) => s.notify);
  const reveal = useUi((s) => s.reveal);
  const version = useDataVersion(db);
  const codeOptions = useCodeOptions();
  const [form, update] = useQueryForm<SearchForm>('search', { text: '', submitted: '', wholeWord: false, caseSensitive: false, regex: false, extent: 'match' });
  const [askCoder, setAskCoder] = useState<null | ((coder: CoderRecord) => void)>(null);
  const [coding, setCoding] = useState(false);
  const options = { wholeWord: form.wholeWord, caseSensitive: form.caseSensitive, regex: form.regex };
  const problem = form.text ? checkSearchPattern(form.text, options) : null;
  const request = useMemo(
    () => (form.submitted ? { kind: 'search' as const, query: form.submitted, options: { wholeWord: form.wholeWord, caseSensitive: form.caseSensitive, regex: form.regex, contextChars: 60 } } : null),
    [form.submitted, form.wholeWord, form.caseSensitive, form.regex],
  );
  const result = useQuery(request);
  const hits = result.data?.result.hits ?? [];
  const code = codeOptions.codes.find((c) => c.id === form.codeId);

  const codeAll = () => {
    const chosen = code;
    if (!chosen || hits.length === 0 || version === undefined) return;
    const act = async (coder: CoderRecord) => {
      setCoding(true);
      try {
        const made = await runQueryInWorker(projectId, version, { kind: 'code-hits', hits, codeId: chosen.id, coder, extent: form.extent, now: Date.now() });
        if (made.codings.length === 0) {
          notify(`Every hit is already coded “${chosen.label}” by ${coder.name}.`);
          return;
        }
        await execute(codeSearchHits({ codings: made.codings, codeName: chosen.label, coder, query: form.submitted }));
        notify(`Coded ${made.codings.length} ${made.codings.length === 1 ? 'passage' : 'passages'} as “${chosen.label}”${made.skipped ? ` (${made.skipped} already coded)` : ''}.`, {
          action: { label: 'Undo', run: () => void history.undo() },
        });
      } catch (error) {
        notify(`Could not code the hits: ${error instanceof Error ? error.message : String(error)}`, { kind: 'error' });
      } finally {
        setCoding(false);
      }
    };
    const me = useCoder.getState().me;
    if (me) void act(me);
    else setAskCoder(() => (coder: CoderRecord) => void act(coder));
  };

  return (
    <div className="query-pane">
      <form
        className="query-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!problem && form.text) update({ submitted: form.text });
        }}
      >
        <div className="query-row">
          <input
            type="search"
            className="search-input"
            value={form.text}
            placeholder={form.regex ? 'Regular expression, e.g. foster (carer|parent)s?' : 'Words to find in every transcript'}
            aria-label="Search the transcripts"
            aria-invalid={!!problem}
            aria-describedby="search-problem"
            onChange={(e) => update({ text: e.target.value })}
          />
          <button type="submit" className="primary" disabled={!form.text || !!problem}>
            Search
          </button>
          <label className="check-row">
            <input type="checkbox" checked={form.wholeWord} onChange={(e) => update({ wholeWord: e.target.checked })} /> Whole words
          </label>
          <label className="check-row">
            <input type="checkbox" checked={form.caseSensitive} onChange={(e) => update({ caseSensitive: e.target.checked })} /> Match case
          </label>
          <label className="check-row">
            <input type="checkbox" checked={form.regex} onChange={(e) => update({ regex: e.target.checked })} /> Regular expression
          </label>
        </div>
        <p id="search-problem" className={problem ? 'query-error' : 'visually-hidden'}>
          {problem ?? ''}
        </p>
      </form>
      {!request ? (
        <p className="query-empty">Search every transcript for words or a pattern; each hit shows with the words around it, and all hits can be coded at once.</p>
      ) : (
        <section className="query-result" aria-label="Search results">
          <ResultHeader title="Hits" count={result.data ? hits.length : undefined} loading={result.loading} table={result.data?.table} fileName={`search ${form.submitted}`} />
          <QueryError message={result.error} />
          {result.data?.result.truncated && <p className="hint">{result.data.result.stoppedBecause}</p>}
          {hits.length > 0 && (
            <div className="code-hits" role="group" aria-label="Code all hits">
              <span>Code all {hits.length} hits as</span>
              <select value={form.codeId ?? ''} onChange={(e) => update({ codeId: e.target.value || undefined })} aria-label="Code to apply to every hit">
                <option value="">Choose a code…</option>
                {codeOptions.codes.map((c) => (
                  <option key={c.id} value={c.id}>
                    {'  '.repeat(c.depth ?? 0)}
                    {c.label}
                  </option>
                ))}
              </select>
              <Segmented
                label="Code"
                value={form.extent}
                onChange={(extent) => update({ extent })}
                options={[
                  { value: 'match', label: 'The match' },
                  { value: 'sentence', label: 'Its sentence' },
                  { value: 'turn', label: 'Its turn' },
                ]}
              />
              <button type="button" className="primary" disabled={!code || coding} onClick={codeAll}>
                Code all hits
              </button>
            </div>
          )}
          {result.data && hits.length === 0 && <p className="query-empty">No hits for “{form.submitted}”.</p>}
          {hits.length > 0 && (
            <table className="kwic" aria-label="Hits in context">
              <thead>
                <tr>
                  <th scope="col">Document</th>
                  <th scope="col">Speaker</th>
                  <th scope="col" className="kwic-left">
                    Before
                  </th>
                  <th scope="col">Match</th>
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {hits.slice(0, 1000).map((h) => (
                  <tr key={`${h.documentId}|${h.start}`} onClick={() => reveal(h.documentId, h.start, h.end)} title="Open the transcript at this hit">
                    <td className="kwic-doc">{h.documentName}</td>
                    <td className="kwic-speaker">{h.speaker ?? ''}</td>
                    <td className="kwic-left">
                      <span>{h.left}</span>
                    </td>
                    <td className="kwic-match">
                      <button type="button" className="link-button" onClick={(e) => (e.stopPropagation(), reveal(h.documentId, h.start, h.end))}>
                        {h.match}
                      </button>
                    </td>
                    <td className="kwic-right">{h.right}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {hits.length > 1000 && <p className="hint">The first 1,000 of {hits.length} hits are shown; save the table for all.</p>}
        </section>
      )}
      {askCoder && (
        <CoderDialog
          onClose={() => setAskCoder(null)}
          onDone={(coder) => {
            const next = askCoder;
            setAskCoder(null);
            next(coder);
          }}
        />
      )}
    </div>
  );
}
