import type { AgreementValue, BinaryCounts, CodeAgreement, CoderComparison, KappaResult, PairAgreement } from '../../../shared/agreement/index';
import type { Id } from '../../../shared/model/types';
import {
  agreementLevel,
  countsSentence,
  formatCoefficient,
  formatCount,
  formatStat,
  levelRange,
  sortCodes,
  STAT_KEYS,
  STAT_NAMES,
  statOf,
  UNIT_WORDS,
  unitScale,
  type Level,
  type SortKey,
  type StatKey,
} from '../../agreement/format';
import { methodEntries, POOLED_LABEL } from '../../agreement/report';
import { useAgreementUi } from '../../agreement/agreement-ui';

type Figures = Pick<CodeAgreement, 'percentAgreement' | 'kappa' | 'alpha'> & { pairs: PairAgreement[] };

/** The hover text of a figure: the counts behind it and, for kappa, observed and chance agreement. */
function figureTitle(key: StatKey, row: Figures, comparison: CoderComparison): string {
  const names = new Map(comparison.coders.map((c) => [c.id, c.name]));
  const value = statOf(row, key);
  const lines = [`${STAT_NAMES[key].long}: ${formatStat(key, value)}`];
  if (key === 'alpha') {
    lines.push(`${formatCount(row.alpha.units)} ${UNIT_WORDS[comparison.unit].many}, ${formatCount(row.alpha.pairable)} pairable values`);
  }
  for (const pair of row.pairs) {
    lines.push(countsSentence(pair.counts, names.get(pair.coderA) ?? pair.coderA, names.get(pair.coderB) ?? pair.coderB, comparison.unit));
    if (key === 'kappa' && pair.kappa.observedAgreement !== null && pair.kappa.expectedAgreement !== null) {
      lines.push(`observed agreement ${pair.kappa.observedAgreement.toFixed(4)}, expected by chance ${pair.kappa.expectedAgreement.toFixed(4)}`);
    }
  }
  return lines.join('\n');
}

export function FigureCell({ stat, value, title }: { stat: StatKey; value: AgreementValue; title?: string }) {
  const level = agreementLevel(stat, value);
  if (level === null) {
    return (
      <td className="agr-fig agr-undefined" title={title}>
        <span className="agr-fig-undef">undefined</span>
        <span className="agr-fig-reason">({value.undefinedReason ?? 'no value for these data'})</span>
      </td>
    );
  }
  const scale = unitScale(stat, value)!;
  return (
    <td className={`agr-fig agr-l${level}`} title={title}>
      <span className="agr-fig-num">{formatStat(stat, value)}</span>
      <span className="agr-fig-bar" aria-hidden="true">
        <span style={{ width: `${Math.max(2, scale * 100)}%` }} />
      </span>
    </td>
  );
}

function SortHeader({ label, sortKey, className }: { label: string; sortKey: SortKey; className?: string }) {
  const sort = useAgreementUi((s) => s.sort);
  const set = useAgreementUi((s) => s.set);
  const active = sort.key === sortKey;
  const isStat = (STAT_KEYS as readonly string[]).includes(sortKey);
  const next = active ? (sort.direction === 'ascending' ? 'descending' : 'ascending') : isStat ? 'ascending' : sortKey === 'disagreements' ? 'descending' : 'ascending';
  const hint = isStat ? (next === 'ascending' ? 'worst agreement first' : 'best agreement first') : sortKey === 'disagreements' ? (next === 'descending' ? 'most first' : 'fewest first') : 'codebook order';
  return (
    <th scope="col" className={className} aria-sort={active ? sort.direction : 'none'}>
      <button type="button" className="agr-sort" onClick={() => set({ sort: { key: sortKey, direction: next } })} title={`Sort by ${label.toLowerCase()}: ${hint}`}>
        {label}
        <span className="agr-sort-mark" aria-hidden="true">
          {active ? (sort.direction === 'ascending' ? '▲' : '▼') : ''}
        </span>
      </button>
    </th>
  );
}

/** The 2 x 2 table behind one pair's figures, with its margins. */
function CountsTable({ counts, nameA, nameB, unit }: { counts: BinaryCounts; nameA: string; nameB: string; unit: string }) {
  const total = counts.both + counts.onlyA + counts.onlyB + counts.neither;
  return (
    <table className="agr-counts" aria-label={`Counts of ${unit}: ${nameA} against ${nameB}`}>
      <thead>
        <tr>
          <td />
          <th scope="col">{nameB} coded</th>
          <th scope="col">{nameB} did not</th>
          <th scope="col">Total</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">{nameA} coded</th>
          <td className="agr-agree" title="Coded by both">{formatCount(counts.both)}</td>
          <td className="agr-differ" title={`Only ${nameA}`}>{formatCount(counts.onlyA)}</td>
          <td>{formatCount(counts.both + counts.onlyA)}</td>
        </tr>
        <tr>
          <th scope="row">{nameA} did not</th>
          <td className="agr-differ" title={`Only ${nameB}`}>{formatCount(counts.onlyB)}</td>
          <td className="agr-agree" title="Coded by neither">{formatCount(counts.neither)}</td>
          <td>{formatCount(counts.onlyB + counts.neither)}</td>
        </tr>
        <tr>
          <th scope="row">Total</th>
          <td>{formatCount(counts.both + counts.onlyB)}</td>
          <td>{formatCount(counts.onlyA + counts.neither)}</td>
          <td>
            {formatCount(total)} {unit}
          </td>
        </tr>
      </tbody>
    </table>
  );
}

function kappaFacts(kappa: KappaResult): string {
  if (kappa.observedAgreement === null || kappa.expectedAgreement === null) return kappa.undefinedReason ?? '';
  const max = kappa.maxKappa ? `, largest kappa these totals allow ${formatCoefficient(kappa.maxKappa)}` : '';
  return `Observed agreement p_o = ${kappa.observedAgreement.toFixed(4)}, expected by chance p_e = ${kappa.expectedAgreement.toFixed(4)}${max}.`;
}

function Details({ row, comparison, documentNames }: { row: Figures & { unitizedAlpha?: CodeAgreement['unitizedAlpha']; documents?: CodeAgreement['documents'] }; comparison: CoderComparison; documentNames: Map<Id, string> }) {
  const names = new Map(comparison.coders.map((c) => [c.id, c.name]));
  const unit = UNIT_WORDS[comparison.unit].many;
  const two = comparison.coders.length === 2;
  return (
    <div className="agr-details">
      <div className="agr-details-pairs">
        {row.pairs.map((pair) => (
          <div key={`${pair.coderA}-${pair.coderB}`} className="agr-details-pair">
            {!two && (
              <h4>
                {names.get(pair.coderA)} and {names.get(pair.coderB)}: {formatStat('percent', pair.percentAgreement)}, κ {formatStat('kappa', pair.kappa)}
              </h4>
            )}
            <CountsTable counts={pair.counts} nameA={names.get(pair.coderA) ?? pair.coderA} nameB={names.get(pair.coderB) ?? pair.coderB} unit={unit} />
            <p className="agr-details-note">
              {kappaFacts(pair.kappa)} Over {pair.documents} {pair.documents === 1 ? 'document' : 'documents'} both coded.
            </p>
          </div>
        ))}
        <div className="agr-details-facts">
          <p>
            <strong>Krippendorff’s α</strong> {formatStat('alpha', row.alpha)}: {formatCount(row.alpha.pairableUnits)} of {formatCount(row.alpha.units)} {unit} judged by two or
            more coders{row.alpha.observedDisagreement !== null && row.alpha.expectedDisagreement !== null
              ? `; observed disagreement D_o = ${row.alpha.observedDisagreement.toFixed(4)}, expected D_e = ${row.alpha.expectedDisagreement.toFixed(4)}`
              : ''}
            .
          </p>
          {row.unitizedAlpha && (
            <p>
              <strong>u-α</strong> (on the character continuum, where each coding begins and ends): {formatStat('alpha', row.unitizedAlpha)}
              {row.unitizedAlpha.value !== null ? `, over ${formatCount(row.unitizedAlpha.length)} characters and ${row.unitizedAlpha.codedSections} coded sections` : ''}.
            </p>
          )}
        </div>
      </div>
      {row.documents && row.documents.length > 0 && (
        <table className="agr-doc-table">
          <caption>By document</caption>
          <thead>
            <tr>
              <th scope="col">Document</th>
              <th scope="col">% agreement</th>
              <th scope="col">κ</th>
              <th scope="col">α</th>
              {two && (
                <>
                  <th scope="col">Both</th>
                  <th scope="col">Only {comparison.coders[0]!.name}</th>
                  <th scope="col">Only {comparison.coders[1]!.name}</th>
                </>
              )}
            </tr>
          </thead>
          <tbody>
            {row.documents.map((doc) => {
              const pair = doc.pairs[0];
              const percent = two && pair ? pair.percentAgreement : { value: null, undefinedReason: 'see pairs' };
              const kappa = two && pair ? pair.kappa : { value: null, undefinedReason: 'see pairs' };
              return (
                <tr key={doc.documentId}>
                  <th scope="row">{documentNames.get(doc.documentId) ?? doc.documentId}</th>
                  <td>{formatStat('percent', percent)}</td>
                  <td>{formatStat('kappa', kappa)}</td>
                  <td>{formatStat('alpha', doc.alpha)}</td>
                  {two && pair && (
                    <>
                      <td>{formatCount(pair.counts.both)}</td>
                      <td>{formatCount(pair.counts.onlyA)}</td>
                      <td>{formatCount(pair.counts.onlyB)}</td>
                    </>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

const LEVELS: Level[] = [0, 1, 2, 3, 4];

export function AgreementTable(props: {
  comparison: CoderComparison;
  codeColors: Map<Id, string>;
  documentNames: Map<Id, string>;
  disagreements: Map<Id, number>;
  pairNames: [string, string];
  onOpenDisagreements: (codeId: Id | undefined) => void;
}) {
  const { comparison, codeColors, documentNames, disagreements } = props;
  const sort = useAgreementUi((s) => s.sort);
  const expanded = useAgreementUi((s) => s.expanded);
  const toggle = useAgreementUi((s) => s.toggleExpanded);
  const rows = sortCodes(comparison.codes, sort.key, sort.direction, disagreements);
  const totalDisagreements = [...disagreements.values()].reduce((a, b) => a + b, 0);
  const pooled: Figures = { ...comparison.overall };
  const pooledOpen = expanded.includes('\u0000pooled');

  const figureCells = (row: Figures) =>
    STAT_KEYS.map((key) => <FigureCell key={key} stat={key} value={statOf(row, key)} title={figureTitle(key, row, comparison)} />);

  return (
    <div className="agr-table-wrap">
      <table className="agr-table" aria-label="Agreement by code">
        <thead>
          <tr>
            <th scope="col" className="agr-col-toggle">
              <span className="visually-hidden">Details</span>
            </th>
            <SortHeader label="Code" sortKey="codebook" className="agr-col-code" />
            {STAT_KEYS.map((key) => (
              <SortHeader key={key} label={STAT_NAMES[key].short} sortKey={key} className="agr-col-fig" />
            ))}
            <SortHeader label="Disagreements" sortKey="disagreements" className="agr-col-dis" />
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={6} className="agr-empty-row">
                Neither coder applied any of the chosen codes in the compared documents.
              </td>
            </tr>
          )}
          {rows.map((code) => {
            const open = expanded.includes(code.codeId);
            const parts = code.code.split('/');
            const name = parts.pop()!;
            const count = disagreements.get(code.codeId) ?? 0;
            return [
              <tr key={code.codeId} className={open ? 'agr-row open' : 'agr-row'}>
                <td className="agr-col-toggle">
                  <button type="button" className="agr-toggle" aria-expanded={open} aria-label={`Counts behind the figures for ${code.code}`} onClick={() => toggle(code.codeId)}>
                    <span aria-hidden="true">{open ? '▾' : '▸'}</span>
                  </button>
                </td>
                <th scope="row" className="agr-col-code">
                  <span className="swatch" style={{ background: codeColors.get(code.codeId) ?? 'var(--muted)' }} aria-hidden="true" />
                  <span className="agr-code-name">
                    {parts.length > 0 && <span className="agr-code-parent">{parts.join(' / ')} / </span>}
                    <span className="agr-code-leaf">{name}</span>
                  </span>
                </th>
                {figureCells(code)}
                <td className="agr-col-dis">
                  {count > 0 ? (
                    <button type="button" className="agr-dis-link" onClick={() => props.onOpenDisagreements(code.codeId)} aria-label={`${count} disagreements on ${code.code}: step through them`}>
                      {count}
                    </button>
                  ) : (
                    <span className="agr-none" title="The two coders coded this code on exactly the same passages">
                      none
                    </span>
                  )}
                </td>
              </tr>,
              open && (
                <tr key={`${code.codeId}-details`} className="agr-details-row">
                  <td />
                  <td colSpan={5}>
                    <Details row={code} comparison={comparison} documentNames={documentNames} />
                  </td>
                </tr>
              ),
            ];
          })}
        </tbody>
        <tfoot>
          <tr className={pooledOpen ? 'agr-row agr-pooled open' : 'agr-row agr-pooled'}>
            <td className="agr-col-toggle">
              <button type="button" className="agr-toggle" aria-expanded={pooledOpen} aria-label="Counts behind the pooled figures" onClick={() => toggle('\u0000pooled')}>
                <span aria-hidden="true">{pooledOpen ? '▾' : '▸'}</span>
              </button>
            </td>
            <th scope="row" className="agr-col-code">
              {POOLED_LABEL}
            </th>
            {figureCells(pooled)}
            <td className="agr-col-dis">
              {totalDisagreements > 0 ? (
                <button type="button" className="agr-dis-link" onClick={() => props.onOpenDisagreements(undefined)} aria-label={`${totalDisagreements} disagreements in all: step through them`}>
                  {totalDisagreements}
                </button>
              ) : (
                <span className="agr-none">none</span>
              )}
            </td>
          </tr>
          {pooledOpen && (
            <tr className="agr-details-row">
              <td />
              <td colSpan={5}>
                <Details row={pooled} comparison={comparison} documentNames={documentNames} />
              </td>
            </tr>
          )}
        </tfoot>
      </table>
      <div className="agr-legend" aria-label="Colour scale">
        <span className="agr-legend-title">Scale (κ and α; % agreement ÷ 100):</span>
        {LEVELS.map((level) => (
          <span key={level} className="agr-legend-item">
            <span className={`agr-legend-swatch agr-l${level}`} aria-hidden="true">
              <span style={{ width: `${(level + 0.5) * 20}%` }} />
            </span>
            {levelRange(level)}
          </span>
        ))}
        <span className="agr-legend-item">
          <span className="agr-legend-swatch agr-undefined" aria-hidden="true" />
          undefined
        </span>
      </div>
      <p className="agr-table-hint">
        Darker cells and shorter bars mean weaker agreement. Open a row (▸) or point at a figure for the counts behind it; the disagreement count opens the passages
        where {props.pairNames[0]} and {props.pairNames[1]} differ.
      </p>
    </div>
  );
}

/** The documents left out, each with the reason. */
export function LeftOutList({ comparison }: { comparison: CoderComparison }) {
  if (comparison.leftOut.length === 0) return <p className="agr-section-empty">No document was left out: every chosen document was coded by every chosen coder.</p>;
  return (
    <ul className="agr-left-out">
      {comparison.leftOut.map((l) => (
        <li key={l.documentId}>
          <span className="agr-left-out-name">{l.name}</span>
          <span className="agr-left-out-reason">{l.wholly ? 'left out: ' : 'partly compared: '}{l.reason}</span>
        </li>
      ))}
    </ul>
  );
}

/** The method, formula and reference of each figure, stated under the table. */
export function MethodNotes({ comparison }: { comparison: CoderComparison }) {
  return (
    <dl className="agr-method">
      {methodEntries(comparison).map((m) => (
        <div key={m.label} className="agr-method-entry">
          <dt>{m.label}</dt>
          <dd>
            <p>{m.text}</p>
            {m.formula && <code className="agr-formula">{m.formula}</code>}
            {m.reference && <p className="agr-reference">{m.reference}</p>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
