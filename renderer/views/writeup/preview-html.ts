/**
 * Preparing the report's standalone HTML for the live preview. The engine escapes every text it prints and draws
 * charts as plain SVG; as a second line of defence the preview keeps only inert markup: no scripts, frames, forms,
 * links to elsewhere or event attributes, whatever a project's text could smuggle in.
 */

const REMOVED = 'script, noscript, iframe, frame, frameset, object, embed, applet, link, meta, base, form, input, button, textarea, select, foreignObject, portal, template';

/** An attribute value pointing anywhere but inside the page (or at an inline picture). */
function pointsOutside(value: string): boolean {
  const v = value.trim().toLowerCase();
  return !(v.startsWith('#') || v.startsWith('data:image/png') || v.startsWith('data:image/jpeg'));
}

export function sanitiseReportHtml(html: string, target: Document): { style: string; page: HTMLElement } {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const style = [...parsed.querySelectorAll('style')].map((s) => s.textContent ?? '').join('\n');
  const source = parsed.querySelector('main') ?? parsed.body;
  for (const element of [...source.querySelectorAll(REMOVED)]) element.remove();
  for (const element of [source, ...source.querySelectorAll('*')]) {
    for (const attribute of [...element.attributes]) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on') || name === 'srcdoc' || name === 'formaction') element.removeAttribute(attribute.name);
      else if ((name === 'href' || name === 'xlink:href' || name === 'src' || name === 'action' || name === 'poster') && pointsOutside(attribute.value)) {
        element.removeAttribute(attribute.name);
      }
    }
  }
  const page = target.createElement('div');
  page.className = 'wu-page';
  page.setAttribute('role', 'document');
  page.setAttribute('aria-label', 'Report preview');
  const main = target.createElement('main');
  for (const child of [...source.childNodes]) main.append(target.importNode(child, true));
  page.append(main);
  return { style: style.replace(/:root\s*\{[^}]*\}/g, '').replace(/(^|\})\s*body\s*\{[^}]*\}/g, '$1'), page };
}

/** The preview's own styles inside the shadow root: the page on the desk, and the controls beside the text. */
export const PREVIEW_CSS = `
:host { display: block; }
.wu-page { color-scheme: light; padding: 20px 16px 56px; }
main { margin: 0 auto; color: #1d1d1b; box-shadow: 0 1px 3px rgba(0,0,0,.18), 0 8px 28px rgba(0,0,0,.10); border-radius: 2px; }
figure svg { max-width: 100%; height: auto; }
details summary { cursor: pointer; color: #555; }
.wu-section-tools { font: 12.5px/1.4 var(--font-ui, system-ui, sans-serif); margin: -0.2em 0 0.9em; }
.wu-picker-bar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 10px; padding: 5px 8px; border: 1px dashed #c9c4b8; border-radius: 6px; background: #faf9f5; color: #5f6670; }
.wu-picker-summary { flex: 1; min-width: 12em; }
.wu-picker button, .wu-leave-out {
  font: inherit; font-size: 12.5px; color: #2f5d8a; background: #fff; border: 1px solid #c9d6e4; border-radius: 5px; padding: 2px 9px; cursor: pointer;
}
.wu-picker button:hover { background: #e3ecf5; }
.wu-picker button:focus-visible, .wu-leave-out:focus-visible, .wu-candidates input:focus-visible { outline: 2px solid #2f5d8a; outline-offset: 2px; }
.wu-candidates { margin-top: 6px; border: 1px solid #dcd8ce; border-radius: 6px; background: #fff; max-height: 26em; overflow: auto; }
.wu-candidates-head { position: sticky; top: 0; z-index: 1; background: #fff; border-bottom: 1px solid #eeebe4; padding: 7px 10px; display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: center; }
.wu-candidates-hint { margin: 0; color: #5f6670; flex: 1 1 18em; }
.wu-candidates-head input { font: inherit; font-size: 12.5px; flex: 0 1 16em; min-width: 10em; padding: 3px 8px; border: 1px solid #dcd8ce; border-radius: 5px; color: #1d1d1b; background: #fff; }
.wu-candidates-head input:focus-visible { outline: 2px solid #2f5d8a; outline-offset: 1px; }
.wu-candidates-none { margin: 0; padding: 10px; color: #5f6670; }
.wu-candidates ul { list-style: none; margin: 0; padding: 0; }
.wu-candidates li { border-bottom: 1px solid #f0eee8; }
.wu-candidates li:last-child { border-bottom: none; }
.wu-candidates li.quoted { background: #f1f6fb; }
.wu-candidates label { display: flex; gap: 9px; align-items: flex-start; padding: 7px 10px; cursor: pointer; }
.wu-candidates input { margin-top: 3px; flex: none; }
.wu-candidate-text { font: 13px/1.45 Georgia, 'Times New Roman', serif; color: #1d1d1b; }
.wu-candidate-attribution { white-space: nowrap; }
.wu-candidate-meta { display: block; font: 11.5px/1.4 var(--font-ui, system-ui, sans-serif); color: #6b6f76; margin-top: 2px; }
.wu-star { color: #b7791f; }
.wu-quote-tools { position: relative; height: 0; }
.wu-leave-out { position: absolute; left: 0; top: 0.2em; padding: 0 6px; line-height: 1.6; color: #8a8f96; border-color: transparent; background: transparent; }
.wu-leave-out:hover { color: #b3261e; border-color: #e7c3c0; background: #fdf3f2; }
@media (max-width: 760px) { main { padding: 1.5rem 1.25rem !important; } }
`;
