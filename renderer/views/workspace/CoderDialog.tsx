import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { newId } from '../../../shared/model/ids';
import { CODE_PALETTE } from '../../../shared/model/palette';
import type { CoderRecord } from '../../../shared/model/types';
import { useProjectSession } from '../../app/project-session';
import { Dialog } from '../../components/Dialog';
import { useCoder } from '../../state/coder-store';

function initialsOf(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase())
    .join('')
    .slice(0, 3);
}

/** Sets who is coding on this computer: once, then every coding records it. */
export function CoderDialog({ onClose, onDone }: { onClose: () => void; onDone?: (coder: CoderRecord) => void }) {
  const { db } = useProjectSession();
  const coders = useLiveQuery(() => db.coders.toArray(), [db]);
  const me = useCoder((s) => s.me);
  const setMe = useCoder((s) => s.setMe);
  const [name, setName] = useState(me?.name ?? '');
  const [initials, setInitials] = useState(me?.initials ?? '');
  const [color, setColor] = useState(me?.color ?? CODE_PALETTE[9]!);

  const choose = (coder: CoderRecord) => {
    setMe(coder);
    onDone?.(coder);
    onClose();
  };
  const save = () => {
    if (!name.trim()) return;
    choose({ id: me && me.name === name.trim() ? me.id : newId(), name: name.trim(), initials: (initials.trim() || initialsOf(name)).slice(0, 4), color });
  };

  return (
    <Dialog
      title="Who is coding?"
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" onClick={save} disabled={!name.trim()}>
            Code as {name.trim() || '…'}
          </button>
        </>
      }
    >
      <p className="hint">Every coding records its coder and time, so a team can compare and merge work.</p>
      {coders && coders.length > 0 && (
        <div className="coder-choices" role="group" aria-label="Coders in this project">
          {coders.map((c) => (
            <button key={c.id} type="button" className="coder-choice" onClick={() => choose(c)} aria-label={`I am ${c.name}`}>
              <span className="coder-dot" style={{ background: c.color }} aria-hidden="true">
                {c.initials}
              </span>
              {c.name}
            </button>
          ))}
        </div>
      )}
      <div className="form-grid">
        <label className="field">
          <span>Your name</span>
          <input autoFocus value={name} onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && save()} />
        </label>
        <label className="field">
          <span>Initials</span>
          <input value={initials} placeholder={initialsOf(name)} maxLength={4} onChange={(e) => setInitials(e.target.value)} />
        </label>
      </div>
      <div className="field">
        <span id="coder-colour">Colour</span>
        <div className="colour-row" role="radiogroup" aria-labelledby="coder-colour">
          {CODE_PALETTE.slice(0, 12).map((c) => (
            <button key={c} type="button" role="radio" aria-checked={c === color} aria-label={c} className="colour-choice" style={{ background: c }} onClick={() => setColor(c)} />
          ))}
        </div>
      </div>
    </Dialog>
  );
}
