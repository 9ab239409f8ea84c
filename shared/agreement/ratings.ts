/**
 * Agreement on document-level ratings: several raters each give a document (or case) one value, such as a quality
 * grade on a six-point scale (Excellent ... Unsatisfactory) or a category. Missing ratings are allowed.
 *
 * - Krippendorff's alpha at the nominal, ordinal, interval and ratio levels (Krippendorff 2011; krippendorff.ts).
 *   For a scale given as labels, ordinal uses the labels' order and interval/ratio use their positions 1, 2, 3 ...
 * - Two raters: Cohen's kappa unweighted (1960) and with linear and quadratic weights (1968; cohen.ts), over the
 *   units both rated.
 * - Three or more raters: Fleiss' kappa (1971; fleiss.ts).
 */
import type { Id, ProjectData } from '../model/types';
import { cohenKappa, type KappaResult } from './cohen';
import { fleissKappa, type FleissResult } from './fleiss';
import { krippendorffAlpha, type AlphaResult } from './krippendorff';
import { MEASUREMENT_LEVELS, type MeasurementLevel, type RatingValue } from './types';

export interface Rating {
  /** The rated document or case. */
  unitId: Id;
  raterId: Id;
  value: RatingValue;
}

export interface RatingAgreementOptions {
  /** The scale's values in order (any direction); needed for ordinal/interval/ratio and weights when values are labels. */
  scale?: readonly RatingValue[];
  /** Raters in the order wanted; by default in order of first appearance. */
  raterIds?: readonly Id[];
  /** Units in the order wanted; by default in order of first appearance. */
  unitIds?: readonly Id[];
}

export interface NotApplicable {
  value: null;
  undefinedReason: string;
}

export interface RatingAgreement {
  raterIds: Id[];
  unitIds: Id[];
  /** Rows raters, columns units, null for a missing rating. */
  matrix: (RatingValue | null)[][];
  alpha: Record<MeasurementLevel, AlphaResult | NotApplicable>;
  /** Two raters only. */
  cohen: { none: KappaResult; linear: KappaResult | NotApplicable; quadratic: KappaResult | NotApplicable } | null;
  /** Three or more raters only. */
  fleiss: FleissResult | null;
}

function attempt<T>(compute: () => T): T | NotApplicable {
  try {
    return compute();
  } catch (error) {
    return { value: null, undefinedReason: error instanceof Error ? error.message : String(error) };
  }
}

export function ratingAgreement(ratings: readonly Rating[], options: RatingAgreementOptions = {}): RatingAgreement {
  const raterIds = [...(options.raterIds ?? [...new Set(ratings.map((r) => r.raterId))])];
  const unitIds = [...(options.unitIds ?? [...new Set(ratings.map((r) => r.unitId))])];
  if (raterIds.length < 2) throw new Error('Agreement on ratings needs at least two raters.');
  const raterIndex = new Map(raterIds.map((id, i) => [id, i]));
  const unitIndex = new Map(unitIds.map((id, i) => [id, i]));
  const matrix = raterIds.map(() => unitIds.map((): RatingValue | null => null));
  for (const r of ratings) {
    const i = raterIndex.get(r.raterId);
    const u = unitIndex.get(r.unitId);
    if (i === undefined || u === undefined) continue;
    if (matrix[i]![u] !== null && matrix[i]![u] !== r.value) {
      throw new Error(`Rater ${r.raterId} gave ${r.unitId} two different ratings (${matrix[i]![u]} and ${r.value}).`);
    }
    matrix[i]![u] = r.value;
  }
  const order = options.scale;
  const alpha = Object.fromEntries(
    MEASUREMENT_LEVELS.map((level) => [level, attempt(() => krippendorffAlpha(matrix, { level, ...(order ? { order } : {}) }))]),
  ) as Record<MeasurementLevel, AlphaResult | NotApplicable>;
  const categories = order ? { categories: order } : {};
  return {
    raterIds,
    unitIds,
    matrix,
    alpha,
    cohen:
      raterIds.length === 2
        ? {
            none: cohenKappa(matrix[0]!, matrix[1]!, { ...categories }),
            linear: attempt(() => cohenKappa(matrix[0]!, matrix[1]!, { ...categories, weights: 'linear' })),
            quadratic: attempt(() => cohenKappa(matrix[0]!, matrix[1]!, { ...categories, weights: 'quadratic' })),
          }
        : null,
    fleiss: raterIds.length >= 3 ? fleissKappa(matrix, categories) : null,
  };
}

/**
 * Ratings kept as one document attribute per rater (e.g. "Quality (reader 1)", "Quality (reader 2)"): each
 * attribute becomes a rater. Numeric values of number attributes become numbers; the first attribute's options give
 * the scale for scale and category attributes.
 */
export function ratingsFromAttributes(
  project: Pick<ProjectData, 'attributes' | 'attributeValues'>,
  attributeIds: readonly Id[],
): { ratings: Rating[]; raters: { id: Id; name: string }[]; scale?: string[] } {
  const definitions = attributeIds.map((id) => {
    const definition = project.attributes.find((a) => a.id === id);
    if (!definition) throw new Error(`There is no attribute with the id ${id} in this project.`);
    return definition;
  });
  const ratings: Rating[] = [];
  for (const value of project.attributeValues) {
    const definition = definitions.find((d) => d.id === value.attributeId);
    if (!definition || value.value.trim() === '') continue;
    const text = value.value.trim();
    const numeric = definition.type === 'number' && Number.isFinite(Number(text));
    ratings.push({ unitId: value.ownerId, raterId: definition.id, value: numeric ? Number(text) : text });
  }
  const first = definitions[0];
  const scale = first && (first.type === 'scale' || first.type === 'category') && first.options.length > 0 ? [...first.options] : undefined;
  return {
    ratings,
    raters: definitions.map((d) => ({ id: d.id, name: d.name })),
    ...(scale ? { scale } : {}),
  };
}
