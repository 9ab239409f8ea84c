// Passages for the disagreement navigator, and what it shows around them.
import { describe, expect, it } from 'vitest';
import { findDisagreements } from '../../../shared/agreement';
import { markRuns, passageContext, quoteOf } from '../../../renderer/agreement/passage-context';
import { coverageOf, followPosition, groupPassages, passagesPerCode } from '../../../renderer/agreement/passages';
import { coders, makeProject } from '../agreement/project';

const project = makeProject({
  documents: [
    { id: 'd1', text: 'x'.repeat(100) },
    { id: 'd2', text: 'y'.repeat(100) },
  ],
  codes: [
    { id: 'trust', name: 'Trust' },
    { id: 'power', name: 'Power' },
  ],
  coders,
  codings: [
    // d1 trust: A 5-25, B 10-20 -> one passage 5-25 with two differing ranges (5-10, 20-25)
    ['d1', 'trust', 'a', 5, 25],
    ['d1', 'trust', 'b', 10, 20],
    // d1 trust: A 40-50 and B 50-60 touch -> one passage 40-60, two ranges
    ['d1', 'trust', 'a', 40, 50],
    ['d1', 'trust', 'b', 50, 60],
    // d1 power: only B 70-80
    ['d1', 'power', 'b', 70, 80],
    // d2 power: the same range, no disagreement
    ['d2', 'power', 'a', 0, 10],
    ['d2', 'power', 'b', 0, 10],
  ],
});

describe('groupPassages', () => {
  const disagreements = findDisagreements(project, 'a', 'b');
  const items = groupPassages(disagreements);

  it('gathers the differing ranges of one passage, in the engine order', () => {
    expect(disagreements).toHaveLength(5);
    expect(items.map((i) => [i.documentId, i.codeId, i.passage.start, i.passage.end, i.ranges.map((r) => [r.start, r.end])])).toEqual([
      ['d1', 'trust', 5, 25, [[5, 10], [20, 25]]],
      ['d1', 'trust', 40, 60, [[40, 50], [50, 60]]],
      ['d1', 'power', 70, 80, [[70, 80]]],
    ]);
    expect(items[0]!.key).toBe('d1:trust:5-25');
  });

  it('counts passages per code', () => {
    expect(passagesPerCode(items)).toEqual(new Map([['trust', 2], ['power', 1]]));
  });

  it('gives each coder’s coverage inside the passage', () => {
    expect(coverageOf(items[0]!.ranges[0]!, 'a')).toEqual([{ start: 5, end: 25 }]);
    expect(coverageOf(items[0]!.ranges[0]!, 'b')).toEqual([{ start: 10, end: 20 }]);
    expect(coverageOf(items[2]!.ranges[0]!, 'a')).toEqual([]);
  });

  it('follows the same passage when the list changes, else keeps the index inside the list', () => {
    expect(followPosition(items, { index: 0, key: 'd1:power:70-80' })).toBe(2);
    // The passage at index 1 was settled and left the list: the next moves into its place.
    expect(followPosition([items[0]!, items[2]!], { index: 1 })).toBe(1);
    expect(followPosition([items[0]!], { index: 1, key: 'gone' })).toBe(0);
    expect(followPosition([], { index: 3 })).toBe(0);
  });
});

describe('passageContext', () => {
  const text = 'Interviewer: What helped?\nDawn: A lot, actually. The carer knew the crusts thing. That made it hold.\nInterviewer: And then?\nDawn: Then the school rang.';
  const turn = (speaker: string, start: number, end: number, label: number) => ({ speaker, start, end, contentStart: start + label });
  const i1 = text.indexOf('Interviewer: What');
  const d1 = text.indexOf('Dawn: A lot');
  const i2 = text.indexOf('Interviewer: And');
  const d2 = text.indexOf('Dawn: Then');
  const doc = {
    id: 'd',
    text,
    turns: [
      turn('Interviewer', i1, d1 - 1, 13),
      turn('Dawn', d1, i2 - 1, 6),
      turn('Interviewer', i2, d2 - 1, 13),
      turn('Dawn', d2, text.length, 6),
    ],
    blocks: [],
  };

  it('shows the turn of the passage with the turn before it as lead, without speaker labels', () => {
    const start = text.indexOf('The carer');
    const pieces = passageContext(doc, { start, end: start + 'The carer knew the crusts thing.'.length });
    expect(pieces.map((p) => [text.slice(p.start, p.end), p.speaker, p.lead, p.cutBefore, p.cutAfter])).toEqual([
      ['What helped?', 'Interviewer', true, false, false],
      ['A lot, actually. The carer knew the crusts thing. That made it hold.', 'Dawn', false, false, false],
    ]);
  });

  it('cuts a long turn to a window around the passage at word boundaries, and says so', () => {
    const start = text.indexOf('The carer');
    const end = start + 'The carer knew'.length;
    const [, piece] = passageContext(doc, { start, end }, { around: 8 });
    expect(text.slice(piece!.start, piece!.end)).toBe('actually. The carer knew the crusts');
    expect(piece!.cutBefore).toBe(true);
    expect(piece!.cutAfter).toBe(true);
  });

  it('shows every turn a passage spans', () => {
    const pieces = passageContext(doc, { start: text.indexOf('That made'), end: text.indexOf('Then the') + 4 }, { lead: 0 });
    expect(pieces.map((p) => p.speaker)).toEqual(['Dawn', 'Interviewer', 'Dawn']);
  });

  it('uses a window of the plain text when the document has no turns or blocks', () => {
    const plain = { id: 'p', text: 'one two three four five six seven', turns: [], blocks: [] };
    const [piece] = passageContext(plain, { start: 14, end: 18 }, { around: 5 });
    expect(plain.text.slice(piece!.start, piece!.end)).toBe('three four five');
  });
});

describe('markRuns', () => {
  it('splits text at every boundary and marks the layers covering each run', () => {
    const runs = markRuns(0, 30, [
      [{ start: 5, end: 25 }],
      [{ start: 10, end: 20 }],
    ]);
    expect(runs).toEqual([
      { start: 0, end: 5, marks: [false, false] },
      { start: 5, end: 10, marks: [true, false] },
      { start: 10, end: 20, marks: [true, true] },
      { start: 20, end: 25, marks: [true, false] },
      { start: 25, end: 30, marks: [false, false] },
    ]);
  });

  it('joins neighbouring runs with the same marks and ignores ranges outside', () => {
    expect(markRuns(10, 20, [[{ start: 0, end: 12 }, { start: 12, end: 15 }, { start: 30, end: 40 }]])).toEqual([
      { start: 10, end: 15, marks: [true] },
      { start: 15, end: 20, marks: [false] },
    ]);
  });
});

describe('quoteOf', () => {
  it('puts the passage on one line and cuts a long one at a word boundary', () => {
    expect(quoteOf('a\n  b   c', { start: 0, end: 9 })).toBe('a b c');
    expect(quoteOf('alpha beta gamma delta epsilon', { start: 0, end: 30 }, 18)).toBe('alpha beta gamma…');
  });
});
