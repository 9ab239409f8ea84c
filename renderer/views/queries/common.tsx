import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, type CSSProperties, type ReactNode } from 'react';
import type { Table } from '../../../shared/query/tables';
import { useProjectSession } from '../../app/project-session';
import { SaveTableButtons } from './SaveTable';

/**
 * A cell's colour in a heat-coloured matrix: one hue whose lightness falls steadily with the value, so the order of
 * values reads the same in greyscale; the number is always printed in the cell.
 */
export function heatStyle(value: number, max: number): CSSProperties | undefined {
  if (!(value > 0) || !(max > 0)) return undefined;
  const share = Math.min(1, value / max);
  const percent = Math.round(10 + 80 * share);
  return {
    background: `color-mix(in srgb, var(--heat) ${percent}%, var(--surface))`,
    color: percent > 55 ? 'var(--heat-strong-text)' : undefined,
  };
}

/** The heading of a result: its title, how many rows, whether it is being worked out, and CSV / XLSX buttons. */
export function ResultHeader(props: { title: string; count?: ReactNode; loading: boolean; table?: Table; fileName: string; children?: ReactNode }) {
  return (
    <div className="result-head">
      <h3>
        {props.title} {props.count !== undefined && <span className="count">{props.count}</span>}
      </h3>
      {props.loading && (
        <span className="result-loading" role="status">
          Working…
        </span>
      )}
      {props.children}
      <SaveTableButtons table={props.table} name={props.fileName} label={props.title.toLowerCase()} />
    </div>
  );
}

export function QueryError({ message }: { message?: string }) {
  return message ? (
    <p className="query-error" role="alert">
      {message}
    </p>
  ) : null;
}

/** Cases and codes by id, live, for naming things in results. */
export function useLookups() {
  const { db } = useProjectSession();
  const caseList = useLiveQuery(() => db.cases.orderBy('order').toArray(), [db]);
  const codeList = useLiveQuery(() => db.codes.toArray(), [db]);
  const themeList = useLiveQuery(() => db.themes.toArray(), [db]);
  const attributes = useLiveQuery(() => db.attributes.orderBy('order').toArray(), [db]);
  return useMemo(
    () => ({
      cases: new Map((caseList ?? []).map((c) => [c.id, c])),
      codes: new Map((codeList ?? []).map((c) => [c.id, c])),
      themes: new Map((themeList ?? []).map((t) => [t.id, t])),
      attributes: attributes ?? [],
      ready: !!caseList && !!codeList && !!themeList && !!attributes,
    }),
    [caseList, codeList, themeList, attributes],
  );
}

/** A radio group drawn as joined buttons. */
export function Segmented<T extends string>(props: { label: string; value: T; options: { value: T; label: string }[]; onChange: (value: T) => void }) {
  return (
    <div className="segmented" role="radiogroup" aria-label={props.label}>
      {props.options.map((o) => (
        <button key={o.value} type="button" role="radio" aria-checked={props.value === o.value} onClick={() => props.onChange(o.value)}>
          {o.label}
        </button>
      ))}
    </div>
  );
}
