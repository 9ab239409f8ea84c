import type { Command } from '../db/command-history';
import type { ChosenQuotes } from './protocol';

/** Where the findings report keeps the quotes the user chose for each theme (in the project's meta table). */
export const CHOSEN_QUOTES_KEY = 'writeup-chosen-quotes';

/** Keeps the user's quote choices for the report as one undoable step ("Choose quotes for “Theme”"). */
export function setChosenQuotes(chosen: ChosenQuotes, label: string): Command {
  return {
    name: 'writeup.choose-quotes',
    label,
    run: async (w) => {
      if (Object.keys(chosen).length === 0) await w.delete('meta', CHOSEN_QUOTES_KEY);
      else await w.put('meta', { key: CHOSEN_QUOTES_KEY, value: chosen });
    },
  };
}
