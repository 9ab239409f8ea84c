import { useMemo } from 'react';
import type { CodeSelection, ExtractFilter } from '../../../shared/query';
import { useQuery } from '../../query/query-client';
import { QueryError, ResultHeader, Segmented } from './common';
import { FilterBar, SelectionPicker } from './Pickers';
import { cleanFilter, isEmptySelection, useQueriesUi, useQueryForm } from './queries-ui';

interface WordsForm {
  scope: 'all' | 'selection';
  selection: CodeSelection;
  filter: ExtractFilter;
  fillers: boolean;
  skipInterviewer: boolean;
  minLength: number;
  topN: number;
  view: 'cloud' | 'table';
}

/**
 * Word frequencies of the whole project or of chosen codes' and themes' extracts, without English stop words (and,
 * as options, transcript fillers and the interviewer's words), as a table and a word cloud. A word opens a search.
 */
export function WordsQuery() {
  const [form, update] = useQueryForm<WordsForm>('words', { scope: 'all', selection: {}, filter: {}, fillers: true, skipInterviewer: true, minLength: 3, topN: 100, view: 'cloud' });
  const request = useMemo(() => {
    if (form.scope === 'selection' && isEmptySelection(form.selection)) return null;
    return {
      kind: 'words' as const,
      options: { stopWords: true, fillers: form.fillers, minLength: form.minLength, topN: form.topN, ...(form.skipInterviewer ? { excludeSpeakers: ['Interviewer'] } : {}) },
      ...(form.scope === 'selection' ? { selection: form.selection, filter: cleanFilter(form.filter) } : {}),
      cloud: { minSize: 13, maxSize: 52 },
    };
  }, [form.scope, form.selection, form.filter, form.fillers, form.skipInterviewer, form.minLength, form.topN]);
  const result = useQuery(request);
  const searchFor = (word: string) => {
    const ui = useQueriesUi.getState();
    const current = (ui.forms.search as object | undefined) ?? {};
    ui.setForm('search', { extent: 'match', caseSensitive: false, regex: false, ...current, text: word, submitted: word, wholeWord: true });
    ui.setKind('search');
  };
  const words = result.data?.frequencies.words ?? [];
  const cloud = useMemo(() => [...(result.data?.cloud ?? [])].sort((a, b) => a.word.localeCompare(b.word)), [result.data]);
  const max = words[0]?.count ?? 0;

  return (
    <div className="query-pane">
      <div className="query-form">
        <div className="query-row">
          <span className="query-row-label">Words of</span>
          <Segmented label="Count the words of" value={form.scope} onChange={(scope) => update({ scope })} options={[{ value: 'all', label: 'Every transcript' }, { value: 'selection', label: 'Chosen extracts' }]} />
          {form.scope === 'selection' && <SelectionPicker value={form.selection} onChange={(selection) => update({ selection })} label="Codes and themes whose extracts to count" />}
        </div>
        <div className="query-row">
          <label className="check-row">
            <input type="checkbox" checked={form.fillers} onChange={(e) => update({ fillers: e.target.checked })} /> Leave out fillers (um, yeah, like…)
          </label>
          <label className="check-row">
            <input type="checkbox" checked={form.skipInterviewer} onChange={(e) => update({ skipInterviewer: e.target.checked })} /> Leave out the interviewer
          </label>
          <label className="inline-field">
            Shortest word
            <input type="number" min={1} max={20} value={form.minLength} onChange={(e) => update({ minLength: Math.max(1, Math.min(20, Math.round(Number(e.target.value) || 1))) })} aria-label="Shortest word counted" />
          </label>
          <label className="inline-field">
            Show
            <select value={form.topN} onChange={(e) => update({ topN: Number(e.target.value) })} aria-label="How many words">
              {[50, 100, 250, 1000].map((n) => (
                <option key={n} value={n}>
                  top {n}
                </option>
              ))}
            </select>
          </label>
        </div>
        {form.scope === 'selection' && <FilterBar value={form.filter} onChange={(filter) => update({ filter })} />}
      </div>
      {!request ? (
        <p className="query-empty">Choose codes or themes whose extracts to count.</p>
      ) : (
        <section className="query-result" aria-label="Word frequencies">
          <ResultHeader
            title="Word frequencies"
            count={result.data ? `${result.data.frequencies.distinctWords.toLocaleString('en-GB')} different words in ${result.data.frequencies.totalWords.toLocaleString('en-GB')}` : undefined}
            loading={result.loading}
            table={result.data?.table}
            fileName="word frequencies"
          >
            <Segmented label="Show as" value={form.view} onChange={(view) => update({ view })} options={[{ value: 'cloud', label: 'Cloud' }, { value: 'table', label: 'Table' }]} />
          </ResultHeader>
          <QueryError message={result.error} />
          {result.data && words.length === 0 && <p className="query-empty">No words to count.</p>}
          {form.view === 'cloud' && cloud.length > 0 && (
            <div className="word-cloud" aria-label="Word cloud: larger words are more frequent; choose one to search for it">
              {cloud.map((w) => (
                <button key={w.word} type="button" style={{ fontSize: `${w.size.toFixed(1)}px`, opacity: 0.55 + 0.45 * w.weight }} title={`${w.word}: ${w.count}`} onClick={() => searchFor(w.word)}>
                  {w.word}
                </button>
              ))}
            </div>
          )}
          {form.view === 'table' && words.length > 0 && (
            <table className="word-table">
              <thead>
                <tr>
                  <th scope="col">Word</th>
                  <th scope="col" className="num">
                    Count
                  </th>
                  <th scope="col" className="num">
                    Documents
                  </th>
                  <th scope="col" aria-label="Relative frequency" />
                </tr>
              </thead>
              <tbody>
                {words.map((w) => (
                  <tr key={w.word}>
                    <td>
                      <button type="button" className="link-button" onClick={() => searchFor(w.word)} title="Search for this word">
                        {w.word}
                      </button>
                    </td>
                    <td className="num">{w.count}</td>
                    <td className="num">{w.documents}</td>
                    <td className="word-bar-cell">
                      <span className="bar" aria-hidden="true">
                        <span className="bar-fill" style={{ width: `${max ? (w.count / max) * 100 : 0}%` }} />
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </div>
  );
}
