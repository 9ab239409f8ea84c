import { useLiveQuery } from 'dexie-react-hooks';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { codingsToDraw, estimatedBlockHeight, TURNS_PER_BLOCK, useBandRange, useParagraphs, useReaderLayout, useScrollingClass, useValueAfterPaint, useVisibleBand, WINDOW_FROM } from './reader-window';
import { newId } from '../../../shared/model/ids';
import { paletteColor } from '../../../shared/model/palette';
import type { CodeRecord, CoderRecord, CodingRecord, MemoRecord } from '../../../shared/model/types';
import { useProjectSession } from '../../app/project-session';
import { applyCode, changeCodingCode, removeCodings, setCodingRange, setExemplar } from '../../commands/coding-commands';
import { correctText, diffAsEdit } from '../../commands/text-commands';
import { isCoderVisible, useCoder } from '../../state/coder-store';
import { useRecentCodes } from '../../state/recent-codes';
import { useUi } from '../../state/ui-store';
import { CODE_DRAG_TYPE } from './code-drag';
import { CoderDialog } from './CoderDialog';
import { CodePalette, type PaletteChoice } from './CodePalette';
import { CodingPopover, nudge, type CodingAction } from './CodingPopover';
import { CodingStripes } from './CodingStripes';
import { BoundaryHandles } from './BoundaryHandles';
import { CoderFilter } from './CoderFilter';
import { domRanges, offsetAtPoint, paragraphsByIndex, selectionOffsets } from './selection';
import { formatTime, readerSegments, segmentAt, type ReaderSegment } from './transcript-layout';
import { MemoButton } from '../memos/MemoButton';

const numberFormat = new Intl.NumberFormat('en-GB');

interface Pending {
  start: number;
  end: number;
  position: { left: number; top: number };
}

function placeNear(rect: DOMRect, width = 360, height = 340): { left: number; top: number } {
  const left = Math.max(8, Math.min(rect.left, window.innerWidth - width - 8));
  const below = rect.bottom + 8;
  const top = below + height > window.innerHeight ? Math.max(8, rect.top - height - 8) : below;
  return { left, top };
}

/**
 * The transcript, read-only, with speaker turns and times. Select words to code them (a palette opens at the
 * selection), click a coded passage to see and change its codings, and read the coding stripes in the margin.
 */
export const TranscriptReader = memo(function TranscriptReader({ documentId }: { documentId?: string }) {
  const { db, execute } = useProjectSession();
  const notify = useUi((s) => s.notify);
  const doc = useLiveQuery(async () => (documentId ? db.documents.get(documentId) : undefined), [db, documentId]);
  const text = useLiveQuery(async () => (documentId ? db.texts.get(documentId) : undefined), [db, documentId]);
  const allCodings = useLiveQuery(
    async () => (documentId ? db.codings.where('[documentId+start]').between([documentId, -Infinity], [documentId, Infinity]).toArray() : []),
    [db, documentId],
  );
  const codeList = useLiveQuery(() => db.codes.orderBy('order').toArray(), [db]);
  const coderList = useLiveQuery(() => db.coders.toArray(), [db]);
  const codingMemos = useLiveQuery(
    async () => new Map((await db.memos.where('targetType').equals('coding').toArray()).map((m: MemoRecord) => [m.targetId, m])),
    [db],
  );
  const caseRecord = useLiveQuery(async () => (doc?.caseId ? db.cases.get(doc.caseId) : undefined), [db, doc?.caseId]);

  const coderState = useCoder();
  const recentIds = useRecentCodes((s) => s.ids);
  const markRecent = useRecentCodes((s) => s.use);

  /**
   * Codings being stored: a new coding is painted the moment it is chosen, not when its transaction has committed
   * and the live query has read the codings again (which on a large project takes longer than a glance). Each
   * stays until the stored codings include it, or is taken away with a message if storing fails.
   */
  const [optimistic, setOptimistic] = useState<{ coding: CodingRecord; code?: CodeRecord; stored?: boolean }[]>([]);
  useEffect(() => {
    if (!allCodings) return;
    const ids = new Set(allCodings.map((c) => c.id));
    setOptimistic((list) => (list.some((o) => o.stored || ids.has(o.coding.id)) ? list.filter((o) => !o.stored && !ids.has(o.coding.id)) : list));
  }, [allCodings]);

  const segments = useMemo(() => (text ? readerSegments(text) : []), [text]);
  const blocks = useMemo(() => {
    // Each block's turns and estimated height, worked out once per text rather than on every render.
    const out: { first: number; last: number; segments: readonly ReaderSegment[]; height: number }[] = [];
    for (let first = 0; first < segments.length; first += TURNS_PER_BLOCK) {
      const own = segments.slice(first, first + TURNS_PER_BLOCK);
      out.push({ first, last: first + own.length - 1, segments: own, height: estimatedBlockHeight(own) });
    }
    return out;
  }, [segments]);
  const codes = useMemo(() => {
    const map = new Map((codeList ?? []).map((c) => [c.id, c]));
    for (const o of optimistic) if (o.code && !map.has(o.code.id)) map.set(o.code.id, o.code);
    return map;
  }, [codeList, optimistic]);
  const coders = useMemo(() => new Map((coderList ?? []).map((c) => [c.id, c])), [coderList]);
  const memoTexts = useMemo(() => new Map([...(codingMemos ?? new Map<string, MemoRecord>()).entries()].map(([id, m]) => [id, m.plainText])), [codingMemos]);
  const visible = useMemo(() => {
    let all = allCodings ?? [];
    if (optimistic.length) {
      const ids = new Set(all.map((c) => c.id));
      const unseen = optimistic.filter((o) => !ids.has(o.coding.id) && o.coding.documentId === documentId).map((o) => o.coding);
      if (unseen.length) all = [...all, ...unseen];
    }
    return all.filter((c) => isCoderVisible(c.coderId, coderState));
  }, [allCodings, optimistic, documentId, coderState]);
  const recent = useMemo(() => recentIds.map((id) => codes.get(id)).filter((c): c is CodeRecord => !!c), [recentIds, codes]);

  const bodyRef = useRef<HTMLDivElement>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [popover, setPopover] = useState<{ codings: CodingRecord[]; position: { left: number; top: number } } | null>(null);
  const [hovered, setHovered] = useState<CodingRecord | null>(null);
  const [resizePreview, setResizePreview] = useState<{ start: number; end: number } | null>(null);
  /** The coding whose boundary handles are shown: chosen by opening it alone, kept until the next click. */
  const [adjusting, setAdjusting] = useState<string | null>(null);
  useEffect(() => {
    if (popover?.codings.length === 1) setAdjusting(popover.codings[0]!.id);
  }, [popover]);
  const [askCoder, setAskCoder] = useState<null | ((coder: CoderRecord) => void)>(null);
  const lastSelection = useRef<{ start: number; end: number } | null>(null);
  const [editingTurn, setEditingTurn] = useState<number | null>(null);


  // The live queries keep the previous document's rows until the new ones arrive: show a document only
  // once its record and text are both its own.
  const ready = !!doc && !!text && doc.id === documentId && text.id === documentId;

  // "Open in transcript" from a review or query: scroll the passage into view and mark it for a few seconds.
  const revealRange = useUi((s) => s.revealRange);
  useEffect(() => {
    const body = bodyRef.current;
    if (!body || !revealRange || revealRange.documentId !== documentId || segments.length === 0) return;
    const ranges = domRanges(paragraphsByIndex(body), segments, revealRange.start, revealRange.end, segmentAt(segments, revealRange.start));
    const pane = body.closest<HTMLElement>('.reader-pane');
    const rect = ranges[0]?.getBoundingClientRect();
    if (pane && rect) pane.scrollBy({ top: rect.top - pane.getBoundingClientRect().top - pane.clientHeight / 3 });
    if ('highlights' in CSS) CSS.highlights.set('tessera-reveal', new Highlight(...ranges));
    useUi.getState().clearReveal();
    window.setTimeout(() => CSS.highlights.delete('tessera-reveal'), 4000);
  }, [revealRange, documentId, segments, ready]);

  // Close transient UI when the document changes.
  useEffect(() => {
    setPending(null);
    setPopover(null);
    setAdjusting(null);
    lastSelection.current = null;
  }, [documentId]);

  const withCoder = useCallback(
    (action: (coder: CoderRecord) => void) => {
      const me = useCoder.getState().me;
      if (me) action(me);
      else setAskCoder(() => action);
    },
    [],
  );

  const apply = useCallback(
    (choice: PaletteChoice, range: { start: number; end: number }) => {
      if (!text || !documentId) return;
      withCoder(async (coder) => {
        let code: Pick<CodeRecord, 'id' | 'name'>;
        let created: CodeRecord | undefined;
        if (choice.code) code = choice.code;
        else {
          const name = (choice.newName ?? '').trim();
          if (!name) return;
          const existing = [...codes.values()].find((c) => c.name.toLowerCase() === name.toLowerCase());
          if (existing) code = existing;
          else {
            const order = codes.size;
            created = { id: newId(), name, color: paletteColor(order), description: '', inclusion: '', exclusion: '', example: '', order, createdAt: Date.now() };
            code = created;
          }
        }
        const coding: CodingRecord = { id: newId(), documentId, codeId: code.id, coderId: coder.id, start: range.start, end: range.end, createdAt: Date.now() };
        setOptimistic((list) => [...list, { coding, code: created }]);
        try {
          await execute(applyCode({ code, newCode: created, coder, passages: [{ documentId, start: range.start, end: range.end, id: coding.id }], text: text.text.slice(range.start, range.end) }));
          markRecent(code.id);
          // Stored: dropped with the next read of the codings (an identical coding that existed already is not
          // stored again, so its stand-in also goes after a moment).
          setOptimistic((list) => list.map((o) => (o.coding.id === coding.id ? { ...o, stored: true } : o)));
          window.setTimeout(() => setOptimistic((list) => list.filter((o) => o.coding.id !== coding.id)), 2000);
        } catch (error) {
          setOptimistic((list) => list.filter((o) => o.coding.id !== coding.id));
          notify(`Could not code the passage: ${(error as Error).message}`, { kind: 'error' });
        }
      });
      setPending(null);
      document.getSelection()?.removeAllRanges();
      bodyRef.current?.focus({ preventScroll: true });
    },
    [text, documentId, codes, execute, notify, markRecent, withCoder],
  );

  const openPalette = useCallback(
    (range: { start: number; end: number }, rect?: DOMRect) => {
      const body = bodyRef.current;
      if (!body) return;
      const anchor = rect ?? domRanges(paragraphsByIndex(body), segments, range.start, range.end, segmentAt(segments, range.start)).at(-1)?.getBoundingClientRect();
      if (!anchor) return;
      setPopover(null);
      setPending({ ...range, position: placeNear(anchor) });
    },
    [segments],
  );

  const onMouseUp = (event: React.MouseEvent) => {
    const body = bodyRef.current;
    if (!body || !text || event.button !== 0) return;
    if ((event.target as HTMLElement).closest('button, .coding-stripes')) return;
    setAdjusting(null);
    const range = selectionOffsets(body, segments, text.text);
    if (range) {
      lastSelection.current = range;
      const rects = document.getSelection()?.getRangeAt(0).getClientRects();
      openPalette(range, rects?.[rects.length - 1]);
      return;
    }
    // A click without a selection: show the codings under the pointer.
    const offset = offsetAtPoint(event.clientX, event.clientY, segments);
    if (offset === null) return;
    const here = visible.filter((c) => c.start <= offset && offset < c.end);
    if (here.length) setPopover({ codings: here, position: placeNear(new DOMRect(event.clientX, event.clientY, 0, 0), 380, 320) });
    else setPopover(null);
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    const body = bodyRef.current;
    if (!body || !text || pending || event.ctrlKey || event.metaKey || event.altKey) return;
    const range = selectionOffsets(body, segments, text.text);
    if (!range) return;
    if (event.key === 'Enter' || event.key === 'c') {
      event.preventDefault();
      lastSelection.current = range;
      openPalette(range);
    } else if (/^[1-9]$/.test(event.key)) {
      const code = recent[Number(event.key) - 1];
      if (code) {
        event.preventDefault();
        apply({ code }, range);
      }
    }
  };

  const onCodingAction = async (action: CodingAction) => {
    if (!text) return;
    const { coding } = action;
    try {
      switch (action.kind) {
        case 'remove':
          await execute(removeCodings([coding], codes.get(coding.codeId)?.name ?? 'code'));
          setPopover((p) => (p ? { ...p, codings: p.codings.filter((c) => c.id !== coding.id) } : p));
          break;
        case 'recode': {
          const to = codes.get(action.codeId ?? '');
          if (to) await execute(changeCodingCode(coding, to));
          setPopover(null);
          break;
        }
        case 'exemplar':
          await execute(setExemplar(coding, !coding.exemplar));
          setPopover((p) => (p ? { ...p, codings: p.codings.map((c) => (c.id === coding.id ? { ...c, exemplar: !c.exemplar } : c)) } : p));
          break;
        case 'to-selection': {
          const range = lastSelection.current;
          if (range) await execute(setCodingRange(coding, range.start, range.end));
          setPopover(null);
          break;
        }
        default: {
          const range = nudge(text.text, coding, action.kind);
          await execute(setCodingRange(coding, range.start, range.end));
          setPopover((p) => (p ? { ...p, codings: p.codings.map((c) => (c.id === coding.id ? { ...c, ...range } : c)) } : p));
        }
      }
    } catch (error) {
      notify((error as Error).message, { kind: 'error' });
    }
  };

  // The turns and stripes are memoised: their handlers stay the same functions and read the latest state from here.
  const latest = useRef({ segments, text, doc, openPalette, execute, notify });
  latest.current = { segments, text, doc, openPalette, execute, notify };
  const onCodeTurn = useCallback((index: number) => {
    const segment = latest.current.segments[index];
    if (segment) latest.current.openPalette({ start: segment.textStart, end: segment.end });
  }, []);
  const onCancelEdit = useCallback(() => setEditingTurn(null), []);
  const onSaveEdit = useCallback(async (index: number, words: string) => {
    setEditingTurn(null);
    const { segments: segs, text: current, doc: document, execute: run, notify: tell } = latest.current;
    const segment = segs[index];
    if (!segment || !current || !document) return;
    const edit = diffAsEdit(current.text.slice(segment.textStart, segment.end), words, segment.textStart);
    if (!edit) return;
    try {
      await run(correctText(document.id, document.name, edit, current.text));
    } catch (error) {
      tell(`Could not correct the text: ${(error as Error).message}`, { kind: 'error' });
    }
  }, []);
  const onOpenStripe = useCallback((coding: CodingRecord, event: React.MouseEvent) => {
    setPending(null);
    setPopover({ codings: [coding], position: placeNear(new DOMRect(event.clientX, event.clientY, 0, 0), 380, 320) });
  }, []);

  if (!documentId) {
    return (
      <main className="pane reader-pane reader-empty" aria-label="Transcript">
        <p>Choose a document from the list to read and code it.</p>
      </main>
    );
  }
  if (!ready || !doc || !text) return <main className="pane reader-pane" aria-label="Transcript" aria-busy="true" />;

  const hiddenCount = (allCodings?.length ?? 0) - visible.length;
  return (
    <main className="pane reader-pane" aria-label={`Transcript: ${doc.name}`}>
      <header className="reader-header">
        <div className="reader-title">
          <h2>{doc.name}</h2>
          <CoderFilter coders={coderList ?? []} onSetIdentity={() => setAskCoder(() => () => undefined)} />
          <MemoButton targetType="document" targetId={doc.id} title={doc.name} label="Document memo" />
        </div>
        <p className="reader-meta">
          {caseRecord && <span>{caseRecord.description || caseRecord.name}</span>}
          <span>{numberFormat.format(doc.words)} words</span>
          <span>{text.turns.length} turns</span>
          <span>
            {visible.length} codings{hiddenCount > 0 ? ` shown (${hiddenCount} hidden)` : ''}
          </span>
        </p>
      </header>
      <div
        key={doc.id}
        className="reader-body"
        ref={bodyRef}
        tabIndex={0}
        role="document"
        aria-label="Transcript text: select words to code them"
        data-document-id={doc.id}
        onMouseUp={onMouseUp}
        onKeyDown={onKeyDown}
        onDragOver={(e) => {
          if (e.dataTransfer.types.includes(CODE_DRAG_TYPE)) e.preventDefault();
        }}
        onDrop={(e) => {
          const codeId = e.dataTransfer.getData(CODE_DRAG_TYPE);
          if (!codeId) return;
          e.preventDefault();
          const range = (bodyRef.current && selectionOffsets(bodyRef.current, segments, text.text)) ?? lastSelection.current;
          const code = codes.get(codeId);
          if (range && code) apply({ code }, range);
          else notify('Select a passage first, then drop a code on it.');
        }}
      >
        <div className="reader-text">
          {blocks.map((block) => (
            <div
              key={block.first}
              className="turn-chunk"
              data-first={block.first}
              data-last={block.last}
              style={{ containIntrinsicSize: `auto ${block.height}px` }}
            >
              {block.segments.map((segment, i) => (
                <Turn
                  key={segment.start}
                  segment={segment}
                  index={block.first + i}
                  text={text.text}
                  editing={editingTurn === block.first + i}
                  onCodeTurn={onCodeTurn}
                  onEdit={setEditingTurn}
                  onCancelEdit={onCancelEdit}
                  onSaveEdit={onSaveEdit}
                />
              ))}
            </div>
          ))}
        </div>
        {adjusting && visible.some((c) => c.id === adjusting) && (
          <BoundaryHandles
            bodyRef={bodyRef}
            segments={segments}
            coding={visible.find((c) => c.id === adjusting)!}
            onPreview={setResizePreview}
            onCommit={(range) => {
              const coding = visible.find((c) => c.id === adjusting)!;
              execute(setCodingRange(coding, range.start, range.end)).then(
                () => setPopover((p) => (p ? { ...p, codings: p.codings.map((c) => (c.id === coding.id ? { ...c, ...range } : c)) } : p)),
                (error: Error) => notify(error.message, { kind: 'error' }),
              );
            }}
          />
        )}
        <CodingLayer
          bodyRef={bodyRef}
          segments={segments}
          codings={visible}
          codes={codes}
          coders={coders}
          memos={memoTexts}
          marked={pending ?? resizePreview}
          hovered={hovered}
          editing={editingTurn}
          onHover={setHovered}
          onOpen={onOpenStripe}
        />
      </div>
      {pending && (
        <CodePalette
          codes={codeList ?? []}
          recent={recent}
          selectedText={text.text.slice(pending.start, pending.end)}
          position={pending.position}
          onChoose={(choice) => apply(choice, pending)}
          onClose={() => {
            setPending(null);
            bodyRef.current?.focus({ preventScroll: true });
          }}
        />
      )}
      {popover && popover.codings.length > 0 && (
        <CodingPopover
          codings={popover.codings}
          codes={codes}
          coders={coders}
          memos={codingMemos ?? new Map()}
          text={text.text}
          position={popover.position}
          hasSelection={!!lastSelection.current}
          onAction={(a) => void onCodingAction(a)}
          onClose={() => setPopover(null)}
        />
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
    </main>
  );
});

/** One speaker turn; memoised, so a change to the codings re-renders none of the hundreds of turns. */
const Turn = memo(function Turn(props: {
  segment: ReaderSegment;
  index: number;
  text: string;
  editing: boolean;
  onCodeTurn: (index: number) => void;
  onEdit: (index: number) => void;
  onCancelEdit: () => void;
  onSaveEdit: (index: number, words: string) => void;
}) {
  const { segment, index, text } = props;
  const words = text.slice(segment.textStart, segment.end);
  return (
    <article className="turn" data-start={segment.textStart}>
      <div className="turn-meta">
        {segment.speaker && <span className={`speaker${segment.speaker === 'Interviewer' ? ' interviewer' : ''}`}>{segment.speaker}</span>}
        {segment.time !== undefined && <time>{formatTime(segment.time)}</time>}
        <span className="turn-actions">
          <button type="button" className="turn-action" onClick={() => props.onCodeTurn(index)} aria-label={`Code this turn${segment.speaker ? ` by ${segment.speaker}` : ''}`} title="Code this turn">
            +
          </button>
          <button type="button" className="turn-action" onClick={() => props.onEdit(index)} aria-label={`Correct the text of this turn${segment.speaker ? ` by ${segment.speaker}` : ''}`} title="Correct a transcription error (codings move with the text)">
            ✎
          </button>
        </span>
      </div>
      {props.editing ? (
        <form
          className="turn-edit"
          onSubmit={(e) => {
            e.preventDefault();
            props.onSaveEdit(index, new FormData(e.currentTarget).get('words') as string);
          }}
        >
          <textarea
            name="words"
            aria-label="Corrected text of the turn"
            defaultValue={words}
            autoFocus
            rows={Math.min(12, Math.max(2, Math.ceil(words.length / 70)))}
            onKeyDown={(e) => {
              if (e.key === 'Escape') props.onCancelEdit();
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) e.currentTarget.form?.requestSubmit();
            }}
          />
          <div className="turn-edit-actions">
            <span className="hint">Codings move with the text. Ctrl+Enter saves, Esc cancels.</span>
            <button type="button" onClick={props.onCancelEdit}>
              Cancel
            </button>
            <button type="submit" className="primary">
              Save correction
            </button>
          </div>
        </form>
      ) : (
        <p className="turn-text" data-index={index}>
          {words}
        </p>
      )}
    </article>
  );
});

/**
 * The style rules of the coding highlights: one highlight name per colour, in one style sheet that stays adopted and
 * only grows when a colour is seen for the first time. Changing the adopted style sheets restyles the whole page,
 * and every highlight name with a rule adds style work to every element, so a rule per code (hundreds in a large
 * codebook) rebuilt on each new coding made opening, coding and scrolling take seconds.
 */
const highlightNames = new Map<string, string>();
let highlightSheet: CSSStyleSheet | undefined;

function highlightNameFor(color: string): string {
  const colour = /^#[0-9a-f]{3,8}$/i.test(color) ? color.toLowerCase() : '#888888';
  let name = highlightNames.get(colour);
  if (name) return name;
  name = `tessera-code-${highlightNames.size}`;
  highlightNames.set(colour, name);
  if (!highlightSheet) {
    highlightSheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, highlightSheet];
  }
  highlightSheet.insertRule(
    `::highlight(${name}) { background-color: color-mix(in srgb, ${colour} 26%, transparent); text-decoration: underline 2px ${colour}; text-underline-offset: 4px; }`,
    highlightSheet.cssRules.length,
  );
  return name;
}

/**
 * What is drawn over the text: the highlights and the stripes of the codings near the screen. The band near the
 * screen lives here, so scrolling re-renders this layer and never the hundreds of turns.
 */
const CodingLayer = memo(function CodingLayer(props: {
  bodyRef: React.RefObject<HTMLDivElement | null>;
  segments: readonly ReaderSegment[];
  codings: readonly CodingRecord[];
  codes: Map<string, CodeRecord>;
  coders: Map<string, CoderRecord>;
  memos: Map<string, string>;
  marked: { start: number; end: number } | null;
  hovered: CodingRecord | null;
  editing: number | null;
  onHover: (coding: CodingRecord | null) => void;
  onOpen: (coding: CodingRecord, event: React.MouseEvent) => void;
}) {
  const { bodyRef, segments, codings, codes } = props;
  // Mounted inside the document's body, so the band follows that body from its first paint.
  const band = useVisibleBand(bodyRef, segments);
  useScrollingClass(bodyRef);
  const layout = useReaderLayout(bodyRef);
  const windowed = codings.length > WINDOW_FROM;
  const range = useBandRange(bodyRef, segments, band, layout, windowed);
  const paragraphs = useParagraphs(bodyRef, segments, props.editing);
  // The codings drawn: all of them, or in a densely coded transcript those near the screen (null until known).
  const shown = useMemo(() => codingsToDraw(codings, range), [codings, range]);
  useCodingHighlights(bodyRef, segments, shown, codes, paragraphs, props.marked, props.hovered);
  // The margin follows a change of codings a frame after the highlights (it sorts and measures them), but follows
  // the band at once, so scrolling draws the stripes coming into view in the same frame as their highlights.
  const stripeCodings = useValueAfterPaint(codings);
  const stripesShown = useMemo(() => codingsToDraw(stripeCodings, range), [stripeCodings, range]);
  return (
    <CodingStripes
      bodyRef={bodyRef}
      segments={segments}
      codings={stripeCodings}
      shown={stripesShown}
      paragraphs={paragraphs}
      layout={layout}
      codes={codes}
      coders={props.coders}
      memos={props.memos}
      onHover={props.onHover}
      onOpen={props.onOpen}
    />
  );
});

/**
 * Paints codings with the CSS Custom Highlight API: one highlight per code colour, ranges built from stored offsets.
 * Nothing in the DOM or the text changes, so selection and offsets stay exact.
 */
function useCodingHighlights(
  bodyRef: React.RefObject<HTMLDivElement | null>,
  segments: readonly ReaderSegment[],
  painted: readonly CodingRecord[] | null,
  codes: Map<string, CodeRecord>,
  paragraphsOf: () => (HTMLElement | undefined)[],
  pending: { start: number; end: number } | null,
  hovered: CodingRecord | null,
) {
  useEffect(() => {
    const body = bodyRef.current;
    if (!body || typeof CSS === 'undefined' || !('highlights' in CSS)) return;
    const byName = new Map<string, Range[]>();
    const paragraphs = paragraphsOf();
    if (!painted) {
      delete body.dataset.highlighted;
      return;
    }
    for (const coding of painted) {
      const ranges = domRanges(paragraphs, segments, coding.start, coding.end, segmentAt(segments, coding.start));
      const name = highlightNameFor(codes.get(coding.codeId)?.color ?? '#888888');
      const list = byName.get(name);
      if (list) list.push(...ranges);
      else byName.set(name, ranges);
    }
    let priority = 0;
    for (const [name, ranges] of byName) {
      const highlight = new Highlight(...ranges);
      highlight.priority = ++priority;
      CSS.highlights.set(name, highlight);
    }
    // How many codings are painted: read by anything that waits for the transcript to be ready (the benchmark).
    body.dataset.highlighted = String(painted.length);
    return () => {
      for (const name of byName.keys()) CSS.highlights.delete(name);
    };
  }, [bodyRef, segments, painted, codes, paragraphsOf]);

  // The passage being coded, and the coding under the pointer in the margin, painted above the rest.
  useEffect(() => {
    const body = bodyRef.current;
    if (!body || typeof CSS === 'undefined' || !('highlights' in CSS)) return;
    const set = (name: string, range: { start: number; end: number } | null) => {
      if (!range) CSS.highlights.delete(name);
      else {
        const highlight = new Highlight(...domRanges(paragraphsOf(), segments, range.start, range.end, segmentAt(segments, range.start)));
        highlight.priority = 10_000;
        CSS.highlights.set(name, highlight);
      }
    };
    set('tessera-pending', pending);
    set('tessera-hover', hovered);
    return () => {
      CSS.highlights.delete('tessera-pending');
      CSS.highlights.delete('tessera-hover');
    };
  }, [bodyRef, segments, pending, hovered, paragraphsOf]);
}
