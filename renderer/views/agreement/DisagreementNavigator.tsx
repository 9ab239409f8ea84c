import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  applyCodingChanges,
  RESOLUTIONS,
  resolveDisagreement,
  type CoderComparison,
  type Disagreement,
  type Range,
  type Resolution,
} from '../../../shared/agreement/index';
import type { CoderRecord, Id } from '../../../shared/model/types';
import { useProjectSession } from '../../app/project-session';
import { useAgreementUi } from '../../agreement/agreement-ui';
import { formatCount } from '../../agreement/format';
import { markRuns, passageContext, quoteOf } from '../../agreement/passage-context';
import { coverageOf, followPosition, type PassageItem } from '../../agreement/passages';
import { describeResolution, recordFor, RESOLUTION_NAMES, type ResolutionRecord } from '../../agreement/resolution-record';
import { resolveDisagreementCommand } from '../../commands/agreement-commands';
import { useUi } from '../../state/ui-store';
import { formatDay } from '../../agreement/report';
import { currentCoderId } from '../../state/coder-store';

/** Where a key belongs to the control: text fields take every key; radios and check boxes keep their arrows. */
function keyBelongsToControl(target: EventTarget | null, key: string): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  if (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  if (el.tagName !== 'INPUT') return false;
  const type = (el as HTMLInputElement).type;
  if (type === 'radio' || type === 'checkbox') return key.startsWith('Arrow');
  return true;
}

function rangeText(r: Range): string {
  return `${formatCount(r.start)}–${formatCount(r.end)}`;
}

/** Three thin tracks across the passage: A's extent, B's extent and, for the chosen resolution, the result. */
function ExtentDiagram(props: { passage: Range; tracks: { label: string; ranges: Range[]; color: string; title: string }[] }) {
  const { passage } = props;
  const length = Math.max(1, passage.end - passage.start);
  return (
    <div className="agr-extent" role="img" aria-label={props.tracks.map((t) => t.title).join('. ')}>
      {props.tracks.map((track) => (
        <div key={track.label} className="agr-extent-row">
          <span className="agr-extent-label">{track.label}</span>
          <span className="agr-extent-track">
            {track.ranges.map((r) => (
              <span
                key={`${r.start}-${r.end}`}
                className="agr-extent-bar"
                style={{ left: `${((r.start - passage.start) / length) * 100}%`, width: `${((r.end - r.start) / length) * 100}%`, background: track.color }}
              />
            ))}
          </span>
        </div>
      ))}
      <div className="agr-extent-row agr-extent-axis" aria-hidden="true">
        <span className="agr-extent-label" />
        <span className="agr-extent-track">
          <span>{formatCount(passage.start)}</span>
          <span>{formatCount(passage.end)}</span>
        </span>
      </div>
    </div>
  );
}

/** One coder's view of the passage: the context text with their extent marked and the differing ranges outlined. */
function CoderColumn(props: {
  coder: CoderRecord;
  letter: 'A' | 'B';
  text: string;
  pieces: ReturnType<typeof passageContext>;
  cover: Range[];
  differ: Range[];
}) {
  const { coder, letter, text, pieces, cover, differ } = props;
  const coded = cover.reduce((n, r) => n + r.end - r.start, 0);
  return (
    <section className="agr-coder-col" style={{ ['--coder' as string]: coder.color }} aria-label={`${coder.name}’s coding (${letter})`}>
      <header className="agr-coder-head">
        <span className="coder-dot small" style={{ background: coder.color }} aria-hidden="true">
          {letter}
        </span>
        <span className="agr-coder-name">{coder.name}</span>
        <span className="agr-coder-extent">{cover.length === 0 ? 'did not code this passage' : `coded ${cover.map(rangeText).join(', ')} (${formatCount(coded)} characters)`}</span>
      </header>
      <div className="agr-context">
        {pieces.map((piece) => (
          <div key={`${piece.start}-${piece.end}`} className={piece.lead ? 'agr-piece lead' : 'agr-piece'}>
            {piece.speaker && <span className="agr-speaker">{piece.speaker}</span>}
            <p>
              {piece.cutBefore && <span className="agr-cut">… </span>}
              {markRuns(piece.start, piece.end, [cover, differ]).map((run) => {
                const words = text.slice(run.start, run.end);
                const [mine, differs] = run.marks;
                if (!mine && !differs) return <span key={run.start}>{words}</span>;
                return (
                  <mark key={run.start} className={`${mine ? 'agr-coded' : ''}${differs ? ' agr-differs' : ''}`.trim()}>
                    {words}
                  </mark>
                );
              })}
              {piece.cutAfter && <span className="agr-cut"> …</span>}
            </p>
          </div>
        ))}
      </div>
    </section>
  );
}

/** Codes grouped under their top-level code for the code list; each labelled by the rest of its path. */
function codeGroups(codes: readonly { id: Id; path: string; count: number }[]) {
  const groups: { label: string; codes: { id: Id; label: string; count: number }[] }[] = [];
  for (const c of codes) {
    const [top, ...rest] = c.path.split('/');
    let group = groups.find((g) => g.label === top);
    if (!group) groups.push((group = { label: top!, codes: [] }));
    group.codes.push({ id: c.id, label: rest.length > 0 ? rest.join(' / ') : `${top} (the code itself)`, count: c.count });
  }
  return groups;
}

export function DisagreementNavigator(props: {
  items: PassageItem[];
  allCount: number;
  comparison: CoderComparison;
  pair: [Id, Id];
  coders: Map<Id, CoderRecord>;
  codes: { id: Id; path: string; color: string; count: number }[];
  documentNames: Map<Id, string>;
  resolutions: ResolutionRecord[];
  current: boolean;
}) {
  const { items, comparison, pair, coders, codes, documentNames, resolutions, current } = props;
  const session = useProjectSession();
  const notify = useUi((s) => s.notify);
  const openDocument = useUi((s) => s.openDocument);
  const setView = useUi((s) => s.setWorkspaceView);
  const navigatorCode = useAgreementUi((s) => s.navigatorCode);
  const position = useAgreementUi((s) => s.position);
  const setUi = useAgreementUi((s) => s.set);
  const [choice, setChoice] = useState<Resolution | undefined>();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  const index = followPosition(items, position);
  const item = items[index];
  const go = (to: number) => {
    const next = items[Math.max(0, Math.min(items.length - 1, to))];
    if (next) setUi({ position: { index: Math.max(0, Math.min(items.length - 1, to)), key: next.key } });
  };
  // A new passage starts with a fresh choice and note.
  useEffect(() => {
    setChoice(undefined);
    setNote('');
  }, [item?.key]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || keyBelongsToControl(event.target, event.key)) return;
      if (document.querySelector('dialog[open]')) return;
      if (event.key === 'j' || event.key === 'ArrowRight') {
        event.preventDefault();
        go(index + 1);
      } else if (event.key === 'k' || event.key === 'ArrowLeft') {
        event.preventDefault();
        go(index - 1);
      } else if (/^[1-5]$/.test(event.key)) {
        setChoice(RESOLUTIONS[Number(event.key) - 1]);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const text = useLiveQuery(() => (item ? session.db.texts.get(item.documentId) : undefined), [session.db, item?.documentId]);
  const coderA = coders.get(pair[0]) ?? { id: pair[0], name: pair[0], initials: 'A', color: '#4477aa' };
  const coderB = coders.get(pair[1]) ?? { id: pair[1], name: pair[1], initials: 'B', color: '#ee6677' };
  const code = codes.find((c) => c.id === item?.codeId);
  const first: Disagreement | undefined = item?.ranges[0];

  const view = useMemo(() => {
    if (!item || !first || !text) return undefined;
    const coverA = coverageOf(first, pair[0]);
    const coverB = coverageOf(first, pair[1]);
    const differ = item.ranges.map((r) => ({ start: r.start, end: r.end }));
    return { coverA, coverB, differ, pieces: passageContext(text, item.passage) };
  }, [item, first, text, pair]);

  const preview = useMemo(() => {
    if (!first || !choice) return undefined;
    const after = applyCodingChanges(first.codings, resolveDisagreement(first, choice, { newId: () => 'preview', now: 0 }));
    const asDisagreement = { ...first, codings: after };
    return { a: coverageOf(asDisagreement, pair[0]), b: coverageOf(asDisagreement, pair[1]) };
  }, [first, choice, pair]);

  if (items.length === 0) {
    return (
      <div className="agr-nav-empty">
        <p className="agr-empty-title">{props.allCount === 0 ? 'No disagreements' : 'No disagreements on this code'}</p>
        <p>
          {coderA.name} and {coderB.name} coded {navigatorCode ? 'this code' : 'every compared code'} on exactly the same passages in the documents they both coded.
        </p>
        {navigatorCode && props.allCount > 0 && (
          <button type="button" onClick={() => setUi({ navigatorCode: undefined, position: { index: 0 } })}>
            Show all {props.allCount} disagreements
          </button>
        )}
      </div>
    );
  }
  if (!item || !first) return null;

  const documentName = documentNames.get(item.documentId) ?? 'a document';
  const codePath = code?.path ?? comparison.codes.find((c) => c.codeId === item.codeId)?.code ?? item.codeId;
  const settled = recordFor(resolutions, { code: codePath, document: documentName, passage: item.passage });
  const who = (d: Disagreement) => (d.codedBy === pair[0] ? coderA.name : coderB.name);
  const differSentence = item.ranges.map((d) => `only ${who(d)} coded ${rangeText(d)}`).join('; ');

  const resolve = async () => {
    if (!choice || !text) return;
    const { command } = resolveDisagreementCommand({
      disagreement: first,
      resolution: choice,
      note,
      projectId: session.projectId,
      code: codePath,
      document: documentName,
      coderA: coderA.name,
      coderB: coderB.name,
      quote: quoteOf(text.text, item.passage),
      authorId: currentCoderId(),
    });
    setBusy(true);
    try {
      await session.execute(command);
      // A settled passage leaves the list and the next moves into its place; one kept as it is stays, so step on.
      if (choice === 'keepBoth') go(index + 1);
      else setUi({ position: { index } });
      notify(`Resolved by ${RESOLUTION_NAMES[choice].toLowerCase()}: ${codePath.split('/').pop()} in ${documentName}`, {
        action: {
          label: 'Undo',
          run: () => {
            if (session.history.state().undo !== command.label) {
              notify('This resolution can no longer be undone from here: use Undo in the toolbar.', { kind: 'error' });
              return;
            }
            session.history.undo().catch((error: Error) => notify(error.message, { kind: 'error' }));
          },
        },
      });
    } catch (error) {
      notify(`Could not resolve the disagreement: ${(error as Error).message}`, { kind: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="agr-nav" ref={root}>
      <div className="agr-nav-bar">
        <label className="agr-nav-code">
          <span className="agr-setup-label">Code</span>
          <select
            value={navigatorCode ?? ''}
            onChange={(e) => setUi({ navigatorCode: e.target.value || undefined, position: { index: 0 } })}
            aria-label="Disagreements on code"
          >
            <option value="">All codes ({props.allCount})</option>
            {codeGroups(codes.filter((c) => c.count > 0 || c.id === navigatorCode)).map((group) => (
              <optgroup key={group.label} label={group.label}>
                {group.codes.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label} ({c.count})
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <div className="agr-nav-steps" role="group" aria-label="Step through disagreements">
          <button type="button" onClick={() => go(index - 1)} disabled={index === 0} aria-keyshortcuts="k ArrowLeft" title="Previous (k or ←)">
            ‹ Previous
          </button>
          <span className="agr-nav-position" aria-live="polite">
            Disagreement <strong>{index + 1}</strong> of {items.length}
          </span>
          <button type="button" onClick={() => go(index + 1)} disabled={index >= items.length - 1} aria-keyshortcuts="j ArrowRight" title="Next (j or →)">
            Next ›
          </button>
        </div>
        <span className="agr-nav-keys hint">
          <kbd>j</kbd> <kbd>k</kbd> or <kbd>←</kbd> <kbd>→</kbd> to step, <kbd>1</kbd>–<kbd>5</kbd> to choose
        </span>
      </div>

      <div className="agr-nav-main">
        <article className="agr-passage" aria-label={`Disagreement ${index + 1} of ${items.length}`}>
          <header className="agr-passage-head">
            <div className="agr-passage-title">
              <span className="swatch large" style={{ background: code?.color ?? 'var(--muted)' }} aria-hidden="true" />
              <h3>{codePath.split('/').join(' / ')}</h3>
            </div>
            <p className="agr-passage-meta">
              <span>{documentName}</span>
              <span>Passage: characters {rangeText(item.passage)}</span>
              <span className="agr-passage-differ">{differSentence.charAt(0).toUpperCase() + differSentence.slice(1)}</span>
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  openDocument(item.documentId);
                  setView('coding');
                }}
              >
                Open in Coding
              </button>
            </p>
            {settled && (
              <p className="agr-settled">
                Already considered on {formatDay(settled.createdAt)}: {settled.resolutionText || 'resolved'}
                {settled.note ? ` — “${settled.note}”` : ''}
              </p>
            )}
          </header>
          {view ? (
            <>
              <ExtentDiagram
                passage={item.passage}
                tracks={[
                  { label: 'A', ranges: view.coverA, color: coderA.color, title: `${coderA.name} (A) coded ${view.coverA.map(rangeText).join(', ') || 'nothing here'}` },
                  { label: 'B', ranges: view.coverB, color: coderB.color, title: `${coderB.name} (B) coded ${view.coverB.map(rangeText).join(', ') || 'nothing here'}` },
                  ...(preview && choice
                    ? [
                        {
                          label: 'After',
                          ranges: choice === 'keepBoth' ? [] : preview.a,
                          color: 'repeating-linear-gradient(135deg, var(--text) 0 5px, var(--muted) 5px 8px)',
                          title:
                            choice === 'keepBoth'
                              ? 'After keeping both: nothing changes'
                              : `After ${RESOLUTION_NAMES[choice].toLowerCase()}: both coders code ${preview.a.map(rangeText).join(', ') || 'nothing here'}`,
                        },
                      ]
                    : []),
                ]}
              />
              <div className="agr-columns">
                <CoderColumn coder={coderA} letter="A" text={text!.text} pieces={view.pieces} cover={view.coverA} differ={view.differ} />
                <CoderColumn coder={coderB} letter="B" text={text!.text} pieces={view.pieces} cover={view.coverB} differ={view.differ} />
              </div>
            </>
          ) : (
            <p className="agr-loading">Loading the passage…</p>
          )}
        </article>

        <form
          className="agr-resolve"
          onSubmit={(e) => {
            e.preventDefault();
            void resolve();
          }}
        >
          <fieldset className="agr-choices">
            <legend>Resolve this disagreement</legend>
            {RESOLUTIONS.map((r, i) => (
              <label key={r} className={choice === r ? 'agr-choice selected' : 'agr-choice'}>
                <input type="radio" name="resolution" value={r} checked={choice === r} onChange={() => setChoice(r)} />
                <span className="agr-choice-name">
                  <kbd aria-hidden="true">{i + 1}</kbd> {RESOLUTION_NAMES[r]}
                </span>
                <span className="agr-choice-desc">{describeResolution(r, coderA.name, coderB.name)}</span>
              </label>
            ))}
          </fieldset>
          <div className="agr-resolve-side">
            <label className="field">
              <span>Note for the methods section (optional)</span>
              <textarea rows={3} value={note} onChange={(e) => setNote(e.target.value)} placeholder="Why the team settled it this way" />
            </label>
            <div className="agr-resolve-actions">
              {!current && <span className="hint">Bringing the comparison up to date…</span>}
              <button type="submit" className="primary" disabled={!choice || busy || !current || !text}>
                {choice ? `Resolve: ${RESOLUTION_NAMES[choice]}` : 'Choose a resolution'}
              </button>
            </div>
            <p className="hint agr-resolve-hint">One step: Undo reverses the coding changes and the record together. The decision is kept as a project memo.</p>
          </div>
        </form>
      </div>
    </div>
  );
}
