import { useEffect, useState } from 'react';

const timeFormat = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short' });

/** Autosave made visible: every change is stored when made, and this says so. */
export function SaveStatus({ state }: { state: { busy: boolean; lastSavedAt?: number; error?: string } }) {
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 30_000);
    return () => clearInterval(timer);
  }, []);
  let text = 'All changes saved';
  let kind = 'saved';
  if (state.busy) {
    text = 'Saving…';
    kind = 'saving';
  } else if (state.error) {
    text = `Not saved: ${state.error}`;
    kind = 'error';
  } else if (state.lastSavedAt) {
    text = `Saved at ${timeFormat.format(state.lastSavedAt)}`;
  }
  return (
    <span className={`save-status save-${kind}`} role="status" aria-live="polite" data-testid="save-status">
      {text}
    </span>
  );
}
