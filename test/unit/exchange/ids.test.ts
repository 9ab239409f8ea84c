import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deriveId, fnvId, normaliseGuid } from '../../../shared/exchange/ids';
import { stableId } from '../../../shared/model/stable-id';

describe('fnvId', () => {
  it('gives exactly what stableId gives, so ids derived by earlier versions are derived again (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (seed) => {
        expect(fnvId(seed)).toBe(stableId(seed));
      }),
      { numRuns: 500 },
    );
  });

  it('matches stableId on the seeds an export uses and on edge cases', () => {
    const seeds = ['', '\u0000', '\uffff'.repeat(50), 'tessera-selection\u0000doc\u00000\u000012\u0000coder', 'x'.repeat(5000), '😀'];
    for (const seed of seeds) expect(fnvId(seed)).toBe(stableId(seed));
  });

  it('is the 64-bit FNV-1a of the empty text twice, shaped as a version-8 UUID (by hand)', () => {
    // FNV-1a of nothing is its offset basis: cbf29ce484222325 and 84222325cbf29ce4. Nibble 12 becomes 8, and the
    // variant nibble 8 keeps its low two bits (8 & 3 = 0) with 8 set.
    expect(fnvId('')).toBe('cbf29ce4-8422-8325-8422-2325cbf29ce4');
    expect(deriveId('a', 'b')).toBe(fnvId('a\u0000b'));
  });
});

describe('normaliseGuid', () => {
  // As first written: trim, unwrap braces, lower the case, then check the shape.
  const reference = (raw: string): string | undefined => {
    const key = raw.trim().replace(/^\{(.*)\}$/s, '$1').toLowerCase();
    return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(key) ? key : undefined;
  };
  const guid = fc.uuid().chain((u) =>
    fc.tuple(fc.constantFrom('', ' ', '{', '\n'), fc.boolean(), fc.constantFrom('', ' ', '}', '\t')).map(([pre, upper, post]) => `${pre}${upper ? u.toUpperCase() : u}${post}`),
  );

  it('gives what trimming, unwrapping and lowering gave, for GUIDs as files write them (property)', () => {
    fc.assert(
      fc.property(fc.oneof(guid, fc.string({ maxLength: 40 })), (raw) => {
        expect(normaliseGuid(raw)).toBe(reference(raw));
      }),
      { numRuns: 1000 },
    );
  });

  it('reads GUIDs by hand', () => {
    expect(normaliseGuid('{0A1B2C3D-0000-4000-8000-00000000ABCD}')).toBe('0a1b2c3d-0000-4000-8000-00000000abcd');
    expect(normaliseGuid('0a1b2c3d-0000-4000-8000-00000000abcd')).toBe('0a1b2c3d-0000-4000-8000-00000000abcd');
    expect(normaliseGuid('not-a-guid')).toBeUndefined();
    expect(normaliseGuid(undefined)).toBeUndefined();
  });
});
