import { useState } from 'react';
import type { AttributeDefinition, CaseRecord, DocumentRecord, Id } from '../../../shared/model/types';
import { AttributeHeader, SortHeader } from './AttributeHeader';
import { valueOf, type SortOrder, type ValueMap } from './table-model';
import { TextCell, ValueCell } from './ValueCell';

const MAX_CHIPS = 2;

/** Participants, one a row, with their description, attributes and documents, each cell edited in place. */
export function CaseTable(props: {
  cases: CaseRecord[];
  total: number;
  attributes: AttributeDefinition[];
  values: ValueMap;
  documentsByCase: ReadonlyMap<Id, DocumentRecord[]>;
  sort: SortOrder;
  onSort: (by: SortOrder['by']) => void;
  onRename: (record: CaseRecord, name: string) => Promise<boolean>;
  onDescribe: (record: CaseRecord, description: string) => Promise<boolean>;
  onSetValue: (attribute: AttributeDefinition, record: CaseRecord, value: string) => Promise<boolean>;
  onEditAttribute: (attribute: AttributeDefinition) => void;
  onLinkDocuments: (record: CaseRecord) => void;
  onOpenDocument: (id: Id) => void;
  onDelete: (record: CaseRecord) => void;
  onAdd: (name: string) => Promise<boolean>;
}) {
  const { attributes, values, sort } = props;
  return (
    <>
      <table className="cases-table" aria-label="Participants">
        <thead>
          <tr>
            <SortHeader label="Participant" by="name" sort={sort} onSort={props.onSort} className="name-col" />
            <th scope="col" className="description-col">
              <span className="col-plain">Description</span>
            </th>
            {attributes.map((a) => (
              <AttributeHeader key={a.id} attribute={a} sort={sort} onSort={props.onSort} onEdit={() => props.onEditAttribute(a)} />
            ))}
            <th scope="col" className="documents-col">
              <span className="col-plain">Documents</span>
            </th>
            <th scope="col" className="actions-col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.cases.map((c) => {
            const documents = props.documentsByCase.get(c.id) ?? [];
            return (
              <tr key={c.id}>
                <th scope="row" className="name-col">
                  <TextCell label={`Name of ${c.name}`} value={c.name} onSave={(name) => props.onRename(c, name)} className="case-name" />
                </th>
                <td className="description-col">
                  <TextCell label={`Description of ${c.name}`} value={c.description} placeholder="Add a description" onSave={(d) => props.onDescribe(c, d)} />
                </td>
                {attributes.map((a) => (
                  <td key={a.id} className={`attribute-cell type-${a.type}`}>
                    <ValueCell attribute={a} ownerName={c.name} value={valueOf(values, c.id, a.id)} onSave={(v) => props.onSetValue(a, c, v)} />
                  </td>
                ))}
                <td className="documents-col">
                  <div className="doc-chips">
                    {documents.slice(0, MAX_CHIPS).map((d) => (
                      <button key={d.id} type="button" className="doc-chip" title={`Open ${d.name}`} onClick={() => props.onOpenDocument(d.id)}>
                        {d.name}
                      </button>
                    ))}
                    {documents.length > MAX_CHIPS && <span className="muted more-docs">+{documents.length - MAX_CHIPS}</span>}
                    <button type="button" className="link-button docs-edit" aria-label={`Documents of ${c.name}`} onClick={() => props.onLinkDocuments(c)}>
                      {documents.length === 0 ? 'Link…' : 'Edit'}
                    </button>
                  </div>
                </td>
                <td className="actions-col">
                  <button type="button" className="icon-button row-delete" aria-label={`Delete participant ${c.name}`} title="Delete participant" onClick={() => props.onDelete(c)}>
                    ×
                  </button>
                </td>
              </tr>
            );
          })}
          {props.cases.length === 0 && props.total > 0 && (
            <tr>
              <td colSpan={attributes.length + 4} className="no-rows">
                No participant matches the filter.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <AddRow label="New participant" placeholder="Add a participant, e.g. P18" onAdd={props.onAdd} />
    </>
  );
}

/** A one-line form under a table: type a name, Enter adds it. */
export function AddRow(props: { label: string; placeholder: string; onAdd: (name: string) => Promise<boolean> }) {
  const [name, setName] = useState('');
  const submit = async () => {
    if (name.trim() === '') return;
    if (await props.onAdd(name)) setName('');
  };
  return (
    <form
      className="add-row"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <input aria-label={props.label} placeholder={props.placeholder} value={name} onChange={(e) => setName(e.target.value)} />
      <button type="submit" disabled={name.trim() === ''}>
        Add
      </button>
    </form>
  );
}
