/**
 * Inter-coder agreement: the public surface of the engine. Every figure states its method, formula and reference
 * so the interface and the write-up can print them; undefined cases carry their reason instead of a number.
 */
export * from './types';
export {
  alphaFromUnits,
  krippendorffAlpha,
  KRIPPENDORFF_ALPHA_FORMULA,
  KRIPPENDORFF_ALPHA_REFERENCE,
  type AlphaOptions,
  type AlphaResult,
  type WeightedUnit,
} from './krippendorff';
export {
  binaryKappa,
  cohenKappa,
  cohenKappaFromTable,
  percentAgreement,
  COHEN_KAPPA_REFERENCE,
  WEIGHTED_KAPPA_REFERENCE,
  type BinaryCounts,
  type KappaOptions,
  type KappaResult,
  type KappaWeights,
} from './cohen';
export { fleissKappa, fleissKappaFromCounts, FLEISS_KAPPA_REFERENCE, type FleissResult } from './fleiss';
export {
  unitizedAlpha,
  UNITIZED_ALPHA_FORMULA,
  UNITIZED_ALPHA_REFERENCE,
  type UnitizedAlphaResult,
  type UnitizedContinuum,
} from './unitized';
export {
  AGREEMENT_UNITS,
  characterProfile,
  documentUnits,
  paragraphRanges,
  unitProfile,
  type AgreementUnit,
  type DocumentUnits,
  type Profile,
  type Range,
} from './units';
export {
  codebookOrder,
  codePaths,
  compareCoders,
  MAX_CODERS,
  type CodeAgreement,
  type CoderComparison,
  type CompareCodersOptions,
  type DocumentCodeAgreement,
  type LeftOutDocument,
  type PairAgreement,
} from './segment';
export {
  applyCodingChanges,
  findDisagreements,
  resolveDisagreement,
  RESOLUTIONS,
  type CodingChanges,
  type CodingUpdate,
  type Disagreement,
  type FindDisagreementsOptions,
  type Resolution,
  type ResolveOptions,
} from './disagreements';
export {
  ratingAgreement,
  ratingsFromAttributes,
  type Rating,
  type RatingAgreement,
  type RatingAgreementOptions,
} from './ratings';
export { readReliabilityMatrix, type MatrixLayout, type ReliabilityMatrix } from './matrix';
