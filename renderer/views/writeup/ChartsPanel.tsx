import { useMemo, useState } from 'react';
import type { ProjectInfo } from '../../../shared/model/types';
import { useUi } from '../../state/ui-store';
import type { ChartItem, ReportInput } from '../../writeup/protocol';
import { svgToPrintPng } from '../../writeup/rasterise';
import { writeupFileName } from '../../writeup/settings';
import { useWorkerValue } from './use-writeup';
import { saveExport } from '../../protect/export-guard';

const FILE_WORDS: Record<ChartItem['id'], string> = {
  prevalence: 'themes by attribute',
  frequencies: 'extracts per code',
  heatmap: 'code co-occurrence',
  map: 'thematic map',
};

const pickCharts = (result: { kind: string; charts?: ChartItem[] }) => (result.kind === 'charts' ? result.charts : undefined);

/** The report's charts one by one, each saved as SVG (for editing) or as PNG at print resolution. */
export function ChartsPanel(props: { project: ProjectInfo; version: number; input: ReportInput }) {
  const { project, version, input } = props;
  const body = useMemo(() => ({ kind: 'charts' as const, project, version, input }), [project, version, input]);
  const key = useMemo(() => JSON.stringify([project.id, version, input]), [project.id, version, input]);
  const state = useWorkerValue(body, key, pickCharts);
  const notify = useUi((s) => s.notify);
  const [busy, setBusy] = useState<string>();

  const save = async (item: ChartItem, format: 'svg' | 'png') => {
    setBusy(`${item.id}-${format}`);
    try {
      const bytes = format === 'svg' ? new TextEncoder().encode(item.chart.svg) : await svgToPrintPng(item.chart.svg);
      const saved = await saveExport({
        title: `Save the chart as ${format.toUpperCase()}`,
        suggestedName: writeupFileName(project.name, FILE_WORDS[item.id], format, Date.now()),
        filters: [format === 'svg' ? { name: 'SVG image', extensions: ['svg'] } : { name: 'PNG image', extensions: ['png'] }],
        bytes,
      });
      if (saved) notify(`Saved the chart “${item.chart.title}” as ${format === 'svg' ? 'SVG' : 'PNG at 300 dpi'}.`);
    } catch (error) {
      notify(`Could not save the chart: ${error instanceof Error ? error.message : String(error)}`, { kind: 'error' });
    } finally {
      setBusy(undefined);
    }
  };

  const charts = state.value;
  return (
    <div className="wu-charts-pane">
      <div className="wu-pane-head">
        <p className="wu-note">
          Charts of the themes chosen in the report options. Save each as SVG to edit it, or as PNG at 300 dpi for a manuscript or a slide.
        </p>
        <Status running={state.running} label={state.progress?.label} />
      </div>
      {state.error && (
        <p className="danger-text" role="alert">
          {state.error}
        </p>
      )}
      {!charts ? (
        <div className="wu-empty" role="status">
          <span className="wu-spinner" aria-hidden="true" /> Drawing the charts…
        </div>
      ) : charts.length === 0 ? (
        <div className="wu-empty">
          <h2>No charts yet</h2>
          <p className="wu-note">Charts appear once passages are coded.</p>
        </div>
      ) : (
        <ul className={state.current ? 'wu-chart-grid' : 'wu-chart-grid wu-updating'} aria-label="Charts">
          {charts.map((item) => (
            <li key={item.id} className={`wu-chart-card wu-chart-${item.id}`}>
              <figure>
                <figcaption>
                  <h3>{item.chart.title}</h3>
                  <p className="wu-note">{item.caption}</p>
                </figcaption>
                <div className="wu-chart-frame">
                  <img
                    src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(item.chart.svg)}`}
                    alt={item.chart.description}
                    width={item.chart.width}
                    height={item.chart.height}
                  />
                </div>
              </figure>
              <div className="wu-chart-actions">
                <button type="button" onClick={() => void save(item, 'svg')} disabled={busy !== undefined} aria-label={`Save ${item.chart.title} as SVG`}>
                  Save SVG
                </button>
                <button type="button" onClick={() => void save(item, 'png')} disabled={busy !== undefined} aria-label={`Save ${item.chart.title} as PNG`}>
                  {busy === `${item.id}-png` ? 'Drawing…' : 'Save PNG (300 dpi)'}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Status({ running, label }: { running: boolean; label?: string }) {
  return (
    <span className={running ? 'wu-status running' : 'wu-status'} role="status" aria-live="polite">
      {running ? (
        <>
          <span className="wu-spinner" aria-hidden="true" />
          {label ? `${label}…` : 'Updating…'}
        </>
      ) : (
        'Up to date'
      )}
    </span>
  );
}
