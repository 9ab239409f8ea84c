// Resolutions kept as project memos, and read back from them.
import { describe, expect, it } from 'vitest';
import {
  describeChanges,
  parseResolutionMemo,
  recordFor,
  resolutionMemoText,
  resolutionRecords,
  resolutionTitle,
} from '../../../renderer/agreement/resolution-record';
import type { CodingRecord, MemoRecord } from '../../../shared/model/types';

const coding = (id: string): CodingRecord => ({ id, documentId: 'd', codeId: 'c', coderId: 'a', start: 0, end: 1, createdAt: 0 });

function memo(title: string, plainText: string, createdAt = 1_000, targetType: MemoRecord['targetType'] = 'project'): MemoRecord {
  return { id: `m${createdAt}`, targetType, targetId: 'p', title, content: '', plainText, createdAt, updatedAt: createdAt };
}

const facts = {
  code: 'Partnership with parents and carers/Shame and blame',
  document: 'P01 Social worker',
  passage: { start: 1200, end: 1450 },
  coderA: 'Amara Okafor',
  coderB: 'Ben Hughes',
  resolution: 'union' as const,
  changes: { add: [], delete: [coding('x')], update: [{ id: 'y', start: 1200, end: 1450, previous: { start: 1250, end: 1450 } }] },
  quote: 'she hears it as blame, and then she shuts down',
  note: 'Blame includes feeling judged.\nAgreed at the team meeting.',
};

describe('the resolution memo', () => {
  it('states each fact on its own labelled line, the note last', () => {
    expect(resolutionTitle(facts.code)).toBe('Agreement resolution: Partnership with parents and carers/Shame and blame');
    expect(resolutionMemoText(facts).split('\n')).toEqual([
      'Code: Partnership with parents and carers/Shame and blame',
      'Document: P01 Social worker',
      'Passage: characters 1200–1450',
      'Coders: Amara Okafor (A) and Ben Hughes (B)',
      'Resolution: Union — coded wherever either coder coded',
      'Changes: 1 coding changed in extent, 1 coding removed',
      'Text: “she hears it as blame, and then she shuts down”',
      'Note: Blame includes feeling judged.',
      'Agreed at the team meeting.',
    ]);
  });

  it('describes the changes in words', () => {
    expect(describeChanges({ add: [], delete: [], update: [] })).toBe('no coding changed');
    expect(describeChanges({ add: [coding('1'), coding('2')], delete: [], update: [] })).toBe('2 codings added');
  });

  it('reads back every fact, the note over several lines', () => {
    const record = parseResolutionMemo(memo(resolutionTitle(facts.code), resolutionMemoText(facts)));
    expect(record).toEqual({
      memoId: 'm1000',
      createdAt: 1_000,
      updatedAt: 1_000,
      code: facts.code,
      document: 'P01 Social worker',
      passage: { start: 1200, end: 1450 },
      coderA: 'Amara Okafor',
      coderB: 'Ben Hughes',
      resolution: 'union',
      resolutionText: 'Union — coded wherever either coder coded',
      changes: '1 coding changed in extent, 1 coding removed',
      quote: 'she hears it as blame, and then she shuts down',
      note: 'Blame includes feeling judged.\nAgreed at the team meeting.',
    });
  });

  it('reads each resolution kind back, and a memo without a note', () => {
    for (const resolution of ['keepA', 'keepB', 'keepBoth', 'union', 'intersection'] as const) {
      const record = parseResolutionMemo(memo('Agreement resolution: X', resolutionMemoText({ ...facts, resolution, note: '' })));
      expect(record?.resolution).toBe(resolution);
      expect(record?.note).toBe('');
    }
  });

  it('survives a person’s edits: lines removed come back empty, the code falls back to the title', () => {
    const edited = 'We talked this through.\nResolution: keep both\nNote: fine as it is';
    const record = parseResolutionMemo(memo('Agreement resolution: Trust', edited));
    expect(record).toMatchObject({ code: 'Trust', document: '', coderA: '', resolution: 'keepBoth', note: 'fine as it is' });
    expect(record?.passage).toBeUndefined();
  });

  it('is not fooled by other memos', () => {
    expect(parseResolutionMemo(memo('Thoughts on trust', 'Code: Trust'))).toBeNull();
    expect(parseResolutionMemo(memo('Agreement resolution: Trust', 'Code: Trust', 1, 'journal'))).toBeNull();
  });

  it('lists resolutions oldest first and finds the one that settled a passage', () => {
    const memos = [
      memo('Agreement resolution: A', resolutionMemoText({ ...facts, resolution: 'keepBoth' }), 3_000),
      memo('Project plan', 'not a resolution', 2_000),
      memo('Agreement resolution: A', resolutionMemoText({ ...facts, resolution: 'keepA' }), 1_000),
    ];
    const records = resolutionRecords(memos);
    expect(records.map((r) => r.createdAt)).toEqual([1_000, 3_000]);
    expect(recordFor(records, { code: facts.code, document: facts.document, passage: { start: 1200, end: 1450 } })?.resolution).toBe('keepBoth');
    expect(recordFor(records, { code: facts.code, document: facts.document, passage: { start: 1200, end: 1451 } })).toBeUndefined();
  });
});
