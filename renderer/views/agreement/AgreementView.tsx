import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import { AGREEMENT_UNITS, type CoderComparison } from '../../../shared/agreement/index';
import type { CoderRecord, Id } from '../../../shared/model/types';
import { toCsvBytes, toXlsxWorkbook } from '../../../shared/query/tables';
import { useProjectSession } from '../../app/project-session';
import { useAgreementUi, type AgreementPane } from '../../agreement/agreement-ui';
import { defaultCoders, formatCount, UNIT_WORDS } from '../../agreement/format';
import { groupPassages, passagesPerCode } from '../../agreement/passages';
import { reportFileName, reportSheets, reportTable, resolutionsTable, type ReportInput } from '../../agreement/report';
import type { ResolutionRecord } from '../../agreement/resolution-record';
import { catalogue } from '../../db/catalogue';
import { useUi } from '../../state/ui-store';
import { AgreementTable, LeftOutList, MethodNotes } from './AgreementTable';
import { ChecklistPicker } from './ChecklistPicker';
import { DisagreementNavigator } from './DisagreementNavigator';
import { ResolutionsList } from './ResolutionsList';
import { RatingsAgreement } from './RatingsAgreement';
import { useAgreementData, useComparison, useDataVersion } from './use-agreement';
import '../../styles/agreement.css';
import { saveExport } from '../../protect/export-guard';

const PANES: { id: AgreementPane; label: string }[] = [
  { id: 'table', label: 'Agreement by code' },
  { id: 'disagreements', label: 'Disagreements' },
  { id: 'resolutions', label: 'Resolutions' },
  { id: 'ratings', label: 'Ratings' },
];

type ExportFormat = 'csv' | 'xlsx' | 'docx';

/**
 * Inter-coder agreement: choose coders, codes, documents and the unit; read agreement by code with the counts behind
 * every figure; step through the passages where two coders differ and settle each; export the report.
 */
export function AgreementView() {
  const session = useProjectSession();
  const { db, projectId } = session;
  const notify = useUi((s) => s.notify);
  const ui = useAgreementUi();
  const forProject = useAgreementUi((s) => s.forProject);
  useEffect(() => forProject(projectId), [forProject, projectId]);

  const project = useLiveQuery(() => catalogue.projects.get(projectId), [projectId]);
  const data = useAgreementData(db);
  const version = useDataVersion(db);

  const known = useMemo(() => new Map((data?.coders ?? []).map((c) => [c.id, c])), [data?.coders]);
  const coderIds = useMemo(() => {
    const chosen = ui.coderIds ?? defaultCoders(data?.coders ?? []);
    return chosen.filter((id) => known.has(id));
  }, [ui.coderIds, data?.coders, known]);
  const pair = useMemo((): [Id, Id] | undefined => {
    if (ui.pair && coderIds.includes(ui.pair[0]) && coderIds.includes(ui.pair[1]) && ui.pair[0] !== ui.pair[1]) return ui.pair;
    return coderIds.length >= 2 ? [coderIds[0]!, coderIds[1]!] : undefined;
  }, [ui.pair, coderIds]);

  const state = useComparison({
    project: project ?? undefined,
    coderIds,
    unit: ui.unit,
    codeIds: ui.codeIds,
    documentIds: ui.documentIds,
    pair,
    version,
  });
  const comparison = state.result?.comparison;
  const items = useMemo(() => groupPassages(state.result?.disagreements ?? []), [state.result]);
  const perCode = useMemo(() => passagesPerCode(items), [items]);
  const navItems = useMemo(() => (ui.navigatorCode ? items.filter((i) => i.codeId === ui.navigatorCode) : items), [items, ui.navigatorCode]);
  const codeColors = useMemo(() => new Map((data?.codes ?? []).map((c) => [c.id, c.color])), [data?.codes]);
  const documentNames = useMemo(() => new Map((data?.documents ?? []).map((d) => [d.id, d.name])), [data?.documents]);
  const shownPair = comparison && pair && comparison.coders.some((c) => c.id === pair[0]) ? pair : undefined;

  if (!data || version === undefined) return <main className="agreement-view" aria-label="Inter-coder agreement" />;

  const codersWithWork = data.coders.filter((c) => c.codings > 0);
  if (codersWithWork.length < 2) {
    return (
      <main className="agreement-view" aria-label="Inter-coder agreement">
        <div className="agr-intro">
          <h2>Compare coders</h2>
          <p>
            Agreement needs the work of at least two coders in this project{codersWithWork.length === 1 ? `; so far only ${codersWithWork[0]!.name} has coded` : ''}.
          </p>
          <p className="hint">
            Each coder codes the same transcripts on their own computer, ideally with blind coding on (under Show codings in the Coding view). Bring their work
            together by merging their project files; the coders then appear here, and you can compare them code by code and talk through each passage where
            they differ.
          </p>
        </div>
        <div className="agr-page">
          <RatingsAgreement />
        </div>
      </main>
    );
  }

  const setPane = (pane: AgreementPane) => ui.set({ pane });
  const openDisagreements = (codeId: Id | undefined) => ui.set({ pane: 'disagreements', navigatorCode: codeId, position: { index: 0 } });
  const codesChosen = ui.codeIds === undefined ? `all codes applied in the compared documents (${comparison?.codes.length ?? 0})` : `${ui.codeIds.length} of ${data.codes.length} codes`;
  const documentsChosen = ui.documentIds === undefined ? `all ${data.documents.length} documents` : `${ui.documentIds.length} of ${data.documents.length} documents`;

  return (
    <main className="agreement-view" aria-label="Inter-coder agreement">
      <section className="agr-setup" aria-label="What to compare">
        <div className="agr-setup-group" role="group" aria-labelledby="agr-coders-label">
          <span className="agr-setup-label" id="agr-coders-label">
            Coders
          </span>
          <div className="agr-coder-chips">
            {data.coders.map((coder) => {
              const checked = coderIds.includes(coder.id);
              return (
                <label key={coder.id} className={checked ? 'agr-coder-chip checked' : 'agr-coder-chip'} title={`${formatCount(coder.codings)} codings`}>
                  <input
                    type="checkbox"
                    checked={checked}
                    disabled={coder.codings === 0}
                    onChange={(e) =>
                      ui.set({ coderIds: e.target.checked ? [...coderIds, coder.id] : coderIds.filter((id) => id !== coder.id), position: { index: 0 } })
                    }
                  />
                  <span className="coder-dot small" style={{ background: coder.color }} aria-hidden="true">
                    {coder.initials}
                  </span>
                  <span>{coder.name}</span>
                  <span className="agr-chip-count" aria-label={`${coder.codings} codings`}>
                    {formatCount(coder.codings)}
                  </span>
                </label>
              );
            })}
          </div>
        </div>
        <div className="agr-setup-group" role="radiogroup" aria-labelledby="agr-unit-label">
          <span className="agr-setup-label" id="agr-unit-label">
            Unit
          </span>
          <div className="agr-segmented">
            {AGREEMENT_UNITS.map((unit) => (
              <label key={unit} className={ui.unit === unit ? 'selected' : ''}>
                <input type="radio" name="agr-unit" value={unit} checked={ui.unit === unit} onChange={() => ui.set({ unit })} />
                {UNIT_WORDS[unit].label}
              </label>
            ))}
          </div>
        </div>
        <ChecklistPicker
          label="Codes"
          noun="codes"
          items={data.codes.map((c) => ({ id: c.id, name: c.name, depth: c.depth, color: c.color }))}
          selected={ui.codeIds}
          onChange={(codeIds) => ui.set({ codeIds, navigatorCode: undefined, position: { index: 0 } })}
        />
        <ChecklistPicker
          label="Documents"
          noun="documents"
          items={data.documents.map((d) => ({ id: d.id, name: d.name }))}
          selected={ui.documentIds}
          onChange={(documentIds) => ui.set({ documentIds, position: { index: 0 } })}
        />
        <div className="agr-setup-end">
          <Status running={state.running} progress={state.progress} comparison={comparison} elapsed={state.result?.elapsed} />
          <ExportMenu
            disabled={!comparison || !state.current}
            onExport={(format) =>
              comparison &&
              void exportReport(format, {
                projectName: project?.name ?? 'Project',
                comparison,
                resolutions: data.resolutions,
                codesChosen,
                documentsChosen,
                generatedAt: Date.now(),
              }).catch((error: Error) => notify(`Could not export the report: ${error.message}`, { kind: 'error' }))
            }
          />
        </div>
      </section>

      {coderIds.length < 2 ? (
        <div className="agr-intro">
          <h2>Choose two or more coders</h2>
          <p className="hint">Tick at least two coders above to compare them.</p>
          <RatingsAgreement />
        </div>
      ) : state.error && !comparison ? (
        <div className="agr-intro" role="alert">
          <h2>The comparison could not be made</h2>
          <p>{state.error}</p>
        </div>
      ) : !comparison ? (
        <div className="agr-intro agr-first-run">
          <ProgressBlock progress={state.progress} />
        </div>
      ) : (
        <>
          <div className="agr-panes" role="tablist" aria-label="Agreement views">
            {PANES.map((pane) => (
              <button
                key={pane.id}
                type="button"
                role="tab"
                id={`agr-tab-${pane.id}`}
                aria-controls={`agr-panel-${pane.id}`}
                aria-selected={ui.pane === pane.id}
                className={ui.pane === pane.id ? 'agr-pane-tab selected' : 'agr-pane-tab'}
                onClick={() => setPane(pane.id)}
              >
                {pane.label}
                {pane.id === 'disagreements' && <span className="agr-tab-count">{items.length}</span>}
                {pane.id === 'resolutions' && <span className="agr-tab-count">{data.resolutions.length}</span>}
              </button>
            ))}
            {state.error && (
              <span className="agr-error" role="alert">
                {state.error}
              </span>
            )}
          </div>
          <div key={ui.pane} className={`agr-panel agr-panel-${ui.pane}${state.current ? '' : ' agr-updating'}`} role="tabpanel" id={`agr-panel-${ui.pane}`} aria-labelledby={`agr-tab-${ui.pane}`}>
            {ui.pane === 'ratings' && (
              <div className="agr-page">
                <RatingsAgreement />
              </div>
            )}
            {ui.pane === 'table' && (
              <div className="agr-page">
                <Summary comparison={comparison} documentCount={data.documents.length} />
                <AgreementTable
                  comparison={comparison}
                  codeColors={codeColors}
                  documentNames={documentNames}
                  disagreements={perCode}
                  pairNames={pairNames(comparison, shownPair)}
                  onOpenDisagreements={openDisagreements}
                />
                {comparison.warnings.length > 0 && (
                  <section className="agr-section" aria-labelledby="agr-warnings">
                    <h3 id="agr-warnings">Warnings</h3>
                    <ul>
                      {comparison.warnings.map((w) => (
                        <li key={w}>{w}</li>
                      ))}
                    </ul>
                  </section>
                )}
                <section className="agr-section" aria-labelledby="agr-left-out">
                  <h3 id="agr-left-out">Documents left out ({comparison.leftOut.length})</h3>
                  <LeftOutList comparison={comparison} />
                </section>
                <section className="agr-section" aria-labelledby="agr-method">
                  <h3 id="agr-method">Method</h3>
                  <MethodNotes comparison={comparison} />
                  <ul className="agr-references">
                    {comparison.references.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                </section>
              </div>
            )}
            {ui.pane === 'disagreements' && shownPair && (
              <>
                {coderIds.length > 2 && <PairChooser coderIds={coderIds} coders={known} pair={shownPair} />}
                <DisagreementNavigator
                  items={navItems}
                  allCount={items.length}
                  comparison={comparison}
                  pair={shownPair}
                  coders={known}
                  codes={data.codes.map((c) => ({ id: c.id, path: comparison.codes.find((x) => x.codeId === c.id)?.code ?? c.name, color: c.color, count: perCode.get(c.id) ?? 0 }))}
                  documentNames={documentNames}
                  resolutions={data.resolutions}
                  current={state.current}
                />
              </>
            )}
            {ui.pane === 'resolutions' && (
              <ResolutionsList
                resolutions={data.resolutions}
                onExport={() => void exportResolutions(project?.name ?? 'Project', data.resolutions).catch((error: Error) => notify(error.message, { kind: 'error' }))}
              />
            )}
          </div>
        </>
      )}
    </main>
  );
}

function pairNames(comparison: CoderComparison, pair: [Id, Id] | undefined): [string, string] {
  const name = (id: Id | undefined) => comparison.coders.find((c) => c.id === id)?.name ?? 'the first coder';
  return [name(pair?.[0]), name(pair?.[1])];
}

function Summary({ comparison, documentCount }: { comparison: CoderComparison; documentCount: number }) {
  const names = comparison.coders.map((c) => c.name);
  const who = names.length === 2 ? `${names[0]} and ${names[1]}` : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return (
    <p className="agr-summary">
      <strong>{who}</strong> over {comparison.documents.length} of {documentCount} documents ({comparison.documents.length === 0 ? 'none coded by two of them' : 'those coded by at least two of them'}
      ), {comparison.codes.length} {comparison.codes.length === 1 ? 'code' : 'codes'}, {UNIT_WORDS[comparison.unit].many} as units.
      {names.length > 2 && ' Percentage agreement and kappa are means over coder pairs; alpha takes all coders at once.'}
    </p>
  );
}

function ProgressBlock({ progress }: { progress?: { step: number; steps: number; label: string } }) {
  return (
    <div className="agr-progress" role="status" aria-live="polite">
      <p>{progress ? `${progress.label}…` : 'Preparing the comparison…'}</p>
      <progress max={progress?.steps ?? 3} value={progress ? progress.step - 0.5 : 0} aria-label="Comparison progress" />
    </div>
  );
}

function Status(props: { running: boolean; progress?: { step: number; steps: number; label: string }; comparison?: CoderComparison; elapsed?: number }) {
  if (props.running) {
    return (
      <span className="agr-status running" role="status" aria-live="polite">
        <span className="agr-spinner" aria-hidden="true" />
        {props.progress ? `${props.progress.label}…` : 'Updating…'}
      </span>
    );
  }
  if (!props.comparison) return null;
  return (
    <span className="agr-status" role="status" title={props.elapsed !== undefined ? `Computed in ${Math.round(props.elapsed)} ms` : undefined}>
      Up to date
    </span>
  );
}

function PairChooser({ coderIds, coders, pair }: { coderIds: Id[]; coders: Map<Id, CoderRecord>; pair: [Id, Id] }) {
  const set = useAgreementUi((s) => s.set);
  const choose = (which: 0 | 1, id: Id) => {
    const next: [Id, Id] = [...pair];
    next[which] = id;
    if (next[0] === next[1]) next[1 - which] = pair[which];
    set({ pair: next, position: { index: 0 } });
  };
  return (
    <div className="agr-pair">
      <span className="hint">Disagreements between</span>
      {([0, 1] as const).map((which) => (
        <select key={which} aria-label={which === 0 ? 'Coder A' : 'Coder B'} value={pair[which]} onChange={(e) => choose(which, e.target.value)}>
          {coderIds.map((id) => (
            <option key={id} value={id}>
              {which === 0 ? 'A: ' : 'B: '}
              {coders.get(id)?.name ?? id}
            </option>
          ))}
        </select>
      ))}
    </div>
  );
}

function ExportMenu({ disabled, onExport }: { disabled: boolean; onExport: (format: ExportFormat) => void }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (event: MouseEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', onDown);
    return () => window.removeEventListener('mousedown', onDown);
  }, [open]);
  const choose = (format: ExportFormat) => {
    setOpen(false);
    onExport(format);
  };
  return (
    <div className="agr-export" ref={root} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
      <button type="button" aria-haspopup="menu" aria-expanded={open} disabled={disabled} onClick={() => setOpen(!open)}>
        Export report <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div className="agr-export-menu" role="menu" aria-label="Export the agreement report">
          <button type="button" role="menuitem" autoFocus onClick={() => choose('docx')}>
            Word document (.docx)
          </button>
          <button type="button" role="menuitem" onClick={() => choose('xlsx')}>
            Excel workbook (.xlsx)
          </button>
          <button type="button" role="menuitem" onClick={() => choose('csv')}>
            CSV table (.csv)
          </button>
        </div>
      )}
    </div>
  );
}

const FILTERS: Record<ExportFormat, { name: string; extensions: string[] }> = {
  csv: { name: 'CSV table', extensions: ['csv'] },
  xlsx: { name: 'Excel workbook', extensions: ['xlsx'] },
  docx: { name: 'Word document', extensions: ['docx'] },
};

async function exportReport(format: ExportFormat, input: ReportInput): Promise<void> {
  let bytes: Uint8Array;
  if (format === 'csv') bytes = toCsvBytes(reportTable(input), { bom: true, guardFormulas: true });
  else if (format === 'xlsx') bytes = await toXlsxWorkbook(reportSheets(input));
  else {
    // The Word writer is large: loaded only when a report is saved.
    const { agreementReportDocx } = await import('../../agreement/report-docx');
    bytes = await agreementReportDocx(input);
  }
  const saved = await saveExport({
    title: 'Export the agreement report',
    suggestedName: reportFileName(input.projectName, format, input.generatedAt),
    filters: [FILTERS[format]],
    bytes,
  });
  if (saved) useUi.getState().notify(`Saved the agreement report (${FILTERS[format].name}).`);
}

async function exportResolutions(projectName: string, resolutions: readonly ResolutionRecord[]): Promise<void> {
  const bytes = toCsvBytes(resolutionsTable(resolutions), { bom: true, guardFormulas: true });
  const saved = await saveExport({
    title: 'Export the resolutions',
    suggestedName: reportFileName(projectName, 'csv', Date.now()).replace(' - agreement ', ' - resolutions '),
    filters: [FILTERS.csv],
    bytes,
  });
  if (saved) useUi.getState().notify('Resolutions saved as a CSV table.');
}
