import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { codebookOrder } from '../../../shared/agreement/segment';
import type { Id } from '../../../shared/model/types';
import type { AttributeCondition, CodeSelection, ExtractFilter } from '../../../shared/query';
import { NO_VALUE_LABEL, orderedValues } from '../../../shared/query/coverage';
import { useProjectSession } from '../../app/project-session';
import { themeTree } from '../themes/theme-data';

/** A button that opens a panel below it; the panel closes on Escape or a click elsewhere. */
export function Dropdown(props: { label: ReactNode; ariaLabel: string; children: ReactNode; active?: boolean; wide?: boolean }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const panelId = useId();
  useEffect(() => {
    if (!open) return;
    const onDown = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);
  return (
    <div
      className="dropdown"
      ref={ref}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
          ref.current?.querySelector<HTMLButtonElement>('.dropdown-button')?.focus();
        }
      }}
    >
      <button type="button" className={`dropdown-button${props.active ? ' active' : ''}`} aria-expanded={open} aria-controls={open ? panelId : undefined} aria-label={props.ariaLabel} onClick={() => setOpen(!open)}>
        {props.label} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div id={panelId} className={`dropdown-panel${props.wide ? ' wide' : ''}`} role="dialog" aria-label={props.ariaLabel}>
          {props.children}
        </div>
      )}
    </div>
  );
}

export interface ChecklistOption {
  id: string;
  label: string;
  depth?: number;
  color?: string;
  hint?: string;
}

/**
 * A checklist with a search box. `selected` undefined means "all" (no condition); choosing every item or none
 * returns to "all" only through the "All" button, so an empty choice is never sent as "match nothing" by accident.
 */
export function Checklist(props: { options: ChecklistOption[]; selected: readonly string[]; onChange: (ids: string[]) => void; searchLabel: string; extra?: ReactNode }) {
  const [search, setSearch] = useState('');
  const needle = search.trim().toLowerCase();
  const shown = needle ? props.options.filter((o) => o.label.toLowerCase().includes(needle)) : props.options;
  const chosen = new Set(props.selected);
  return (
    <div className="checklist">
      {props.options.length > 8 && <input type="search" className="checklist-search" placeholder="Search…" aria-label={props.searchLabel} value={search} onChange={(e) => setSearch(e.target.value)} autoFocus />}
      <ul className="checklist-items">
        {shown.map((o) => (
          <li key={o.id}>
            <label className="check-row" style={{ paddingInlineStart: (o.depth ?? 0) * 14 }}>
              <input
                type="checkbox"
                checked={chosen.has(o.id)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(o.id);
                  else next.delete(o.id);
                  props.onChange(props.options.map((x) => x.id).filter((id) => next.has(id)));
                }}
              />
              {o.color && <span className="swatch" style={{ background: o.color }} aria-hidden="true" />}
              <span className="check-label">{o.label}</span>
              {o.hint && <span className="check-hint">{o.hint}</span>}
            </label>
          </li>
        ))}
        {shown.length === 0 && <li className="hint">Nothing matches.</li>}
      </ul>
      {props.extra}
    </div>
  );
}

/** Codes and themes of the project as checklist options, live. */
export function useCodeOptions(): { themes: ChecklistOption[]; codes: ChecklistOption[] } {
  const { db } = useProjectSession();
  const themes = useLiveQuery(() => db.themes.toArray(), [db]);
  const codes = useLiveQuery(() => db.codes.toArray(), [db]);
  return useMemo(() => {
    const depth = new Map<Id, number>();
    const ordered = codebookOrder(codes ?? []);
    for (const c of ordered) depth.set(c.id, c.parentId && depth.has(c.parentId) ? depth.get(c.parentId)! + 1 : 0);
    return {
      themes: themeTree(themes ?? []).map(({ theme, depth: d }) => ({ id: theme.id, label: theme.name, depth: d, color: theme.color })),
      codes: ordered.map((c) => ({ id: c.id, label: c.name, depth: depth.get(c.id) ?? 0, color: c.color })),
    };
  }, [themes, codes]);
}

export function selectionSummary(selection: CodeSelection, options: { themes: ChecklistOption[]; codes: ChecklistOption[] }, none = 'Choose codes or themes'): string {
  const t = selection.themeIds ?? [];
  const c = selection.codeIds ?? [];
  if (t.length + c.length === 0) return none;
  if (t.length + c.length === 1) {
    const id = t[0] ?? c[0]!;
    return (t.length ? options.themes : options.codes).find((o) => o.id === id)?.label ?? '1 chosen';
  }
  return [t.length ? `${t.length} ${t.length === 1 ? 'theme' : 'themes'}` : '', c.length ? `${c.length} ${c.length === 1 ? 'code' : 'codes'}` : ''].filter(Boolean).join(', ');
}

const isEmpty = (s: CodeSelection) => (s.codeIds?.length ?? 0) + (s.themeIds?.length ?? 0) === 0;

/** Chooses codes and themes (a theme stands for its codes and its subthemes' codes). */
export function SelectionPicker(props: { value: CodeSelection; onChange: (value: CodeSelection) => void; label: string; themes?: boolean; codes?: boolean }) {
  const options = useCodeOptions();
  const withThemes = props.themes !== false;
  const withCodes = props.codes !== false;
  const summary = selectionSummary(props.value, options, withThemes ? (withCodes ? 'Choose codes or themes' : 'Choose themes') : 'Choose codes');
  return (
    <Dropdown label={<span className="dropdown-value">{summary}</span>} ariaLabel={props.label} wide={withThemes && withCodes} active={!isEmpty(props.value)}>
      <div className="selection-picker">
        {withThemes && (
          <section>
            <h4>Themes</h4>
            {options.themes.length === 0 ? (
              <p className="hint">No themes yet.</p>
            ) : (
              <Checklist options={options.themes} selected={props.value.themeIds ?? []} onChange={(ids) => props.onChange({ ...props.value, themeIds: ids })} searchLabel="Search themes" />
            )}
          </section>
        )}
        {withCodes && (
          <section>
            <h4>Codes</h4>
            <Checklist options={options.codes} selected={props.value.codeIds ?? []} onChange={(ids) => props.onChange({ ...props.value, codeIds: ids })} searchLabel="Search codes" />
            <label className="check-row picker-children">
              <input type="checkbox" checked={props.value.includeChildCodes === true} onChange={(e) => props.onChange({ ...props.value, includeChildCodes: e.target.checked })} />
              Include the codes below each chosen code
            </label>
          </section>
        )}
      </div>
    </Dropdown>
  );
}

/** A filter's choices for one list (documents, participants, coders, values): "All" or the ones ticked. */
function FilterList(props: { name: string; options: ChecklistOption[]; selected: readonly string[] | undefined; onChange: (ids: string[] | undefined) => void }) {
  const count = props.selected?.length;
  const label = count === undefined ? `All ${props.name.toLowerCase()}` : `${props.name}: ${count === 1 ? (props.options.find((o) => o.id === props.selected![0])?.label ?? '1') : count}`;
  return (
    <Dropdown label={label} ariaLabel={`Filter by ${props.name.toLowerCase()}`} active={count !== undefined}>
      <div className="filter-list-head">
        <button type="button" className="small" onClick={() => props.onChange(undefined)} disabled={count === undefined}>
          All
        </button>
        <button type="button" className="small" onClick={() => props.onChange([])}>
          None
        </button>
      </div>
      <Checklist options={props.options} selected={props.selected ?? props.options.map((o) => o.id)} onChange={(ids) => props.onChange(ids.length === props.options.length ? undefined : ids)} searchLabel={`Search ${props.name.toLowerCase()}`} />
    </Dropdown>
  );
}

const NO_VALUE = '\u0000none';

/** Filters extracts by documents, participants, coders, attribute values and words in the coded text. */
export function FilterBar({ value, onChange, coders = true, text = true }: { value: ExtractFilter; onChange: (filter: ExtractFilter) => void; coders?: boolean; text?: boolean }) {
  const { db } = useProjectSession();
  const documents = useLiveQuery(() => db.documents.orderBy('order').toArray(), [db]);
  const cases = useLiveQuery(() => db.cases.orderBy('order').toArray(), [db]);
  const coderList = useLiveQuery(() => db.coders.toArray(), [db]);
  const attributes = useLiveQuery(() => db.attributes.orderBy('order').toArray(), [db]);
  const values = useLiveQuery(async () => {
    const byAttribute = new Map<Id, Set<string>>();
    await db.attributeValues.each((v) => {
      if (!v.value.trim()) return;
      let set = byAttribute.get(v.attributeId);
      if (!set) byAttribute.set(v.attributeId, (set = new Set()));
      set.add(v.value.trim());
    });
    return byAttribute;
  }, [db]);
  const [draftText, setDraftText] = useState(value.text ?? '');
  useEffect(() => setDraftText(value.text ?? ''), [value.text]);

  const setAttribute = (attributeId: Id, chosen: string[] | undefined) => {
    const others = (value.attributes ?? []).filter((c) => c.attributeId !== attributeId);
    const next: AttributeCondition[] = chosen === undefined ? others : [...others, { attributeId, values: chosen.map((v) => (v === NO_VALUE ? null : v)) }];
    onChange({ ...value, attributes: next });
  };
  const filterable = (attributes ?? []).filter((a) => a.type === 'category' || (values?.get(a.id)?.size ?? 0) <= 30);

  return (
    <div className="filter-bar" role="group" aria-label="Filters">
      <span className="filter-bar-label">Filter</span>
      <FilterList name="Documents" options={(documents ?? []).map((d) => ({ id: d.id, label: d.name }))} selected={value.documentIds} onChange={(ids) => onChange({ ...value, documentIds: ids })} />
      {(cases?.length ?? 0) > 0 && (
        <FilterList name="Participants" options={(cases ?? []).map((c) => ({ id: c.id, label: c.name, hint: c.description }))} selected={value.caseIds} onChange={(ids) => onChange({ ...value, caseIds: ids })} />
      )}
      {coders && (
        <FilterList name="Coders" options={(coderList ?? []).map((c) => ({ id: c.id, label: c.name, color: c.color }))} selected={value.coderIds} onChange={(ids) => onChange({ ...value, coderIds: ids })} />
      )}
      {filterable.map((a) => {
        const found = orderedValues(a.options, [...(values?.get(a.id) ?? []), null]);
        const condition = value.attributes?.find((c) => c.attributeId === a.id);
        return (
          <FilterList
            key={a.id}
            name={a.name}
            options={found.map((v) => ({ id: v ?? NO_VALUE, label: v ?? NO_VALUE_LABEL }))}
            selected={condition?.values.map((v) => v ?? NO_VALUE)}
            onChange={(ids) => setAttribute(a.id, ids)}
          />
        );
      })}
      {text && (
        <input
          type="search"
          className="filter-text"
          placeholder="Coded text contains…"
          aria-label="Only extracts whose text contains"
          value={draftText}
          onChange={(e) => setDraftText(e.target.value)}
          onBlur={() => draftText !== (value.text ?? '') && onChange({ ...value, text: draftText })}
          onKeyDown={(e) => e.key === 'Enter' && onChange({ ...value, text: draftText })}
        />
      )}
    </div>
  );
}
