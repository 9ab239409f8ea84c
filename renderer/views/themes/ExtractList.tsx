import { memo, useMemo, useState } from 'react';
import type { CaseRecord, CodeRecord, Id } from '../../../shared/model/types';
import type { AttributedExtract } from '../../query/run-query';
import { useUi } from '../../state/ui-store';

/**
 * A list of extracts to read: each quote with where it comes from, its surrounding turn a click away, a jump to the
 * passage in its transcript, and a copy with its attribution. Grouped by code, by participant, by document or not.
 */
export type ExtractGrouping = 'code' | 'case' | 'document' | 'none';

/** The extract as a quote for a write-up: “words” (attribution), spaces and line breaks joined. */
export function quoteWithAttribution(extract: Pick<AttributedExtract, 'text' | 'attribution'>): string {
  const quote = `“${extract.text.replace(/\s+/g, ' ').trim()}”`;
  return extract.attribution ? `${quote} (${extract.attribution})` : quote;
}

/** Writes text to the clipboard; falls back to a hidden text area where the clipboard API is refused. */
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}

interface Group {
  key: string;
  title: string;
  subtitle?: string;
  color?: string;
  extracts: AttributedExtract[];
}

function groupExtracts(extracts: readonly AttributedExtract[], by: ExtractGrouping, cases: ReadonlyMap<Id, CaseRecord>, codes: ReadonlyMap<Id, CodeRecord>): Group[] {
  if (by === 'none') return [{ key: 'all', title: '', extracts: [...extracts] }];
  const groups = new Map<string, Group>();
  for (const e of extracts) {
    let key: string;
    let group: Omit<Group, 'extracts'>;
    if (by === 'code') {
      key = e.codeId;
      group = { key, title: e.codePath, color: codes.get(e.codeId)?.color };
    } else if (by === 'case') {
      key = e.caseId ?? `document:${e.documentId}`;
      const c = e.caseId ? cases.get(e.caseId) : undefined;
      group = { key, title: e.caseName ?? e.documentName, subtitle: c?.description || undefined };
    } else {
      key = e.documentId;
      group = { key, title: e.documentName };
    }
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ...group, extracts: [] }));
    g.extracts.push(e);
  }
  const list = [...groups.values()];
  // Codes in codebook order of first appearance would scatter them; order code groups by size, others as they come.
  if (by === 'code') list.sort((a, b) => b.extracts.length - a.extracts.length || a.title.localeCompare(b.title));
  return list;
}

export function ExtractList(props: {
  extracts: readonly AttributedExtract[];
  grouping: ExtractGrouping;
  cases: ReadonlyMap<Id, CaseRecord>;
  codes: ReadonlyMap<Id, CodeRecord>;
  /** Shown when there are no extracts. */
  empty: React.ReactNode;
  /** Shows at most this many (with a button for the rest); default all. */
  pageSize?: number;
}) {
  const groups = useMemo(() => groupExtracts(props.extracts, props.grouping, props.cases, props.codes), [props.extracts, props.grouping, props.cases, props.codes]);
  const [limit, setLimit] = useState(props.pageSize ?? Infinity);
  if (props.extracts.length === 0) return <div className="extracts-empty">{props.empty}</div>;
  let shown = 0;
  return (
    <div className="extract-groups">
      {groups.map((g) => {
        if (shown >= limit) return null;
        const items = g.extracts.slice(0, Math.max(0, limit - shown));
        shown += items.length;
        return (
          <section key={g.key} className="extract-group" aria-label={g.title || 'Extracts'}>
            {g.title && (
              <h3 className="extract-group-title">
                {g.color && <span className="swatch" style={{ background: g.color }} aria-hidden="true" />}
                <span className="extract-group-name">{g.title}</span>
                {g.subtitle && <span className="extract-group-sub">{g.subtitle}</span>}
                <span className="count">
                  {g.extracts.length} {g.extracts.length === 1 ? 'extract' : 'extracts'}
                </span>
              </h3>
            )}
            <ol className="extract-list">
              {items.map((e) => (
                <ExtractItem key={e.codingId} extract={e} showCode={props.grouping !== 'code'} codeColor={props.codes.get(e.codeId)?.color} />
              ))}
            </ol>
          </section>
        );
      })}
      {shown < props.extracts.length && (
        <button type="button" className="extracts-more" onClick={() => setLimit((l) => l + (props.pageSize ?? 200))}>
          Show more ({props.extracts.length - shown} not shown)
        </button>
      )}
    </div>
  );
}

const ExtractItem = memo(function ExtractItem({ extract: e, showCode, codeColor }: { extract: AttributedExtract; showCode: boolean; codeColor?: string }) {
  const [context, setContext] = useState(false);
  const notify = useUi((s) => s.notify);
  const reveal = useUi((s) => s.reveal);
  const before = e.context.text.slice(0, Math.max(0, e.start - e.context.start));
  const after = e.context.text.slice(Math.max(0, e.end - e.context.start));
  const where = [e.caseName ?? e.documentName, e.context.speaker].filter(Boolean).join(' · ');
  return (
    <li className="extract">
      <blockquote className="extract-text">{e.text}</blockquote>
      <div className="extract-meta">
        {showCode && (
          <span className="extract-code">
            <span className="swatch" style={{ background: codeColor }} aria-hidden="true" />
            {e.codePath}
          </span>
        )}
        <span>{where}</span>
        {e.caseName && e.documentName && !e.documentName.startsWith(e.caseName) ? <span>{e.documentName}</span> : null}
        <span className="extract-coder">coded by {e.coderName || 'unknown coder'}</span>
        {e.exemplar && <span className="badge">exemplar</span>}
        {e.attribution && <span className="extract-attribution">— {e.attribution}</span>}
      </div>
      <div className="extract-actions">
        <button type="button" className="small" aria-expanded={context} onClick={() => setContext(!context)}>
          {context ? 'Hide context' : 'Context'}
        </button>
        <button type="button" className="small" onClick={() => reveal(e.documentId, e.start, e.end)} title="Open the transcript at this passage">
          Open in transcript
        </button>
        <button
          type="button"
          className="small"
          onClick={() => {
            const text = quoteWithAttribution(e);
            void copyText(text).then(() => notify(`Copied: ${text.length > 90 ? `${text.slice(0, 88)}…` : text}`));
          }}
          title="Copy the quote with its attribution"
        >
          Copy
        </button>
      </div>
      {context && (
        <div className="extract-context" aria-label="The passage around the extract">
          <p>
            {before}
            <mark>{e.text}</mark>
            {after}
          </p>
        </div>
      )}
    </li>
  );
});
