import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useMemo } from 'react';
import type { PseudonymCategory, PseudonymTable, SuggestionReason } from '../../../shared/protect';
import { useProjectSession } from '../../app/project-session';
import { DISMISSED_SUGGESTIONS_KEY, PSEUDONYM_TABLE_KEY, readDismissed, readPseudonymTable } from '../../commands/protect-commands';
import type { Command } from '../../db/command-history';
import { useUi } from '../../state/ui-store';

/** Labels and small hooks shared by the Confidentiality view's panels. */

export const CATEGORY_LABEL: Readonly<Record<PseudonymCategory, string>> = {
  person: 'Person',
  place: 'Place',
  organisation: 'Organisation',
  school: 'School',
  'case or record number': 'Case or record number',
  date: 'Date',
};

export const REASON_LABEL: Readonly<Record<SuggestionReason, string>> = {
  speaker: 'Speaker',
  name: 'Name in the text',
  'phone number': 'Phone number',
  postcode: 'Postcode',
  'date of birth': 'Date of birth',
  'NHS number': 'NHS number',
  'National Insurance number': 'National Insurance number',
  'record number': 'Record number',
  'email address': 'Email address',
};

export type SuggestionGroup = 'all' | 'people' | 'places' | 'organisations' | 'numbers';

export const GROUP_LABEL: Readonly<Record<SuggestionGroup, string>> = {
  all: 'All',
  people: 'People',
  places: 'Places',
  organisations: 'Schools and organisations',
  numbers: 'Numbers and dates',
};

export function groupOf(category: PseudonymCategory): Exclude<SuggestionGroup, 'all'> {
  switch (category) {
    case 'person':
      return 'people';
    case 'place':
      return 'places';
    case 'school':
    case 'organisation':
      return 'organisations';
    default:
      return 'numbers';
  }
}

export { plural } from '../../../shared/text/plural';

export const termKey = (term: string) => term.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

/** The project's pseudonym table and dismissed suggestions, live; undefined while loading. */
export function useProtectData(): { table: PseudonymTable | undefined; dismissed: string[] | undefined } {
  const { db } = useProjectSession();
  const tableRow = useLiveQuery(async () => ({ row: await db.meta.get(PSEUDONYM_TABLE_KEY) }), [db]);
  const dismissedRow = useLiveQuery(async () => ({ row: await db.meta.get(DISMISSED_SUGGESTIONS_KEY) }), [db]);
  const table = useMemo(() => (tableRow ? readPseudonymTable(tableRow.row?.value) : undefined), [tableRow]);
  const dismissed = useMemo(() => (dismissedRow ? readDismissed(dismissedRow.row?.value) : undefined), [dismissedRow]);
  return { table, dismissed };
}

/** Runs a command; a refusal becomes an error message. Resolves to whether it was stored. */
export function useRunCommand(): (command: Command) => Promise<boolean> {
  const { execute } = useProjectSession();
  const notify = useUi((s) => s.notify);
  return useCallback(
    async (command: Command) => {
      try {
        await execute(command);
        return true;
      } catch (error) {
        notify(error instanceof Error ? error.message : String(error), { kind: 'error' });
        return false;
      }
    },
    [execute, notify],
  );
}

const timeFormat = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short' });
export const timeOf = (at: number) => timeFormat.format(at);
