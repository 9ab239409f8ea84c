import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import type { AttributeDefinition, AttributeScope, CaseRecord, DocumentRecord, Id } from '../../../shared/model/types';
import { useProjectSession } from '../../app/project-session';
import {
  createAttribute,
  createCase,
  deleteAttribute,
  deleteCase,
  importParticipantsCommand,
  setAttributeValue,
  setCaseDocuments,
  setDocumentCase,
  updateAttribute,
  updateCase,
} from '../../commands/case-commands';
import { ConfirmDialog } from '../../components/Dialog';
import type { Command } from '../../db/command-history';
import { platform } from '../../platform';
import { useUi } from '../../state/ui-store';
import { AttributeDialog, type AttributeDialogResult } from './AttributeDialog';
import { AddRow, CaseTable } from './CaseTable';
import { useCasesUi, type CasesTab } from './cases-ui';
import { DocumentTable } from './DocumentTable';
import { LinkDocumentsDialog } from './LinkDocumentsDialog';
import type { SheetPlan } from './sheet-import';
import { SheetImportDialog } from './SheetImportDialog';
import { filterRows, nextSort, sortRows, valueMap, type SortOrder } from './table-model';
import '../../styles/cases.css';

const SHEET_FILTERS = [
  { name: 'Participant sheets', extensions: ['csv', 'xlsx', 'tsv'] },
  { name: 'All files', extensions: ['*'] },
];

type DialogState =
  | { kind: 'attribute'; attribute?: AttributeDefinition; scope: AttributeScope }
  | { kind: 'delete-attribute'; attribute: AttributeDefinition }
  | { kind: 'delete-case'; record: CaseRecord }
  | { kind: 'link'; record: CaseRecord };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Participants (cases) and documents with their attributes: tables edited in place, and participant sheet import. */
export function CasesView() {
  const { db, execute, history } = useProjectSession();
  const notify = useUi((s) => s.notify);
  const openDocument = useUi((s) => s.openDocument);
  const setWorkspaceView = useUi((s) => s.setWorkspaceView);
  const tab = useCasesUi((s) => s.tab);
  const setTab = useCasesUi((s) => s.setTab);
  const pendingSheet = useCasesUi((s) => s.pendingSheet);

  const cases = useLiveQuery(() => db.cases.orderBy('order').toArray(), [db]);
  const attributes = useLiveQuery(() => db.attributes.orderBy('order').toArray(), [db]);
  const valueRows = useLiveQuery(() => db.attributeValues.toArray(), [db]);
  const documents = useLiveQuery(() => db.documents.orderBy('order').toArray(), [db]);

  const [sorts, setSorts] = useState<Record<CasesTab, SortOrder>>({ cases: { by: 'order', descending: false }, documents: { by: 'order', descending: false } });
  const [query, setQuery] = useState('');
  const [dialog, setDialog] = useState<DialogState>();
  const [sheet, setSheet] = useState<{ name: string; bytes: Uint8Array }>();

  useEffect(() => {
    if (pendingSheet) setSheet(useCasesUi.getState().takeSheet());
  }, [pendingSheet]);

  const values = useMemo(() => valueMap(valueRows ?? []), [valueRows]);
  const caseAttributes = useMemo(() => (attributes ?? []).filter((a) => a.scope === 'case'), [attributes]);
  const documentAttributes = useMemo(() => (attributes ?? []).filter((a) => a.scope === 'document'), [attributes]);
  const documentsByCase = useMemo(() => {
    const map = new Map<Id, DocumentRecord[]>();
    for (const d of documents ?? []) if (d.caseId) map.set(d.caseId, [...(map.get(d.caseId) ?? []), d]);
    return map;
  }, [documents]);
  const caseName = (id: Id) => cases?.find((c) => c.id === id)?.name;
  const ownerName = (id: Id) => caseName(id) ?? documents?.find((d) => d.id === id)?.name ?? '';

  /** Runs a command (or builds one, which may refuse the input); errors are shown, and false is returned. */
  const run = async (make: Command | (() => Command), done?: string, undoable = false): Promise<boolean> => {
    try {
      await execute(typeof make === 'function' ? make() : make);
      if (done) {
        notify(done, undoable ? { action: { label: 'Undo', run: () => void history.undo().catch((e: Error) => notify(e.message, { kind: 'error' })) } } : {});
      }
      return true;
    } catch (error) {
      notify(error instanceof Error ? error.message : String(error), { kind: 'error' });
      return false;
    }
  };

  const pickSheet = async () => {
    try {
      const [file] = await platform.openFiles({ title: 'Import participant sheet', filters: SHEET_FILTERS, multiple: false });
      if (file) setSheet(file);
    } catch (error) {
      notify(error instanceof Error ? error.message : String(error), { kind: 'error' });
    }
  };
  const importSheet = (plan: SheetPlan) =>
    run(
      importParticipantsCommand(plan),
      `Imported ${plural(plan.newCases + plan.updatedCases, 'participant')} from “${plan.fileName}”`,
      true,
    );
  const saveAttribute = async (result: AttributeDialogResult, attribute?: AttributeDefinition) => {
    const ok = attribute
      ? await run(updateAttribute(attribute, result.fields, result.renamed))
      : await run(createAttribute({ ...result.fields, scope: result.scope }).command);
    if (ok) setDialog(undefined);
  };
  const openInReader = (id: Id) => {
    openDocument(id);
    setWorkspaceView('coding');
  };

  if (!cases || !attributes || !documents || !valueRows) return <div className="cases-view" aria-busy="true" />;

  const sort = sorts[tab];
  const onSort = (by: SortOrder['by']) => setSorts({ ...sorts, [tab]: nextSort(sort, by) });
  const shownCases = sortRows(filterRows(cases, query, caseAttributes, values, (c) => [c.description]), sort, caseAttributes, values);
  const shownDocuments = sortRows(
    filterRows(documents, query, documentAttributes, values, (d) => [d.caseId ? (caseName(d.caseId) ?? '') : '']),
    sort,
    documentAttributes,
    values,
  );
  const linked = documents.filter((d) => d.caseId).length;

  return (
    <div className="cases-view">
      <div className="cases-toolbar">
        <div className="segmented" role="tablist" aria-label="Tables">
          <button type="button" role="tab" aria-selected={tab === 'cases'} className={tab === 'cases' ? 'segment selected' : 'segment'} onClick={() => setTab('cases')}>
            Participants <span className="segment-count">{cases.length}</span>
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'documents'}
            className={tab === 'documents' ? 'segment selected' : 'segment'}
            onClick={() => setTab('documents')}
          >
            Documents <span className="segment-count">{documents.length}</span>
          </button>
        </div>
        <input
          type="search"
          className="cases-filter"
          aria-label={tab === 'cases' ? 'Filter participants' : 'Filter documents'}
          placeholder={tab === 'cases' ? 'Filter participants…' : 'Filter documents…'}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <span className="cases-stats muted">
          {tab === 'cases'
            ? `${plural(caseAttributes.length, 'attribute')} · ${linked} of ${plural(documents.length, 'document')} linked`
            : `${plural(documentAttributes.length, 'document attribute')}`}
        </span>
        <button type="button" onClick={() => setDialog({ kind: 'attribute', scope: tab === 'cases' ? 'case' : 'document' })}>
          Add attribute
        </button>
        <button type="button" className="primary" onClick={() => void pickSheet()}>
          Import participant sheet…
        </button>
      </div>

      <div className="cases-scroll" role="tabpanel" aria-label={tab === 'cases' ? 'Participants' : 'Documents'}>
        {tab === 'cases' && cases.length === 0 ? (
          <div className="cases-empty">
            <h2>No participants yet</h2>
            <p>
              A participant (a case) holds what you know about each person interviewed: their agency, role, years in practice. Attributes let you compare
              what different groups said.
            </p>
            <p className="muted">Import a participant sheet (CSV or Excel, one row per participant) or add participants one by one.</p>
            <div className="cases-empty-actions">
              <button type="button" className="primary" onClick={() => void pickSheet()}>
                Import participant sheet…
              </button>
            </div>
            <AddRow label="New participant" placeholder="Add a participant, e.g. P01" onAdd={(name) => run(createCase({ name }).command)} />
          </div>
        ) : tab === 'cases' ? (
          <CaseTable
            cases={shownCases}
            total={cases.length}
            attributes={caseAttributes}
            values={values}
            documentsByCase={documentsByCase}
            sort={sort}
            onSort={onSort}
            onRename={(record, name) => run(updateCase(record, { name }))}
            onDescribe={(record, description) => run(updateCase(record, { description }))}
            onSetValue={(attribute, record, value) => run(() => setAttributeValue(attribute, record, value))}
            onEditAttribute={(attribute) => setDialog({ kind: 'attribute', attribute, scope: attribute.scope })}
            onLinkDocuments={(record) => setDialog({ kind: 'link', record })}
            onOpenDocument={openInReader}
            onDelete={(record) => setDialog({ kind: 'delete-case', record })}
            onAdd={(name) => run(createCase({ name }).command)}
          />
        ) : documents.length === 0 ? (
          <div className="cases-empty">
            <h2>No documents yet</h2>
            <p>Import transcripts from the Coding view, or drop the files anywhere in this window. Each can then be linked to its participant here.</p>
          </div>
        ) : (
          <DocumentTable
            documents={shownDocuments}
            total={documents.length}
            cases={cases}
            attributes={documentAttributes}
            values={values}
            sort={sort}
            onSort={onSort}
            onSetCase={(document, caseId) => {
              const record = caseId ? cases.find((c) => c.id === caseId) : undefined;
              void run(setDocumentCase(document, record));
            }}
            onSetValue={(attribute, document, value) => run(() => setAttributeValue(attribute, document, value))}
            onEditAttribute={(attribute) => setDialog({ kind: 'attribute', attribute, scope: attribute.scope })}
            onOpenDocument={openInReader}
          />
        )}
      </div>

      {dialog?.kind === 'attribute' && (
        <AttributeDialog
          attribute={dialog.attribute}
          scope={dialog.scope}
          values={dialog.attribute ? valueRows.filter((v) => v.attributeId === dialog.attribute!.id) : undefined}
          ownerName={ownerName}
          onSave={(result) => void saveAttribute(result, dialog.attribute)}
          onDelete={dialog.attribute ? () => setDialog({ kind: 'delete-attribute', attribute: dialog.attribute! }) : undefined}
          onClose={() => setDialog(undefined)}
        />
      )}
      {dialog?.kind === 'delete-attribute' && (
        <ConfirmDialog
          title="Delete attribute"
          danger
          message={`Delete “${dialog.attribute.name}” and its ${plural(valueRows.filter((v) => v.attributeId === dialog.attribute.id).length, 'value')}?`}
          confirmLabel="Delete attribute"
          onConfirm={() => {
            const attribute = dialog.attribute;
            setDialog(undefined);
            void run(deleteAttribute(attribute), `Deleted attribute “${attribute.name}”`, true);
          }}
          onClose={() => setDialog(undefined)}
        />
      )}
      {dialog?.kind === 'delete-case' && (
        <DeleteCaseDialog
          record={dialog.record}
          values={valueRows.filter((v) => v.ownerId === dialog.record.id).length}
          documents={documentsByCase.get(dialog.record.id)?.length ?? 0}
          onConfirm={() => {
            const record = dialog.record;
            setDialog(undefined);
            void run(deleteCase(record), `Deleted participant “${record.name}”`, true);
          }}
          onClose={() => setDialog(undefined)}
        />
      )}
      {dialog?.kind === 'link' && (
        <LinkDocumentsDialog
          caseRecord={dialog.record}
          documents={documents}
          caseName={caseName}
          onSave={async (ids) => {
            if (await run(setCaseDocuments(dialog.record, ids))) setDialog(undefined);
          }}
          onClose={() => setDialog(undefined)}
        />
      )}
      {sheet && (
        <SheetImportDialog file={sheet} cases={cases} attributes={attributes} documents={documents} onImport={importSheet} onClose={() => setSheet(undefined)} />
      )}
    </div>
  );
}

function DeleteCaseDialog(props: { record: CaseRecord; values: number; documents: number; onConfirm: () => void; onClose: () => void }) {
  const { db } = useProjectSession();
  const memos = useLiveQuery(() => db.memos.where('[targetType+targetId]').equals(['case', props.record.id]).count(), [db, props.record.id]);
  const parts = [plural(props.values, 'attribute value'), ...(memos ? [plural(memos, 'memo')] : [])];
  return (
    <ConfirmDialog
      title="Delete participant"
      danger
      message={
        <>
          Delete “{props.record.name}” with their {parts.join(' and ')}?
          {props.documents === 1 && ' Their document stays in the project, no longer linked to anyone.'}
          {props.documents > 1 && ` Their ${props.documents} documents stay in the project, no longer linked to anyone.`}
        </>
      }
      confirmLabel="Delete participant"
      onConfirm={props.onConfirm}
      onClose={props.onClose}
    />
  );
}
