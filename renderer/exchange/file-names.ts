/** Names for exported files and imported projects: pure, so they are tested on their own. */

/** A file name safe on Windows, macOS and Linux: no path or reserved characters, no trailing dots or spaces. */
export function safeFileStem(name: string, fallback = 'Tessera project'): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/gu, '-')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^[.\s-]+|[.\s]+$/gu, '');
  const cut = cleaned.length > 100 ? cleaned.slice(0, 100).replace(/[\s.-]+$/u, '') : cleaned;
  return cut || fallback;
}

/** YYYY-MM-DD on the user's own calendar. */
export function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export type ExportKind =
  | { kind: 'project'; nvivo?: boolean }
  | { kind: 'codebook' }
  | { kind: 'work'; coderNames: string[] };

/**
 * The suggested name of an export: the project's name, what the file holds, and the date, e.g.
 * "Pilot study 2026-06-05.qdpx", "Pilot study codebook 2026-06-05.qdc", "Pilot study - Amara Okafor 2026-06-05.qdpx".
 */
export function exportFileName(projectName: string, what: ExportKind, now = new Date()): string {
  const stem = safeFileStem(projectName);
  const date = localDate(now);
  switch (what.kind) {
    case 'project':
      return `${stem}${what.nvivo ? ' (NVivo)' : ''} ${date}.qdpx`;
    case 'codebook':
      return `${stem} codebook ${date}.qdc`;
    case 'work': {
      const who =
        what.coderNames.length === 0 ? 'no coders' : what.coderNames.length <= 2 ? what.coderNames.join(' and ') : `${what.coderNames.length} coders`;
      return `${stem} - ${safeFileStem(who, 'coders')} ${date}.qdpx`;
    }
  }
}

/** A file's name without its folder and last extension. */
export function fileStem(fileName: string): string {
  const base = fileName.split(/[\\/]/u).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/**
 * The name for a project imported from a file: the name the file gives, or the file's own name when the file
 * gives none or only a placeholder ("Untitled"); made unique among the projects already here.
 */
export function importedProjectName(nameInFile: string, fileName: string, existing: readonly string[]): string {
  const given = nameInFile.trim();
  const base = !given || /^untitled( project)?$/iu.test(given) ? fileStem(fileName).trim() || 'Imported project' : given;
  const taken = new Set(existing.map((n) => n.trim().toLocaleLowerCase('und')));
  if (!taken.has(base.toLocaleLowerCase('und'))) return base;
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${base} (imported)` : `${base} (imported ${n})`;
    if (!taken.has(candidate.toLocaleLowerCase('und'))) return candidate;
  }
}
