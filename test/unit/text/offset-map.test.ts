import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  applyTextEdits,
  composeEdits,
  editText,
  normaliseEdits,
  offsetMapOf,
  type OffsetMap,
  type TextEdit,
} from '../../../shared/text/offset-map';
import type { DocumentText } from '../../../shared/model/types';

/** A short text over a small alphabet (so replacements often equal what they replace) and non-overlapping edits. */
const textAndEdits = (maxLength = 24): fc.Arbitrary<{ text: string; edits: TextEdit[] }> =>
  fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', 'é', '😀'), maxLength }).chain((text) =>
    fc
      .array(
        fc.record({
          start: fc.integer({ min: 0, max: text.length }),
          length: fc.integer({ min: 0, max: 5 }),
          text: fc.string({ unit: fc.constantFrom('x', 'y', 'Z'), maxLength: 4 }),
        }),
        { maxLength: 5 },
      )
      .map((raw) => {
        // Keep the edits that fit after the ones before them, in a shuffled-then-sorted order the code must accept.
        const sorted = [...raw].sort((a, b) => a.start - b.start || a.length - b.length);
        const edits: TextEdit[] = [];
        let end = -1;
        let lastInsertion = -1;
        for (const r of sorted) {
          const e = { start: r.start, end: Math.min(r.start + r.length, text.length), text: r.text };
          if (e.start < end) continue;
          if (e.start === e.end && e.start === lastInsertion) continue;
          if (e.start === e.end) lastInsertion = e.start;
          edits.push(e);
          end = e.end;
        }
        return { text, edits: edits.reverse() };
      }),
  );

/** Where each edit's replacement starts in the new text, counted independently of the map under test. */
function newStarts(text: string, edits: readonly TextEdit[]): Map<TextEdit, number> {
  const starts = new Map<TextEdit, number>();
  let delta = 0;
  for (const e of normaliseEdits(edits, text.length)) {
    starts.set(e, e.start + delta);
    delta += e.text.length - (e.end - e.start);
  }
  return starts;
}

/** Every non-empty range over a text of this length. */
function* ranges(length: number): Generator<[number, number]> {
  for (let a = 0; a < length; a++) for (let b = a + 1; b <= length; b++) yield [a, b];
}

const RUNS = { numRuns: 300 };

describe('editText and mapOffset: worked examples', () => {
  // "The child Kayden lives on Cranfield Road."
  //  0123456789...: "Kayden" is [10, 16), "Cranfield Road" is [26, 40).
  const text = 'The child Kayden lives on Cranfield Road.';
  const edits: TextEdit[] = [
    { start: 26, end: 40, text: 'Street B' },
    { start: 10, end: 16, text: 'Child A' },
  ];
  const { text: out, map } = editText(text, edits);

  it('replaces the text, edits given in any order', () => {
    expect(out).toBe('The child Child A lives on Street B.');
    expect(map.oldLength).toBe(41);
    expect(map.newLength).toBe(36);
  });

  it('shifts offsets after an edit by its growth', () => {
    // "lives" starts at 17; "Kayden" (6) became "Child A" (7): +1.
    expect(map.mapOffset(17, 'start')).toBe(18);
    expect(map.mapOffset(17, 'end')).toBe(18);
    // "." at 40 is after both edits: +1 - 6 = -5.
    expect(map.mapOffset(40, 'start')).toBe(35);
    expect(map.mapOffset(41, 'end')).toBe(36);
  });

  it('moves an offset inside a replaced span to the replacement start (range start) or end (range end)', () => {
    expect(map.mapOffset(12, 'start')).toBe(10);
    expect(map.mapOffset(12, 'end')).toBe(17);
  });

  it('keeps the coded words the same words', () => {
    const lives = map.mapRange({ start: 17, end: 22 })!;
    expect(out.slice(lives.start, lives.end)).toBe('lives');
    const the = map.mapRange({ start: 0, end: 9 })!;
    expect(out.slice(the.start, the.end)).toBe('The child');
  });

  it('makes a coding of a name a coding of its pseudonym', () => {
    const name = map.mapRange({ start: 10, end: 16 })!;
    expect(out.slice(name.start, name.end)).toBe('Child A');
  });

  it('takes the whole replacement into a range that straddles an edge of a replaced span', () => {
    // "den lives" [13, 22): starts inside "Kayden".
    const a = map.mapRange({ start: 13, end: 22 })!;
    expect(out.slice(a.start, a.end)).toBe('Child A lives');
    // "child Kay" [4, 13): ends inside "Kayden".
    const b = map.mapRange({ start: 4, end: 13 })!;
    expect(out.slice(b.start, b.end)).toBe('child Child A');
    // Inside the name only: the whole pseudonym.
    const c = map.mapRange({ start: 11, end: 13 })!;
    expect(out.slice(c.start, c.end)).toBe('Child A');
  });

  it('grows or shrinks a range with an edit strictly inside it', () => {
    const whole = map.mapRange({ start: 4, end: 41 })!;
    expect(out.slice(whole.start, whole.end)).toBe('child Child A lives on Street B.');
  });

  it('gives null for a range whose text was deleted, and for an empty range', () => {
    const deleted = editText('abc def ghi', [{ start: 3, end: 7, text: '' }]);
    expect(deleted.text).toBe('abc ghi');
    expect(deleted.map.mapRange({ start: 4, end: 7 })).toBeNull();
    expect(deleted.map.mapRange({ start: 3, end: 7 })).toBeNull();
    expect(deleted.map.mapRange({ start: 2, end: 5 })).toEqual({ start: 2, end: 3 });
    expect(deleted.map.mapRange({ start: 5, end: 5 })).toBeNull();
  });

  it('does not take text inserted at a range edge into the range, but does inside it', () => {
    const inserted = editText('abcdef', [
      { start: 2, end: 2, text: '[' },
      { start: 4, end: 4, text: ']' },
      { start: 3, end: 3, text: '-' },
    ]);
    expect(inserted.text).toBe('ab[c-d]ef');
    const cd = inserted.map.mapRange({ start: 2, end: 4 })!;
    expect(inserted.text.slice(cd.start, cd.end)).toBe('c-d');
    expect(inserted.map.mapOffset(2, 'start')).toBe(3);
    expect(inserted.map.mapOffset(2, 'end')).toBe(2);
  });

  it('lets an insertion and a replacement share an offset (the replacement belongs to a range starting there)', () => {
    const r = editText('abcdef', [
      { start: 2, end: 4, text: 'XY' },
      { start: 2, end: 2, text: '+' },
    ]);
    expect(r.text).toBe('ab+XYef');
    expect(r.map.mapRange({ start: 2, end: 6 })).toEqual({ start: 3, end: 7 });
    expect(r.map.mapRange({ start: 0, end: 2 })).toEqual({ start: 0, end: 2 });
  });

  it('refuses overlapping edits, two insertions at one offset, and edits outside the text', () => {
    expect(() => editText('abcdef', [{ start: 1, end: 3, text: '' }, { start: 2, end: 4, text: '' }])).toThrow(/overlap/);
    expect(() => editText('abcdef', [{ start: 1, end: 1, text: 'a' }, { start: 1, end: 1, text: 'b' }])).toThrow(/overlap/);
    expect(() => editText('abc', [{ start: 2, end: 4, text: '' }])).toThrow(/does not fit a text of 3 characters/);
    expect(() => editText('abc', [{ start: 2, end: 1, text: '' }])).toThrow(/does not fit/);
  });
});

describe('offset map properties', () => {
  it('is the identity for no edits', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        const { text: out, map } = editText(text, []);
        expect(out).toBe(text);
        for (let o = 0; o <= text.length; o++) {
          expect(map.mapOffset(o, 'start')).toBe(o);
          expect(map.mapOffset(o, 'end')).toBe(o);
        }
        for (const [a, b] of ranges(text.length)) expect(map.mapRange({ start: a, end: b })).toEqual({ start: a, end: b });
      }),
      RUNS,
    );
  });

  it('keeps exactly the same characters in every range that no edit reaches into', () => {
    fc.assert(
      fc.property(textAndEdits(), ({ text, edits }) => {
        const { text: out, map } = editText(text, edits);
        let checked = 0;
        for (const [a, b] of ranges(text.length)) {
          if (!edits.every((e) => e.end <= a || e.start >= b)) continue;
          const moved = map.mapRange({ start: a, end: b });
          expect(moved).not.toBeNull();
          expect(out.slice(moved!.start, moved!.end)).toBe(text.slice(a, b));
          checked++;
        }
        return checked >= 0;
      }),
      RUNS,
    );
  });

  it('holds in each range exactly its text with the edits inside it applied (edits at its edges included)', () => {
    fc.assert(
      fc.property(textAndEdits(), ({ text, edits }) => {
        const { text: out, map } = editText(text, edits);
        for (const [a, b] of ranges(text.length)) {
          const inside = edits.filter((e) => !(e.end <= a || e.start >= b));
          // Edits reaching in from outside follow the straddle rule, tested apart; an insertion at an edge is outside.
          if (inside.some((e) => e.start < a || e.end > b)) continue;
          const expected = editText(
            text.slice(a, b),
            inside.map((e) => ({ start: e.start - a, end: e.end - a, text: e.text })),
          ).text;
          const moved = map.mapRange({ start: a, end: b });
          if (expected === '') expect(moved).toBeNull();
          else expect(out.slice(moved!.start, moved!.end)).toBe(expected);
        }
      }),
      RUNS,
    );
  });

  it('takes the whole replacement into a range when an edit straddles its edge', () => {
    fc.assert(
      fc.property(textAndEdits(), ({ text, edits }) => {
        const { text: out, map } = editText(text, edits);
        const starts = newStarts(text, edits);
        const newStart = (edit: TextEdit): number => starts.get(edit)!;
        for (const [a, b] of ranges(text.length)) {
          const moved = map.mapRange({ start: a, end: b });
          for (const e of edits) {
            if (e.start < a && a < e.end && moved) expect(moved.start).toBe(newStart(e));
            if (e.start < b && b < e.end && moved) expect(moved.end).toBe(newStart(e) + e.text.length);
          }
        }
        return out.length === map.newLength;
      }),
      RUNS,
    );
  });

  it('is monotonic and stays within the new text', () => {
    fc.assert(
      fc.property(textAndEdits(), ({ text, edits }) => {
        const { text: out, map } = editText(text, edits);
        for (const bias of ['start', 'end'] as const) {
          let previous = -1;
          for (let o = 0; o <= text.length; o++) {
            const mapped = map.mapOffset(o, bias);
            expect(mapped).toBeGreaterThanOrEqual(previous);
            expect(mapped).toBeGreaterThanOrEqual(0);
            expect(mapped).toBeLessThanOrEqual(out.length);
            previous = mapped;
          }
        }
        for (const [a, b] of ranges(text.length)) {
          const moved = map.mapRange({ start: a, end: b });
          if (!moved) continue;
          expect(moved.start).toBeGreaterThanOrEqual(0);
          expect(moved.end).toBeLessThanOrEqual(out.length);
          expect(moved.end).toBeGreaterThan(moved.start);
        }
        // The ends of the text stay the ends, up to text inserted there.
        expect(map.mapOffset(0, 'end')).toBe(0);
        expect(map.mapOffset(text.length, 'start')).toBe(out.length);
      }),
      RUNS,
    );
  });

  const twoLists = textAndEdits().chain(({ text, edits }) => {
    const middle = editText(text, edits).text;
    return fc.constant({ text, edits, middle }).chain((x) =>
      fc
        .array(
          fc.record({
            start: fc.integer({ min: 0, max: middle.length }),
            length: fc.integer({ min: 0, max: 5 }),
            text: fc.string({ unit: fc.constantFrom('p', 'q'), maxLength: 3 }),
          }),
          { maxLength: 4 },
        )
        .map((raw) => {
          const sorted = [...raw].sort((a, b) => a.start - b.start || a.length - b.length);
          const second: TextEdit[] = [];
          let end = -1;
          let lastInsertion = -1;
          for (const r of sorted) {
            const e = { start: r.start, end: Math.min(r.start + r.length, middle.length), text: r.text };
            if (e.start < end || (e.start === e.end && e.start === lastInsertion)) continue;
            if (e.start === e.end) lastInsertion = e.start;
            second.push(e);
            end = e.end;
          }
          return { ...x, second };
        }),
    );
  });

  const mapsAgree = (m1: OffsetMap, m2: OffsetMap, combined: OffsetMap, length: number, skip: (o: number) => boolean): void => {
    for (let o = 0; o <= length; o++) {
      if (skip(o)) continue;
      for (const bias of ['start', 'end'] as const) {
        expect(combined.mapOffset(o, bias), `offset ${o} (${bias})`).toBe(m2.mapOffset(m1.mapOffset(o, bias), bias));
      }
    }
  };

  it('composes: the combined edit gives the same text, and the same offsets wherever the lists do not meet', () => {
    fc.assert(
      fc.property(twoLists, ({ text, edits, middle, second }) => {
        const first = editText(text, edits);
        const then = editText(middle, second);
        const combinedEdits = composeEdits(text, edits, second);
        const combined = editText(text, combinedEdits);
        expect(combined.text).toBe(then.text);
        // Offsets outside every combined edit (and at no edge of one) move identically.
        const touched = (o: number): boolean => combinedEdits.some((e) => e.start <= o && o <= e.end);
        mapsAgree(first.map, then.map, combined.map, text.length, touched);
      }),
      { numRuns: 500 },
    );
  });

  it('composes exactly, offset for offset, when the second list does not reach into what the first replaced', () => {
    let exercised = 0;
    fc.assert(
      fc.property(twoLists, ({ text, edits, middle, second }) => {
        const first = editText(text, edits);
        // Where the first list's replacements sit in the middle text.
        const spans = [...newStarts(text, edits)].map(([e, from]) => ({ from, to: from + e.text.length }));
        const meets = second.some((s) =>
          spans.some((p) => Math.max(p.from, s.start) < Math.min(p.to, s.end) || (s.start === s.end && p.from <= s.start && s.start <= p.to && p.from === p.to) || (s.start === s.end && p.from < s.start && s.start < p.to) || (p.from === p.to && s.start < p.from && p.from < s.end)),
        );
        if (meets) return;
        exercised++;
        const then = editText(middle, second);
        const combined = editText(text, composeEdits(text, edits, second));
        expect(combined.text).toBe(then.text);
        mapsAgree(first.map, then.map, combined.map, text.length, () => false);
      }),
      { numRuns: 500 },
    );
    expect(exercised).toBeGreaterThan(100);
  });

  it('composes a deletion and an insertion at its place into one replacement', () => {
    const edits = composeEdits('abcdef', [{ start: 2, end: 4, text: '' }], [{ start: 2, end: 2, text: 'XY' }]);
    expect(edits).toEqual([{ start: 2, end: 4, text: 'XY' }]);
    // A typo fixed after a name was pseudonymised: the fix lands inside the pseudonym.
    const twice = composeEdits(
      'Kayden is seven',
      [{ start: 0, end: 6, text: 'Chidl A' }],
      [{ start: 3, end: 5, text: 'ld' }],
    );
    expect(twice).toEqual([{ start: 0, end: 6, text: 'Child A' }]);
  });
});

describe('applyTextEdits', () => {
  // "Dawn: Hello Kayden.\n\nInterviewer: And Lily?" with turns, blocks and a coding.
  const text = 'Dawn: Hello Kayden.\n\nInterviewer: And Lily?';
  const document: DocumentText = {
    id: 'd1',
    text,
    turns: [
      { start: 0, end: 19, speaker: 'Dawn', contentStart: 6, time: 5 },
      { start: 21, end: 43, speaker: 'Interviewer', contentStart: 34 },
    ],
    blocks: [
      { start: 0, end: 19, kind: 'paragraph' },
      { start: 21, end: 43, kind: 'paragraph' },
    ],
  };

  it('moves turns (with where their words start) and blocks, keeping their other fields', () => {
    const edits: TextEdit[] = [
      { start: 0, end: 4, text: 'Participant' },
      { start: 12, end: 18, text: 'Child A' },
      { start: 38, end: 42, text: 'Child B' },
    ];
    const { text: out, move, map } = applyTextEdits(document, edits);
    expect(out.text).toBe('Participant: Hello Child A.\n\nInterviewer: And Child B?');
    expect(out.id).toBe('d1');
    expect(out.turns).toEqual([
      { start: 0, end: 27, speaker: 'Dawn', contentStart: 13, time: 5 },
      { start: 29, end: 54, speaker: 'Interviewer', contentStart: 42 },
    ]);
    expect(out.blocks).toEqual([
      { start: 0, end: 27, kind: 'paragraph' },
      { start: 29, end: 54, kind: 'paragraph' },
    ]);
    const coding = { id: 'c', start: 6, end: 18, codeId: 'k' };
    const moved = move(coding)!;
    expect(moved).toEqual({ id: 'c', start: 13, end: 26, codeId: 'k' });
    expect(out.text.slice(moved.start, moved.end)).toBe('Hello Child A');
    expect(map.newLength).toBe(out.text.length);
    // The input is untouched.
    expect(document.text).toBe(text);
    expect(document.turns[0]!.end).toBe(19);
  });

  it('drops a turn or block whose text was deleted, and clamps where the words start', () => {
    const { text: out } = applyTextEdits(document, [{ start: 19, end: 43, text: '' }]);
    expect(out.text).toBe('Dawn: Hello Kayden.');
    expect(out.turns).toEqual([{ start: 0, end: 19, speaker: 'Dawn', contentStart: 6, time: 5 }]);
    expect(out.blocks).toEqual([{ start: 0, end: 19, kind: 'paragraph' }]);
    const { text: cut } = applyTextEdits(document, [{ start: 3, end: 12, text: '' }]);
    expect(cut.text.slice(0, 10)).toBe('DawKayden.');
    expect(cut.turns[0]).toEqual({ start: 0, end: 10, speaker: 'Dawn', contentStart: 3, time: 5 });
  });

  it('maps through offsetMapOf exactly as through editText', () => {
    fc.assert(
      fc.property(textAndEdits(), ({ text: t, edits }) => {
        const a = editText(t, edits).map;
        const b = offsetMapOf(edits, t.length);
        for (let o = 0; o <= t.length; o++) {
          expect(b.mapOffset(o, 'start')).toBe(a.mapOffset(o, 'start'));
          expect(b.mapOffset(o, 'end')).toBe(a.mapOffset(o, 'end'));
        }
      }),
      { numRuns: 100 },
    );
  });
});
