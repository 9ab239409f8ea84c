import { useState } from 'react';
import { readContainerHeader } from '../../shared/protect';
import { ConfirmDialog } from '../components/Dialog';
import { catalogue } from '../db/catalogue';
import { createProjectFromData } from '../db/projects';
import { importedProjectName } from '../exchange/file-names';
import { platform } from '../platform';
import { useUi } from '../state/ui-store';
import { PassphraseDialog } from './PassphraseDialog';
import { openEncryptedInWorker, STAGE_LABEL } from './protect-client';
import type { OpenedFile } from './protect-engine';
import { ENCRYPTED_FILTERS } from './protected-save';

type Picked = { name: string; bytes: Uint8Array; innerName: string };

/**
 * "Open an encrypted file" on the project list: a .tessera-enc is decrypted with its passphrase and the project
 * inside becomes a new project. A wrong passphrase says so and creates nothing. A file that holds something other
 * than a project can be saved decrypted.
 */
export function OpenEncryptedFile(props: { disabled?: boolean }) {
  const notify = useUi((s) => s.notify);
  const openProject = useUi((s) => s.openProject);
  const [picked, setPicked] = useState<Picked | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [other, setOther] = useState<Extract<OpenedFile, { kind: 'file' }> | null>(null);

  const close = () => {
    setPicked(null);
    setOther(null);
    setError(null);
  };

  const choose = async () => {
    let file;
    try {
      [file] = await platform.openFiles({ title: 'Open an encrypted file', filters: ENCRYPTED_FILTERS, multiple: false });
    } catch (e) {
      notify(e instanceof Error ? e.message : String(e), { kind: 'error' });
      return;
    }
    if (!file) return;
    try {
      // The header names the file inside and refuses anything that is not a Tessera encrypted file, before asking.
      const header = readContainerHeader(file.bytes, file.name);
      setError(null);
      setPicked({ name: file.name, bytes: file.bytes, innerName: header.name });
    } catch (e) {
      notify(e instanceof Error ? e.message : String(e), { kind: 'error' });
    }
  };

  const open = async (passphrase: string) => {
    if (!picked) return;
    setError(null);
    setBusy(STAGE_LABEL.key);
    try {
      const opened = await openEncryptedInWorker(picked.name, picked.bytes, passphrase, { onStage: (stage) => setBusy(STAGE_LABEL[stage]) });
      if (opened.kind === 'file') {
        setOther(opened);
        return;
      }
      setBusy('Storing the project…');
      const existing = await catalogue.projects.filter((p) => p.deletedAt === undefined).toArray();
      const name = importedProjectName(opened.project.project.name, opened.innerName, existing.map((p) => p.name));
      const project = await createProjectFromData(opened.project, name);
      close();
      notify(`Opened “${project.name}” from the encrypted file “${picked.name}”.`);
      openProject(project.id);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  const saveOther = async () => {
    if (!other) return;
    try {
      await platform.saveFile({ title: 'Save the decrypted file', suggestedName: other.name, filters: [{ name: 'All files', extensions: ['*'] }], bytes: other.bytes });
      close();
    } catch (e) {
      notify(e instanceof Error ? e.message : String(e), { kind: 'error' });
    }
  };

  return (
    <>
      <button type="button" onClick={() => void choose()} disabled={props.disabled}>
        Open an encrypted file
      </button>
      {picked && !other && (
        <PassphraseDialog
          mode="enter"
          title="Open an encrypted file"
          intro={
            <p>
              <strong>{picked.name}</strong> holds <strong>{picked.innerName}</strong>. Enter the passphrase it was protected with; the project
              inside opens as a new project.
            </p>
          }
          confirmLabel="Decrypt and open"
          busy={busy}
          error={error}
          onConfirm={(passphrase) => passphrase && void open(passphrase)}
          onClose={close}
        />
      )}
      {picked && other && (
        <ConfirmDialog
          title="Not a project"
          message={
            <>
              The passphrase is right, but <strong>{picked.name}</strong> holds <strong>{other.name}</strong>, not a project. You can save the
              decrypted file; anyone who has it can then read it.
            </>
          }
          confirmLabel="Save the decrypted file…"
          onConfirm={() => void saveOther()}
          onClose={close}
        />
      )}
    </>
  );
}
