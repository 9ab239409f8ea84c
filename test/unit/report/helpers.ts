/** Helpers for the report tests: the sample project, and reading back what the Word renderer wrote. */
import { unzipSync, strFromU8 } from 'fflate';
import { buildSample } from '../../../shared/sample/index';
import type { ProjectData } from '../../../shared/model/types';
import { descendants, parseXml, type XmlElement } from '../../../shared/xml/parse';

let sample: Promise<ProjectData> | undefined;

/** The built-in sample project (built once; tests copy before changing it). */
export function sampleProject(): Promise<ProjectData> {
  sample ??= buildSample('report-test-project', Date.UTC(2026, 5, 1));
  return sample;
}

export function copy<T>(value: T): T {
  return structuredClone(value);
}

export interface DocxParagraph {
  style: string;
  text: string;
}

/** The paragraphs of word/document.xml in order, with their style id and text (line breaks as "\n"). */
export function docxParagraphs(bytes: Uint8Array): DocxParagraph[] {
  const files = unzipSync(bytes);
  const xml = files['word/document.xml'];
  if (!xml) throw new Error('no word/document.xml in the package');
  const root = parseXml(xml);
  const textOf = (element: XmlElement): string =>
    element.children.map((child) => (child.name === 't' ? child.text : child.name === 'br' ? '\n' : child.name === 'tab' ? '\t' : textOf(child))).join('');
  return descendants(root, 'p').map((p) => {
    const style = descendants(p, 'pStyle')[0]?.attrs.val ?? '';
    return { style, text: textOf(p) };
  });
}

export function docxPart(bytes: Uint8Array, name: string): string | undefined {
  const file = unzipSync(bytes)[name];
  return file ? strFromU8(file) : undefined;
}

/** True when `quote` is `raw` (trimmed) or a prefix and a suffix of it, cut at white space, joined by " … ". */
export function isFaithfulQuote(quote: string, raw: string): boolean {
  const core = raw.trim();
  if (quote === core) return true;
  // The coded text may itself contain " … ", so try every place the omission could be.
  for (let at = quote.indexOf(' … '); at >= 0; at = quote.indexOf(' … ', at + 1)) {
    const head = quote.slice(0, at);
    const tail = quote.slice(at + 3);
    if (!head || !tail || head.length + tail.length >= core.length) continue;
    if (!core.startsWith(head) || !core.endsWith(tail)) continue;
    // Words must actually be left out where the omission mark stands.
    if (!core.slice(head.length, core.length - tail.length).trim()) continue;
    const afterHead = core[head.length];
    const beforeTail = core[core.length - tail.length - 1];
    if (afterHead !== undefined && /\s/.test(afterHead) && beforeTail !== undefined && /\s/.test(beforeTail)) return true;
  }
  return false;
}
