import type { Page } from 'playwright-core';

/**
 * Selects a phrase in the transcript with the mouse, as a person would: press at the phrase's first character,
 * drag to its last, release. The phrase is found in the reader's text; `occurrence` picks among repeats.
 */
export async function selectWithMouse(page: Page, phrase: string, occurrence = 0): Promise<void> {
  const box = await page.evaluate(
    ({ phrase, occurrence }) => {
      const paragraphs = [...document.querySelectorAll<HTMLElement>('p.turn-text')];
      let seen = 0;
      for (const p of paragraphs) {
        const node = p.firstChild;
        const text = node?.textContent ?? '';
        let at = text.indexOf(phrase);
        while (at !== -1) {
          if (seen === occurrence) {
            p.scrollIntoView({ block: 'center' });
            const range = new Range();
            range.setStart(node!, at);
            range.setEnd(node!, at + 1);
            const first = range.getClientRects()[0]!;
            range.setStart(node!, at + phrase.length - 1);
            range.setEnd(node!, at + phrase.length);
            const rects = range.getClientRects();
            const last = rects[rects.length - 1]!;
            return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
          }
          seen += 1;
          at = text.indexOf(phrase, at + 1);
        }
      }
      return null;
    },
    { phrase, occurrence },
  );
  if (!box) throw new Error(`Phrase not found in the transcript: ${phrase}`);
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 4 });
  await page.mouse.move(box.x2, box.y2, { steps: 4 });
  await page.mouse.up();
}

/** The text covered by each painted coding highlight, by highlight name. */
export async function highlightedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const [name, highlight] of CSS.highlights) {
      if (!String(name).startsWith('tessera-code-')) continue;
      for (const range of highlight as unknown as Set<Range>) out.push(range.toString());
    }
    return out.sort();
  });
}
