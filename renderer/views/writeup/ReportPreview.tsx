import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { Id } from '../../../shared/model/types';
import type { ReportOutput, SectionCandidates } from '../../writeup/protocol';
import { PREVIEW_CSS, sanitiseReportHtml } from './preview-html';

interface Hosts {
  sections: { section: SectionCandidates; element: HTMLElement }[];
  quotes: { codingId: Id; section: SectionCandidates; attribution: string; element: HTMLElement }[];
}

/**
 * The report as it will read, live: the engine's HTML (every text escaped by the engine) shown inside a shadow root,
 * so its page styles and the app's styles stay apart, with nothing active in it (see preview-html.ts). Controls to
 * choose quotes are the app's own React elements, placed into the page beside each theme heading and each quote.
 */
export function ReportPreview(props: {
  output: ReportOutput;
  perSection: number;
  quotesShown: boolean;
  /** `ticked`: the section's quotes as the user sees them ticked now. */
  onToggleQuote: (section: SectionCandidates, codingId: Id, include: boolean, ticked: Id[]) => void;
  onResetSection: (section: SectionCandidates) => void;
}) {
  const { output } = props;
  const hostRef = useRef<HTMLDivElement>(null);
  const [hosts, setHosts] = useState<Hosts>({ sections: [], quotes: [] });
  const [open, setOpen] = useState<Set<Id>>(() => new Set());
  // Ticks shown at once, before the project has stored them and the report is rebuilt.
  const [pending, setPending] = useState<Record<Id, boolean>>({});

  useLayoutEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
    const { style, page } = sanitiseReportHtml(output.html, document);
    const css = document.createElement('style');
    css.textContent = `${style}\n${PREVIEW_CSS}`;
    root.replaceChildren(css, page);

    // Headings of sections come in report order (a theme, then its subthemes), as do the quotes.
    const headings = [...page.querySelectorAll('h3, h4')] as HTMLElement[];
    const sections: Hosts['sections'] = [];
    output.sections.forEach((section, i) => {
      const heading = headings[i];
      if (!heading) return;
      const element = document.createElement('div');
      element.className = 'wu-section-tools';
      heading.after(element);
      sections.push({ section, element });
    });
    const bySection = new Map<Id, SectionCandidates>();
    for (const s of output.sections) for (const id of s.quoted) bySection.set(id, s);
    const quotes: Hosts['quotes'] = [];
    const quoteBlocks = output.report.blocks.flatMap((b) => (b.kind === 'quote' ? [b.quote] : []));
    [...page.querySelectorAll('blockquote')].forEach((element, i) => {
      const quote = quoteBlocks[i];
      const section = quote && bySection.get(quote.codingId);
      if (!quote || !section) return;
      const tools = document.createElement('div');
      tools.className = 'wu-quote-tools';
      element.before(tools);
      quotes.push({ codingId: quote.codingId, section, attribution: quote.attribution, element: tools });
    });
    setHosts({ sections, quotes });
    setPending({});
  }, [output]);

  const toggle = (section: SectionCandidates, codingId: Id, include: boolean) => {
    const ticked = section.candidates.filter((c) => (pending[c.codingId] ?? c.quoted)).map((c) => c.codingId);
    setPending((p) => ({ ...p, [codingId]: include }));
    props.onToggleQuote(section, codingId, include, ticked);
  };

  const toggleOpen = (id: Id) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className="wu-page-host" ref={hostRef}>
      {props.quotesShown &&
        hosts.sections.map(({ section, element }) =>
          createPortal(
            <QuotePicker
              section={section}
              perSection={props.perSection}
              open={open.has(section.sectionId)}
              onOpen={() => toggleOpen(section.sectionId)}
              pending={pending}
              onToggle={(codingId, include) => toggle(section, codingId, include)}
              onReset={() => props.onResetSection(section)}
            />,
            element,
            section.sectionId,
          ),
        )}
      {hosts.quotes.map(({ codingId, section, attribution, element }) =>
        createPortal(
          <button
            type="button"
            className="wu-leave-out"
            title="Leave this quote out of the report"
            aria-label={`Leave out the quote ${attribution || ''} from ${section.name}`.replace(/\s+/g, ' ')}
            disabled={pending[codingId] === false}
            onClick={() => toggle(section, codingId, false)}
          >
            ✕
          </button>,
          element,
          `q-${codingId}`,
        ),
      )}
    </div>
  );
}

const SOURCE_WORDS: Record<SectionCandidates['source'], string> = {
  chosen: 'your choice',
  exemplar: 'exemplars marked in the Coding view',
  rule: 'chosen automatically',
  none: 'none',
};

function QuotePicker(props: {
  section: SectionCandidates;
  perSection: number;
  open: boolean;
  pending: Record<Id, boolean>;
  onOpen: () => void;
  onToggle: (codingId: Id, include: boolean) => void;
  onReset: () => void;
}) {
  const { section, perSection } = props;
  const ticked = (c: { codingId: Id; quoted: boolean }) => props.pending[c.codingId] ?? c.quoted;
  const full = section.candidates.filter(ticked).length >= perSection;
  const listId = `wu-candidates-${section.sectionId}`;
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const words = filter.trim().toLocaleLowerCase('en').split(/\s+/).filter(Boolean);
    if (words.length === 0) return section.candidates;
    return section.candidates.filter((c) => {
      const hay = `${c.text} ${c.attribution} ${c.codeName} ${c.documentName}`.toLocaleLowerCase('en');
      return words.every((w) => hay.includes(w));
    });
  }, [section.candidates, filter]);
  const kind = section.kind === 'code' ? 'code' : section.kind;
  return (
    <div className="wu-picker">
      <div className="wu-picker-bar">
        <span className="wu-picker-summary">
          Quotes: {section.quoted.length} of {section.candidates.length} {section.candidates.length === 1 ? 'passage' : 'passages'}
          {section.quoted.length > 0 && <> · {SOURCE_WORDS[section.source]}</>}
        </span>
        {section.candidates.length > 0 && (
          <button type="button" aria-expanded={props.open} aria-controls={listId} onClick={props.onOpen} aria-label={`Choose quotes for ${section.name}`}>
            {props.open ? 'Done' : 'Choose quotes…'}
          </button>
        )}
        {section.source === 'chosen' && (
          <button type="button" onClick={props.onReset} title="Let the report choose again (exemplars first, then many voices)">
            Automatic choice
          </button>
        )}
      </div>
      {props.open && (
        <div className="wu-candidates" id={listId} role="group" aria-label={`Passages of the ${kind} ${section.name}`}>
          <div className="wu-candidates-head">
            <p className="wu-candidates-hint">
              {full
                ? `The report quotes ${perSection} per ${kind === 'code' ? 'section' : 'theme'}: untick one to choose another, or raise “Quotes per theme”.`
                : `Tick the passages to quote, up to ${perSection}. ★ marks exemplars chosen in the Coding view.`}
            </p>
            {section.candidates.length > 8 && (
              <input
                type="search"
                value={filter}
                placeholder="Filter by words, participant or code"
                aria-label={`Filter the passages of ${section.name}`}
                onChange={(e) => setFilter(e.target.value)}
              />
            )}
          </div>
          {shown.length === 0 && <p className="wu-candidates-none">No passage matches “{filter.trim()}”.</p>}
          <ul>
            {shown.map((c) => (
              <li key={c.codingId} className={ticked(c) ? 'quoted' : undefined}>
                <label>
                  <input type="checkbox" checked={ticked(c)} disabled={!ticked(c) && full} onChange={(e) => props.onToggle(c.codingId, e.target.checked)} />
                  <span className="wu-candidate-text">
                    {c.exemplar && (
                      <span className="wu-star" title="Exemplar" aria-label="Exemplar">
                        ★{' '}
                      </span>
                    )}
                    {c.text} <span className="wu-candidate-attribution">{c.attribution}</span>
                    <span className="wu-candidate-meta">
                      {c.codeName} · {c.words} {c.words === 1 ? 'word' : 'words'}
                    </span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
