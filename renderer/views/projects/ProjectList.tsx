import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { ProjectInfo } from '../../../shared/model/types';
import { ConfirmDialog, PromptDialog } from '../../components/Dialog';
import { catalogue } from '../../db/catalogue';
import {
  DELETE_UNDO_MS,
  createProject,
  createSampleProject,
  deleteProject,
  duplicateProject,
  purgeDeletedProjects,
  renameProject,
  restoreProject,
} from '../../db/projects';
import { useUi } from '../../state/ui-store';
import { importProjectFile, importSummary, QDPX_FILTERS } from '../../exchange/project-files';
import { platform } from '../../platform';
import { snapshotProject } from '../../backup/backup-service';
import { BackupsDialog } from './BackupsDialog';
import { OpenEncryptedFile } from '../../protect/OpenEncryptedFile';

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

type DialogState =
  | { kind: 'create' }
  | { kind: 'rename'; project: ProjectInfo }
  | { kind: 'delete'; project: ProjectInfo }
  | { kind: 'backups' }
  | null;

/** The first screen: every project on this machine, and the way into the sample project. */
export function ProjectList() {
  const projects = useLiveQuery(
    () => catalogue.projects.orderBy('updatedAt').reverse().filter((p) => p.deletedAt === undefined).toArray(),
    [],
  );
  const openProject = useUi((s) => s.openProject);
  const notify = useUi((s) => s.notify);
  const [dialog, setDialog] = useState<DialogState>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const run = async (label: string, work: () => Promise<void>) => {
    setBusy(label);
    try {
      await work();
    } catch (error) {
      notify(error instanceof Error ? error.message : String(error), { kind: 'error' });
    } finally {
      setBusy(null);
    }
  };

  const openSample = () =>
    run('Preparing the sample project…', async () => {
      const project = await createSampleProject();
      openProject(project.id);
    });

  // A .qdpx from NVivo, ATLAS.ti, MAXQDA, QualCoder or Tessera becomes a new project, read in the exchange worker.
  const importProject = async () => {
    const [file] = await platform.openFiles({ title: 'Import a project', filters: QDPX_FILTERS, multiple: false }).catch((error: Error) => {
      notify(error.message, { kind: 'error' });
      return [];
    });
    if (!file) return;
    await run(`Importing “${file.name}”…`, async () => {
      const imported = await importProjectFile(file);
      notify(importSummary(imported));
      openProject(imported.project.id);
    });
  };

  return (
    <div className="project-list-screen">
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <h1>Tessera</h1>
        </div>
        <div className="header-actions">
          <button type="button" onClick={() => setDialog({ kind: 'backups' })}>
            Backups
          </button>
          <button type="button" onClick={openSample} disabled={busy !== null}>
            Open sample project
          </button>
          <button type="button" onClick={() => void importProject()} disabled={busy !== null}>
            Import project (.qdpx)
          </button>
          <OpenEncryptedFile disabled={busy !== null} />
          <button type="button" className="primary" onClick={() => setDialog({ kind: 'create' })} disabled={busy !== null}>
            New project
          </button>
        </div>
      </header>

      <main className="project-list" aria-busy={busy !== null}>
        {busy && (
          <div className="progress-line" role="progressbar" aria-label={busy}>
            <span>{busy}</span>
          </div>
        )}
        {projects === undefined ? null : projects.length === 0 ? (
          <section className="empty-state" aria-labelledby="empty-title">
            <h2 id="empty-title">Welcome to Tessera</h2>
            <p>
              A workbench for thematic analysis: import interview transcripts, code them with your team, build and
              review themes, and write up your findings. Everything stays on this computer.
            </p>
            <div className="empty-actions">
              <button type="button" className="primary large" onClick={openSample} disabled={busy !== null}>
                Open the sample project
              </button>
              <button type="button" className="large" onClick={() => setDialog({ kind: 'create' })} disabled={busy !== null}>
                Start a new project
              </button>
            </div>
            <p className="hint">
              The sample holds 17 fictional interviews with professionals about multi-agency meetings when a child
              comes into care, a starter codebook, two coders’ work and three candidate themes.
            </p>
          </section>
        ) : (
          <>
            <h2 className="section-title">Projects</h2>
            <ul className="project-cards" aria-label="Projects">
              {projects.map((project) => (
                <li key={project.id} className="project-card">
                  <button type="button" className="project-open" onClick={() => openProject(project.id)} aria-label={`Open ${project.name}`}>
                    <span className="project-name">{project.name}</span>
                    {project.description && <span className="project-description">{project.description}</span>}
                    <span className="project-meta">Changed {dateFormat.format(project.updatedAt)}</span>
                  </button>
                  <div className="project-actions">
                    <button type="button" onClick={() => setDialog({ kind: 'rename', project })} aria-label={`Rename ${project.name}`}>
                      Rename
                    </button>
                    <button
                      type="button"
                      aria-label={`Duplicate ${project.name}`}
                      onClick={() =>
                        run('Duplicating…', async () => {
                          const copy = await duplicateProject(project.id);
                          notify(`Duplicated as “${copy.name}”`);
                        })
                      }
                    >
                      Duplicate
                    </button>
                    <button type="button" className="danger-text" onClick={() => setDialog({ kind: 'delete', project })} aria-label={`Delete ${project.name}`}>
                      Delete
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          </>
        )}
      </main>

      {dialog?.kind === 'create' && (
        <PromptDialog
          title="New project"
          label="Project name"
          confirmLabel="Create"
          onClose={() => setDialog(null)}
          onConfirm={(name) => {
            setDialog(null);
            void run('Creating…', async () => {
              const project = await createProject(name);
              openProject(project.id);
            });
          }}
        />
      )}
      {dialog?.kind === 'rename' && (
        <PromptDialog
          title="Rename project"
          label="Project name"
          initial={dialog.project.name}
          confirmLabel="Rename"
          onClose={() => setDialog(null)}
          onConfirm={(name) => {
            const project = dialog.project;
            setDialog(null);
            void run('Renaming…', async () => {
              await renameProject(project.id, name);
              notify(`Renamed to “${name}”`, { action: { label: 'Undo', run: () => void renameProject(project.id, project.name) } });
            });
          }}
        />
      )}
      {dialog?.kind === 'backups' && <BackupsDialog onClose={() => setDialog(null)} />}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title="Delete project?"
          message={
            <>
              “{dialog.project.name}” and all its documents, codings, memos and themes will be deleted from this
              computer. You can undo this for {DELETE_UNDO_MS / 1000} seconds.
            </>
          }
          confirmLabel="Delete project"
          danger
          onClose={() => setDialog(null)}
          onConfirm={() => {
            const project = dialog.project;
            setDialog(null);
            void run('Deleting…', async () => {
              await snapshotProject(project.id, 'before delete');
              await deleteProject(project.id);
              notify(`Deleted “${project.name}”`, {
                timeout: DELETE_UNDO_MS,
                action: { label: 'Undo', run: () => void restoreProject(project.id) },
              });
              setTimeout(() => void purgeDeletedProjects(), DELETE_UNDO_MS + 500);
            });
          }}
        />
      )}
    </div>
  );
}
