import type { AttributeDefinition, CaseRecord, DocumentRecord, Id } from '../../../shared/model/types';
import { AttributeHeader, SortHeader } from './AttributeHeader';
import { valueOf, type SortOrder, type ValueMap } from './table-model';
import { ValueCell } from './ValueCell';

const numberFormat = new Intl.NumberFormat('en-GB');

/** Documents, one a row, with the participant each belongs to and the document attributes (e.g. interview date). */
export function DocumentTable(props: {
  documents: DocumentRecord[];
  total: number;
  cases: CaseRecord[];
  attributes: AttributeDefinition[];
  values: ValueMap;
  sort: SortOrder;
  onSort: (by: SortOrder['by']) => void;
  onSetCase: (document: DocumentRecord, caseId: Id | undefined) => void;
  onSetValue: (attribute: AttributeDefinition, document: DocumentRecord, value: string) => Promise<boolean>;
  onEditAttribute: (attribute: AttributeDefinition) => void;
  onOpenDocument: (id: Id) => void;
}) {
  const { attributes, values, sort } = props;
  return (
    <table className="cases-table documents-table" aria-label="Documents and their participants">
      <thead>
        <tr>
          <SortHeader label="Document" by="name" sort={sort} onSort={props.onSort} className="name-col" />
          <th scope="col" className="case-col">
            <span className="col-plain">Participant</span>
          </th>
          <th scope="col" className="words-col">
            <span className="col-plain">Words</span>
          </th>
          {attributes.map((a) => (
            <AttributeHeader key={a.id} attribute={a} sort={sort} onSort={props.onSort} onEdit={() => props.onEditAttribute(a)} />
          ))}
          <th scope="col" className="actions-col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.documents.map((d) => (
          <tr key={d.id}>
            <th scope="row" className="name-col">
              <button type="button" className="cell-button document-link" title="Open in the reader" onClick={() => props.onOpenDocument(d.id)}>
                {d.name}
              </button>
            </th>
            <td className="case-col">
              <select
                className={`case-select${d.caseId ? '' : ' unlinked'}`}
                aria-label={`Participant of ${d.name}`}
                value={d.caseId ?? ''}
                onChange={(e) => props.onSetCase(d, e.target.value === '' ? undefined : e.target.value)}
              >
                <option value="">— none —</option>
                {props.cases.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.description ? `${c.name} (${c.description})` : c.name}
                  </option>
                ))}
              </select>
            </td>
            <td className="words-col num">{numberFormat.format(d.words)}</td>
            {attributes.map((a) => (
              <td key={a.id} className={`attribute-cell type-${a.type}`}>
                <ValueCell attribute={a} ownerName={d.name} value={valueOf(values, d.id, a.id)} onSave={(v) => props.onSetValue(a, d, v)} />
              </td>
            ))}
            <td className="actions-col" />
          </tr>
        ))}
        {props.documents.length === 0 && props.total > 0 && (
          <tr>
            <td colSpan={attributes.length + 4} className="no-rows">
              No document matches the filter.
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
