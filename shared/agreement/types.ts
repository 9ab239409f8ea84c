/**
 * Shapes shared by the agreement measures.
 *
 * A coefficient that is undefined for the data (for example 0/0 when every value is the same) is reported as
 * `{ value: null, undefinedReason: '...' }`, never as 0 or 1, so a paper never prints a number the method does not
 * give.
 */

export interface AgreementValue {
  /** The coefficient, or null when the method gives no value for these data. */
  value: number | null;
  /** Why `value` is null, in words a researcher can print, e.g. "no variation". */
  undefinedReason?: string;
}

/** A rating or category as it appears in the data: a number or, for nominal data, any label. */
export type RatingValue = string | number;

/** Krippendorff's levels of measurement, each with its own difference function. */
export type MeasurementLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

export const MEASUREMENT_LEVELS: readonly MeasurementLevel[] = ['nominal', 'ordinal', 'interval', 'ratio'];

/** Reasons used across the measures, so the interface can translate or group them. */
export const UNDEFINED_REASONS = {
  noVariation: 'no variation',
  noPairableValues: 'no pairable values (no unit has values from two or more coders)',
  noUnits: 'no units rated by both coders',
  noSubjects: 'no subjects rated by two or more raters',
  noDocuments: 'no documents coded by both coders',
} as const;

export function defined(value: number): AgreementValue {
  return { value };
}

export function undefinedValue(reason: string): AgreementValue {
  return { value: null, undefinedReason: reason };
}
