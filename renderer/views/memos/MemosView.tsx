import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Id, MemoRecord, MemoTarget } from '../../../shared/model/types';
import { useProjectSession } from '../../app/project-session';
import { createMemo, deleteMemo, formatJournalDate, isIsoDate, localToday, memoDisplayName, updateMemo } from '../../commands/memo-commands';
import { MemoEditor } from '../../components/MemoEditor';
import { currentCoderId, useCoder } from '../../state/coder-store';
import { useUi } from '../../state/ui-store';
import { Highlighted } from './Highlighted';
import { matchesAll, matchRanges, searchTerms, snippet } from './memo-search';
import { describeTarget, KIND_NAMES, usePassage, useTargetLookups, type TargetLookups } from './memo-targets';
import { useMemoUi, type MemoKindFilter } from './memo-ui';
import '../../styles/memos.css';

const KIND_ORDER: MemoTarget[] = ['journal', 'project', 'document', 'code', 'coding', 'theme', 'case'];
const shortDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short' });
const collator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });

function journalShortDate(date: string | undefined): string {
  return date && isIsoDate(date) ? shortDate.format(new Date(`${date}T00:00:00Z`)) : '';
}

function when(timestamp: number): string {
  const date = new Date(timestamp);
  const today = new Date();
  return date.toDateString() === today.toDateString() ? `today at ${timeFormat.format(date)}` : dayFormat.format(date);
}

/** Journal entries newest first; project memos by last edit; attached memos by what they are attached to. */
function sortGroup(kind: MemoTarget, memos: MemoRecord[], lookups: TargetLookups | undefined): MemoRecord[] {
  if (kind === 'journal') {
    return memos.sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || b.createdAt - a.createdAt);
  }
  if (kind === 'project') return memos.sort((a, b) => b.updatedAt - a.updatedAt);
  return memos.sort(
    (a, b) =>
      collator.compare(describeTarget(a, lookups).name ?? '', describeTarget(b, lookups).name ?? '') ||
      collator.compare(memoDisplayName(a), memoDisplayName(b)),
  );
}

/** Memos and the reflexive journal: every memo in one place, searchable, with the journal's dated entries. */
export function MemosView() {
  const session = useProjectSession();
  const { db, execute, projectId } = session;
  const notify = useUi((s) => s.notify);
  const memos = useLiveQuery(() => db.memos.toArray(), [db]);
  const lookups = useTargetLookups(db, memos);
  const { selectedId, select, kind, setKind, query, setQuery } = useMemoUi();
  const [justCreated, setJustCreated] = useState<Id>();
  const searchRef = useRef<HTMLInputElement>(null);

  const terms = useMemo(() => searchTerms(query), [query]);

  // Ctrl+F searches memos while this view is open (the app has no other use for it here).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const counts = useMemo(() => {
    const map = new Map<MemoTarget, number>();
    for (const memo of memos ?? []) map.set(memo.targetType, (map.get(memo.targetType) ?? 0) + 1);
    return map;
  }, [memos]);

  const groups = useMemo(() => {
    const visible = (memos ?? []).filter(
      (memo) => (kind === 'all' || memo.targetType === kind) && (terms.length === 0 || matchesAll([memo.title, memo.plainText], terms)),
    );
    return KIND_ORDER.map((k) => ({ kind: k, memos: sortGroup(k, visible.filter((m) => m.targetType === k), lookups) })).filter(
      (g) => g.memos.length > 0,
    );
  }, [memos, kind, terms, lookups]);
  const visibleCount = groups.reduce((n, g) => n + g.memos.length, 0);
  const selected = memos?.find((m) => m.id === selectedId);

  const create = async (targetType: 'journal' | 'project') => {
    const { command, id } = createMemo({
      targetType,
      targetId: projectId,
      date: targetType === 'journal' ? localToday() : undefined,
      authorId: currentCoderId(),
    });
    try {
      await execute(command);
      setQuery('');
      if (kind !== 'all' && kind !== targetType) setKind('all');
      setJustCreated(id);
      select(id);
    } catch (error) {
      notify(`Could not create the ${targetType === 'journal' ? 'journal entry' : 'memo'}: ${(error as Error).message}`, { kind: 'error' });
    }
  };

  const remove = async (memo: MemoRecord) => {
    const flat = groups.flatMap((g) => g.memos);
    const index = flat.findIndex((m) => m.id === memo.id);
    const next = flat[index + 1] ?? flat[index - 1];
    const command = deleteMemo(memo);
    try {
      await execute(command);
      select(next && next.id !== memo.id ? next.id : undefined);
      notify(`Deleted ${memoDisplayName(memo)}`, {
        action: {
          label: 'Undo',
          run: () => {
            // Undo only this deletion, not whatever was done after it.
            if (session.history.state().undo !== command.label) {
              notify('The deletion can no longer be undone from here: use Undo in the toolbar.', { kind: 'error' });
              return;
            }
            session.history.undo().then(
              () => select(memo.id),
              (error: Error) => notify(error.message, { kind: 'error' }),
            );
          },
        },
      });
    } catch (error) {
      notify(`Could not delete the memo: ${(error as Error).message}`, { kind: 'error' });
    }
  };

  const filters: { id: MemoKindFilter; label: string; count: number }[] = [
    { id: 'all', label: 'All', count: memos?.length ?? 0 },
    ...KIND_ORDER.map((k) => ({ id: k, label: KIND_NAMES[k].many, count: counts.get(k) ?? 0 })),
  ];

  return (
    <main className="memos-view" aria-label="Memos and journal">
      <nav className="memo-sidebar" aria-label="Memos">
        <div className="memo-sidebar-top">
          <div className="memo-new">
            <button type="button" className="primary" onClick={() => void create('journal')}>
              New journal entry
            </button>
            <button type="button" onClick={() => void create('project')}>
              New project memo
            </button>
          </div>
          <div className="memo-search">
            <input
              ref={searchRef}
              type="search"
              placeholder="Search memos (Ctrl+F)"
              aria-label="Search memos"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape' && query) {
                  e.preventDefault();
                  setQuery('');
                }
              }}
            />
          </div>
          <div className="memo-filters" role="group" aria-label="Show memos of kind">
            {filters
              .filter((f) => f.id === 'all' || f.id === 'journal' || f.id === 'project' || f.count > 0 || kind === f.id)
              .map((f) => (
                <button
                  key={f.id}
                  type="button"
                  className="memo-filter"
                  aria-pressed={kind === f.id}
                  onClick={() => setKind(f.id)}
                >
                  {f.label} <span className="memo-filter-count">{f.count}</span>
                </button>
              ))}
          </div>
          <p className="memo-result-count" role="status" aria-live="polite">
            {memos && (terms.length > 0 || kind !== 'all') ? `${visibleCount} ${visibleCount === 1 ? 'memo' : 'memos'} shown` : ''}
          </p>
        </div>
        <div className="memo-list-scroll">
          {memos && memos.length === 0 && (
            <div className="memo-empty">
              <p className="memo-empty-title">No memos yet</p>
              <p>
                Memos keep your thinking beside the data: what a code means to you, a hunch about a passage, a question for the team. The
                reflexive journal records, day by day, how your own position shapes the analysis.
              </p>
            </div>
          )}
          {memos && memos.length > 0 && visibleCount === 0 && (
            <div className="memo-empty">
              <p>{terms.length > 0 ? `No memo mentions “${query.trim()}”${kind !== 'all' ? ' among these' : ''}.` : 'No memos of this kind yet.'}</p>
              {terms.length > 0 && (
                <button type="button" onClick={() => setQuery('')}>
                  Clear search
                </button>
              )}
              {kind !== 'all' && (
                <button type="button" onClick={() => setKind('all')}>
                  Show all memos
                </button>
              )}
            </div>
          )}
          {groups.map((group) => (
            <section key={group.kind} className="memo-group" aria-labelledby={`memo-group-${group.kind}`}>
              <h2 id={`memo-group-${group.kind}`} className="memo-group-title">
                {KIND_NAMES[group.kind].many}
                <span className="count">{group.memos.length}</span>
              </h2>
              <ul className="memo-list">
                {group.memos.map((memo) => (
                  <li key={memo.id}>
                    <MemoListItem memo={memo} lookups={lookups} terms={terms} selected={memo.id === selectedId} onSelect={() => select(memo.id)} />
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      </nav>
      {selected ? (
        <MemoDetail
          key={selected.id}
          memo={selected}
          lookups={lookups}
          terms={terms}
          focusTitle={selected.id === justCreated}
          onDelete={() => void remove(selected)}
        />
      ) : (
        <section className="memo-detail memo-detail-empty" aria-label="Memo">
          <div>
            <p className="memo-empty-title">{memos && memos.length > 0 ? 'Choose a memo to read and edit it' : 'Start writing'}</p>
            <p className="hint">
              A journal entry is dated today and can be redated. Memos on documents, codes and codings are written from the Coding view
              and all gather here.
            </p>
            <div className="memo-empty-actions">
              <button type="button" className="primary" onClick={() => void create('journal')}>
                New journal entry
              </button>
              <button type="button" onClick={() => void create('project')}>
                New project memo
              </button>
            </div>
          </div>
        </section>
      )}
    </main>
  );
}

function MemoListItem(props: { memo: MemoRecord; lookups: TargetLookups | undefined; terms: readonly string[]; selected: boolean; onSelect: () => void }) {
  const { memo, terms } = props;
  const target = describeTarget(memo, props.lookups);
  const name = memoDisplayName(memo);
  const excerpt = snippet(memo.plainText, terms);
  const date = memo.targetType === 'journal' ? journalShortDate(memo.date) : shortDate.format(memo.updatedAt);
  return (
    <button
      type="button"
      className={`memo-item${props.selected ? ' selected' : ''}`}
      aria-current={props.selected ? 'true' : undefined}
      onClick={props.onSelect}
    >
      <span className="memo-item-head">
        <span className={`memo-item-title${memo.title.trim() ? '' : ' untitled'}`}>
          <Highlighted text={name} ranges={memo.title.trim() ? matchRanges(name, terms) : []} />
        </span>
        {date && (
          <time className="memo-item-date" dateTime={memo.targetType === 'journal' ? memo.date : new Date(memo.updatedAt).toISOString()}>
            {date}
          </time>
        )}
      </span>
      {memo.targetType !== 'journal' && memo.targetType !== 'project' && target.name !== name && (
        <span className={`memo-item-target${target.missing ? ' missing' : ''}`}>
          {target.color && <span className="swatch" style={{ background: target.color }} aria-hidden="true" />}
          {target.name}
        </span>
      )}
      {excerpt.text ? (
        <span className="memo-item-snippet">
          <Highlighted text={excerpt.text} ranges={excerpt.ranges} />
        </span>
      ) : (
        <span className="memo-item-snippet empty">Nothing written yet</span>
      )}
    </button>
  );
}

function MemoDetail(props: { memo: MemoRecord; lookups: TargetLookups | undefined; terms: readonly string[]; focusTitle: boolean; onDelete: () => void }) {
  const { memo } = props;
  const { db, execute } = useProjectSession();
  const notify = useUi((s) => s.notify);
  const openDocument = useUi((s) => s.openDocument);
  const setView = useUi((s) => s.setWorkspaceView);
  const target = describeTarget(memo, props.lookups);
  const passage = usePassage(db, memo);
  const me = useCoder((s) => s.me);
  // A coder joins the project's coders table when they first code; before that their name is only on this machine.
  const author = memo.authorId ? (props.lookups?.coders.get(memo.authorId) ?? (me?.id === memo.authorId ? me.name : undefined)) : undefined;
  // The latest stored memo, for labels of saves made after a rename.
  const current = useRef(memo);
  current.current = memo;

  const run = useCallback(
    async (command: ReturnType<typeof updateMemo>) => {
      try {
        await execute(command);
      } catch (error) {
        notify(`Could not save the memo: ${(error as Error).message}`, { kind: 'error' });
        throw error;
      }
    },
    [execute, notify],
  );

  const onSave = useCallback(
    (save: { content: string; plainText: string }) => run(updateMemo(current.current, { content: save.content, plainText: save.plainText })),
    [run],
  );

  const documentId = memo.targetType === 'document' ? memo.targetId : passage?.documentId;
  const isJournal = memo.targetType === 'journal';

  return (
    <section className="memo-detail" aria-label={`${target.kind}: ${memoDisplayName(memo)}`}>
      <div className="memo-paper">
        <header className="memo-detail-header">
          <div className="memo-detail-context">
            <span className={`memo-kind memo-kind-${memo.targetType}`}>{target.kind}</span>
            {target.name && !isJournal && (
              <span className={`memo-attached${target.missing ? ' missing' : ''}`}>
                {target.color && <span className="swatch" style={{ background: target.color }} aria-hidden="true" />}
                <span>on {target.missing ? target.name : <strong>{target.name}</strong>}</span>
              </span>
            )}
            <span className="memo-detail-actions">
              {documentId && props.lookups?.documents.has(documentId) && (
                <button
                  type="button"
                  className="small-button"
                  onClick={() => {
                    openDocument(documentId);
                    setView('coding');
                  }}
                >
                  Open document
                </button>
              )}
              <button type="button" className="small-button memo-delete" onClick={props.onDelete} aria-label={`Delete ${isJournal ? 'journal entry' : 'memo'} ${memoDisplayName(memo)}`}>
                Delete
              </button>
            </span>
          </div>
          <TitleField memo={memo} autoFocus={props.focusTitle} onCommit={(title) => void run(updateMemo(memo, { title })).catch(() => undefined)} />
          <div className="memo-detail-meta">
            {isJournal && <DateField memo={memo} onCommit={(date) => void run(updateMemo(memo, { date })).catch(() => undefined)} />}
            <span className="memo-dates">
              {author && <>By {author} · </>}
              Created {when(memo.createdAt)}
              {memo.updatedAt - memo.createdAt > 1000 && <> · Edited {when(memo.updatedAt)}</>}
            </span>
          </div>
          {passage && (
            <blockquote className="memo-passage" aria-label="The coded passage">
              {passage.text}
            </blockquote>
          )}
        </header>
        <MemoEditor
          content={memo.content}
          plainText={memo.plainText}
          onSave={onSave}
          label={isJournal ? 'Journal entry text' : 'Memo text'}
          placeholder={isJournal ? 'What did you notice today? How might your own position be shaping what you see?' : 'Write your memo…'}
          highlightTerms={props.terms}
        />
      </div>
    </section>
  );
}

function TitleField(props: { memo: MemoRecord; autoFocus: boolean; onCommit: (title: string) => void }) {
  const { memo } = props;
  const [draft, setDraft] = useState(memo.title);
  const editing = useRef(false);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!editing.current) setDraft(memo.title);
  }, [memo.title]);
  useEffect(() => {
    if (props.autoFocus) ref.current?.focus();
  }, [props.autoFocus]);
  const commit = () => {
    editing.current = false;
    if (draft.trim() !== memo.title) props.onCommit(draft);
  };
  return (
    <input
      ref={ref}
      className="memo-title-input"
      aria-label={memo.targetType === 'journal' ? 'Entry title' : 'Memo title'}
      placeholder={memo.targetType === 'journal' ? 'Untitled entry' : 'Untitled memo'}
      value={draft}
      onFocus={() => {
        editing.current = true;
      }}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          commit();
          editing.current = true;
        } else if (e.key === 'Escape') {
          setDraft(memo.title);
        }
      }}
    />
  );
}

function DateField(props: { memo: MemoRecord; onCommit: (date: string) => void }) {
  const { memo } = props;
  const [draft, setDraft] = useState(memo.date ?? '');
  useEffect(() => setDraft(memo.date ?? ''), [memo.date]);
  // Committed on leaving the field: typing a year digit by digit passes through valid but wrong dates.
  const commit = () => {
    if (isIsoDate(draft) && draft !== memo.date) props.onCommit(draft);
    else if (!isIsoDate(draft)) setDraft(memo.date ?? '');
  };
  return (
    <label className="memo-date">
      <span>Entry date</span>
      <input
        type="date"
        value={draft}
        max="9999-12-31"
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
        title={memo.date ? formatJournalDate(memo.date) : undefined}
      />
    </label>
  );
}
