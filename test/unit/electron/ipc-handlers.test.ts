import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createHandlers, dispatch, MAX_OPEN_BYTES, type HandlerDeps } from '../../../electron/main/ipc-handlers';

function deps(overrides: Partial<HandlerDeps> = {}): HandlerDeps {
  return {
    appInfo: () => ({ version: '0.1.0', platform: 'linux', dataPath: '/data' }),
    showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: ['/home/r/P01 interview.docx'] })),
    showSaveDialog: vi.fn(async () => ({ canceled: true })),
    readFile: vi.fn(async () => new Uint8Array([1, 2, 3])),
    fileSize: vi.fn(async () => 3),
    backups: { write: vi.fn(), list: vi.fn(async () => []), read: vi.fn() },
    ...overrides,
  };
}

describe('IPC dispatch validates every payload before a handler runs', () => {
  it('answers a valid request', async () => {
    const handlers = createHandlers(deps());
    expect(await dispatch(handlers, 'app:info', undefined)).toEqual({ version: '0.1.0', platform: 'linux', dataPath: '/data' });
  });

  it('rejects unknown channels', async () => {
    await expect(dispatch(createHandlers(deps()), 'shell:exec', 'rm -rf /')).rejects.toThrow(/unknown channel/);
    await expect(dispatch(createHandlers(deps()), 42, null)).rejects.toThrow(/unknown channel/);
  });

  it.each([
    ['not an object', 'x'],
    ['a missing title', { filters: [], multiple: true }],
    ['a bad extension', { title: 't', filters: [{ name: 'x', extensions: ['../../etc'] }], multiple: true }],
    ['too many filters', { title: 't', filters: Array.from({ length: 21 }, () => ({ name: 'a', extensions: ['txt'] })), multiple: true }],
    ['multiple as a string', { title: 't', filters: [], multiple: 'yes' }],
  ])('rejects dialog:open-files with %s', async (_what, payload) => {
    const d = deps();
    await expect(dispatch(createHandlers(d), 'dialog:open-files', payload)).rejects.toThrow(/Rejected dialog:open-files/);
    expect(d.showOpenDialog).not.toHaveBeenCalled();
  });

  it.each([
    ['a path as the name', { title: 't', suggestedName: '../../.bashrc', filters: [], bytes: new Uint8Array(1) }],
    ['a hidden file name', { title: 't', suggestedName: '.profile', filters: [], bytes: new Uint8Array(1) }],
    ['bytes as a string', { title: 't', suggestedName: 'a.qdpx', filters: [], bytes: 'AAAA' }],
  ])('rejects dialog:save-file with %s', async (_what, payload) => {
    const d = deps();
    await expect(dispatch(createHandlers(d), 'dialog:save-file', payload)).rejects.toThrow(/Rejected dialog:save-file/);
    expect(d.showSaveDialog).not.toHaveBeenCalled();
  });

  it('rejects app:info with an argument', async () => {
    await expect(dispatch(createHandlers(deps()), 'app:info', { x: 1 })).rejects.toThrow(/takes no argument/);
  });
});

describe('file dialogs', () => {
  it('reads the chosen files and returns their names without folders', async () => {
    const d = deps();
    const files = await dispatch(createHandlers(d), 'dialog:open-files', { title: 'Import', filters: [{ name: 'Word', extensions: ['docx'] }], multiple: true });
    expect(files).toEqual([{ name: 'P01 interview.docx', bytes: new Uint8Array([1, 2, 3]) }]);
    expect(d.showOpenDialog).toHaveBeenCalledWith({ title: 'Import', filters: [{ name: 'Word', extensions: ['docx'] }], properties: ['openFile', 'multiSelections'] });
  });

  it('refuses a file larger than the limit before reading it', async () => {
    const d = deps({ fileSize: async () => MAX_OPEN_BYTES + 1 });
    await expect(dispatch(createHandlers(d), 'dialog:open-files', { title: 'Import', filters: [], multiple: false })).rejects.toThrow(/P01 interview.docx: the file is \d+ MB/);
    expect(d.readFile).not.toHaveBeenCalled();
  });

  it('returns nothing when the user cancels', async () => {
    const d = deps({ showOpenDialog: async () => ({ canceled: true, filePaths: [] }) });
    expect(await dispatch(createHandlers(d), 'dialog:open-files', { title: 'Import', filters: [], multiple: true })).toEqual([]);
  });

  it('saves atomically where the user chose, leaving no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-save-'));
    const target = join(dir, 'findings.docx');
    const d = deps({ showSaveDialog: async () => ({ canceled: false, filePath: target }) });
    const result = await dispatch(createHandlers(d), 'dialog:save-file', { title: 'Save', suggestedName: 'findings.docx', filters: [], bytes: new Uint8Array([80, 75]) });
    expect(result).toEqual({ saved: true, name: 'findings.docx' });
    expect([...readFileSync(target)]).toEqual([80, 75]);
    expect(readdirSync(dir)).toEqual(['findings.docx']);
  });
});

describe('IPC payload fuzzing', () => {
  it('rejects every malformed payload with a ContractError before any handler runs', async () => {
    const fc = await import('fast-check');
    const { ContractError, INVOKE_CHANNELS } = await import('../../../shared/ipc/contract');
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...INVOKE_CHANNELS, 'shell:open', '__proto__', ''), fc.anything({ withTypedArray: true }), async (channel, payload) => {
        runs += 1;
        const d = deps({ backups: { write: vi.fn(), list: vi.fn(async () => []), read: vi.fn(async () => new Uint8Array()) } });
        const result = await dispatch(createHandlers(d), channel, payload).then(
          () => 'ok' as const,
          (error: unknown) => error,
        );
        if (result === 'ok') {
          // Only well-formed requests get through: app:info/backup:list without argument, or a valid-shaped object.
          expect(['app:info', 'backup:list', 'dialog:open-files', 'dialog:save-file', 'backup:read', 'backup:write']).toContain(channel);
        } else {
          expect(result).toBeInstanceOf(ContractError);
          expect(d.showOpenDialog).not.toHaveBeenCalled();
          expect(d.showSaveDialog).not.toHaveBeenCalled();
          expect(d.readFile).not.toHaveBeenCalled();
        }
      }),
      { numRuns: 600 },
    );
    console.log(`fuzzed ${runs} IPC payloads across ${INVOKE_CHANNELS.length + 3} channels`);
  });
});
