import '../../styles/themes.css';
import '../../styles/queries.css';
import { BooleanQueryView } from './BooleanQuery';
import { CooccurrenceQuery } from './CooccurrenceQuery';
import { FrameworkQuery } from './FrameworkQuery';
import { MatrixQuery } from './MatrixQuery';
import { useQueriesUi, type QueryKind } from './queries-ui';
import { SearchQuery } from './SearchQuery';
import { SegmentsQuery } from './SegmentsQuery';
import { WordsQuery } from './WordsQuery';

const KINDS: { kind: QueryKind; label: string; hint: string }[] = [
  { kind: 'segments', label: 'Coded segments', hint: 'Extracts of codes or themes, filtered' },
  { kind: 'matrix', label: 'Matrix by attribute', hint: 'Codes or themes by agency, role…' },
  { kind: 'cooccurrence', label: 'Code co-occurrence', hint: 'Which codes meet in the same passages' },
  { kind: 'framework', label: 'Framework matrix', hint: 'Participants by themes, with summaries' },
  { kind: 'boolean', label: 'Boolean query', hint: 'AND, OR, NOT, NEAR' },
  { kind: 'search', label: 'Text search', hint: 'Words in context; code all hits' },
  { kind: 'words', label: 'Word frequencies', hint: 'Most used words and a word cloud' },
];

/**
 * The Queries workspace view: questions asked of the coded data. Every query runs in the query worker, so the
 * window stays responsive; every result can be saved as CSV or XLSX and opened as its extracts.
 */
export function QueriesView() {
  const kind = useQueriesUi((s) => s.kind);
  const setKind = useQueriesUi((s) => s.setKind);
  const current = KINDS.find((k) => k.kind === kind) ?? KINDS[0]!;
  return (
    <main className="queries-view" aria-label="Queries">
      <nav className="queries-nav" aria-label="Kinds of query">
        <div className="pane-header">
          <h2>Queries</h2>
        </div>
        <ul role="tablist" aria-orientation="vertical" aria-label="Kinds of query">
          {KINDS.map((k) => (
            <li key={k.kind} role="presentation">
              <button
                type="button"
                role="tab"
                aria-selected={k.kind === kind}
                aria-label={k.label}
                aria-describedby={`query-hint-${k.kind}`}
                className={`queries-nav-item${k.kind === kind ? ' selected' : ''}`}
                onClick={() => setKind(k.kind)}
              >
                <span className="queries-nav-label">{k.label}</span>
                <span className="queries-nav-hint" id={`query-hint-${k.kind}`}>
                  {k.hint}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <section className="queries-main" aria-label={current.label}>
        <header className="queries-head">
          <h2>{current.label}</h2>
        </header>
        {kind === 'segments' && <SegmentsQuery />}
        {kind === 'matrix' && <MatrixQuery />}
        {kind === 'cooccurrence' && <CooccurrenceQuery />}
        {kind === 'framework' && <FrameworkQuery />}
        {kind === 'boolean' && <BooleanQueryView />}
        {kind === 'search' && <SearchQuery />}
        {kind === 'words' && <WordsQuery />}
      </section>
    </main>
  );
}
