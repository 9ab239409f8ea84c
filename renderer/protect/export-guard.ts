import { projectDb } from '../db/project-db';
import { platform } from '../platform';
import { useUi } from '../state/ui-store';
import { loadPseudonymTable } from '../commands/protect-commands';
import { plainFileLeaks } from './protected-save';

/**
 * Saves an export of the open project, after a leak check: when the project has a pseudonym table, a file that
 * still holds any real term from it is refused, naming the terms. (Encrypted exports go through the
 * Confidentiality view's own dialog; images are pixels and cannot be scanned, so PNG files are not checked.)
 */
export async function saveExport(request: Parameters<typeof platform.saveFile>[0]): Promise<boolean> {
  const projectId = useUi.getState().openProjectId;
  if (projectId && !/\.png$/i.test(request.suggestedName)) {
    const table = await loadPseudonymTable(projectDb(projectId));
    if (table.length > 0) {
      const leaks = await plainFileLeaks(request.suggestedName, request.bytes, table);
      if (leaks.length > 0) {
        const terms = leaks.slice(0, 5).map((l) => `“${l.term}” (${l.count}×)`).join(', ');
        throw new Error(
          `Not saved: “${request.suggestedName}” still contains real names from the pseudonym table: ${terms}${leaks.length > 5 ? ` and ${leaks.length - 5} more` : ''}. Apply pseudonymisation first, choose pseudonymised text, or export it encrypted from Confidentiality.`,
        );
      }
    }
  }
  return platform.saveFile(request);
}
