import type { AttributeDefinition } from '../../../shared/model/types';
import { ATTRIBUTE_TYPE_NAMES } from '../../commands/case-commands';
import type { SortOrder } from './table-model';

/** A column header that sorts on click, with its type beneath and a button to edit the column's attribute. */
export function SortHeader(props: { label: string; by: SortOrder['by']; sort: SortOrder; onSort: (by: SortOrder['by']) => void; sub?: string; className?: string }) {
  const active = props.sort.by === props.by;
  return (
    <th scope="col" className={props.className} aria-sort={active ? (props.sort.descending ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="col-sort" onClick={() => props.onSort(props.by)} title={`Sort by ${props.label}`} aria-label={`Sort by ${props.label}`}>
        <span className="col-name">{props.label}</span>
        <span className="col-arrow" aria-hidden="true">
          {active ? (props.sort.descending ? '▼' : '▲') : ''}
        </span>
        {props.sub && <span className="col-type">{props.sub}</span>}
      </button>
    </th>
  );
}

export function AttributeHeader(props: { attribute: AttributeDefinition; sort: SortOrder; onSort: (by: SortOrder['by']) => void; onEdit: () => void }) {
  const { attribute, sort } = props;
  const active = sort.by === attribute.id;
  return (
    <th scope="col" className="attribute-col" aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      <div className="col-head">
        <button
          type="button"
          className="col-sort"
          onClick={() => props.onSort(attribute.id)}
          title={`Sort by ${attribute.name}`}
          aria-label={`Sort by ${attribute.name} (${ATTRIBUTE_TYPE_NAMES[attribute.type].toLowerCase()})`}
        >
          <span className="col-name">{attribute.name}</span>
          <span className="col-arrow" aria-hidden="true">
            {active ? (sort.descending ? '▼' : '▲') : ''}
          </span>
          <span className="col-type">{ATTRIBUTE_TYPE_NAMES[attribute.type]}</span>
        </button>
        <button type="button" className="icon-button col-edit" aria-label={`Edit attribute ${attribute.name}`} title="Rename, change type or values, delete" onClick={props.onEdit}>
          ⋯
        </button>
      </div>
    </th>
  );
}
