import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { ratingAgreement, ratingsFromAttributes, type RatingAgreement } from '../../../shared/agreement/ratings';
import type { AttributeDefinition } from '../../../shared/model/types';
import { useProjectSession } from '../../app/project-session';

const LEVELS = ['nominal', 'ordinal', 'interval', 'ratio'] as const;

type Figure = { value: number | null; undefinedReason?: string } | { value: null; undefinedReason: string } | null | undefined;

function show(figure: Figure): string {
  if (!figure) return '—';
  if (figure.value === null || figure.value === undefined || Number.isNaN(figure.value)) return `undefined (${figure.undefinedReason ?? 'no variation'})`;
  return figure.value.toFixed(3);
}

/**
 * Agreement on document or participant ratings: readers rating case files on a scale (e.g. Excellent ...
 * Unsatisfactory), each reader's ratings held in an attribute of their own ("Quality (reader A)").
 */
export function RatingsAgreement() {
  const { db } = useProjectSession();
  const attributes = useLiveQuery(() => db.attributes.orderBy('order').toArray(), [db]);
  const values = useLiveQuery(() => db.attributeValues.toArray(), [db]);
  const [chosen, setChosen] = useState<string[]>([]);
  const candidates = (attributes ?? []).filter((a) => a.type === 'scale' || a.type === 'category' || a.type === 'number');

  const result = useMemo((): { agreement?: RatingAgreement; error?: string; raters: { id: string; name: string }[] } => {
    if (!attributes || !values || chosen.length < 2) return { raters: [] };
    try {
      const { ratings, raters, scale } = ratingsFromAttributes({ attributes, attributeValues: values }, chosen);
      return { agreement: ratingAgreement(ratings, { raterIds: chosen, ...(scale ? { scale } : {}) }), raters };
    } catch (error) {
      return { error: (error as Error).message, raters: [] };
    }
  }, [attributes, values, chosen]);

  const sameScope = (a: AttributeDefinition) => chosen.length === 0 || attributes?.find((x) => x.id === chosen[0])?.scope === a.scope;
  const agreement = result.agreement;
  const rated = agreement ? agreement.unitIds.length : 0;

  return (
    <section className="agr-section ratings" aria-labelledby="ratings-title">
      <h3 id="ratings-title">Agreement on ratings</h3>
      <p className="hint">
        For studies where readers rate documents or participants on a scale: give each reader an attribute of their own
        (for example “Quality (reader A)” and “Quality (reader B)” on the six-point scale, in Participants), then tick
        them here.
      </p>
      {candidates.length < 2 ? (
        <p>No ratings yet: this needs at least two scale, category or number attributes.</p>
      ) : (
        <fieldset className="ratings-choice">
          <legend>Each attribute is one reader’s ratings</legend>
          {candidates.map((a) => (
            <label key={a.id}>
              <input
                type="checkbox"
                checked={chosen.includes(a.id)}
                disabled={!chosen.includes(a.id) && !sameScope(a)}
                onChange={(e) => setChosen(e.target.checked ? [...chosen, a.id] : chosen.filter((id) => id !== a.id))}
              />{' '}
              {a.name} <span className="hint">({a.scope === 'case' ? 'participants' : 'documents'}, {a.type})</span>
            </label>
          ))}
        </fieldset>
      )}
      {result.error && <p role="alert">{result.error}</p>}
      {agreement && (
        <table className="ratings-table" aria-label="Agreement on ratings">
          <caption>
            {chosen.length} readers, {rated} rated {attributes?.find((a) => a.id === chosen[0])?.scope === 'case' ? 'participants' : 'documents'}; missing ratings allowed
          </caption>
          <thead>
            <tr>
              <th scope="col">Statistic</th>
              <th scope="col">Value</th>
              <th scope="col">Method</th>
            </tr>
          </thead>
          <tbody>
            {LEVELS.map((level) => (
              <tr key={level}>
                <th scope="row">Krippendorff’s α, {level}</th>
                <td>{show(agreement.alpha[level] as Figure)}</td>
                <td className="hint">Krippendorff (2011), {level} metric</td>
              </tr>
            ))}
            {agreement.cohen && (
              <>
                <tr>
                  <th scope="row">Cohen’s κ</th>
                  <td>{show(agreement.cohen.none as Figure)}</td>
                  <td className="hint">Cohen (1960)</td>
                </tr>
                <tr>
                  <th scope="row">Cohen’s κ, linear weights</th>
                  <td>{show(agreement.cohen.linear as Figure)}</td>
                  <td className="hint">Cohen (1968)</td>
                </tr>
                <tr>
                  <th scope="row">Cohen’s κ, quadratic weights</th>
                  <td>{show(agreement.cohen.quadratic as Figure)}</td>
                  <td className="hint">Cohen (1968)</td>
                </tr>
              </>
            )}
            {agreement.fleiss && (
              <tr>
                <th scope="row">Fleiss’ κ</th>
                <td>{show(agreement.fleiss as unknown as Figure)}</td>
                <td className="hint">Fleiss (1971)</td>
              </tr>
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
