import { describe, expect, it } from 'vitest';
import { exportFileName, fileStem, importedProjectName, localDate, safeFileStem } from '../../../renderer/exchange/file-names';

const JUNE_5 = new Date(2026, 5, 5, 14, 30);

describe('export file names', () => {
  it('keep the project name readable but safe on every system', () => {
    expect(safeFileStem('Study: "phase 1/2" <draft>?')).toBe('Study- -phase 1-2- -draft-');
    expect(safeFileStem('  Pilot   study.  ')).toBe('Pilot study');
    expect(safeFileStem('...')).toBe('Tessera project');
    expect(safeFileStem('Zoë’s café')).toBe('Zoë’s café');
    expect(safeFileStem('x'.repeat(150))).toHaveLength(100);
  });

  it('say what the file holds and the date', () => {
    expect(localDate(JUNE_5)).toBe('2026-06-05');
    expect(exportFileName('Pilot study', { kind: 'project' }, JUNE_5)).toBe('Pilot study 2026-06-05.qdpx');
    expect(exportFileName('Pilot study', { kind: 'project', nvivo: true }, JUNE_5)).toBe('Pilot study (NVivo) 2026-06-05.qdpx');
    expect(exportFileName('Pilot study', { kind: 'codebook' }, JUNE_5)).toBe('Pilot study codebook 2026-06-05.qdc');
    expect(exportFileName('Pilot study', { kind: 'work', coderNames: ['Amara Okafor'] }, JUNE_5)).toBe('Pilot study - Amara Okafor 2026-06-05.qdpx');
    expect(exportFileName('Pilot study', { kind: 'work', coderNames: ['Amara', 'Ben'] }, JUNE_5)).toBe('Pilot study - Amara and Ben 2026-06-05.qdpx');
    expect(exportFileName('Pilot study', { kind: 'work', coderNames: ['A', 'B', 'C'] }, JUNE_5)).toBe('Pilot study - 3 coders 2026-06-05.qdpx');
    expect(exportFileName('a/b', { kind: 'work', coderNames: ['C:D'] }, JUNE_5)).toBe('a-b - C-D 2026-06-05.qdpx');
  });
});

describe('imported project names', () => {
  it('use the file’s own name when the project has none or only a placeholder', () => {
    expect(fileStem('C:\\data\\nvivo-12.6-win_oltas.qdpx')).toBe('nvivo-12.6-win_oltas');
    expect(fileStem('/home/x/.hidden')).toBe('.hidden');
    expect(importedProjectName('Untitled', 'nvivo-12.6-win_oltas.qdpx', [])).toBe('nvivo-12.6-win_oltas');
    expect(importedProjectName('  ', 'team.qdpx', [])).toBe('team');
    expect(importedProjectName('Care meetings', 'export.qdpx', [])).toBe('Care meetings');
  });

  it('never repeat a project already here (ignoring case)', () => {
    expect(importedProjectName('Care meetings', 'x.qdpx', ['care meetings'])).toBe('Care meetings (imported)');
    expect(importedProjectName('Care meetings', 'x.qdpx', ['Care meetings', 'Care meetings (imported)'])).toBe('Care meetings (imported 2)');
  });
});
