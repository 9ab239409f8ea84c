import type { CoderRecord, CodingRecord } from '../../../shared/model/types';
import type { ChangeWriter, Command } from '../../db/command-history';

/** Commands behind the Queries view: coding every hit of a text search at once, and framework matrix summaries. */

/** Where the framework matrix keeps the summaries researchers write in its cells (by frameworkCellKey). */
export const FRAMEWORK_SUMMARIES_KEY = 'framework-summaries';

export function readSummaries(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!value || typeof value !== 'object') return out;
  for (const [key, text] of Object.entries(value as Record<string, unknown>)) if (typeof text === 'string') out[key] = text;
  return out;
}

const q = (text: string) => {
  const clean = text.replace(/\s+/g, ' ').trim();
  return `“${clean.length > 40 ? `${clean.slice(0, 38).trimEnd()}…` : clean}”`;
};

async function ensureCoder(w: ChangeWriter, coder: CoderRecord): Promise<void> {
  const existing = await w.db.coders.get(coder.id);
  if (!existing || existing.name !== coder.name || existing.initials !== coder.initials || existing.color !== coder.color) await w.put('coders', coder);
}

/**
 * Adds the codings made from search hits (see hitsToCodings) as one undoable step, so "code all hits" can be taken
 * back at once. A coding identical to one already stored (same document, code, coder and range) is not added twice.
 */
export function codeSearchHits(options: { codings: readonly CodingRecord[]; codeName: string; coder: CoderRecord; query: string }): Command {
  const { codings, coder } = options;
  if (codings.length === 0) throw new Error('There are no new passages to code: every hit is already coded with this code.');
  if (codings.some((c) => c.coderId !== coder.id)) throw new Error('Every coding must be by the coder doing the coding.');
  return {
    name: 'coding.code-search-hits',
    label: `Code ${codings.length} ${codings.length === 1 ? 'search hit' : 'search hits'} for ${q(options.query)} as ${q(options.codeName)}`,
    run: async (w) => {
      await ensureCoder(w, coder);
      const fresh: CodingRecord[] = [];
      for (const c of codings) {
        const existing = await w.db.codings
          .where('[documentId+start]')
          .equals([c.documentId, c.start])
          .filter((o) => o.end === c.end && o.codeId === c.codeId && o.coderId === c.coderId)
          .first();
        if (!existing) fresh.push(c);
      }
      await w.putMany('codings', fresh);
    },
  };
}

/** Writes (or, with blank text, clears) the summary of one cell of the framework matrix. */
export function setFrameworkSummary(key: string, text: string, caseName: string, themeName: string): Command {
  return {
    name: 'framework.summary',
    label: `${text.trim() ? 'Edit' : 'Clear'} the summary of ${q(caseName)} for ${q(themeName)}`,
    run: async (w) => {
      const summaries = readSummaries((await w.db.meta.get(FRAMEWORK_SUMMARIES_KEY))?.value);
      if (text.trim()) summaries[key] = text;
      else delete summaries[key];
      await w.put('meta', { key: FRAMEWORK_SUMMARIES_KEY, value: summaries });
    },
  };
}

