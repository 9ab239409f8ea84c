/**
 * Coder comparison over a project: for each code, how far two or more coders agree on where it applies.
 *
 * Units are characters (as NVivo's coding comparison), speaker turns or paragraphs (see units.ts). For each pair of
 * coders and each code, every unit falls in one of four cells: coded by both, only by A, only by B, by neither.
 * - Percentage agreement = (both + neither) / units x 100.
 * - Cohen's kappa on the same 2 x 2 table (Cohen 1960; see cohen.ts): with characters as units this is NVivo's
 *   kappa, expected agreement coming from each coder's coded and uncoded totals.
 * - Krippendorff's alpha (Krippendorff 2011; see krippendorff.ts), nominal, with each unit's values 1 (coded) and
 *   0 (not coded) from every coder who coded the document: any number of coders, missing coders allowed.
 * - u-alpha (Krippendorff 1995, 2004; see unitized.ts) on the character continuum, for documents every chosen
 *   coder coded.
 * Per code the units of all compared documents are pooled (one table per pair over all their characters, turns or
 * paragraphs); per document the same figures are given for that document alone. With three or more coders,
 * percentage agreement and kappa are the mean over coder pairs (of the pairs where they are defined); alpha
 * takes all coders at once. Overall figures pool every (unit, code) decision across the compared codes.
 *
 * A document counts for a coder only when that coder has at least one coding in it (of any code); a document is
 * compared for a pair only when both coded it, and for alpha when at least two chosen coders did. Every document
 * left out, wholly or for some coders, is listed with the reason.
 */
import type { CodeRecord, DocumentText, Id, ProjectData } from '../model/types';
import { alphaFromUnits, type AlphaResult, type WeightedUnit } from './krippendorff';
import { binaryKappa, percentAgreement, type BinaryCounts, type KappaResult } from './cohen';
import { unitizedAlpha, type UnitizedAlphaResult } from './unitized';
import { documentUnits, profileFor, type AgreementUnit, type DocumentUnits, type Profile, type Range } from './units';
import { UNDEFINED_REASONS, type AgreementValue } from './types';

/** Most coders one comparison can hold (each is one bit of a pattern). */
export const MAX_CODERS = 30;

export interface CompareCodersOptions {
  /** Two or more coder ids, in the order the results should list them. */
  coderIds: readonly Id[];
  unit?: AgreementUnit;
  /** Codes to compare; by default every code a chosen coder applied in a compared document, in codebook order. */
  codeIds?: readonly Id[];
  /** Documents to consider; by default all. */
  documentIds?: readonly Id[];
  /** Compute u-alpha on the character continuum for each code (default true). */
  unitized?: boolean;
}

export interface PairAgreement {
  coderA: Id;
  coderB: Id;
  /** Documents both coders coded. */
  documents: number;
  counts: BinaryCounts;
  /** 0-100. */
  percentAgreement: AgreementValue;
  kappa: KappaResult;
}

export interface DocumentCodeAgreement {
  documentId: Id;
  /** Chosen coders who coded this document. */
  coderIds: Id[];
  /** Units in the document (characters, turns or paragraphs). */
  units: number;
  /** Units carrying each pattern of coders: mask bit i = coder i of the comparison. */
  profile: { mask: number; units: number }[];
  pairs: PairAgreement[];
  alpha: AlphaResult;
}

export interface CodeAgreement {
  codeId: Id;
  /** The code's name path, e.g. "Partnership/Trust". */
  code: string;
  /** 0-100; the mean over coder pairs when there are three or more coders. */
  percentAgreement: AgreementValue;
  /** Cohen's kappa; the mean over coder pairs when there are three or more coders. */
  kappa: AgreementValue;
  alpha: AlphaResult;
  /** Null when not asked for. */
  unitizedAlpha: UnitizedAlphaResult | null;
  pairs: PairAgreement[];
  documents: DocumentCodeAgreement[];
}

export interface LeftOutDocument {
  documentId: Id;
  name: string;
  /** Chosen coders with no coding in the document. */
  missingCoderIds: Id[];
  /** True when the document is not compared at all (fewer than two chosen coders coded it). */
  wholly: boolean;
  reason: string;
}

export interface CoderComparison {
  coders: { id: Id; name: string }[];
  unit: AgreementUnit;
  /** How each figure is computed, for the interface and the write-up. */
  methods: {
    percentAgreement: string;
    kappa: string;
    alpha: string;
    unitizedAlpha: string;
    overall: string;
  };
  references: string[];
  /** Documents compared (coded by at least two chosen coders), with the chosen coders who coded each. */
  documents: { id: Id; name: string; coderIds: Id[] }[];
  leftOut: LeftOutDocument[];
  codes: CodeAgreement[];
  overall: { percentAgreement: AgreementValue; kappa: AgreementValue; alpha: AlphaResult; pairs: PairAgreement[] };
  warnings: string[];
}

/** Each code's name path joined with "/", from the root of the codebook. */
export function codePaths(codes: readonly CodeRecord[]): Map<Id, string> {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const paths = new Map<Id, string>();
  const pathOf = (code: CodeRecord): string => {
    const known = paths.get(code.id);
    if (known !== undefined) return known;
    const names: string[] = [];
    const seen = new Set<Id>();
    let at: CodeRecord | undefined = code;
    while (at && !seen.has(at.id)) {
      seen.add(at.id);
      names.unshift(at.name);
      at = at.parentId ? byId.get(at.parentId) : undefined;
    }
    const path = names.join('/');
    paths.set(code.id, path);
    return path;
  };
  for (const c of codes) pathOf(c);
  return paths;
}

/** Codes in codebook order: depth first, siblings by `order`, then by name. */
export function codebookOrder(codes: readonly CodeRecord[]): CodeRecord[] {
  const ids = new Set(codes.map((c) => c.id));
  const children = new Map<Id | undefined, CodeRecord[]>();
  for (const c of codes) {
    const parent = c.parentId && ids.has(c.parentId) && c.parentId !== c.id ? c.parentId : undefined;
    const list = children.get(parent) ?? [];
    list.push(c);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
  const out: CodeRecord[] = [];
  const seen = new Set<Id>();
  const visit = (parent: Id | undefined): void => {
    for (const c of children.get(parent) ?? []) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      out.push(c);
      visit(c.id);
    }
  };
  visit(undefined);
  for (const c of codes) if (!seen.has(c.id)) out.push(c); // codes caught in a parent cycle
  return out;
}

function pairCounts(profile: Profile, a: number, b: number): BinaryCounts {
  const counts: BinaryCounts = { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
  const bitA = 1 << a;
  const bitB = 1 << b;
  for (const [mask, units] of profile) {
    const hasA = (mask & bitA) !== 0;
    const hasB = (mask & bitB) !== 0;
    if (hasA && hasB) counts.both += units;
    else if (hasA) counts.onlyA += units;
    else if (hasB) counts.onlyB += units;
    else counts.neither += units;
  }
  return counts;
}

function addCounts(into: BinaryCounts, more: BinaryCounts): void {
  into.both += more.both;
  into.onlyA += more.onlyA;
  into.onlyB += more.onlyB;
  into.neither += more.neither;
}

function pairAgreement(coderA: Id, coderB: Id, documents: number, counts: BinaryCounts): PairAgreement {
  const kappa = binaryKappa(counts);
  if (documents === 0) {
    kappa.undefinedReason = UNDEFINED_REASONS.noDocuments;
    return {
      coderA,
      coderB,
      documents,
      counts,
      percentAgreement: { value: null, undefinedReason: UNDEFINED_REASONS.noDocuments },
      kappa,
    };
  }
  return { coderA, coderB, documents, counts, percentAgreement: percentAgreement(counts), kappa };
}

/** Binary units for alpha: each pattern's units with value 1 for coders who coded, 0 for the others present. */
function alphaUnits(profile: Profile, present: readonly number[], into: WeightedUnit[]): void {
  for (const [mask, units] of profile) {
    into.push({ values: present.map((i) => ((mask >> i) & 1) as 0 | 1), weight: units });
  }
}

/** The mean of the values defined; undefined (with the first reason) when none is. */
export function meanOfDefined(values: readonly AgreementValue[]): AgreementValue {
  const defined = values.filter((v) => v.value !== null);
  if (defined.length === 0) {
    return { value: null, undefinedReason: values[0]?.undefinedReason ?? UNDEFINED_REASONS.noDocuments };
  }
  return { value: defined.reduce((s, v) => s + v.value!, 0) / defined.length };
}

/** Compares coders over a project. Throws when fewer than two coders are given or a coder is unknown. */
export function compareCoders(project: ProjectData, options: CompareCodersOptions): CoderComparison {
  const unit = options.unit ?? 'character';
  const coderIds = [...new Set(options.coderIds)];
  if (coderIds.length < 2) throw new Error('Choose at least two different coders to compare.');
  if (coderIds.length > MAX_CODERS) throw new Error(`At most ${MAX_CODERS} coders can be compared at once.`);
  const coderIndex = new Map(coderIds.map((id, i) => [id, i]));
  const coderNames = new Map(project.coders.map((c) => [c.id, c.name]));
  const knownCoders = new Set([...project.coders.map((c) => c.id), ...project.codings.map((c) => c.coderId)]);
  for (const id of coderIds) if (!knownCoders.has(id)) throw new Error(`There is no coder with the id ${id} in this project.`);
  const coders = coderIds.map((id) => ({ id, name: coderNames.get(id) ?? id }));
  const nameOf = (id: Id): string => coderNames.get(id) ?? id;
  const warnings: string[] = [];

  const texts = new Map<Id, DocumentText>(project.texts.map((t) => [t.id, t]));
  const wantedDocuments = options.documentIds ? new Set(options.documentIds) : undefined;
  const documents = [...project.documents]
    .filter((d) => !wantedDocuments || wantedDocuments.has(d.id))
    .sort((a, b) => a.order - b.order);

  // Codings of the chosen coders, per document, code and coder.
  const byDocument = new Map<Id, Map<Id, Range[][]>>();
  const codedBy = new Map<Id, Set<number>>();
  for (const coding of project.codings) {
    const coder = coderIndex.get(coding.coderId);
    if (coder === undefined) continue;
    let set = codedBy.get(coding.documentId);
    if (!set) codedBy.set(coding.documentId, (set = new Set()));
    set.add(coder);
    let codes = byDocument.get(coding.documentId);
    if (!codes) byDocument.set(coding.documentId, (codes = new Map()));
    let perCoder = codes.get(coding.codeId);
    if (!perCoder) codes.set(coding.codeId, (perCoder = coderIds.map(() => [])));
    perCoder[coder]!.push({ start: coding.start, end: coding.end });
  }

  interface Compared {
    id: Id;
    name: string;
    present: number[];
    units: DocumentUnits;
    length: number;
  }
  const compared: Compared[] = [];
  const leftOut: LeftOutDocument[] = [];
  for (const doc of documents) {
    const present = [...(codedBy.get(doc.id) ?? [])].sort((a, b) => a - b);
    const missing = coderIds.filter((_, i) => !present.includes(i));
    const text = texts.get(doc.id);
    if (!text) {
      if (present.length > 0) warnings.push(`"${doc.name}" has no stored text and was left out.`);
      leftOut.push({ documentId: doc.id, name: doc.name, missingCoderIds: missing, wholly: true, reason: 'no stored text' });
      continue;
    }
    if (present.length < 2) {
      const reason =
        present.length === 0
          ? 'not coded by any of the chosen coders'
          : `coded only by ${nameOf(coderIds[present[0]!]!)}`;
      leftOut.push({ documentId: doc.id, name: doc.name, missingCoderIds: missing, wholly: true, reason });
      continue;
    }
    if (missing.length > 0) {
      leftOut.push({
        documentId: doc.id,
        name: doc.name,
        missingCoderIds: missing,
        wholly: false,
        reason: `not coded by ${missing.map(nameOf).join(', ')}; compared for the other coders only`,
      });
    }
    const units = documentUnits(text, unit, doc.name);
    if (units.warning) warnings.push(units.warning);
    compared.push({ id: doc.id, name: doc.name, present, units, length: text.text.length });
  }

  // Which codes to compare.
  const paths = codePaths(project.codes);
  let codeIds: Id[];
  if (options.codeIds) {
    codeIds = [...new Set(options.codeIds)];
  } else {
    const used = new Set<Id>();
    for (const doc of compared) for (const id of byDocument.get(doc.id)?.keys() ?? []) used.add(id);
    codeIds = codebookOrder(project.codes)
      .map((c) => c.id)
      .filter((id) => used.has(id));
    for (const id of used) {
      if (!paths.has(id)) {
        warnings.push(`Codings refer to a code (${id}) that is not in the codebook; it is compared under its id.`);
        codeIds.push(id);
      }
    }
  }

  const pairs: [number, number][] = [];
  for (let a = 0; a < coderIds.length; a++) for (let b = a + 1; b < coderIds.length; b++) pairs.push([a, b]);
  const overallCounts = pairs.map((): BinaryCounts => ({ both: 0, onlyA: 0, onlyB: 0, neither: 0 }));
  const pairDocuments = pairs.map(([a, b]) => compared.filter((d) => d.present.includes(a) && d.present.includes(b)).length);
  const overallUnits: WeightedUnit[] = [];
  const fullyCoded = compared.filter((d) => d.present.length === coderIds.length);
  const wantUnitized = options.unitized ?? true;
  if (wantUnitized && fullyCoded.length < compared.length) {
    warnings.push(
      `u-alpha uses only the ${fullyCoded.length} document(s) coded by all ${coderIds.length} coders.`,
    );
  }

  const codes: CodeAgreement[] = codeIds.map((codeId) => {
    const pairTotals = pairs.map((): BinaryCounts => ({ both: 0, onlyA: 0, onlyB: 0, neither: 0 }));
    const units: WeightedUnit[] = [];
    const perDocument: DocumentCodeAgreement[] = compared.map((doc) => {
      const codings = byDocument.get(doc.id)?.get(codeId) ?? coderIds.map(() => []);
      const profile: Profile = codings.some((r) => r.length > 0)
        ? profileFor(unit, doc.units, codings)
        : new Map(doc.units.count > 0 ? [[0, doc.units.count]] : []);
      const docPairs: PairAgreement[] = [];
      pairs.forEach(([a, b], p) => {
        if (!doc.present.includes(a) || !doc.present.includes(b)) return;
        const counts = pairCounts(profile, a, b);
        addCounts(pairTotals[p]!, counts);
        docPairs.push(pairAgreement(coderIds[a]!, coderIds[b]!, 1, counts));
      });
      const docUnits: WeightedUnit[] = [];
      alphaUnits(profile, doc.present, docUnits);
      units.push(...docUnits);
      return {
        documentId: doc.id,
        coderIds: doc.present.map((i) => coderIds[i]!),
        units: doc.units.count,
        profile: [...profile].map(([mask, n]) => ({ mask, units: n })).sort((x, y) => x.mask - y.mask),
        pairs: docPairs,
        alpha: alphaFromUnits(docUnits, { level: 'nominal' }),
      };
    });
    overallUnits.push(...units);
    const codePairs = pairs.map(([a, b], p) => {
      addCounts(overallCounts[p]!, pairTotals[p]!);
      return pairAgreement(coderIds[a]!, coderIds[b]!, pairDocuments[p]!, pairTotals[p]!);
    });
    const unitized =
      wantUnitized && fullyCoded.length > 0
        ? unitizedAlpha(
            fullyCoded.map((doc) => ({
              length: doc.length,
              codings: byDocument.get(doc.id)?.get(codeId) ?? [],
            })),
            coderIds.length,
          )
        : null;
    return {
      codeId,
      code: paths.get(codeId) ?? codeId,
      percentAgreement: meanOfDefined(codePairs.map((p) => p.percentAgreement)),
      kappa: meanOfDefined(codePairs.map((p) => p.kappa)),
      alpha: alphaFromUnits(units, { level: 'nominal' }),
      unitizedAlpha: unitized,
      pairs: codePairs,
      documents: perDocument,
    };
  });

  const overallPairs = pairs.map(([a, b], p) =>
    pairAgreement(coderIds[a]!, coderIds[b]!, pairDocuments[p]!, overallCounts[p]!),
  );
  const unitWord = unit === 'character' ? 'characters' : unit === 'turn' ? 'speaker turns' : 'paragraphs';
  const meanNote = coderIds.length > 2 ? ', then the mean over coder pairs' : '';
  return {
    coders,
    unit,
    methods: {
      percentAgreement: `Percentage agreement over ${unitWord}: units coded by both or by neither, out of all units${meanNote}.`,
      kappa: `Cohen's kappa (1960) over ${unitWord} as units, a 2 x 2 table per pair (coded / not coded)${meanNote}.`,
      alpha: `Krippendorff's alpha (2011), nominal, over ${unitWord} as units: value 1 coded, 0 not coded, for every coder who coded the document.`,
      unitizedAlpha:
        "Krippendorff's u-alpha (1995, 2004) for each code on the character continuum, over documents coded by every chosen coder.",
      overall:
        `Every (unit, code) decision over the compared codes pooled: one 2 x 2 table per pair and one alpha over all of them${meanNote ? '; percentage and kappa are means over coder pairs' : ''}.`,
    },
    references: [
      'Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and Psychological Measurement 20, 37-46.',
      "Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. University of Pennsylvania.",
      'Krippendorff, K. (2004). Measuring the reliability of qualitative text analysis data. Quality & Quantity 38, 787-800.',
    ],
    documents: compared.map((d) => ({ id: d.id, name: d.name, coderIds: d.present.map((i) => coderIds[i]!) })),
    leftOut,
    codes,
    overall: {
      percentAgreement: meanOfDefined(overallPairs.map((p) => p.percentAgreement)),
      kappa: meanOfDefined(overallPairs.map((p) => p.kappa)),
      alpha: alphaFromUnits(overallUnits, { level: 'nominal' }),
      pairs: overallPairs,
    },
    warnings,
  };
}
