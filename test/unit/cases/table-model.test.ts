import { describe, expect, it } from 'vitest';
import { filterRows, nextSort, sortRows, valueMap } from '../../../renderer/views/cases/table-model';
import type { AttributeDefinition } from '../../../shared/model/types';

const rating: AttributeDefinition = {
  id: 'q', name: 'Quality rating', scope: 'case', type: 'scale', options: ['Excellent', 'Very good', 'Good', 'Adequate', 'Weak', 'Unsatisfactory'], order: 0,
};
const years: AttributeDefinition = { id: 'y', name: 'Years', scope: 'case', type: 'number', options: [], order: 1 };
const seen: AttributeDefinition = { id: 'd', name: 'Interviewed', scope: 'case', type: 'date', options: [], order: 2 };

const rows = [
  { id: 'a', name: 'P10', order: 0, description: 'Dawn, social worker' },
  { id: 'b', name: 'P2', order: 1, description: 'Marcus, health visitor' },
  { id: 'c', name: 'P1', order: 2, description: '' },
  { id: 'e', name: 'P3', order: 3, description: '' },
];
const values = valueMap([
  { ownerId: 'a', attributeId: 'q', value: 'Weak' },
  { ownerId: 'b', attributeId: 'q', value: 'Excellent' },
  { ownerId: 'e', attributeId: 'q', value: 'Good' },
  { ownerId: 'a', attributeId: 'y', value: '12' },
  { ownerId: 'b', attributeId: 'y', value: '3' },
  { ownerId: 'c', attributeId: 'y', value: '25' },
  { ownerId: 'c', attributeId: 'd', value: '2026-03-12' },
]);
const names = (list: { name: string }[]) => list.map((r) => r.name);
const attributes = [rating, years, seen];

describe('sorting the Participants table', () => {
  it('by a scale best first, then worst first, empty values last both ways', () => {
    expect(names(sortRows(rows, { by: 'q', descending: false }, attributes, values))).toEqual(['P2', 'P3', 'P10', 'P1']);
    expect(names(sortRows(rows, { by: 'q', descending: true }, attributes, values))).toEqual(['P10', 'P3', 'P2', 'P1']);
  });

  it('by number value and by name with numbers in order, or in the user’s order', () => {
    expect(names(sortRows(rows, { by: 'y', descending: false }, attributes, values))).toEqual(['P2', 'P10', 'P1', 'P3']);
    expect(names(sortRows(rows, { by: 'name', descending: false }, attributes, values))).toEqual(['P1', 'P2', 'P3', 'P10']);
    expect(names(sortRows(rows, { by: 'order', descending: false }, attributes, values))).toEqual(['P10', 'P2', 'P1', 'P3']);
  });

  it('cycles a header: ascending, descending, back to the user’s order', () => {
    let sort = nextSort({ by: 'order', descending: false }, 'q');
    expect(sort).toEqual({ by: 'q', descending: false });
    sort = nextSort(sort, 'q');
    expect(sort).toEqual({ by: 'q', descending: true });
    expect(nextSort(sort, 'q')).toEqual({ by: 'order', descending: false });
    expect(nextSort(sort, 'y')).toEqual({ by: 'y', descending: false });
  });
});

describe('filtering the Participants table', () => {
  it('matches every word against the name, description and values as shown (dates as written out)', () => {
    const extra = (r: (typeof rows)[number]) => [r.description];
    expect(names(filterRows(rows, 'health', attributes, values, extra))).toEqual(['P2']);
    expect(names(filterRows(rows, 'excellent MARCUS', attributes, values, extra))).toEqual(['P2']);
    expect(names(filterRows(rows, 'Mar 2026', attributes, values, extra))).toEqual(['P1']);
    expect(names(filterRows(rows, 'good', attributes, values, extra))).toEqual(['P3']);
    expect(names(filterRows(rows, '   ', attributes, values, extra))).toEqual(['P10', 'P2', 'P1', 'P3']);
  });
});
