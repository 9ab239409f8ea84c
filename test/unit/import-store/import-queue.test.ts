// The queue imports the import worker's message types, and with them the worker and its pdf.js module, whose
// declaration is a script (no exports) that an import cannot bring in.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../../../renderer/types/pdfjs-worker.d.ts" />
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ProjectSession } from '../../../renderer/app/project-session';
import { CommandHistory } from '../../../renderer/db/command-history';
import { ProjectDb } from '../../../renderer/db/project-db';
import { useImport, type PreviewFile } from '../../../renderer/import/use-import';
import { importFile } from '../../../shared/import/index';

const REAL = path.resolve(process.cwd(), '../shared/fixtures/real');

let db: ProjectDb;
let session: ProjectSession;
let key = 0;

beforeEach(async () => {
  db = new ProjectDb(crypto.randomUUID());
  await db.open();
  const history = new CommandHistory(db);
  session = { projectId: db.name, db, history, execute: (command) => history.execute(command) };
  useImport.setState({ preview: undefined, items: [], running: false, duplicate: undefined });
});

/** A file of the preview as the worker gave it back: a real file parsed by the app's importers. */
async function ready(fixture: string, name = fixture): Promise<PreviewFile> {
  const bytes = new Uint8Array(readFileSync(path.join(REAL, fixture)));
  const document = await importFile(bytes, name);
  return { key: `k${++key}`, name, size: bytes.byteLength, bytes, include: true, detectSpeakers: true, status: 'ready', generation: 1, document };
}

const unreadable = (name: string, message: string): PreviewFile => ({
  key: `k${++key}`, name, size: 34, bytes: new Uint8Array(34), include: true, detectSpeakers: true, status: 'failed', generation: 1, message,
});

/** Confirms the preview; `onQuestion` answers each duplicate question, seeing what is stored at that moment. */
async function confirm(files: PreviewFile[], onQuestion: (question: { name: string; existing: string }, stored: string[]) => boolean | 'cancel') {
  useImport.setState({ preview: { session, files, speakerMap: {} } });
  const questions: [string, string, string[]][] = [];
  const unsubscribe = useImport.subscribe((state, previous) => {
    const asked = state.duplicate;
    if (!asked || asked === previous.duplicate) return;
    void db.documents.orderBy('order').toArray().then((docs) => {
      const stored = docs.map((d) => d.source.fileName);
      questions.push([asked.name, asked.existing, stored]);
      const answer = onQuestion(asked, stored);
      if (answer === 'cancel') useImport.getState().cancel();
      else asked.resolve(answer);
    });
  });
  await useImport.getState().confirm();
  unsubscribe();
  return { items: useImport.getState().items.map((i) => [i.name, i.status, i.message]), questions };
}

describe('the import queue', () => {
  it('reports each file as before; a file with the text of an earlier one is asked about before it is stored', async () => {
    const files = [
      await ready('zoom_lesson_PLC_Fishbowl.vtt'),
      unreadable('broken.docx', 'broken.docx: the file is not a Word document.'),
      await ready('webvtt-py_sample.srt'),
      await ready('zoom_lesson_PLC_Fishbowl.vtt', 'copy of lesson.vtt'),
      await ready('webvtt-py_comments_dash-speakers.vtt'),
    ];
    const { items, questions } = await confirm(files, () => false);

    // The earlier files were stored before the question, the copy was not.
    expect(questions).toEqual([['copy of lesson.vtt', 'zoom_lesson_PLC_Fishbowl', ['zoom_lesson_PLC_Fishbowl.vtt', 'webvtt-py_sample.srt']]]);
    // The messages as the import panel has always shown them: turns and warnings for each file stored.
    expect(items).toEqual([
      ['zoom_lesson_PLC_Fishbowl.vtt', 'imported', '1 turn'],
      ['broken.docx', 'failed', 'broken.docx: the file is not a Word document.'],
      ['webvtt-py_sample.srt', 'imported', '5 turns; The captions name no speakers: each cue is a turn with no speaker.'],
      ['copy of lesson.vtt', 'skipped', 'same text as “zoom_lesson_PLC_Fishbowl”'],
      [
        'webvtt-py_comments_dash-speakers.vtt',
        'imported',
        '5 turns; The captions mark changes of speaker with dashes but name no one: each change is a turn with no speaker.',
      ],
    ]);
    expect((await db.documents.orderBy('order').toArray()).map((d) => d.source.fileName)).toEqual([
      'zoom_lesson_PLC_Fishbowl.vtt',
      'webvtt-py_sample.srt',
      'webvtt-py_comments_dash-speakers.vtt',
    ]);
    expect(useImport.getState().running).toBe(false);
    // Each file is still its own undo step.
    expect(session.history.state().undo).toBe(`Import “${files[4]!.document!.name}”`);
  });

  it('stores a duplicate when the user says so', async () => {
    const files = [await ready('webvtt-py_sample.srt'), await ready('webvtt-py_sample.srt', 'again.srt')];
    const { items, questions } = await confirm(files, () => true);
    expect(questions.map(([name, existing]) => [name, existing])).toEqual([['again.srt', 'webvtt-py_sample']]);
    expect(items.map(([name, status]) => [name, status])).toEqual([
      ['webvtt-py_sample.srt', 'imported'],
      ['again.srt', 'imported'],
    ]);
    expect(await db.documents.count()).toBe(2);
  });

  it('cancelling stores what came before and none of the files after', async () => {
    const first = await ready('webvtt-py_sample.srt');
    await confirm([first], () => true);
    const files = [
      await ready('zoom_lesson_PLC_Fishbowl.vtt'),
      await ready('webvtt-py_sample.srt', 'again.srt'),
      await ready('webvtt-py_comments_dash-speakers.vtt'),
      await ready('mammoth_comments.docx'),
    ];
    const { items } = await confirm(files, () => 'cancel');
    expect(items.map(([name, status]) => [name, status])).toEqual([
      ['zoom_lesson_PLC_Fishbowl.vtt', 'imported'],
      ['again.srt', 'skipped'],
      ['webvtt-py_comments_dash-speakers.vtt', 'cancelled'],
      ['mammoth_comments.docx', 'cancelled'],
    ]);
    expect((await db.documents.orderBy('order').toArray()).map((d) => d.source.fileName)).toEqual(['webvtt-py_sample.srt', 'zoom_lesson_PLC_Fishbowl.vtt']);
  });
});
