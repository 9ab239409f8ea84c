/** Memos and the reflexive journal: every memo in one place, searchable, with the journal's dated entries. */
export function MemosView() {
  return <main className="memos-view" aria-label="Memos and journal" />;
}
