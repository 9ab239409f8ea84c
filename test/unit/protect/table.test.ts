import { describe, expect, it } from 'vitest';
import { formatPseudonymTable, parsePseudonymTable, type PseudonymTable } from '../../../shared/protect';

describe('pseudonym table CSV', () => {
  it('reads the columns by their names, with quoted commas, categories written other ways and a BOM', () => {
    const csv =
      '\ufeffcategory,term,replacement,case sensitive\n' +
      'person,Kayden,[Child A],\n' +
      'School,"Marsh Lane Primary, Eastfield",[School 1],no\n' +
      'phone,07700 900412,[phone number],\n' +
      'person,Summer,[Child B],yes\n' +
      '\n' +
      'DOB,the third of November,[date of birth],\n';
    expect(parsePseudonymTable(csv, 'table.csv')).toEqual<PseudonymTable>([
      { term: 'Kayden', replacement: '[Child A]', category: 'person' },
      { term: 'Marsh Lane Primary, Eastfield', replacement: '[School 1]', category: 'school', caseSensitive: false },
      { term: '07700 900412', replacement: '[phone number]', category: 'case or record number' },
      { term: 'Summer', replacement: '[Child B]', category: 'person', caseSensitive: true },
      { term: 'the third of November', replacement: '[date of birth]', category: 'date' },
    ]);
  });

  it('reads a table without a header row as term, replacement, category; semicolons too', () => {
    expect(parsePseudonymTable('Kayden;[Child A];person\nCranfield  Road ;[Street 1];place\n', 't.csv')).toEqual([
      { term: 'Kayden', replacement: '[Child A]', category: 'person' },
      { term: 'Cranfield Road', replacement: '[Street 1]', category: 'place' },
    ]);
  });

  it('names the file and the line of what it cannot use', () => {
    expect(() => parsePseudonymTable('term,replacement,category\nKayden,,person\n', 'names.csv')).toThrow(
      'names.csv, line 2: "Kayden" has no replacement.',
    );
    expect(() => parsePseudonymTable('term,replacement,category\nKayden,A,persn\n', 'names.csv')).toThrow(
      'names.csv, line 2: unknown category "persn"; use one of: person, place, organisation, school, case or record number, date.',
    );
    expect(() => parsePseudonymTable('term,replacement,category\nKayden,A,person\nkayden,B,person\n', 'names.csv')).toThrow(
      'names.csv, line 3: "kayden" is also on line 2 with another replacement ("A").',
    );
    expect(() => parsePseudonymTable('term,pseudo\nKayden,A\n', 'names.csv')).toThrow('names.csv: the table has no "replacement" column');
    expect(() => parsePseudonymTable('term,replacement\n"Kayden,A\n', 'names.csv')).toThrow('names.csv: the table has an unclosed quotation mark');
  });

  it('keeps one row for a term given twice with the same replacement', () => {
    expect(parsePseudonymTable('Kayden,A,person\nKayden,A,person\n', 't.csv')).toHaveLength(1);
  });

  it('writes a table that reads back the same', () => {
    const table: PseudonymTable = [
      { term: 'Marsh Lane Primary, Eastfield', replacement: '[School 1]', category: 'school' },
      { term: 'Summer', replacement: '[Child "B"]', category: 'person', caseSensitive: true },
      { term: 'the third of November', replacement: '[date of birth]', category: 'date' },
    ];
    const csv = formatPseudonymTable(table);
    expect(csv.split('\n')[0]).toBe('term,replacement,category,case sensitive');
    expect(csv.split('\n')[1]).toBe('"Marsh Lane Primary, Eastfield",[School 1],school,');
    expect(parsePseudonymTable(csv, 't.csv')).toEqual(table);
  });
});
