import { useState } from 'react';
import { toCsvBytes, toXlsx, type Table } from '../../../shared/query/tables';
import { useUi } from '../../state/ui-store';
import { saveExport } from '../../protect/export-guard';

/** A file name from a title: letters, digits, spaces, dashes; never empty. */
export function fileNameFor(title: string): string {
  const clean = title.normalize('NFKD').replace(/[^\p{L}\p{N} _-]+/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, 80).trim();
  return clean || 'table';
}

/** Saves a result table as CSV (UTF-8 with a byte order mark, for Excel) or as an XLSX workbook. */
export async function saveTable(table: Table, title: string, format: 'csv' | 'xlsx'): Promise<boolean> {
  const bytes = format === 'csv' ? toCsvBytes(table, { bom: true, guardFormulas: true }) : await toXlsx(table, { sheetName: title });
  return saveExport({
    title: `Save ${title}`,
    suggestedName: `${fileNameFor(title)}.${format}`,
    filters: [format === 'csv' ? { name: 'CSV (comma separated)', extensions: ['csv'] } : { name: 'Excel workbook', extensions: ['xlsx'] }],
    bytes,
  });
}

/** "CSV" and "XLSX" buttons that save a table. */
export function SaveTableButtons({ table, name, label }: { table: Table | undefined; name: string; label: string }) {
  const notify = useUi((s) => s.notify);
  const [busy, setBusy] = useState(false);
  const save = async (format: 'csv' | 'xlsx') => {
    if (!table) return;
    setBusy(true);
    try {
      await saveTable(table, name, format);
    } catch (error) {
      notify(`Could not save the ${label}: ${error instanceof Error ? error.message : String(error)}`, { kind: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="save-table" role="group" aria-label={`Save the ${label}`}>
      <button type="button" className="small" disabled={!table || busy} onClick={() => void save('csv')} aria-label={`Save the ${label} as CSV`}>
        CSV
      </button>
      <button type="button" className="small" disabled={!table || busy} onClick={() => void save('xlsx')} aria-label={`Save the ${label} as XLSX`}>
        XLSX
      </button>
    </span>
  );
}
