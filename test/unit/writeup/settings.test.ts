/** The Write-up view's pure helpers: options, quote choices, heatmap data, pseudonym table, file names, PNG dpi. */
import { crc32 as zlibCrc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CooccurrenceMatrix } from '../../../shared/query/cooccurrence';
import type { SectionCandidates } from '../../../renderer/writeup/protocol';
import {
  chosenQuoteIds,
  codeLabels,
  crc32,
  defaultSettings,
  findPseudonymTable,
  heatmapData,
  pngWithDpi,
  readChosenQuotes,
  readSettings,
  toggleQuote,
  toggleTheme,
  writeupFileName,
} from '../../../renderer/writeup/settings';

describe('report options', () => {
  it('reads stored options defensively: wrong kinds take their defaults, quotes are clamped', () => {
    expect(readSettings(undefined)).toEqual(defaultSettings());
    expect(readSettings('nonsense')).toEqual(defaultSettings());
    const read = readSettings({ title: 7, quotesPerTheme: 99.7, sections: { charts: false, method: 'no' }, themeIds: ['a', 3], byAttribute: 'attr-1', pseudonymise: 'yes' });
    expect(read.title).toBe('');
    expect(read.quotesPerTheme).toBe(12);
    expect(read.sections.charts).toBe(false);
    expect(read.sections.method).toBe(true);
    expect(read.themeIds).toBeNull();
    expect(read.byAttribute).toBe('attr-1');
    expect(read.pseudonymise).toBe(false);
    expect(readSettings({ quotesPerTheme: -3 }).quotesPerTheme).toBe(0);
  });

  const tree = [{ id: 'A' }, { id: 'A1', parentId: 'A' }, { id: 'A2', parentId: 'A' }, { id: 'B' }, { id: 'C' }];

  it('unticks a theme with its subthemes, ticks a subtheme with its theme, and says "all" as null', () => {
    const noA = toggleTheme(null, tree, 'A', false);
    expect(noA).toEqual(['B', 'C']);
    const withA2 = toggleTheme(noA, tree, 'A2', true);
    expect(withA2).toEqual(['A', 'A2', 'B', 'C']);
    expect(toggleTheme(withA2, tree, 'A1', true)).toBeNull();
    expect(toggleTheme(null, tree, 'A1', false)).toEqual(['A', 'A2', 'B', 'C']);
  });

  it('never leaves the report without a theme', () => {
    const onlyC = toggleTheme(toggleTheme(null, tree, 'A', false), tree, 'B', false);
    expect(onlyC).toEqual(['C']);
    expect(toggleTheme(onlyC, tree, 'C', false)).toBe(onlyC);
  });
});

describe('quotes the user chooses', () => {
  const section = (quoted: string[], source: SectionCandidates['source'] = 'rule'): SectionCandidates => ({
    sectionId: 'T',
    name: 'Theme',
    kind: 'theme',
    source,
    quoted,
    candidates: ['a', 'b', 'c', 'd'].map((id) => ({ codingId: id, documentName: 'P', codeName: 'x', attribution: '', text: id, words: 1, exemplar: false, quoted: quoted.includes(id) })),
  });

  it('turns what is shown into the user’s list on the first change, in document order', () => {
    expect(toggleQuote({}, section(['b', 'd']), 'b', false, 2)).toEqual({ T: ['d'] });
    expect(toggleQuote({ T: ['d'] }, section(['d'], 'chosen'), 'a', true, 2)).toEqual({ T: ['a', 'd'] });
  });

  it('refuses a quote beyond the number per theme, and drops a list unticked to nothing', () => {
    const full = { T: ['a', 'd'] };
    expect(toggleQuote(full, section(['a', 'd'], 'chosen'), 'c', true, 2)).toBe(full);
    expect(toggleQuote({ T: ['a'], U: ['z'] }, section(['a'], 'chosen'), 'a', false, 2)).toEqual({ U: ['z'] });
  });

  it('works from the ticks shown when the report has not caught up yet', () => {
    // "b" was just unticked; the section still lists it as quoted.
    expect(toggleQuote({ T: ['d'] }, section(['b', 'd'], 'chosen'), 'c', true, 2, ['d'])).toEqual({ T: ['c', 'd'] });
  });

  it('lists chosen ids in report order, each once, and reads stored choices defensively', () => {
    expect(chosenQuoteIds({ B: ['b1', 'x'], A: ['a1', 'x'], Z: ['z1'] }, ['A', 'B'])).toEqual(['a1', 'x', 'b1', 'z1']);
    expect(readChosenQuotes({ A: ['a', 3, 'b'], B: 'no', C: [] })).toEqual({ A: ['a', 'b'] });
    expect(readChosenQuotes(['a'])).toEqual({});
  });
});

describe('heatmap data', () => {
  const matrix: CooccurrenceMatrix = {
    codeIds: ['w', 'x', 'y', 'z'],
    codeNames: ['w', 'x', 'y', 'z'],
    mode: 'overlap',
    count: 'cases',
    counts: [
      [5, 2, 0, 0],
      [2, 7, 1, 0],
      [0, 1, 3, 0],
      [0, 0, 0, 9],
    ],
  };

  it('leaves out codes that never co-occur and the diagonal', () => {
    const data = heatmapData(matrix, (id) => id.toUpperCase(), 'Participants')!;
    expect(data.labels).toEqual(['W', 'X', 'Y']);
    expect(data.matrix.map((row) => row.map((v) => (Number.isNaN(v) ? null : v)))).toEqual([
      [null, 2, 0],
      [2, null, 1],
      [0, 1, null],
    ]);
    expect(data.valueLabel).toBe('Participants');
  });

  it('keeps the most co-occurring codes when there are too many, in codebook order', () => {
    expect(heatmapData(matrix, (id) => id, 'n', 2)!.labels).toEqual(['w', 'x']);
    expect(heatmapData({ ...matrix, counts: matrix.counts.map((r, i) => r.map((v, j) => (i === j ? v : 0))) }, (id) => id, 'n')).toBeUndefined();
  });

  it('labels codes by name, and by path where two share a name', () => {
    const labels = codeLabels(
      [
        { id: '1', name: 'Trust' },
        { id: '2', name: 'Trust' },
        { id: '3', name: 'Voice' },
      ],
      new Map([
        ['1', 'Parents/Trust'],
        ['2', 'Agencies/Trust'],
        ['3', 'Child/Voice'],
      ]),
    );
    expect([...labels.values()]).toEqual(['Parents / Trust', 'Agencies / Trust', 'Voice']);
  });
});

describe('the project’s pseudonym table', () => {
  it('is found under the pseudonymisation screen’s key, entries checked', () => {
    const table = findPseudonymTable([
      { key: 'map-layout', value: { themes: {} } },
      { key: 'pseudonym-dismissed', value: ['dawn'] },
      { key: 'pseudonym-table', value: [{ term: 'Kayden', replacement: '[Child 1]', category: 'person' }, { term: '', replacement: 'x' }, 'junk', { term: 'Marsh Lane', replacement: '[Street]', category: 'street', caseSensitive: true }] },
    ]);
    expect(table).toEqual([
      { term: 'Kayden', replacement: '[Child 1]', category: 'person' },
      { term: 'Marsh Lane', replacement: '[Street]', category: 'place', caseSensitive: true },
    ]);
  });

  it('is absent when the project has none, or an empty one', () => {
    expect(findPseudonymTable([])).toBeUndefined();
    expect(findPseudonymTable([{ key: 'pseudonym-table', value: [] }, { key: 'framework-summaries', value: {} }])).toBeUndefined();
    expect(findPseudonymTable([{ key: 'pseudonyms', value: { entries: [{ term: 'Dawn', replacement: 'Carer' }] } }])).toEqual([{ term: 'Dawn', replacement: 'Carer', category: 'person' }]);
  });
});

describe('file names', () => {
  it('name the project, what the file holds and the day, safely for any file system', () => {
    const at = new Date(2026, 5, 3, 12).getTime();
    expect(writeupFileName('Care: "Study" 2/3?', 'findings report', 'docx', at)).toBe('Care Study 2 3 - findings report 2026-06-03.docx');
    expect(writeupFileName('  ', 'codebook', 'csv', at)).toBe('Project - codebook 2026-06-03.csv');
  });
});

/** A 1 x 1 white PNG written by hand: signature, IHDR, IDAT (zlib of one filter byte and RGB), IEND. */
function tinyPng(extra: Uint8Array[] = []): Uint8Array {
  const chunk = (type: string, data: number[]) => {
    const body = new Uint8Array([...type].map((c) => c.charCodeAt(0)).concat(data));
    const out = new Uint8Array(12 + data.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, data.length);
    out.set(body, 4);
    view.setUint32(8 + data.length, zlibCrc32(body));
    return out;
  };
  const ihdr = chunk('IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  const idat = chunk('IDAT', [0x78, 0x01, 0x01, 0x04, 0x00, 0xfb, 0xff, 0x00, 0xff, 0xff, 0xff, 0x03, 0xfe, 0x01, 0xfe]);
  const parts = [new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]), ihdr, ...extra, idat, chunk('IEND', [])];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function chunks(png: Uint8Array): { type: string; data: Uint8Array; crcOk: boolean }[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: { type: string; data: Uint8Array; crcOk: boolean }[] = [];
  for (let at = 8; at < png.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    out.push({ type, data: png.subarray(at + 8, at + 8 + length), crcOk: view.getUint32(at + 8 + length) === zlibCrc32(png.subarray(at + 4, at + 8 + length)) });
    at += 12 + length;
  }
  return out;
}

describe('PNG at print resolution', () => {
  it('computes CRC-32 as PNG and zlib do (check value of "123456789" is CBF43926)', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => crc32(bytes) === zlibCrc32(bytes)));
  });

  it('records 300 dpi as pixels per metre right after IHDR, and replaces an earlier record', () => {
    const png = pngWithDpi(tinyPng(), 300);
    const list = chunks(png);
    expect(list.map((c) => c.type)).toEqual(['IHDR', 'pHYs', 'IDAT', 'IEND']);
    expect(list.every((c) => c.crcOk)).toBe(true);
    const phys = new DataView(list[1]!.data.buffer, list[1]!.data.byteOffset, 9);
    // 300 / 0.0254 = 11811.02
    expect([phys.getUint32(0), phys.getUint32(4), phys.getUint8(8)]).toEqual([11811, 11811, 1]);
    const again = chunks(pngWithDpi(png, 72));
    expect(again.map((c) => c.type)).toEqual(['IHDR', 'pHYs', 'IDAT', 'IEND']);
    expect(new DataView(again[1]!.data.buffer, again[1]!.data.byteOffset, 9).getUint32(0)).toBe(2835);
  });

  it('refuses what is not a PNG, or a PNG cut short', () => {
    expect(() => pngWithDpi(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"></svg> padding padding'), 300)).toThrow('not a PNG');
    expect(() => pngWithDpi(tinyPng().subarray(0, 40), 300)).toThrow('cut short');
  });
});
