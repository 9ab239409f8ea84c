import type { PseudonymCategory, PseudonymTable, SuggestionReason } from '../../shared/protect';

/**
 * Proposed replacements for terms about to enter the pseudonym table: "[Child 1]", "[Parent 2]", "[School A]",
 * "[Phone]". Numbers and letters continue from what the table already uses, so "[Child 3]" is never given twice.
 * Pure, so the rules are tested on their own.
 */

/** Who a person is in the study: the replacement says so, which keeps the transcript readable for analysis. */
export const PERSON_ROLES = ['person', 'child', 'parent', 'carer', 'professional', 'participant'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

export const ROLE_LABEL: Readonly<Record<PersonRole, string>> = {
  person: 'Person',
  child: 'Child',
  parent: 'Parent',
  carer: 'Carer',
  professional: 'Professional',
  participant: 'Participant',
};

/** Identifiers that all become the same placeholder: their number says nothing an analysis needs. */
const FIXED_FOR_REASON: Partial<Record<SuggestionReason, string>> = {
  'phone number': '[Phone]',
  postcode: '[Postcode]',
  'date of birth': '[Date of birth]',
  'NHS number': '[NHS number]',
  'National Insurance number': '[NI number]',
  'record number': '[Record number]',
  'email address': '[Email]',
};

type Counter = 'number' | 'letter' | 'none';

interface Pattern {
  label: string;
  counter: Counter;
}

/** The placeholder's label and how it is counted, for a category (and a person's role or an identifier's kind). */
export function replacementPattern(category: PseudonymCategory, reason?: SuggestionReason, role?: PersonRole): Pattern {
  const fixed = reason ? FIXED_FOR_REASON[reason] : undefined;
  if (fixed) return { label: fixed.slice(1, -1), counter: 'none' };
  switch (category) {
    case 'person':
      return { label: ROLE_LABEL[role ?? (reason === 'speaker' ? 'participant' : 'person')], counter: 'number' };
    case 'place':
      return { label: 'Place', counter: 'letter' };
    case 'school':
      return { label: 'School', counter: 'letter' };
    case 'organisation':
      return { label: 'Organisation', counter: 'letter' };
    case 'case or record number':
      return { label: 'Record number', counter: 'none' };
    case 'date':
      return { label: 'Date', counter: 'none' };
  }
}

/** A, B, ... Z, AA, AB, ... for n = 1, 2, ... */
export function letterName(n: number): string {
  let name = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) name = String.fromCharCode(65 + ((k - 1) % 26)) + name;
  return name;
}

function makeNext(pattern: Pattern, used: Set<string>): string {
  if (pattern.counter === 'none') return `[${pattern.label}]`;
  for (let n = 1; ; n++) {
    const candidate = `[${pattern.label} ${pattern.counter === 'number' ? n : letterName(n)}]`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

export interface ProposalRequest {
  category: PseudonymCategory;
  reason?: SuggestionReason;
  role?: PersonRole;
  /** A replacement the user typed: kept as it is, and counted as taken. */
  override?: string;
}

/**
 * A replacement for each request, in order: each takes the next number or letter not used by the table or by an
 * earlier request. Because earlier requests keep theirs, accepting one proposal leaves the others unchanged.
 */
export function proposeReplacements(table: PseudonymTable, requests: readonly ProposalRequest[]): string[] {
  const used = new Set(table.map((e) => e.replacement.trim().toLowerCase()));
  for (const r of requests) if (r.override?.trim()) used.add(r.override.trim().toLowerCase());
  return requests.map((r) => {
    if (r.override?.trim()) return r.override.trim();
    const next = makeNext(replacementPattern(r.category, r.reason, r.role), used);
    used.add(next.toLowerCase());
    return next;
  });
}

/** One proposal for a single new entry (the add form). */
export function proposeReplacement(table: PseudonymTable, request: ProposalRequest): string {
  return proposeReplacements(table, [request])[0]!;
}
