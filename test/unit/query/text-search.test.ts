import { describe, expect, it } from 'vitest';
import {
  buildQueryIndex,
  checkSearchPattern,
  hitsToCodings,
  QueryError,
  searchHitsToTable,
  searchText,
} from '../../../shared/query';
import { buildSmallProject } from './fixture';

const project = buildSmallProject();
const index = buildQueryIndex(project);
const where = (r: { hits: { documentId: string; match: string }[] }): string[] => r.hits.map((h) => `${h.documentId}:${h.match}`);

describe('full-text search', () => {
  it('finds a word anywhere, without regard to case by default', () => {
    expect(where(searchText(index, 'parents'))).toEqual(['D1:parents', 'D2:parents', 'D3:parents']);
    expect(where(searchText(index, 'trust'))).toEqual(['D2:trust', 'D2:Trust', 'D3:trust', 'D4:trust', 'D5:Trust']);
    expect(where(searchText(index, 'Trust', { caseSensitive: true }))).toEqual(['D2:Trust', 'D5:Trust']);
  });

  it('whole words only, with accented letters counted as letters', () => {
    expect(where(searchText(index, 'school'))).toEqual(['D1:school', 'D1:school', 'D3:school']);
    expect(where(searchText(index, 'school', { wholeWord: true }))).toEqual(['D1:school', 'D1:school']);
    const p = buildSmallProject();
    p.texts[3]!.text = 'Le café, les cafés; CAFÉ.';
    const i = buildQueryIndex(p);
    expect(where(searchText(i, 'café', { wholeWord: true, documentIds: ['D4'] }))).toEqual(['D4:café', 'D4:CAFÉ']);
    expect(where(searchText(i, 'café', { documentIds: ['D4'] }))).toHaveLength(3);
  });

  it('keyword in context: left context, match, right context, speaker, turn and offset', () => {
    const [hit] = searchText(index, 'school was', { contextChars: 4 }).hits;
    const d1 = project.texts[0]!.text;
    expect(hit).toEqual({
      documentId: 'D1',
      documentName: 'Doc D1',
      caseId: 'C1',
      start: d1.indexOf('school was'),
      end: d1.indexOf('school was') + 10,
      offset: d1.indexOf('school was'),
      match: 'school was',
      left: 'The ',
      right: ' mis',
      turnIndex: 3,
      speaker: 'Nia',
    });
    // line breaks in the context read as a space; the context stops at the ends of the text
    expect(searchText(index, 'go?', { contextChars: 6 }).hits[0]!.right).toBe(' Nia:');
    expect(searchText(index, 'again.', { contextChars: 6 }).hits[0]!.right).toBe('');
    const d3 = searchText(index, 'paragraph on').hits[0]!;
    expect([d3.turnIndex, d3.speaker]).toEqual([-1, undefined]);
  });

  it('regular expressions, and plain searches with their special characters taken literally', () => {
    expect(where(searchText(index, '\\bshar\\w+', { regex: true }))).toEqual(['D1:shared', 'D2:shared']);
    expect(where(searchText(index, 'school?'))).toEqual(['D1:school?']);
    expect(where(searchText(index, 'felt (heard|blamed)', { regex: true }))).toEqual(['D1:felt heard', 'D2:felt blamed']);
    // an empty match finds nothing to show and the search moves on
    expect(where(searchText(index, 's*', { regex: true, documentIds: ['D4'] }))).toEqual(['D4:s', 'D4:s']);
  });

  it('reports an invalid or dangerous pattern clearly, before running it', () => {
    expect(() => searchText(index, '(', { regex: true })).toThrow(QueryError);
    expect(checkSearchPattern('(', { regex: true })).toMatch(/^"\(" is not a valid regular expression: .+/);
    expect(checkSearchPattern('(a+)+b', { regex: true })).toMatch(/repeats a part that itself repeats \(\(a\+\)\+\)/);
    expect(checkSearchPattern('(\\w*\\s?)*$', { regex: true })).toMatch(/itself repeats/);
    expect(checkSearchPattern('((ab)*c)+', { regex: true })).toMatch(/itself repeats/);
    expect(checkSearchPattern('(x+){2,}', { regex: true })).toMatch(/itself repeats/);
    for (const fine of ['(ab)+', '[(a+)]+', '\\(a+\\)+', '(a+)?', 'a+b*', '(um|erm)+']) expect(checkSearchPattern(fine, { regex: true })).toBeNull();
    // the same text as a plain search is fine
    expect(checkSearchPattern('(a+)+b')).toBeNull();
    expect(checkSearchPattern('')).toMatch(/Type something/);
  });

  it('stops at the hit cap or the time limit and says so', () => {
    const capped = searchText(index, 'e', { maxHits: 3 });
    expect(capped.hits).toHaveLength(3);
    expect(capped.truncated).toBe(true);
    expect(capped.stoppedBecause).toBe('Only the first 3 matches are shown.');
    let now = 0;
    const slow = searchText(index, 'e', { timeLimitMs: 1500, clock: () => (now += 1000) });
    expect(slow.truncated).toBe(true);
    expect(slow.stoppedBecause).toMatch(/stopped after 1.5 seconds/);
    // the clock reads 1 s at the start, 2 s after D1, 3 s after D2: past the limit, so D3 onwards are not searched
    expect([...new Set(slow.hits.map((h) => h.documentId))]).toEqual(['D1', 'D2']);
    expect(searchText(index, 'e').truncated).toBe(false);
  });

  it('makes a table', () => {
    const t = searchHitsToTable(searchText(index, 'school was', { contextChars: 4 }).hits);
    expect(t).toEqual({
      columns: ['Document', 'Speaker', 'Offset', 'Left context', 'Match', 'Right context'],
      rows: [['Doc D1', 'Nia', project.texts[0]!.text.indexOf('school was'), 'The ', 'school was', ' mis']],
    });
  });
});

describe('turning search hits into codings', () => {
  let n = 0;
  const base = { codeId: 'A', coderId: 'x', now: 42, newId: () => `new${++n}` };
  const coded = (r: { codings: { documentId: string; start: number; end: number }[] }): string[] =>
    r.codings.map((c) => project.texts.find((t) => t.id === c.documentId)!.text.slice(c.start, c.end));

  it('codes the match, its sentence or its turn (without the speaker label)', () => {
    const hits = searchText(index, 'parents').hits;
    const match = hitsToCodings(index, hits, base);
    // "parents" in D3 is already coded Parents by Xin (c10)
    expect([coded(match), match.skipped]).toEqual([['parents', 'parents'], 1]);
    expect(match.codings[0]).toMatchObject({ codeId: 'A', coderId: 'x', createdAt: 42, documentId: 'D1' });
    expect(coded(hitsToCodings(index, hits, { ...base, extent: 'sentence' }))).toEqual([
      'The parents felt heard.',
      'The parents felt blamed.',
      'First paragraph about trust and parents.',
    ]);
    expect(coded(hitsToCodings(index, hits, { ...base, extent: 'turn' }))).toEqual([
      'The parents felt heard. We shared the plan early.',
      'Trust takes time. The parents felt blamed.',
      'First paragraph about trust and parents.',
    ]);
  });

  it('skips ranges already coded with the code by the coder, and repeats', () => {
    const hits = searchText(index, 'The parents felt blamed').hits;
    expect(hitsToCodings(index, hits, { ...base, coderId: 'y' })).toEqual({ codings: [], skipped: 1 }); // c7
    expect(hitsToCodings(index, hits, base).codings).toHaveLength(1);
    const again = hitsToCodings(index, searchText(index, 'again').hits, { ...base, extent: 'turn' });
    expect([coded(again), again.skipped]).toEqual([['Um, yeah. The school was missing again, like, again.'], 1]);
  });

  it('refuses an unknown code or coder', () => {
    const hits = searchText(index, 'parents').hits;
    expect(() => hitsToCodings(index, hits, { ...base, codeId: 'zz' })).toThrow(/code with id zz/);
    expect(() => hitsToCodings(index, hits, { ...base, coderId: 'zz' })).toThrow(/coder with id zz/);
  });
});
