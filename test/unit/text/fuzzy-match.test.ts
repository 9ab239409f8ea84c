import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyScore } from '../../../shared/text/fuzzy-match';

const names = ['Parents feel listened to', 'Parents excluded or overwhelmed', 'Professional confidence', 'Language and jargon', 'Child’s voice heard'];

describe('fuzzy matching for the code palette', () => {
  it('finds by initials and by word starts', () => {
    expect(fuzzyFilter('pfl', names, (n) => n)[0]).toBe('Parents feel listened to');
    expect(fuzzyFilter('jarg', names, (n) => n)).toEqual(['Language and jargon']);
    expect(fuzzyFilter('prof conf', names, (n) => n)[0]).toBe('Professional confidence');
  });
  it('ranks a direct substring at a word start above scattered letters', () => {
    expect(fuzzyFilter('voice', names, (n) => n)[0]).toBe('Child’s voice heard');
    expect(fuzzyScore('par', 'Parents feel listened to')!).toBeGreaterThan(fuzzyScore('par', 'Language and jargon') ?? -Infinity);
  });
  it('rejects names missing a letter, and keeps order for an empty query', () => {
    expect(fuzzyScore('xyz', 'Parents feel listened to')).toBeNull();
    expect(fuzzyFilter('', names, (n) => n)).toEqual(names);
    expect(fuzzyFilter('', names, (n) => n, 2)).toHaveLength(2);
  });
});
