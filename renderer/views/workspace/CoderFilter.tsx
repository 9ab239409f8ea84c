import { useState } from 'react';
import type { CoderRecord } from '../../../shared/model/types';
import { useCoder } from '../../state/coder-store';

/** Who is coding, and whose codings are shown: all, only mine, chosen coders; blind mode hides others' work. */
export function CoderFilter({ coders, onSetIdentity }: { coders: CoderRecord[]; onSetIdentity: () => void }) {
  const { me, visibility, blind, setVisibility, setBlind } = useCoder();
  const [open, setOpen] = useState(false);
  const summary = blind ? 'Blind: only mine' : visibility.mode === 'all' ? 'All coders' : visibility.mode === 'mine' ? 'Only mine' : `${visibility.coderIds.length} chosen`;
  const chosen = visibility.mode === 'chosen' ? visibility.coderIds : coders.map((c) => c.id);
  return (
    <div className="coder-filter">
      <button type="button" className="coder-me" onClick={onSetIdentity} aria-label={me ? `Coding as ${me.name}: change` : 'Set who is coding'}>
        <span className="coder-dot" style={{ background: me?.color ?? 'var(--muted)' }} aria-hidden="true">
          {me?.initials ?? '?'}
        </span>
        {me ? me.name : 'Who is coding?'}
      </button>
      <div className="menu-anchor">
        <button type="button" className="small" aria-haspopup="true" aria-expanded={open} onClick={() => setOpen(!open)} aria-label={`Show codings: ${summary}`}>
          Show: {summary} ▾
        </button>
        {open && (
          <div className="menu" role="group" aria-label="Whose codings to show" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
            <label>
              <input type="radio" name="coder-visibility" checked={!blind && visibility.mode === 'all'} onChange={() => setVisibility({ mode: 'all' })} disabled={blind} /> All coders
            </label>
            <label>
              <input type="radio" name="coder-visibility" checked={!blind && visibility.mode === 'mine'} onChange={() => setVisibility({ mode: 'mine' })} disabled={blind} /> Only mine
            </label>
            <fieldset disabled={blind}>
              <legend>Chosen coders</legend>
              {coders.map((c) => (
                <label key={c.id}>
                  <input
                    type="checkbox"
                    checked={visibility.mode === 'chosen' ? chosen.includes(c.id) : visibility.mode === 'all' || c.id === me?.id}
                    onChange={(e) => {
                      const base = visibility.mode === 'chosen' ? chosen : visibility.mode === 'all' ? coders.map((x) => x.id) : me ? [me.id] : [];
                      setVisibility({ mode: 'chosen', coderIds: e.target.checked ? [...new Set([...base, c.id])] : base.filter((id) => id !== c.id) });
                    }}
                  />{' '}
                  <span className="coder-dot small" style={{ background: c.color }} aria-hidden="true">
                    {c.initials}
                  </span>{' '}
                  {c.name}
                </label>
              ))}
            </fieldset>
            <label className="blind-toggle">
              <input type="checkbox" checked={blind} onChange={(e) => setBlind(e.target.checked)} /> Blind coding (hide others’ codings until you compare)
            </label>
          </div>
        )}
      </div>
    </div>
  );
}
