import { useState } from 'react';
import { Dialog } from '../components/Dialog';
import { PassphraseDialog } from './PassphraseDialog';
import { STAGE_LABEL } from './protect-client';
import { plainFileLeaks, saveEncrypted, savePlain, type SaveRequest } from './protected-save';

type Step = { kind: 'passphrase' } | { kind: 'leaks'; bytes: Uint8Array; terms: { term: string; count: number }[] };

/**
 * Saving a file with "Protect with a passphrase": encrypted by default; unprotected only when the request allows it,
 * and then only after the file was checked for the pseudonym table's real terms and the user saw which were found.
 */
export function ProtectedSaveDialog(props: { request: SaveRequest; onSaved: (name: string) => void; onClose: () => void }) {
  const { request } = props;
  const [step, setStep] = useState<Step>({ kind: 'passphrase' });
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const work = async (first: string, job: () => Promise<void>) => {
    setError(null);
    setBusy(first);
    try {
      await job();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setStep({ kind: 'passphrase' });
    } finally {
      setBusy(null);
    }
  };

  const finish = (name: string | undefined) => {
    if (name) props.onSaved(name);
    props.onClose();
  };

  const onPassphrase = (passphrase: string | null) =>
    void work(passphrase ? STAGE_LABEL.writing : STAGE_LABEL.checking, async () => {
      if (passphrase) {
        finish(await saveEncrypted(request, passphrase, (stage) => setBusy(STAGE_LABEL[stage])));
        return;
      }
      const bytes = await request.produce((stage) => setBusy(STAGE_LABEL[stage]));
      setBusy(STAGE_LABEL.checking);
      const terms = await plainFileLeaks(request.fileName, bytes, request.table);
      if (terms.length > 0) setStep({ kind: 'leaks', bytes, terms });
      else finish(await savePlain(request, bytes));
    });

  if (step.kind === 'leaks') {
    return (
      <LeakWarningDialog
        fileName={request.fileName}
        terms={step.terms}
        onProtect={() => setStep({ kind: 'passphrase' })}
        onSaveAnyway={() => void work(STAGE_LABEL.writing, async () => finish(await savePlain(request, step.bytes)))}
        onClose={props.onClose}
      />
    );
  }
  return (
    <PassphraseDialog
      mode="new"
      title={request.title}
      intro={
        <p>
          <strong>{request.fileName}</strong>
          {request.allowPlain
            ? ' can be protected with a passphrase, so a lost laptop or a wrongly addressed email exposes nothing.'
            : ' holds real names, so it is only ever saved encrypted.'}
        </p>
      }
      confirmLabel="Encrypt and save"
      plainLabel="Check and save unprotected"
      allowPlain={request.allowPlain}
      busy={busy}
      error={error}
      onConfirm={onPassphrase}
      onClose={props.onClose}
    />
  );
}

/** Names the real terms found in a file about to leave unprotected, and asks what to do. */
export function LeakWarningDialog(props: {
  fileName: string;
  terms: { term: string; count: number }[];
  onProtect: () => void;
  onSaveAnyway: () => void;
  onClose: () => void;
}) {
  const total = props.terms.reduce((sum, t) => sum + t.count, 0);
  const shown = props.terms.slice(0, 12);
  return (
    <Dialog
      title="Real names found"
      onClose={props.onClose}
      footer={
        <>
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="button" className="danger" onClick={props.onSaveAnyway}>
            Save unprotected anyway
          </button>
          <button type="button" className="primary" autoFocus onClick={props.onProtect}>
            Protect with a passphrase
          </button>
        </>
      }
    >
      <div className="leak-warning" role="alert">
        <p>
          <strong>{props.fileName}</strong> still contains {props.terms.length === 1 ? 'a real term' : `${props.terms.length} real terms`} from the
          pseudonym table ({total === 1 ? 'once' : `${total.toLocaleString('en-GB')} times`}):
        </p>
        <ul className="leak-terms" aria-label="Real terms found">
          {shown.map((t) => (
            <li key={t.term}>
              <span className="leak-term">{t.term}</span>
              <span className="leak-count">×{t.count}</span>
            </li>
          ))}
          {props.terms.length > shown.length && <li className="leak-more">and {props.terms.length - shown.length} more</li>}
        </ul>
        <p className="muted">Anyone who gets the file can read these. Protect it with a passphrase, or pseudonymise the project before exporting.</p>
      </div>
    </Dialog>
  );
}
