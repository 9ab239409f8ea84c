import type { AttributeDefinition, AttributeValue, Id } from '../../../shared/model/types';
import { compareValues, displayValue } from '../../commands/case-commands';

/** Rows of the Participants and Documents tables: sorting and filtering over stored values, as plain functions. */

export type ValueMap = ReadonlyMap<string, string>;

export const valueKey = (ownerId: Id, attributeId: Id): string => `${ownerId}\u0000${attributeId}`;

export function valueMap(values: readonly AttributeValue[]): Map<string, string> {
  return new Map(values.map((v) => [valueKey(v.ownerId, v.attributeId), v.value]));
}

export function valueOf(values: ValueMap, ownerId: Id, attributeId: Id): string {
  return values.get(valueKey(ownerId, attributeId)) ?? '';
}

/** The table's order: by the user's order, by name, or by an attribute's values (empty values always last). */
export interface SortOrder {
  by: 'order' | 'name' | Id;
  descending: boolean;
}

export interface TableRow {
  id: Id;
  name: string;
  order: number;
}

const collator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });

export function sortRows<T extends TableRow>(rows: readonly T[], sort: SortOrder, attributes: readonly AttributeDefinition[], values: ValueMap): T[] {
  const attribute = attributes.find((a) => a.id === sort.by);
  const sign = sort.descending ? -1 : 1;
  const compare = (a: T, b: T): number => {
    if (attribute) {
      const va = valueOf(values, a.id, attribute.id);
      const vb = valueOf(values, b.id, attribute.id);
      // Empty values stay at the bottom whichever way the column is sorted.
      if (va === '' || vb === '') return compareValues(va, vb, attribute) || a.order - b.order;
      return sign * compareValues(va, vb, attribute) || a.order - b.order;
    }
    if (sort.by === 'name') return sign * collator.compare(a.name, b.name) || a.order - b.order;
    return sign * (a.order - b.order);
  };
  return [...rows].sort(compare);
}

/** The next order after a click on a column's header: ascending, then descending, then the user's order. */
export function nextSort(current: SortOrder, by: SortOrder['by']): SortOrder {
  if (current.by !== by) return { by, descending: false };
  if (!current.descending) return { by, descending: true };
  return { by: 'order', descending: false };
}

/** Rows whose name, extra texts (a description) or any shown value contain every word of the query (ignoring case). */
export function filterRows<T extends TableRow>(
  rows: readonly T[],
  query: string,
  attributes: readonly AttributeDefinition[],
  values: ValueMap,
  extra: (row: T) => string[] = () => [],
): T[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  return rows.filter((row) => {
    const haystack = [row.name, ...extra(row), ...attributes.map((a) => displayValue(valueOf(values, row.id, a.id), a))].join('\n').toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}
