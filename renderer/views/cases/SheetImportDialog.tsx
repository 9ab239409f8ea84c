import { Fragment, useEffect, useMemo, useState } from 'react';
import { proposeParticipants, type ParticipantProposal, type SheetTable } from '../../../shared/import/participants';
import type { AttributeDefinition, AttributeType, CaseRecord, DocumentRecord, Id } from '../../../shared/model/types';
import { Dialog } from '../../components/Dialog';
import { ATTRIBUTE_TYPE_NAMES, displayValue } from '../../commands/case-commands';
import { readSheetInWorker } from '../../import/import-client';
import { ENCODING_CHOICES } from '../../import/preview';
import {
  checkedColumn,
  choiceForType,
  columnValues,
  existingAttribute,
  initialChoices,
  planParticipantImport,
  suggestLinks,
  type ColumnChoice,
  type ColumnUse,
  type LinkChoice,
  type SheetPlan,
} from './sheet-import';

const TYPES: AttributeType[] = ['text', 'number', 'date', 'category', 'scale'];
const KEEP = '\u0000keep';
const PREVIEW_ROWS = 8;

/**
 * The participant sheet preview: the id column, what each column becomes (attribute with its type and values,
 * description, or left out), which documents belong to whom (by a name pattern or by hand), and a summary. Import
 * applies all of it as one command.
 */
export function SheetImportDialog(props: {
  file: { name: string; bytes: Uint8Array };
  cases: CaseRecord[];
  attributes: AttributeDefinition[];
  documents: DocumentRecord[];
  onImport: (plan: SheetPlan) => Promise<boolean>;
  onClose: () => void;
}) {
  const { file, attributes, documents } = props;
  const isCsv = !/\.xlsx$/i.test(file.name);
  const [encoding, setEncoding] = useState<string>();
  const [table, setTable] = useState<SheetTable>();
  const [readError, setReadError] = useState<string>();
  const [idColumn, setIdColumn] = useState<string>();
  const [choices, setChoices] = useState<ColumnChoice[]>([]);
  const [pattern, setPattern] = useState('');
  const [manualLinks, setManualLinks] = useState<Record<Id, LinkChoice>>({});
  const [openOptions, setOpenOptions] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    setReadError(undefined);
    readSheetInWorker(file.name, file.bytes, encoding).then(
      (sheet) => live && setTable(sheet),
      (error: Error) => live && setReadError(error.message),
    );
    return () => {
      live = false;
    };
  }, [file, encoding]);

  const proposal = useMemo<ParticipantProposal | undefined>(() => {
    if (!table) return undefined;
    try {
      return proposeParticipants(table, idColumn ? { idColumn } : {});
    } catch {
      return proposeParticipants(table);
    }
  }, [table, idColumn]);

  // A new reading of the sheet (or another id column) starts the choices afresh; nothing else resets them.
  const [choicesFor, setChoicesFor] = useState<ParticipantProposal>();
  if (proposal && proposal !== choicesFor) {
    setChoicesFor(proposal);
    setChoices(initialChoices(proposal, attributes));
    setManualLinks({});
  }

  const participantIds = useMemo(() => (proposal ? [...new Set(proposal.participants.map((p) => p.id).filter((id) => id !== ''))] : []), [proposal]);
  const suggestion = useMemo(() => suggestLinks(participantIds, documents, pattern), [participantIds, documents, pattern]);
  const links = useMemo(() => ({ ...suggestion.links, ...manualLinks }), [suggestion, manualLinks]);

  const planned = useMemo((): { plan?: SheetPlan; error?: string } => {
    if (!proposal || choices.length !== proposal.attributes.length) return {};
    try {
      return { plan: planParticipantImport({ fileName: file.name, proposal, choices, links }, { cases: props.cases, attributes, documents }) };
    } catch (error) {
      return { error: (error as Error).message };
    }
  }, [proposal, choices, links, file.name, props.cases, attributes, documents]);

  const setChoice = (index: number, change: (c: ColumnChoice) => ColumnChoice) => setChoices(choices.map((c, i) => (i === index ? change(c) : c)));
  const caseName = (id: Id | undefined) => (id ? props.cases.find((c) => c.id === id)?.name : undefined);
  const linkedCount = documents.filter((d) => {
    const l = links[d.id];
    return l !== '' && (l !== null && l !== undefined ? true : d.caseId !== undefined);
  }).length;

  const submit = async () => {
    if (!planned.plan) return;
    setBusy(true);
    const ok = await props.onImport(planned.plan);
    setBusy(false);
    if (ok) props.onClose();
  };

  const count = planned.plan ? planned.plan.newCases + planned.plan.updatedCases : 0;
  return (
    <Dialog
      title={`Import participant sheet “${file.name}”`}
      onClose={props.onClose}
      footer={
        <>
          <p className="preview-footnote">Empty cells leave existing values as they are. Undo takes the whole import back.</p>
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={!planned.plan || count === 0 || busy} onClick={() => void submit()}>
            {count === 1 ? 'Import 1 participant' : `Import ${count} participants`}
          </button>
        </>
      }
    >
      <div className="sheet-import">
        {readError ? (
          <p className="preview-error" role="alert">
            {readError}
          </p>
        ) : !table || !proposal ? (
          <p className="muted">Reading the sheet…</p>
        ) : (
          <>
            <div className="preview-controls">
              <p className="muted sheet-size">
                {table.rows.length} {table.rows.length === 1 ? 'row' : 'rows'} · {table.headers.length} columns
              </p>
              <label className="preview-control">
                <span>Participant id column</span>
                <select aria-label="Participant id column" value={proposal.idColumn} onChange={(e) => setIdColumn(e.target.value)}>
                  {table.headers.map((h) => (
                    <option key={h} value={h}>
                      {h}
                    </option>
                  ))}
                </select>
              </label>
              {isCsv && (
                <label className="preview-control">
                  <span>Encoding</span>
                  <select aria-label="Sheet encoding" value={encoding ?? ''} onChange={(e) => setEncoding(e.target.value || undefined)}>
                    <option value="">Detected</option>
                    {ENCODING_CHOICES.map((c) => (
                      <option key={c.value} value={c.value}>
                        {c.label}
                      </option>
                    ))}
                  </select>
                </label>
              )}
            </div>
            {proposal.warnings.length > 0 && (
              <ul className="preview-warnings" aria-label="Notes on this sheet">
                {proposal.warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            )}

            <h4 className="preview-section-title">Columns</h4>
            <table className="sheet-columns">
              <thead>
                <tr>
                  <th scope="col">Column</th>
                  <th scope="col">Becomes</th>
                  <th scope="col">Attribute name</th>
                  <th scope="col">Type</th>
                  <th scope="col">Values</th>
                </tr>
              </thead>
              <tbody>
                {choices.map((choice, index) => {
                  const values = columnValues(proposal, choice.header);
                  const existing = choice.use === 'attribute' ? existingAttribute(choice.name, attributes) : undefined;
                  const misfits = choice.use === 'attribute' ? checkedColumn(proposal, choice).filter((c) => c.error).length : 0;
                  const samples = [...new Set(values.filter((v) => v !== ''))].slice(0, 3);
                  const hasOptions = choice.use === 'attribute' && (choice.type === 'category' || choice.type === 'scale');
                  return (
                    <Fragment key={choice.header}>
                      <tr className={choice.use === 'skip' ? 'skipped' : ''}>
                        <th scope="row">
                          <span className="sheet-header">{choice.header}</span>
                          <span className="sheet-samples muted">{samples.join(' · ') || 'empty'}</span>
                        </th>
                        <td>
                          <select
                            aria-label={`Use of ${choice.header}`}
                            value={choice.use}
                            onChange={(e) => setChoice(index, (c) => ({ ...c, use: e.target.value as ColumnUse }))}
                          >
                            <option value="attribute">Attribute</option>
                            <option value="description">Description</option>
                            <option value="skip">Leave out</option>
                          </select>
                        </td>
                        <td>
                          {choice.use === 'attribute' && (
                            <>
                              <input
                                aria-label={`Attribute name for ${choice.header}`}
                                value={choice.name}
                                onChange={(e) => {
                                  const name = e.target.value;
                                  setChoice(index, (c) => {
                                    const renamed = { ...c, name };
                                    // Joining an existing attribute takes its type; leaving one keeps the sheet's.
                                    return existingAttribute(name, attributes) || existingAttribute(c.name, attributes)
                                      ? choiceForType(renamed, proposal.attributes[index]!.type, values, attributes)
                                      : renamed;
                                  });
                                }}
                              />
                              {existing && <span className="badge-existing">existing</span>}
                            </>
                          )}
                        </td>
                        <td>
                          {choice.use === 'attribute' && (
                            <select
                              aria-label={`Type of ${choice.header}`}
                              value={choice.type}
                              disabled={existing !== undefined}
                              title={existing ? `The existing attribute ${existing.name} keeps its type` : undefined}
                              onChange={(e) => setChoice(index, (c) => choiceForType(c, e.target.value as AttributeType, values, attributes))}
                            >
                              {TYPES.map((t) => (
                                <option key={t} value={t}>
                                  {ATTRIBUTE_TYPE_NAMES[t]}
                                </option>
                              ))}
                            </select>
                          )}
                        </td>
                        <td className="sheet-values">
                          {hasOptions && (
                            <button
                              type="button"
                              className="link-button options-toggle"
                              aria-expanded={openOptions === choice.header}
                              aria-label={`Values of ${choice.header}: ${choice.options.join(', ')}`}
                              onClick={() => setOpenOptions(openOptions === choice.header ? undefined : choice.header)}
                            >
                              {choice.options.length <= 3 ? choice.options.join(' · ') : `${choice.options.slice(0, 2).join(' · ')} … ${choice.options.at(-1)}`}
                            </button>
                          )}
                          {misfits > 0 && (
                            <span className="misfit">
                              {misfits} {misfits === 1 ? 'value does' : 'values do'} not fit
                            </span>
                          )}
                        </td>
                      </tr>
                      {hasOptions && openOptions === choice.header && (
                        <tr className="options-row">
                          <td colSpan={5}>
                            <label className="field">
                              <span>
                                {choice.type === 'scale' ? 'Values of the scale, best first, one per line' : 'Values, one per line'}
                                {existing ? ` (existing values of ${existing.name} stay)` : ''}
                              </span>
                              <textarea
                                rows={Math.min(8, Math.max(3, choice.options.length + 1))}
                                value={choice.options.join('\n')}
                                onChange={(e) => setChoice(index, (c) => ({ ...c, options: e.target.value.split('\n') }))}
                              />
                            </label>
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>

            <h4 className="preview-section-title">Participants</h4>
            <ParticipantPreview proposal={proposal} choices={choices} />

            <h4 className="preview-section-title">Documents</h4>
            {documents.length === 0 ? (
              <p className="muted">The project has no documents yet; link them to participants once they are imported.</p>
            ) : (
              <>
                <div className="preview-controls">
                  <label className="preview-control grow">
                    <span>Match document names</span>
                    <input
                      aria-label="Document name pattern"
                      placeholder="the participant id anywhere in the name (P07 matches “P07 interview”)"
                      value={pattern}
                      onChange={(e) => setPattern(e.target.value)}
                    />
                  </label>
                  <p className="muted link-count" role="status">
                    {linkedCount} of {documents.length} documents linked
                  </p>
                </div>
                <p className="hint pattern-hint">
                  A pattern uses <code>{'{id}'}</code> for the participant id and <code>*</code> for any text, e.g. <code>{'Interview {id}*'}</code>. Choose by hand below.
                </p>
                <div className="sheet-documents">
                  <table className="sheet-links">
                    <tbody>
                      {documents.map((d) => {
                        const choice = links[d.id] ?? null;
                        const current = caseName(d.caseId);
                        const ambiguous = suggestion.ambiguous[d.id];
                        return (
                          <tr key={d.id}>
                            <th scope="row">{d.name}</th>
                            <td>
                              <select
                                aria-label={`Participant for ${d.name}`}
                                value={choice === null ? KEEP : choice}
                                onChange={(e) => setManualLinks({ ...manualLinks, [d.id]: e.target.value === KEEP ? null : e.target.value })}
                              >
                                <option value={KEEP}>{current ? `Keep ${current}` : 'Not linked'}</option>
                                {current && <option value="">Not linked</option>}
                                {participantIds.map((id) => (
                                  <option key={id} value={id}>
                                    {id}
                                  </option>
                                ))}
                              </select>
                            </td>
                            <td className="muted">{ambiguous ? `fits ${ambiguous.join(' and ')}: choose one` : ''}</td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              </>
            )}

            <h4 className="preview-section-title">Summary</h4>
            {planned.error ? (
              <p className="preview-error" role="alert">
                {planned.error}
              </p>
            ) : planned.plan ? (
              <Summary plan={planned.plan} />
            ) : null}
          </>
        )}
      </div>
    </Dialog>
  );
}

function ParticipantPreview({ proposal, choices }: { proposal: ParticipantProposal; choices: ColumnChoice[] }) {
  const used = choices.filter((c) => c.use !== 'skip');
  const checked = used.map((c) => checkedColumn(proposal, c));
  const rows = proposal.participants.slice(0, PREVIEW_ROWS);
  return (
    <div className="sheet-preview-scroll">
      <table className="sheet-preview" aria-label="Participants as they will be stored">
        <thead>
          <tr>
            <th scope="col">{proposal.idColumn}</th>
            {used.map((c) => (
              <th key={c.header} scope="col">
                {c.use === 'description' ? 'Description' : c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((p, r) => (
            <tr key={r}>
              <th scope="row">{p.id || <span className="misfit">no id</span>}</th>
              {used.map((c, k) => {
                const cell = checked[k]![r]!;
                return (
                  <td key={c.header} className={cell.error ? 'misfit' : undefined} title={cell.error}>
                    {cell.error ? cell.value : c.use === 'attribute' ? displayValue(cell.value, c) : cell.value}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {proposal.participants.length > PREVIEW_ROWS && <p className="muted preview-more">… and {proposal.participants.length - PREVIEW_ROWS} more</p>}
    </div>
  );
}

function Summary({ plan }: { plan: SheetPlan }) {
  const links = plan.documentCases.length;
  return (
    <div className="sheet-summary">
      <ul>
        <li>
          {plan.newCases} new {plan.newCases === 1 ? 'participant' : 'participants'}
          {plan.updatedCases > 0 ? `, ${plan.updatedCases} already in the project updated` : ''}
        </li>
        <li>
          {plan.values.length} {plan.values.length === 1 ? 'value' : 'values'}
          {plan.newAttributes > 0 ? ` in ${plan.newAttributes} new ${plan.newAttributes === 1 ? 'attribute' : 'attributes'}` : ''}
        </li>
        <li>
          {links} {links === 1 ? 'document' : 'documents'} {links === 1 ? 'changes' : 'change'} participant
        </li>
      </ul>
      {plan.problems.length > 0 && (
        <ul className="preview-warnings" aria-label="Values left out">
          {plan.problems.slice(0, 5).map((p, i) => (
            <li key={i}>{p.message}</li>
          ))}
          {plan.problems.length > 5 && <li>… and {plan.problems.length - 5} more</li>}
        </ul>
      )}
    </div>
  );
}
