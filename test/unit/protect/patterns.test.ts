import { describe, expect, it } from 'vitest';
import { findIdentifiers, isValidNhsNumber } from '../../../shared/protect/patterns';

const found = (text: string): [string, string][] => findIdentifiers(text).map((h) => [h.kind, h.text]);

describe('identifier patterns', () => {
  it('finds UK phone numbers in the ways people write them', () => {
    expect(
      found('Ring 07700 900412, or 07700900418, or 07700 900 263, +44 7700 900123, (0117) 496 0123, 020 7946 0000 or 01632 960314.'),
    ).toEqual([
      ['phone number', '07700 900412'],
      ['phone number', '07700900418'],
      ['phone number', '07700 900 263'],
      ['phone number', '+44 7700 900123'],
      ['phone number', '(0117) 496 0123'],
      ['phone number', '020 7946 0000'],
      ['phone number', '01632 960314'],
    ]);
  });

  it('does not take other numbers for phone numbers', () => {
    // Too few digits, too many digits, inside a longer number, a year range.
    expect(found('Room 0770 900, serial 077009004121234, order 12 07700 9004, 2019-2020, 999 call.')).toEqual([]);
  });

  it('finds postcodes in Royal Mail form', () => {
    expect(found('Send it to SW1A 1AA or M1 1AE, B33 8TH, CR2 6XH, DN55 1PT; not to QX1 1AA or SW1A1AAA.')).toEqual([
      ['postcode', 'SW1A 1AA'],
      ['postcode', 'M1 1AE'],
      ['postcode', 'B33 8TH'],
      ['postcode', 'CR2 6XH'],
      ['postcode', 'DN55 1PT'],
    ]);
  });

  it('finds dates of birth after their cue, not other dates', () => {
    expect(
      found(
        'He was born on 3rd March 2019. DOB 03/03/2019. D.O.B: 3.3.19. His date of birth is the fourteenth of September 2018, ' +
          'she was born on the third of November. Born in May 2020. The review was on 3rd March 2019.',
      ),
    ).toEqual([
      ['date of birth', '3rd March 2019'],
      ['date of birth', '03/03/2019'],
      ['date of birth', '3.3.19'],
      ['date of birth', 'the fourteenth of September 2018'],
      ['date of birth', 'the third of November'],
      ['date of birth', 'May 2020'],
    ]);
  });

  it('checks the NHS number check digit (modulus 11)', () => {
    // NHS Digital's documentation example.
    expect(isValidNhsNumber('943 476 5919')).toBe(true);
    // By hand: 4×10 + 0×9 + 1×8 + 0×7 + 2×6 + 3×5 + 2×4 + 1×3 + 3×2 = 92; 92 mod 11 = 4; 11 − 4 = 7.
    expect(isValidNhsNumber('401 023 2137')).toBe(true);
    expect(isValidNhsNumber('401 023 2136')).toBe(false);
    // 100 000 001x: 1×10 + 1×2 = 12; 12 mod 11 = 1; 11 − 1 = 10, a check digit never issued.
    expect(isValidNhsNumber('100 000 0010')).toBe(false);
    expect(isValidNhsNumber('943476591')).toBe(false);
    expect(found('NHS number 943 476 5919, also 943-476-5919 and 9434765919; not 943 476 5918.')).toEqual([
      ['NHS number', '943 476 5919'],
      ['NHS number', '943-476-5919'],
      ['NHS number', '9434765919'],
    ]);
  });

  it('finds National Insurance numbers, labelled case and record numbers, and email addresses', () => {
    expect(
      found(
        'NI AB 12 34 56 C. Case number 2019/00342, ref: CP-45821, crime number 41/12345/23. In that case 2019 was hard. ' +
          'Write to dawn.smith@example.org.',
      ),
    ).toEqual([
      ['National Insurance number', 'AB 12 34 56 C'],
      ['record number', '2019/00342'],
      ['record number', 'CP-45821'],
      ['record number', '41/12345/23'],
      ['email address', 'dawn.smith@example.org'],
    ]);
  });

  it('gives offsets that index the text', () => {
    const text = 'Call 07700 900412 now';
    const [hit] = findIdentifiers(text);
    expect(text.slice(hit!.start, hit!.end)).toBe('07700 900412');
    expect(hit!.category).toBe('case or record number');
  });
});
