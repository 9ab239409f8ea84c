/// <reference lib="webworker" />
import type { ProjectData } from '../../shared/model/types';
import { readProjectData } from '../db/project-data';
import { projectDb } from '../db/project-db';
import { MAP_LAYOUT_KEY } from '../commands/theme-commands';
import { answer } from '../workers/worker-protocol';
import { buildCharts, buildExport, buildReport, computeAgreement, saveReport, type EngineContext } from './engine';
import type { RasteriseNotice, ToWorker, WriteupProgress, WriteupRequest, WriteupResult } from './protocol';
import { findPseudonymTable } from './settings';

/**
 * Builds the findings report, its charts and the data exports off the main thread: a project of many long
 * transcripts takes seconds to report on, and the window must stay responsive meanwhile. The worker opens the
 * project database itself and keeps the last snapshot it read until the data changes (its version moves on).
 *
 * Charts become pictures for Word through the window, which has the image decoder and canvas this worker lacks.
 */
const notify = (notice: RasteriseNotice) => (self as unknown as Worker).postMessage(notice);

/** The bytes' buffer, to hand over rather than copy, when the bytes fill it. */
const handOver = (bytes: Uint8Array): Transferable[] => (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? [bytes.buffer] : []);

let snapshot: { projectId: string; version: number; data: Promise<ProjectData> } | undefined;

function projectData(request: WriteupRequest): Promise<ProjectData> {
  if (!snapshot || snapshot.projectId !== request.project.id || snapshot.version !== request.version) {
    const data = readProjectData(projectDb(request.project.id), request.project);
    snapshot = { projectId: request.project.id, version: request.version, data };
    data.catch(() => {
      if (snapshot?.data === data) snapshot = undefined;
    });
  }
  return snapshot.data;
}

async function context(request: WriteupRequest): Promise<EngineContext> {
  const meta = await projectDb(request.project.id).meta.toArray();
  return { pseudonyms: findPseudonymTable(meta), mapLayout: meta.find((m) => m.key === MAP_LAYOUT_KEY)?.value };
}

let nextPicture = 1;
const pictures = new Map<number, { resolve: (png: Uint8Array) => void; reject: (error: Error) => void }>();

/** Asks the window to draw an SVG as a PNG of the given size. */
function rasterise(svg: string, width: number, height: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const rid = nextPicture++;
    pictures.set(rid, { resolve, reject });
    notify({ kind: 'rasterise', rid, svg, width, height });
  });
}

async function handle(request: WriteupRequest, report: (progress: WriteupProgress) => void): Promise<WriteupResult> {
  const progress = (label: string, fraction?: number) => report({ label, fraction });
  progress('Reading the project', 0.1);
  const [data, ctx] = await Promise.all([projectData(request), context(request)]);
  switch (request.kind) {
    case 'report':
      progress('Building the report', 0.5);
      return { kind: 'report', output: buildReport(data, request.input, ctx) };
    case 'charts':
      progress('Drawing the charts', 0.5);
      return { kind: 'charts', charts: buildCharts(data, request.input, ctx) };
    case 'save-report': {
      progress(request.format === 'docx' ? 'Writing the Word document' : 'Writing the report', 0.4);
      const bytes = await saveReport(data, request.input, request.format, ctx, request.format === 'docx' ? rasterise : undefined);
      return { kind: 'file', bytes };
    }
    case 'export': {
      progress('Writing the file', 0.5);
      const bytes = await buildExport(data, request.export, request.options, ctx);
      return { kind: 'file', bytes };
    }
    case 'agreement':
      progress('Comparing the coders', 0.4);
      return { kind: 'agreement', summary: computeAgreement(data, request.coderIds, request.unit) };
  }
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.kind === 'rasterised') {
    const waiting = pictures.get(message.rid);
    pictures.delete(message.rid);
    if (message.png) waiting?.resolve(message.png);
    else waiting?.reject(new Error(message.error ?? 'the chart could not be drawn'));
    return;
  }
  void answer<WriteupRequest, WriteupResult, WriteupProgress>(message, (progress) => handle(message, progress), {
    transfer: (result) => (result.kind === 'file' ? handOver(result.bytes) : []),
  });
};
