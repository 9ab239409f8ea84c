import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import type { AgreementUnit } from '../../../shared/agreement/index';
import type { Id, ProjectInfo } from '../../../shared/model/types';
import { useProjectSession } from '../../app/project-session';
import { catalogue } from '../../db/catalogue';
import { useUi } from '../../state/ui-store';
import type { ChosenQuotes, ReportFormat, ReportInput, ReportOutput, ReportSettings, SectionCandidates, WriteupResult } from '../../writeup/protocol';
import { longDate, readSettings, toggleQuote, writeupFileName } from '../../writeup/settings';
import { setChosenQuotes } from '../../writeup/writeup-commands';
import { runWriteup } from '../../writeup/writeup-client';
import { useWriteupUi, type WriteupPane } from '../../writeup/writeup-ui';
import { ChartsPanel, Status } from './ChartsPanel';
import { ExportsPanel } from './ExportsPanel';
import { ReportOptions } from './ReportOptions';
import { ReportPreview } from './ReportPreview';
import { useDataVersion, useJobs, useWorkerValue, useWriteupData, type WriteupData } from './use-writeup';
import '../../styles/writeup.css';
import { saveExport } from '../../protect/export-guard';

const PANES: { id: WriteupPane; label: string }[] = [
  { id: 'report', label: 'Findings report' },
  { id: 'charts', label: 'Charts' },
  { id: 'exports', label: 'Data exports' },
];

/**
 * Phase 6, the write-up: the findings report with its options and a live preview (choose the quotes in it), saved
 * as Word, Markdown or HTML; the report's charts as pictures; and the project's data as files.
 */
export function WriteupView() {
  const { db, projectId } = useProjectSession();
  const project = useLiveQuery(() => catalogue.projects.get(projectId), [projectId]);
  const data = useWriteupData(db);
  const version = useDataVersion(db);
  const pane = useWriteupUi((s) => s.pane);
  const setPane = useWriteupUi((s) => s.setPane);
  const stored = useWriteupUi((s) => s.settings[projectId]);
  const settings = useMemo(() => readSettings(stored), [stored]);
  const agreement = useWriteupUi((s) => s.agreement[projectId]);
  // The subtitle's date is the day the view opened, so the preview does not change at midnight while read.
  const [today] = useState(() => longDate(Date.now()));

  const input = useMemo((): ReportInput | undefined => {
    if (!data) return undefined;
    return {
      settings,
      chosen: data.chosen,
      agreement: settings.agreement && agreement ? agreement.summary.figures : undefined,
      subtitle: `Findings · ${today}`,
    };
  }, [data, settings, agreement, today]);

  if (!project || !data || version === undefined || !input) {
    return <main className="writeup-view" aria-label="Write-up" aria-busy="true" />;
  }

  const onKey = (event: React.KeyboardEvent) => {
    const i = PANES.findIndex((p) => p.id === pane);
    const next = event.key === 'ArrowRight' ? PANES[(i + 1) % PANES.length] : event.key === 'ArrowLeft' ? PANES[(i + PANES.length - 1) % PANES.length] : undefined;
    if (next) {
      event.preventDefault();
      setPane(next.id);
      document.getElementById(`wu-tab-${next.id}`)?.focus();
    }
  };

  return (
    <main className="writeup-view" aria-label="Write-up">
      <div className="wu-tabs" role="tablist" aria-label="Write-up" onKeyDown={onKey}>
        {PANES.map((p) => (
          <button
            key={p.id}
            id={`wu-tab-${p.id}`}
            type="button"
            role="tab"
            aria-selected={pane === p.id}
            aria-controls={`wu-panel-${p.id}`}
            tabIndex={pane === p.id ? 0 : -1}
            className={pane === p.id ? 'wu-tab selected' : 'wu-tab'}
            onClick={() => setPane(p.id)}
          >
            {p.label}
          </button>
        ))}
      </div>
      <div className="wu-panel" role="tabpanel" id={`wu-panel-${pane}`} aria-labelledby={`wu-tab-${pane}`}>
        {pane === 'report' && <ReportPane project={project} version={version} data={data} settings={settings} input={input} />}
        {pane === 'charts' && <ChartsPanel project={project} version={version} input={input} />}
        {pane === 'exports' && <ExportsPanel project={project} version={version} data={data} />}
      </div>
    </main>
  );
}

const pickReport = (result: WriteupResult): ReportOutput | undefined => (result.kind === 'report' ? result.output : undefined);

const FORMATS: Record<ReportFormat, { label: string; filter: string; extension: string }> = {
  docx: { label: 'Word', filter: 'Word document', extension: 'docx' },
  md: { label: 'Markdown', filter: 'Markdown text', extension: 'md' },
  html: { label: 'HTML', filter: 'Web page', extension: 'html' },
};

function ReportPane(props: { project: ProjectInfo; version: number; data: WriteupData; settings: ReportSettings; input: ReportInput }) {
  const { project, version, data, settings, input } = props;
  const { projectId, execute } = useProjectSession();
  const notify = useUi((s) => s.notify);
  const update = useWriteupUi((s) => s.update);
  const reset = useWriteupUi((s) => s.reset);
  const agreement = useWriteupUi((s) => s.agreement[projectId]);
  const setAgreement = useWriteupUi((s) => s.setAgreement);
  const [agreementRunning, setAgreementRunning] = useState<string>();
  const [agreementError, setAgreementError] = useState<string>();
  const { jobs, run } = useJobs();

  const body = useMemo(() => ({ kind: 'report' as const, project, version, input }), [project, version, input]);
  const key = useMemo(() => JSON.stringify([project.id, version, input]), [project.id, version, input]);
  const state = useWorkerValue(body, key, pickReport);
  const output = state.value;

  const onChange = (changes: Partial<ReportSettings>) => update(projectId, changes);

  const choose = (next: ChosenQuotes, label: string) => {
    execute(setChosenQuotes(next, label)).catch((error: Error) => notify(`Could not change the quotes: ${error.message}`, { kind: 'error' }));
  };
  const onToggleQuote = (section: SectionCandidates, codingId: Id, include: boolean, ticked: Id[]) => {
    const next = toggleQuote(data.chosen, section, codingId, include, settings.quotesPerTheme, ticked);
    if (next === data.chosen) return;
    choose(next, `${include ? 'Quote a passage' : 'Leave out a quote'} in “${section.name}”`);
  };
  const onResetSection = (section: SectionCandidates) => {
    const next = { ...data.chosen };
    delete next[section.sectionId];
    choose(next, `Let the report choose the quotes of “${section.name}”`);
  };

  const computeAgreement = (coderIds: [Id, Id], unit: AgreementUnit) => {
    setAgreementError(undefined);
    setAgreementRunning('Comparing the coders');
    runWriteup({ kind: 'agreement', project, version, coderIds, unit }, (p) => setAgreementRunning(p.label))
      .then((result) => {
        if (result.kind === 'agreement') setAgreement(projectId, { summary: result.summary, coderIds, version, at: Date.now() });
        onChange({ agreement: true });
      })
      .catch((error: Error) => setAgreementError(error.message))
      .finally(() => setAgreementRunning(undefined));
  };

  const save = async (format: ReportFormat) => {
    const f = FORMATS[format];
    try {
      const bytes = await run(format, { kind: 'save-report', project, version, input, format });
      const saved = await saveExport({
        title: `Save the findings report as ${f.label}`,
        suggestedName: writeupFileName(project.name, 'findings report', f.extension, Date.now()),
        filters: [{ name: f.filter, extensions: [f.extension] }],
        bytes,
      });
      if (saved) notify(`Saved the findings report (${f.filter}).`);
    } catch (error) {
      notify(`Could not save the report: ${error instanceof Error ? error.message : String(error)}`, { kind: 'error' });
    }
  };

  const busy = Object.values(jobs)[0];
  return (
    <div className="wu-report">
      <aside className="wu-options-pane" aria-label="Report options">
        <ReportOptions
          data={data}
          settings={settings}
          projectName={project.name}
          output={output}
          onChange={onChange}
          onReset={() => reset(projectId)}
          agreement={agreement}
          agreementStale={agreement !== undefined && agreement.version !== version}
          agreementRunning={agreementRunning}
          agreementError={agreementError}
          onComputeAgreement={computeAgreement}
        />
      </aside>
      <section className="wu-preview-pane" aria-label="Preview">
        <div className="wu-toolbar">
          <Status running={state.running} label={state.progress?.label} />
          {busy && (
            <span className="wu-job" role="status">
              <progress max={1} value={busy.fraction ?? undefined} aria-label="Saving the report" /> {busy.label}…
            </span>
          )}
          <span className="wu-toolbar-gap" />
          <span className="wu-note">Save as</span>
          {(Object.keys(FORMATS) as ReportFormat[]).map((format) => (
            <button
              key={format}
              type="button"
              className={format === 'docx' ? 'primary' : undefined}
              disabled={!output || jobs[format] !== undefined}
              onClick={() => void save(format)}
              aria-label={`Save the report as ${FORMATS[format].filter}`}
            >
              {FORMATS[format].label}
            </button>
          ))}
        </div>
        {state.error && (
          <p className="wu-error" role="alert">
            The report could not be built: {state.error}
          </p>
        )}
        <div className={state.current ? 'wu-desk' : 'wu-desk wu-updating'}>
          {output ? (
            <ReportPreview output={output} perSection={settings.quotesPerTheme} quotesShown={settings.sections.quotes && settings.quotesPerTheme > 0} onToggleQuote={onToggleQuote} onResetSection={onResetSection} />
          ) : (
            !state.error && (
              <div className="wu-empty" role="status">
                <span className="wu-spinner" aria-hidden="true" /> {state.progress?.label ?? 'Building the report'}…
              </div>
            )
          )}
        </div>
      </section>
    </div>
  );
}
