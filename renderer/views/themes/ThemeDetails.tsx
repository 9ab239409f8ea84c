import { useEffect, useState } from 'react';
import { CODE_PALETTE } from '../../../shared/model/palette';
import type { Id, ThemeRecord, ThemeStatus } from '../../../shared/model/types';
import { useProjectSession } from '../../app/project-session';
import type { Command } from '../../db/command-history';
import {
  createTheme,
  deleteTheme,
  editTheme,
  mergeThemes,
  moveCodes,
  renameTheme,
  setThemeParent,
  setThemeStatus,
  splitTheme,
  THEME_STATUSES,
  unlinkThemes,
} from '../../commands/theme-commands';
import { ConfirmDialog, Dialog, PromptDialog } from '../../components/Dialog';
import { useUi } from '../../state/ui-store';
import { MemoButton } from '../memos/MemoButton';
import { themeTree, type ThemesData } from './theme-data';

/** A text kept while it is being edited, reset when the stored value (or the theme) changes. */
function useDraft(value: string, key: string): [string, (v: string) => void] {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value, key]);
  return [draft, setDraft];
}

/**
 * Phase 5, defining and naming a theme: its name, status, central organising concept, boundaries, place among the
 * themes, member codes, subthemes and links, its memo; and splitting, merging and deleting it.
 */
export function ThemeDetails({ data, themeId, onSelect, onReview }: { data: ThemesData; themeId?: Id; onSelect: (id: Id | undefined) => void; onReview: (id: Id) => void }) {
  const { execute } = useProjectSession();
  const notify = useUi((s) => s.notify);
  const theme = themeId ? data.themeById.get(themeId) : undefined;
  const [name, setName] = useDraft(theme?.name ?? '', theme?.id ?? '');
  const [definition, setDefinition] = useDraft(theme?.definition ?? '', theme?.id ?? '');
  const [boundaries, setBoundaries] = useDraft(theme?.boundaries ?? '', theme?.id ?? '');
  const [dialog, setDialog] = useState<null | 'split' | 'merge' | 'delete' | 'subtheme'>(null);

  const run = async (command: Command) => {
    try {
      await execute(command);
    } catch (error) {
      notify(error instanceof Error ? error.message : String(error), { kind: 'error' });
    }
  };

  if (!theme) {
    return (
      <aside className="theme-details empty" aria-label="Theme details">
        <h2>Theme details</h2>
        <p className="hint">Select a theme on the map or in the list to name it, define its central organising concept and its boundaries, and follow its status from candidate to final.</p>
      </aside>
    );
  }

  const others = themeTree(data.themes).filter(({ theme: t }) => t.id !== theme.id);
  const descendants = new Set<Id>();
  const collect = (id: Id) => {
    for (const t of data.themes) if (t.parentId === id && !descendants.has(t.id)) {
      descendants.add(t.id);
      collect(t.id);
    }
  };
  collect(theme.id);
  const subthemes = data.themes.filter((t) => t.parentId === theme.id).sort((a, b) => a.order - b.order);
  const free = data.codes.filter((c) => !theme.codeIds.includes(c.id));
  const links = data.layout.links.filter((l) => l.from === theme.id || l.to === theme.id);

  const commitName = () => {
    if (name.trim() && name.trim() !== theme.name) void run(renameTheme(theme, name));
    else setName(theme.name);
  };

  return (
    <aside className="theme-details" aria-label={`Theme details: ${theme.name}`}>
      <div className="details-top" style={{ borderTopColor: theme.color }}>
        <label className="field">
          <span>Name</span>
          <input className="theme-name-input" value={name} onChange={(e) => setName(e.target.value)} onBlur={commitName} onKeyDown={(e) => e.key === 'Enter' && (e.currentTarget as HTMLInputElement).blur()} aria-label="Theme name" />
        </label>
        <div className="field">
          <span id="status-label">Status</span>
          <div className="segmented status-choice" role="radiogroup" aria-labelledby="status-label">
            {THEME_STATUSES.map((s: ThemeStatus) => (
              <button key={s} type="button" role="radio" aria-checked={theme.status === s} onClick={() => theme.status !== s && void run(setThemeStatus(theme, s))}>
                {s}
              </button>
            ))}
          </div>
        </div>
        <div className="details-buttons">
          <button type="button" className="primary" onClick={() => onReview(theme.id)}>
            Review extracts
          </button>
          <MemoButton targetType="theme" targetId={theme.id} title={theme.name} label="Theme memo" />
        </div>
      </div>

      <label className="field">
        <span>Central organising concept</span>
        <textarea
          rows={5}
          value={definition}
          placeholder="What holds this theme together: the idea every extract speaks to."
          onChange={(e) => setDefinition(e.target.value)}
          onBlur={() => definition !== theme.definition && void run(editTheme(theme, { definition }))}
          aria-label="Definition (central organising concept)"
        />
      </label>
      <label className="field">
        <span>Boundaries: what it is not</span>
        <textarea
          rows={3}
          value={boundaries}
          placeholder="What belongs elsewhere, and where."
          onChange={(e) => setBoundaries(e.target.value)}
          onBlur={() => boundaries !== theme.boundaries && void run(editTheme(theme, { boundaries }))}
          aria-label="Boundaries (what the theme is not)"
        />
      </label>

      <div className="field">
        <span id="colour-label">Colour</span>
        <div className="colour-row" role="radiogroup" aria-labelledby="colour-label">
          {CODE_PALETTE.slice(0, 12).map((c) => (
            <button key={c} type="button" role="radio" aria-checked={theme.color === c} aria-label={c} className="colour-choice small" style={{ background: c }} onClick={() => theme.color !== c && void run(editTheme(theme, { color: c }))} />
          ))}
        </div>
      </div>

      <label className="field">
        <span>Place</span>
        <select
          value={theme.parentId ?? ''}
          aria-label="Subtheme of"
          onChange={(e) => {
            const parent = e.target.value ? data.themeById.get(e.target.value) : undefined;
            void run(setThemeParent(theme, parent));
          }}
        >
          <option value="">A theme of its own</option>
          {others
            .filter(({ theme: t }) => !descendants.has(t.id))
            .map(({ theme: t, depth }) => (
              <option key={t.id} value={t.id}>
                {'  '.repeat(depth)}Subtheme of {t.name}
              </option>
            ))}
        </select>
      </label>

      <section className="details-section" aria-labelledby="codes-label">
        <h3 id="codes-label">
          Codes <span className="count">{theme.codeIds.length}</span>
        </h3>
        {theme.codeIds.length === 0 && <p className="hint">No codes yet: drag code cards into the theme on the map, or add one here.</p>}
        <ul className="details-codes">
          {theme.codeIds.map((id) => {
            const code = data.codeById.get(id);
            if (!code) return null;
            return (
              <li key={id}>
                <span className="swatch" style={{ background: code.color }} aria-hidden="true" />
                <span className="details-code-name" title={data.paths.get(id)}>
                  {code.name}
                </span>
                <span className="code-counts">{data.counts[id]?.codings ?? 0}</span>
                <button type="button" className="icon-button" aria-label={`Take ${code.name} out of ${theme.name}`} title="Take out of the theme" onClick={() => void run(moveCodes({ codes: [code], from: theme }))}>
                  ×
                </button>
              </li>
            );
          })}
        </ul>
        <select
          value=""
          aria-label={`Add a code to ${theme.name}`}
          onChange={(e) => {
            const code = data.codeById.get(e.target.value);
            if (code) void run(moveCodes({ codes: [code], to: theme }));
          }}
        >
          <option value="">Add a code…</option>
          {free.map((c) => (
            <option key={c.id} value={c.id}>
              {data.paths.get(c.id) ?? c.name}
            </option>
          ))}
        </select>
      </section>

      <section className="details-section" aria-labelledby="subthemes-label">
        <h3 id="subthemes-label">
          Subthemes <span className="count">{subthemes.length}</span>
        </h3>
        <ul className="details-links">
          {subthemes.map((s) => (
            <li key={s.id}>
              <button type="button" className="link-button" onClick={() => onSelect(s.id)}>
                {s.name}
              </button>
              <span className={`status status-${s.status.replace(' ', '-')}`}>{s.status}</span>
            </li>
          ))}
        </ul>
        <button type="button" className="small inline" onClick={() => setDialog('subtheme')}>
          + Subtheme
        </button>
      </section>

      {links.length > 0 && (
        <section className="details-section" aria-labelledby="links-label">
          <h3 id="links-label">Linked with</h3>
          <ul className="details-links">
            {links.map((l) => {
              const other = data.themeById.get(l.from === theme.id ? l.to : l.from);
              if (!other) return null;
              return (
                <li key={l.id}>
                  <button type="button" className="link-button" onClick={() => onSelect(other.id)}>
                    {other.name}
                  </button>
                  <button type="button" className="icon-button" aria-label={`Remove the link with ${other.name}`} onClick={() => void run(unlinkThemes(l, theme.name, other.name))}>
                    ×
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      )}

      <div className="details-actions">
        <button type="button" className="small inline" disabled={theme.codeIds.length < 2} onClick={() => setDialog('split')} title="Move some of its codes to a new theme">
          Split…
        </button>
        <button type="button" className="small inline" disabled={others.length === 0} onClick={() => setDialog('merge')} title="Merge this theme into another">
          Merge into…
        </button>
        <button type="button" className="small inline danger-text" onClick={() => setDialog('delete')}>
          Delete
        </button>
      </div>

      {dialog === 'subtheme' && (
        <PromptDialog
          title={`New subtheme of “${theme.name}”`}
          label="Subtheme name"
          confirmLabel="Create subtheme"
          onClose={() => setDialog(null)}
          onConfirm={(value) => {
            setDialog(null);
            const made = createTheme({ name: value, parentId: theme.id });
            void run(made.command).then(() => onSelect(made.id));
          }}
        />
      )}
      {dialog === 'split' && (
        <SplitDialog
          theme={theme}
          data={data}
          onClose={() => setDialog(null)}
          onSplit={(codeIds, newName) => {
            setDialog(null);
            const made = splitTheme(theme, codeIds, newName);
            void run(made.command).then(() => onSelect(made.id));
          }}
        />
      )}
      {dialog === 'merge' && (
        <MergeDialog
          theme={theme}
          candidates={others.map((o) => o.theme)}
          onClose={() => setDialog(null)}
          onMerge={(target) => {
            setDialog(null);
            void run(mergeThemes(theme, target)).then(() => onSelect(target.id));
          }}
        />
      )}
      {dialog === 'delete' && (
        <ConfirmDialog
          title={`Delete “${theme.name}”?`}
          message={`Its codes stay in the codebook and its subthemes move up a level; its memo goes with it. You can undo this.`}
          confirmLabel="Delete theme"
          danger
          onClose={() => setDialog(null)}
          onConfirm={() => {
            setDialog(null);
            void run(deleteTheme(theme)).then(() => onSelect(theme.parentId));
          }}
        />
      )}
    </aside>
  );
}

function SplitDialog({ theme, data, onClose, onSplit }: { theme: ThemeRecord; data: ThemesData; onClose: () => void; onSplit: (codeIds: Id[], name: string) => void }) {
  const [chosen, setChosen] = useState<Set<Id>>(new Set());
  const [name, setName] = useState('');
  const ok = chosen.size > 0 && chosen.size < theme.codeIds.length && name.trim() !== '';
  return (
    <Dialog
      title={`Split “${theme.name}”`}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={!ok} onClick={() => onSplit([...chosen], name)}>
            Split into new theme
          </button>
        </>
      }
    >
      <p className="hint">Choose the codes that make up the new theme; the rest stay in “{theme.name}”.</p>
      <label className="field">
        <span>New theme's name</span>
        <input autoFocus value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <fieldset className="split-codes">
        <legend>Codes for the new theme</legend>
        {theme.codeIds.map((id) => {
          const code = data.codeById.get(id);
          if (!code) return null;
          return (
            <label key={id} className="check-row">
              <input
                type="checkbox"
                checked={chosen.has(id)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(id);
                  else next.delete(id);
                  setChosen(next);
                }}
              />
              <span className="swatch" style={{ background: code.color }} aria-hidden="true" />
              {data.paths.get(id) ?? code.name}
              <span className="code-counts">{data.counts[id]?.codings ?? 0}</span>
            </label>
          );
        })}
      </fieldset>
    </Dialog>
  );
}

function MergeDialog({ theme, candidates, onClose, onMerge }: { theme: ThemeRecord; candidates: ThemeRecord[]; onClose: () => void; onMerge: (target: ThemeRecord) => void }) {
  const [targetId, setTargetId] = useState(candidates[0]?.id ?? '');
  const target = candidates.find((c) => c.id === targetId);
  return (
    <Dialog
      title={`Merge “${theme.name}” into…`}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={!target} onClick={() => target && onMerge(target)}>
            Merge
          </button>
        </>
      }
    >
      <label className="field">
        <span>Theme to merge into</span>
        <select autoFocus value={targetId} onChange={(e) => setTargetId(e.target.value)}>
          {candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <p className="hint">
        {target ? `“${target.name}”` : 'The other theme'} gathers the codes, subthemes, memo and links of “{theme.name}”; its definition and boundaries are added to the other's, and “{theme.name}” goes. You can undo this.
      </p>
    </Dialog>
  );
}
