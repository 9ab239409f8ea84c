import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { DEFAULT_ITERATIONS, type PseudonymTable } from '../../../shared/protect';
import { useProjectSession } from '../../app/project-session';
import { catalogue } from '../../db/catalogue';
import { exportFileName } from '../../exchange/file-names';
import { QDPX_FILTERS, readCurrentProject } from '../../exchange/project-files';
import { writeQdpxInProtectWorker } from '../../protect/protect-client';
import { ProtectedSaveDialog } from '../../protect/ProtectedSaveDialog';
import type { SaveRequest } from '../../protect/protected-save';
import { useUi } from '../../state/ui-store';

/** Exporting the whole project protected with a passphrase (.qdpx inside a .tessera-enc). */
export function EncryptedExportPanel(props: { table: PseudonymTable }) {
  const { db, projectId } = useProjectSession();
  const notify = useUi((s) => s.notify);
  const project = useLiveQuery(() => catalogue.projects.get(projectId), [projectId]);
  const [saveRequest, setSaveRequest] = useState<SaveRequest | null>(null);

  const exportProject = () =>
    setSaveRequest({
      title: 'Export encrypted project',
      fileName: exportFileName(project?.name ?? 'Tessera project', { kind: 'project' }),
      type: 'application/zip',
      filters: [QDPX_FILTERS[0]!],
      allowPlain: true,
      table: props.table,
      produce: async (onStage) => {
        onStage('reading');
        const { data } = await readCurrentProject(db, projectId);
        return writeQdpxInProtectWorker(data, { onStage });
      },
    });

  return (
    <section className="protect-panel" aria-labelledby="protect-export-title">
      <header className="protect-panel-head">
        <div>
          <h2 id="protect-export-title">Encrypted export</h2>
          <p className="protect-lede">
            Share or archive the project so that a lost laptop, a shared drive or a wrongly addressed email exposes nothing.
          </p>
        </div>
      </header>

      <div className="export-cards">
        <article className="export-card" aria-labelledby="export-project-title">
          <h3 id="export-project-title">The whole project</h3>
          <p>
            Documents, codebook, every coder’s codings, memos, participants and themes as a REFI-QDA project (.qdpx), encrypted with a passphrase
            into one <code>.tessera-enc</code> file. The pseudonym table is never included.
          </p>
          <button type="button" className="primary" onClick={exportProject}>
            Export encrypted project…
          </button>
        </article>

        <article className="export-card" aria-labelledby="export-open-title">
          <h3 id="export-open-title">Opening it again</h3>
          <p>
            On the project list, choose <strong>Open an encrypted file</strong> and enter the passphrase: the project opens as a new project beside
            the others. From the command line: <code>tessera decrypt file.tessera-enc -o project.qdpx --passphrase-file pass.txt</code>.
          </p>
        </article>

        <article className="export-card subtle" aria-labelledby="export-how-title">
          <h3 id="export-how-title">How it is protected</h3>
          <ul>
            <li>AES-256-GCM: any changed byte makes the file refuse to open.</li>
            <li>The key comes from the passphrase through {DEFAULT_ITERATIONS.toLocaleString('en-GB')} rounds of PBKDF2-SHA-256, so guessing is slow.</li>
            <li>The original file name stays readable: it never carries a real name from the table.</li>
            <li>Saved without a passphrase, the file is first checked for every real term of the pseudonym table.</li>
          </ul>
        </article>
      </div>

      {saveRequest && (
        <ProtectedSaveDialog request={saveRequest} onClose={() => setSaveRequest(null)} onSaved={(name) => notify(`Exported “${name}”.`)} />
      )}
    </section>
  );
}
