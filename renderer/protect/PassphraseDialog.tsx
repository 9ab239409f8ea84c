import { useId, useState, type ReactNode } from 'react';
import { MIN_PASSPHRASE_LENGTH } from '../../shared/protect';
import { Dialog } from '../components/Dialog';
import { passphraseStrength } from './passphrase';
import '../styles/protect.css';

/**
 * Asks for a passphrase. 'new' (protecting a file): entered twice, with a strength hint and show/hide, and, when the
 * file may also be saved unprotected, a "Protect with a passphrase" choice. 'enter' (opening a file): once.
 * While `busy` says what is happening (deriving the key takes a moment) the fields wait; `error` shows under them.
 */
export function PassphraseDialog(props: {
  mode: 'new' | 'enter';
  title: string;
  intro?: ReactNode;
  confirmLabel: string;
  /** 'new' only: offer saving without a passphrase (unticking "Protect with a passphrase"). */
  allowPlain?: boolean;
  /** Label of the confirm button when saving unprotected. */
  plainLabel?: string;
  busy?: string | null;
  error?: string | null;
  /** The passphrase, or null to save unprotected. */
  onConfirm: (passphrase: string | null) => void;
  onClose: () => void;
}) {
  const ids = { first: useId(), second: useId(), strength: useId(), protect: useId(), error: useId() };
  const [protect, setProtect] = useState(true);
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const [shown, setShown] = useState(false);
  const creating = props.mode === 'new';
  const strength = passphraseStrength(first);
  const tooShort = [...first.normalize('NFC')].length < MIN_PASSPHRASE_LENGTH;
  const mismatch = creating && second.length > 0 && second !== first;
  const busy = !!props.busy;
  const ready = !busy && (!protect || (creating ? !tooShort && first === second : first.length > 0));

  const submit = () => {
    if (!ready) return;
    props.onConfirm(protect ? first : null);
  };
  const type = shown ? 'text' : 'password';

  return (
    <Dialog
      title={props.title}
      onClose={busy ? () => undefined : props.onClose}
      footer={
        <>
          <button type="button" onClick={props.onClose} disabled={busy}>
            Cancel
          </button>
          <button type="button" className="primary" onClick={submit} disabled={!ready}>
            {protect ? props.confirmLabel : (props.plainLabel ?? 'Save without protection')}
          </button>
        </>
      }
    >
      <form
        className="passphrase-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        {props.intro && <div className="passphrase-intro">{props.intro}</div>}
        {creating && props.allowPlain && (
          <label className="passphrase-protect" htmlFor={ids.protect}>
            <input id={ids.protect} type="checkbox" checked={protect} onChange={(e) => setProtect(e.target.checked)} disabled={busy} />
            <span>
              Protect with a passphrase
              <span className="passphrase-protect-hint">
                {protect
                  ? 'AES-256 encryption: without the passphrase the file cannot be read.'
                  : 'The file will be readable by anyone who gets it. It is checked for the real names in your pseudonym table first.'}
              </span>
            </span>
          </label>
        )}
        <fieldset className="passphrase-fields" disabled={busy || !protect}>
          <legend className="visually-hidden">Passphrase</legend>
          <div className="passphrase-row">
            <label htmlFor={ids.first}>{creating ? 'New passphrase' : 'Passphrase'}</label>
            <div className="passphrase-input">
              <input
                id={ids.first}
                type={type}
                autoFocus
                autoComplete={creating ? 'new-password' : 'current-password'}
                spellCheck={false}
                value={first}
                onChange={(e) => setFirst(e.target.value)}
                aria-describedby={creating ? ids.strength : props.error ? ids.error : undefined}
                aria-invalid={!!props.error || undefined}
              />
              <button type="button" className="passphrase-toggle" aria-pressed={shown} onClick={() => setShown(!shown)} aria-label={shown ? 'Hide passphrase' : 'Show passphrase'}>
                {shown ? 'Hide' : 'Show'}
              </button>
            </div>
          </div>
          {creating && (
            <>
              <div className="passphrase-strength" id={ids.strength} aria-live="polite">
                <span className={`strength-meter strength-${strength.score}`} aria-hidden="true">
                  {[1, 2, 3, 4].map((n) => (
                    <span key={n} className={n <= strength.score ? 'on' : ''} />
                  ))}
                </span>
                <span className="strength-text">
                  <strong>{first ? capitalise(strength.level) : `At least ${MIN_PASSPHRASE_LENGTH} characters`}</strong>
                  {first && <> · {strength.hint}</>}
                </span>
              </div>
              <div className="passphrase-row">
                <label htmlFor={ids.second}>Enter it again</label>
                <input
                  id={ids.second}
                  type={type}
                  autoComplete="new-password"
                  spellCheck={false}
                  value={second}
                  onChange={(e) => setSecond(e.target.value)}
                  aria-invalid={mismatch || undefined}
                  aria-describedby={mismatch ? `${ids.second}-mismatch` : undefined}
                />
              </div>
              {mismatch && (
                <p className="passphrase-mismatch" id={`${ids.second}-mismatch`}>
                  The two passphrases are not the same.
                </p>
              )}
              <p className="passphrase-note">Nobody can recover a lost passphrase, not even with Tessera. Keep it apart from the file.</p>
            </>
          )}
        </fieldset>
        {props.busy && (
          <div className="passphrase-busy" role="status">
            <progress aria-label={props.busy} />
            <span>{props.busy}</span>
          </div>
        )}
        {props.error && !props.busy && (
          <p className="passphrase-error" role="alert" id={ids.error}>
            {props.error}
          </p>
        )}
        {/* Enter submits the form. */}
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </form>
    </Dialog>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
