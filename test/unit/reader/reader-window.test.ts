import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignColumns, COLUMN_GAP_CHARS, fitLabel } from '../../../renderer/views/workspace/CodingStripes';
import { codingsToDraw, codingsWithin, estimatedBlockHeight, offsetsInBand, type ReaderBlock } from '../../../renderer/views/workspace/reader-window';
import type { ReaderSegment } from '../../../renderer/views/workspace/transcript-layout';

describe('stripe columns from text offsets', () => {
  it('puts overlapping codings side by side and reuses a column once it is free', () => {
    // Sorted by start: A [0, 100), B [50, 80) overlaps A, C [400, 500) comes after both and their gap.
    expect(assignColumns([{ start: 0, end: 100 }, { start: 50, end: 80 }, { start: 400, end: 500 }])).toEqual([0, 1, 0]);
  });

  it('keeps a line of text between codings that share a column', () => {
    // B starts 30 characters after A ends: on the same line of the reader, so it must not share A's column.
    expect(assignColumns([{ start: 0, end: 100 }, { start: 130, end: 200 }])).toEqual([0, 1]);
    expect(assignColumns([{ start: 0, end: 100 }, { start: 100 + COLUMN_GAP_CHARS, end: 300 }])).toEqual([0, 0]);
  });

  it('never gives two codings closer than the gap the same column, and uses no more columns than needed', () => {
    const interval = fc.tuple(fc.nat(5000), fc.integer({ min: 1, max: 400 })).map(([start, length]) => ({ start, end: start + length }));
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 60 }), (raw) => {
        const items = [...raw].sort((a, b) => a.start - b.start || b.end - a.end);
        const columns = assignColumns(items);
        for (let i = 0; i < items.length; i++)
          for (let j = i + 1; j < items.length; j++)
            if (columns[i] === columns[j]) expect(items[j]!.start >= items[i]!.end + COLUMN_GAP_CHARS || items[i]!.start >= items[j]!.end + COLUMN_GAP_CHARS).toBe(true);
        // Optimal: as many columns as the most intervals (widened by the gap) that meet at one offset.
        let most = 0;
        for (const a of items) most = Math.max(most, items.filter((b) => b.start <= a.start && a.start < b.end + COLUMN_GAP_CHARS).length);
        expect(columns.length ? Math.max(...columns) + 1 : 0).toBe(most);
      }),
    );
  });
});

describe('stripe labels', () => {
  it('keep a label that fits and shorten one that does not, ending with an ellipsis', () => {
    expect(fitLabel('Trust · ST', 100)).toBe('Trust · ST');
    // 70 px hold 10 characters: nine of the label and the ellipsis.
    expect(fitLabel('Information sharing · ST', 70)).toBe('Informati…');
    expect(fitLabel('Information sharing · ST', 70).length).toBe(10);
  });
});

describe('the band near the screen', () => {
  // Ten turns of 100 characters in five blocks of two, each block 120 px high with nothing between them.
  const segments: ReaderSegment[] = Array.from({ length: 10 }, (_, i) => ({ start: i * 100, textStart: i * 100 + 5, end: i * 100 + 100 }));
  const blocks: ReaderBlock[] = Array.from({ length: 5 }, (_, i) => ({ element: { offsetTop: i * 120, offsetHeight: 120 }, first: 2 * i, last: 2 * i + 1 }));

  it('finds the blocks that lie even partly in the band', () => {
    // 130..250 px: block 1 (120..240) and block 2 (240..360), that is turns 2 to 5.
    expect(offsetsInBand(blocks, segments, { top: 130, bottom: 250 })).toEqual({ start: 200, end: 600 });
    // A band touching one block only, above everything, and over everything.
    expect(offsetsInBand(blocks, segments, { top: 250, bottom: 300 })).toEqual({ start: 400, end: 600 });
    expect(offsetsInBand(blocks, segments, { top: -600, bottom: 0 })).toEqual({ start: 0, end: 200 });
    expect(offsetsInBand(blocks, segments, { top: -600, bottom: 5000 })).toEqual({ start: 0, end: 1000 });
  });

  it('says null when nothing is laid out', () => {
    expect(offsetsInBand([], segments, { top: 0, bottom: 100 })).toBeNull();
  });

  it('estimates a block from the length of its turns, at least a line each', () => {
    // 95 characters: two lines of 27 px, plus 14 px between turns; a one-word turn takes its speaker's 44 px.
    expect(estimatedBlockHeight([segments[0]!])).toBe(2 * 27 + 14);
    expect(estimatedBlockHeight([{ start: 0, textStart: 0, end: 4 }])).toBe(44 + 14);
  });

  it('keeps the codings that overlap the band, including those that only start or end in it', () => {
    const codings = [
      { id: 'before', start: 0, end: 199 },
      { id: 'into', start: 150, end: 210 },
      { id: 'inside', start: 250, end: 260 },
      { id: 'across', start: 100, end: 900 },
      { id: 'after', start: 500, end: 600 },
    ];
    expect(codingsWithin(codings, { start: 200, end: 500 }).map((c) => c.id)).toEqual(['into', 'inside', 'across']);
    // Drawn: all of them when the reader is not windowed, none until the band is known, else those in the band.
    expect(codingsToDraw(codings, undefined)).toBe(codings);
    expect(codingsToDraw(codings, null)).toBeNull();
    expect(codingsToDraw(codings, { start: 200, end: 500 })?.map((c) => c.id)).toEqual(['into', 'inside', 'across']);
  });
});
