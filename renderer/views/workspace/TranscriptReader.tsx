import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef } from 'react';
import type { CodeRecord, CodingRecord } from '../../../shared/model/types';
import { useProjectSession } from '../../app/project-session';
import { formatTime, readerSegments, segmentAt, type ReaderSegment } from './transcript-layout';

const numberFormat = new Intl.NumberFormat('en-GB');

/** The read-only transcript, with speaker turns, times, and codings painted over the text in their code's colour. */
export function TranscriptReader({ documentId }: { documentId?: string }) {
  const { db } = useProjectSession();
  const doc = useLiveQuery(async () => (documentId ? db.documents.get(documentId) : undefined), [db, documentId]);
  const text = useLiveQuery(async () => (documentId ? db.texts.get(documentId) : undefined), [db, documentId]);
  const codings = useLiveQuery(
    async () => (documentId ? db.codings.where('[documentId+start]').between([documentId, -Infinity], [documentId, Infinity]).toArray() : []),
    [db, documentId],
  );
  const codes = useLiveQuery(() => db.codes.toArray(), [db]);
  const caseRecord = useLiveQuery(async () => (doc?.caseId ? db.cases.get(doc.caseId) : undefined), [db, doc?.caseId]);
  const segments = useMemo(() => (text ? readerSegments(text) : []), [text]);
  const bodyRef = useRef<HTMLDivElement>(null);

  useCodingHighlights(bodyRef, segments, codings ?? [], codes ?? [], text?.id);

  if (!documentId) {
    return (
      <main className="pane reader-pane reader-empty" aria-label="Transcript">
        <p>Choose a document from the list to read and code it.</p>
      </main>
    );
  }
  if (!doc || !text) return <main className="pane reader-pane" aria-label="Transcript" aria-busy="true" />;

  return (
    <main className="pane reader-pane" aria-label={`Transcript: ${doc.name}`}>
      <header className="reader-header">
        <h2>{doc.name}</h2>
        <p className="reader-meta">
          {caseRecord && <span>{caseRecord.description || caseRecord.name}</span>}
          <span>{numberFormat.format(doc.words)} words</span>
          <span>{text.turns.length} turns</span>
          <span>{codings?.length ?? 0} codings</span>
        </p>
      </header>
      <div className="reader-body" ref={bodyRef} data-document-id={doc.id}>
        {segments.map((segment) => (
          <article className="turn" key={segment.start} data-start={segment.textStart}>
            {(segment.speaker || segment.time !== undefined) && (
              <div className="turn-meta">
                {segment.speaker && <span className={`speaker${segment.speaker === 'Interviewer' ? ' interviewer' : ''}`}>{segment.speaker}</span>}
                {segment.time !== undefined && <time>{formatTime(segment.time)}</time>}
              </div>
            )}
            <p className="turn-text">{text.text.slice(segment.textStart, segment.end)}</p>
          </article>
        ))}
      </div>
    </main>
  );
}

/**
 * Paints codings with the CSS Custom Highlight API: one highlight per code, ranges built from stored offsets.
 * Nothing in the DOM or the text changes, so selection and offsets stay exact.
 */
function useCodingHighlights(
  bodyRef: React.RefObject<HTMLDivElement | null>,
  segments: readonly ReaderSegment[],
  codings: readonly CodingRecord[],
  codes: readonly CodeRecord[],
  textId: string | undefined,
) {
  useEffect(() => {
    const body = bodyRef.current;
    if (!body || typeof CSS === 'undefined' || !('highlights' in CSS)) return;
    const paragraphs = body.querySelectorAll<HTMLParagraphElement>('p.turn-text');
    const colours = new Map(codes.map((c) => [c.id, c.color]));
    const byCode = new Map<string, Range[]>();
    for (const coding of codings) {
      let index = segmentAt(segments, coding.start);
      while (index < segments.length && segments[index]!.textStart < coding.end) {
        const segment = segments[index]!;
        const node = paragraphs[index]?.firstChild;
        if (node) {
          const from = Math.max(coding.start, segment.textStart) - segment.textStart;
          const to = Math.min(coding.end, segment.end) - segment.textStart;
          if (to > from) {
            const range = new Range();
            range.setStart(node, from);
            range.setEnd(node, to);
            const list = byCode.get(coding.codeId) ?? [];
            list.push(range);
            byCode.set(coding.codeId, list);
          }
        }
        index += 1;
      }
    }
    const names: string[] = [];
    const rules: string[] = [];
    let i = 0;
    for (const [codeId, ranges] of byCode) {
      const name = `tessera-code-${i++}`;
      names.push(name);
      const highlight = new Highlight(...ranges);
      highlight.priority = i;
      CSS.highlights.set(name, highlight);
      const colour = colours.get(codeId) ?? '#888888';
      rules.push(`::highlight(${name}) { background-color: color-mix(in srgb, ${colour} 28%, transparent); text-decoration: underline 2px ${colour}; text-underline-offset: 3px; }`);
    }
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(rules.join('\n'));
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      for (const name of names) CSS.highlights.delete(name);
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }, [bodyRef, segments, codings, codes, textId]);
}
