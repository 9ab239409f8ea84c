import { describe, expect, it } from 'vitest';
import type { CodeMatch, DocumentMatch, MergeConflict } from '../../../shared/exchange/merge';
import { MERGE_TABLES, type MergeOutcome } from '../../../renderer/exchange/merge-outcome';
import {
  choiceValue,
  codeChoiceOptions,
  codeGroups,
  conflictFieldName,
  conflictGroups,
  documentCounts,
  documentRows,
  formatBytes,
  isNothingToChange,
  listPhrase,
  outcomeHeadline,
  outcomeParts,
  parseChoiceValue,
} from '../../../renderer/views/team/merge-preview';
import { plural } from '../../../shared/text/plural';

function outcome(added: Partial<MergeOutcome['added']> = {}, updated: Partial<MergeOutcome['updated']> = {}): MergeOutcome {
  const zero = Object.fromEntries(MERGE_TABLES.map((t) => [t, 0])) as MergeOutcome['added'];
  const a = { ...zero, ...added };
  const u = { ...zero, ...updated };
  return {
    added: a,
    updated: u,
    total: MERGE_TABLES.reduce((n, t) => n + a[t] + u[t], 0),
    codingsByCoder: [],
    newCodePaths: [],
    updatedCodePaths: [],
    newDocumentNames: [],
    newCaseNames: [],
    newThemeNames: [],
    newCoderNames: [],
  };
}

describe('words', () => {
  it('counts in the singular and plural, and lists with a final "and"', () => {
    expect(plural(1, 'coding')).toBe('1 coding');
    expect(plural(0, 'coding')).toBe('0 codings');
    expect(plural(1234, 'memo')).toBe('1,234 memos');
    expect(plural(2, 'new case', 'new cases')).toBe('2 new cases');
    expect(listPhrase([])).toBe('');
    expect(listPhrase(['a'])).toBe('a');
    expect(listPhrase(['a', 'b'])).toBe('a and b');
    expect(listPhrase(['a', 'b', 'c'])).toBe('a, b and c');
  });

  it('gives file sizes as people read them', () => {
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(812)).toBe('812 bytes');
    expect(formatBytes(154_314)).toBe('154 KB');
    expect(formatBytes(2_345_678)).toBe('2.3 MB');
    expect(formatBytes(52_400_000)).toBe('52 MB');
  });
});

describe('documentRows', () => {
  const docs: DocumentMatch[] = [
    { incomingId: 'i1', name: 'P10 Head teacher', match: 'content', currentId: 'c1', textDiffers: false },
    { incomingId: 'i2', name: 'P2 Detective', match: 'new', currentId: 'c9', textDiffers: false },
    { incomingId: 'i3', name: 'P3 Health visitor', match: 'name', currentId: 'c3', textDiffers: true },
    { incomingId: 'i4', name: 'P01 Social worker', match: 'content', currentId: 'c4', textDiffers: false },
    { incomingId: 'i5', name: 'P05 Family support', match: 'edited', currentId: 'c5', textDiffers: true },
  ];
  const names = new Map([
    ['c1', 'P10 Head teacher'],
    ['c3', 'P3 Health visitor'],
    ['c4', 'P01 Social worker (anonymised)'],
    ['c5', 'P05 Family support'],
  ]);

  it('puts new documents first, then remapped ones, then identical ones, by name in numeric order', () => {
    const rows = documentRows(docs, names);
    expect(rows.map((r) => [r.name, r.label])).toEqual([
      ['P2 Detective', 'New'],
      ['P3 Health visitor', 'Same name'],
      ['P05 Family support', 'Edited'],
      ['P01 Social worker', 'Same text'],
      ['P10 Head teacher', 'Same text'],
    ]);
  });

  it('shows the name here only when it differs, and never for a new document', () => {
    const rows = documentRows(docs, names);
    expect(rows.find((r) => r.incomingId === 'i4')!.currentName).toBe('P01 Social worker (anonymised)');
    expect(rows.find((r) => r.incomingId === 'i1')!.currentName).toBeUndefined();
    expect(rows.find((r) => r.incomingId === 'i2')!.currentName).toBeUndefined();
  });

  it('counts each kind of match', () => {
    expect(documentCounts(docs)).toEqual({ new: 1, name: 1, edited: 1, content: 2 });
  });
});

describe('codes', () => {
  const codes: CodeMatch[] = [
    { incomingId: 'a', path: 'Trust between agencies', match: 'none', suggestions: [
      { currentId: 'x', path: 'Professional confidence/Challenging other agencies', similarity: 0.4 },
    ] },
    { incomingId: 'b', path: 'Benefits to children', match: 'guid', currentId: 'b', suggestions: [] },
    { incomingId: 'c', path: 'Benefits to children/Child’s voice heard', match: 'path', currentId: 'cv', suggestions: [] },
    { incomingId: 'd', path: 'Anxiety', match: 'none', suggestions: [] },
  ];

  it('groups codes by how they matched, each by path', () => {
    const groups = codeGroups(codes);
    expect(groups.byGuid.map((c) => c.incomingId)).toEqual(['b']);
    expect(groups.byPath.map((c) => c.incomingId)).toEqual(['c']);
    expect(groups.unmatched.map((c) => c.path)).toEqual(['Anxiety', 'Trust between agencies']);
  });

  it('offers the similar codes first with how alike they are, then every other code by path', () => {
    const current = [
      { id: 'z', path: 'Workload and time pressure' },
      { id: 'x', path: 'Professional confidence/Challenging other agencies' },
      { id: 'b', path: 'Benefits to children' },
    ];
    expect(codeChoiceOptions(codes[0]!, current)).toEqual({
      suggested: [{ value: 'map:x', label: 'Map to “Professional confidence/Challenging other agencies” (40% alike)' }],
      others: [
        { value: 'map:b', label: 'Map to “Benefits to children”' },
        { value: 'map:z', label: 'Map to “Workload and time pressure”' },
      ],
    });
  });

  it('turns a choice into a select value and back', () => {
    expect(choiceValue(undefined)).toBe('add');
    expect(choiceValue({ action: 'add' })).toBe('add');
    expect(choiceValue({ action: 'map', currentId: 'abc' })).toBe('map:abc');
    expect(parseChoiceValue('map:abc')).toEqual({ action: 'map', currentId: 'abc' });
    expect(parseChoiceValue('add')).toEqual({ action: 'add' });
  });
});

describe('conflicts', () => {
  const conflict = (kind: MergeConflict['kind'], label: string, field: string): MergeConflict => ({
    id: `${kind}:${label}:${field}`, kind, recordId: label, label, field, current: 'mine', incoming: 'theirs',
  });

  it('names fields as a researcher says them', () => {
    expect(conflictFieldName({ kind: 'code', field: 'color' })).toBe('Colour');
    expect(conflictFieldName({ kind: 'code', field: 'description' })).toBe('Definition');
    expect(conflictFieldName({ kind: 'case', field: 'description' })).toBe('Description');
    expect(conflictFieldName({ kind: 'theme', field: 'boundaries' })).toBe('Boundaries');
  });

  it('groups by kind in a fixed order (codes, themes, cases, values, memos), by label within', () => {
    const groups = conflictGroups([
      conflict('memo', 'Notes', 'content'),
      conflict('code', 'Trust', 'color'),
      conflict('attributeValue', 'Dawn: Agency', 'value'),
      conflict('code', 'Anxiety', 'description'),
    ]);
    expect(groups.map((g) => [g.title, g.conflicts.map((c) => c.label)])).toEqual([
      ['Codes', ['Anxiety', 'Trust']],
      ['Attribute values', ['Dawn: Agency']],
      ['Memos', ['Notes']],
    ]);
  });
});

describe('the headline', () => {
  it('says "nothing to change" only when nothing is written and nothing is to decide', () => {
    expect(isNothingToChange(outcome(), 0)).toBe(true);
    expect(isNothingToChange(outcome(), 1)).toBe(false);
    expect(isNothingToChange(outcome({}, { codes: 1 }), 0)).toBe(false);
    expect(outcomeHeadline(outcome(), 0)).toBe('Nothing to change: everything in this file is already in the project.');
  });

  it('lists the additions, then updates, then what is left to decide', () => {
    const o = outcome({ codes: 1, codings: 2, coders: 1 });
    expect(outcomeParts(o)).toEqual(['1 new code', '2 codings', '1 new coder']);
    expect(outcomeHeadline(o, 0)).toBe('Merging adds 1 new code, 2 codings and 1 new coder.');
    expect(outcomeHeadline(outcome({ codings: 5 }, { codes: 2 }), 3)).toBe(
      'Merging adds 5 codings, and updates 2 records already here. 3 differences for you to decide.',
    );
    expect(outcomeHeadline(outcome({}, { themes: 1 }), 0)).toBe('Merging updates 1 record already here.');
    expect(outcomeHeadline(outcome(), 2)).toBe('Merging adds nothing new. 2 differences for you to decide.');
  });
});
