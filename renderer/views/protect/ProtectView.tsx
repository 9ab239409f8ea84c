import { useCallback, useEffect, useRef } from 'react';
import { useProjectSession } from '../../app/project-session';
import { readCurrentProject } from '../../exchange/project-files';
import { projectLeaksInWorker, suggestInWorker } from '../../protect/protect-client';
import { useProtectStore, useProtectUi, type ProjectProtectUi, type ProtectSection } from '../../protect/protect-store';
import { ApplyPanel } from './ApplyPanel';
import { EncryptedExportPanel } from './EncryptedExportPanel';
import { LeakPanel } from './LeakPanel';
import { plural, termKey, useProtectData } from './protect-ui';
import { SuggestionsPanel } from './SuggestionsPanel';
import { TablePanel } from './TablePanel';
import '../../styles/protect.css';

const SECTIONS: { id: ProtectSection; label: string; hint: string }[] = [
  { id: 'suggestions', label: 'Suggestions', hint: 'Names to review' },
  { id: 'table', label: 'Pseudonym table', hint: 'Terms and replacements' },
  { id: 'apply', label: 'Apply', hint: 'Preview, replace, report' },
  { id: 'leaks', label: 'Leak check', hint: 'Any real term left?' },
  { id: 'export', label: 'Encrypted export', hint: 'Share with a passphrase' },
];

/**
 * Confidentiality: the project's pseudonym table, suggestions for it, applying it, the leak check and encrypted
 * exports. Panels stay mounted while another is shown, and the last scan, check and report are kept while the user
 * looks at other views (protect-store.ts).
 */
export function ProtectView() {
  const { db, projectId } = useProjectSession();
  const { table, dismissed } = useProtectData();
  const [ui] = useProtectUi(projectId);
  const tableRef = useRef(table);
  tableRef.current = table;
  const dismissedRef = useRef(dismissed);
  dismissedRef.current = dismissed;

  const update = useCallback(
    (change: (state: ProjectProtectUi) => Partial<ProjectProtectUi>) => useProtectStore.getState().update(projectId, change),
    [projectId],
  );
  const setSection = (section: ProtectSection) => update(() => ({ section }));

  const scan = useCallback(async () => {
    update((s) => ({ suggestions: { ...s.suggestions, busy: true, error: undefined } }));
    try {
      const { data } = await readCurrentProject(db, projectId);
      const found = await suggestInWorker(data, tableRef.current ?? [], dismissedRef.current ?? []);
      update(() => ({ suggestions: { suggestions: found, scannedAt: Date.now(), busy: false } }));
    } catch (error) {
      const message = `Could not scan the documents: ${error instanceof Error ? error.message : String(error)}`;
      update((s) => ({ suggestions: { ...s.suggestions, suggestions: s.suggestions.suggestions ?? [], busy: false, error: message } }));
    }
  }, [db, projectId, update]);

  const checkLeaks = useCallback(async () => {
    const terms = tableRef.current ?? [];
    update((s) => ({ leaks: { ...s.leaks, busy: true, error: undefined } }));
    try {
      const { data, auditSeq } = await readCurrentProject(db, projectId);
      const rows = await projectLeaksInWorker(data, terms);
      update(() => ({ leaks: { rows, checkedAt: Date.now(), terms: terms.length, auditSeq, busy: false } }));
    } catch (error) {
      const message = `Could not check the project: ${error instanceof Error ? error.message : String(error)}`;
      update((s) => ({ leaks: { ...s.leaks, busy: false, error: message } }));
    }
  }, [db, projectId, update]);

  // The first scan once the table is known (so its terms are not suggested again); later scans on request.
  const ready = table !== undefined && dismissed !== undefined;
  useEffect(() => {
    if (!ready) return;
    const current = useProtectStore.getState().byProject[projectId];
    if (!current?.section) update(() => ({ section: (tableRef.current?.length ?? 0) > 0 ? 'table' : 'suggestions' }));
    if (!current?.suggestions.suggestions && !current?.suggestions.busy) void scan();
  }, [ready, projectId, scan, update]);

  const section = ui.section ?? 'suggestions';
  const { suggestions, leaks } = ui;

  if (table === undefined || dismissed === undefined) return <main className="protect-view" aria-label="Confidentiality" />;

  const inTable = new Set(table.map((e) => termKey(e.term)));
  const gone = new Set(dismissed);
  const openSuggestions = suggestions.suggestions?.filter((s) => !inTable.has(termKey(s.term)) && !gone.has(termKey(s.term))).length;
  const badge = (id: ProtectSection): string | undefined => {
    if (id === 'table') return String(table.length);
    if (id === 'suggestions') return openSuggestions === undefined ? undefined : String(openSuggestions);
    if (id === 'leaks' && leaks.rows) return leaks.rows.length === 0 ? '✓' : String(leaks.rows.length);
    return undefined;
  };

  return (
    <main className="protect-view" aria-label="Confidentiality">
      <nav className="protect-nav" aria-label="Confidentiality sections">
        <p className="protect-nav-title">Confidentiality</p>
        <div
          role="tablist"
          aria-orientation="vertical"
          aria-label="Confidentiality steps"
          onKeyDown={(e) => {
            // Up and down move between the steps, as in any vertical tab list.
            const at = SECTIONS.findIndex((s) => s.id === section);
            const next = e.key === 'ArrowDown' ? at + 1 : e.key === 'ArrowUp' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? SECTIONS.length - 1 : -2;
            if (next === -2) return;
            e.preventDefault();
            const target = SECTIONS[(next + SECTIONS.length) % SECTIONS.length]!;
            setSection(target.id);
            document.getElementById(`protect-tab-${target.id}`)?.focus();
          }}
        >
          {SECTIONS.map((s, i) => {
            const count = badge(s.id);
            return (
              <button
                key={s.id}
                type="button"
                role="tab"
                id={`protect-tab-${s.id}`}
                aria-selected={section === s.id}
                aria-controls={`protect-section-${s.id}`}
                tabIndex={section === s.id ? 0 : -1}
                className={section === s.id ? 'protect-step selected' : 'protect-step'}
                onClick={() => setSection(s.id)}
              >
                <span className="step-number" aria-hidden="true">
                  {i + 1}
                </span>
                <span className="step-text">
                  <span className="step-label">{s.label}</span>
                  <span className="step-hint">{s.hint}</span>
                </span>
                {count !== undefined && (
                  <span className={`step-badge${s.id === 'leaks' && leaks.rows && leaks.rows.length > 0 ? ' alert' : ''}`}>
                    <span className="visually-hidden">: </span>
                    {count}
                  </span>
                )}
              </button>
            );
          })}
        </div>
        <p className="protect-nav-note">
          {table.length === 0 ? 'No pseudonym table yet.' : `${plural(table.length, 'term')} in the table.`} The table never leaves this computer unencrypted.
        </p>
      </nav>
      <div className="protect-main">
        <div id="protect-section-suggestions" role="tabpanel" aria-labelledby="protect-tab-suggestions" hidden={section !== 'suggestions'}>
          <SuggestionsPanel table={table} dismissed={dismissed} state={suggestions} onScan={() => void scan()} />
        </div>
        <div id="protect-section-table" role="tabpanel" aria-labelledby="protect-tab-table" hidden={section !== 'table'}>
          <TablePanel table={table} />
        </div>
        <div id="protect-section-apply" role="tabpanel" aria-labelledby="protect-tab-apply" hidden={section !== 'apply'}>
          <ApplyPanel
            table={table}
            onApplied={() => {
              // The texts changed: an earlier leak check no longer holds, and the suggestions are found again.
              update(() => ({ leaks: { busy: false } }));
              void scan();
            }}
            onCheckLeaks={() => {
              setSection('leaks');
              void checkLeaks();
            }}
          />
        </div>
        <div id="protect-section-leaks" role="tabpanel" aria-labelledby="protect-tab-leaks" hidden={section !== 'leaks'}>
          <LeakPanel table={table} state={leaks} onCheck={() => void checkLeaks()} />
        </div>
        <div id="protect-section-export" role="tabpanel" aria-labelledby="protect-tab-export" hidden={section !== 'export'}>
          <EncryptedExportPanel table={table} />
        </div>
      </div>
    </main>
  );
}
