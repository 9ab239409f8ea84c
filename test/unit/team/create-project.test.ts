import { describe, expect, it } from 'vitest';
import { readQdpx } from '../../../shared/exchange/qdpx-read';
import { writeQdpx } from '../../../shared/exchange/qdpx-write';
import { buildSample } from '../../../shared/sample/index';
import { catalogue } from '../../../renderer/db/catalogue';
import { readProjectData } from '../../../renderer/db/project-data';
import { projectDb } from '../../../renderer/db/project-db';
import { createProjectFromData } from '../../../renderer/db/projects';

describe('createProjectFromData', () => {
  it('stores a read .qdpx as a new project with its own id, twice over, its project memos following it', async () => {
    const sample = await buildSample('source-project');
    const { project: data } = await readQdpx(writeQdpx(sample), 'sample.qdpx');
    expect(data.project.id).toBe('source-project');

    const first = await createProjectFromData(data, 'Imported sample');
    const second = await createProjectFromData(data, 'Imported sample (imported)');
    expect(new Set([first.id, second.id, 'source-project']).size).toBe(3);
    expect(first).toMatchObject({ name: 'Imported sample', description: sample.project.description });
    expect(first.sample).toBeUndefined();
    expect((await catalogue.projects.get(second.id))?.name).toBe('Imported sample (imported)');

    const stored = await readProjectData(projectDb(first.id), first);
    expect(stored.documents).toHaveLength(17);
    expect(stored.codes).toHaveLength(30);
    expect(stored.codings).toHaveLength(sample.codings.length);
    const projectMemos = stored.memos.filter((m) => m.targetType === 'project' || m.targetType === 'journal');
    expect(projectMemos.map((m) => m.title).sort()).toEqual(['About this sample project', 'First read-through']);
    expect(projectMemos.every((m) => m.targetId === first.id)).toBe(true);
  });
});
