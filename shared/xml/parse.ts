import { SaxesParser } from 'saxes';

/**
 * A small, safe XML reader for files from outside (REFI-QDA projects, ODT, spreadsheets).
 *
 * Built on saxes, a strict non-validating parser that never fetches anything. On top of that we refuse any DOCTYPE
 * that declares entities (the "billion laughs" expansion and external entities both need one), and bound the number
 * of elements, so hostile XML fails fast with a clear message instead of exhausting memory.
 *
 * Element and attribute names are kept with their prefix removed (`qda:Code` -> `Code`), because exporters differ in
 * how they bind the REFI-QDA namespace; `ns` keeps the namespace URI for those who need it.
 */
export interface XmlElement {
  name: string;
  ns: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (not its descendants'), concatenated. */
  text: string;
}

export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlError';
  }
}

export interface XmlParseOptions {
  maxElements?: number;
}

const localName = (name: string): string => {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
};

export function parseXml(source: string | Uint8Array, options: XmlParseOptions = {}): XmlElement {
  const text = typeof source === 'string' ? source : decodeXmlBytes(source);
  const maxElements = options.maxElements ?? 5_000_000;
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let count = 0;
  let failure: Error | undefined;

  parser.on('doctype', (doctype) => {
    if (/<!ENTITY/i.test(doctype)) {
      throw new XmlError('the XML declares entities (DOCTYPE with ENTITY), which Tessera refuses for safety');
    }
  });
  parser.on('opentag', (tag) => {
    count += 1;
    if (count > maxElements) throw new XmlError(`the XML has more than ${maxElements} elements`);
    const attrs: Record<string, string> = {};
    for (const attr of Object.values(tag.attributes)) {
      if (attr.prefix === 'xmlns' || attr.name === 'xmlns') continue;
      attrs[attr.local || localName(attr.name)] = attr.value;
    }
    const element: XmlElement = { name: tag.local || localName(tag.name), ns: tag.uri ?? '', attrs, children: [], text: '' };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (t) => {
    const current = stack[stack.length - 1];
    if (current) current.text += t;
  });
  parser.on('cdata', (t) => {
    const current = stack[stack.length - 1];
    if (current) current.text += t;
  });
  parser.on('error', (error) => {
    failure ??= error;
    throw error;
  });
  try {
    parser.write(text).close();
  } catch (error) {
    const cause = failure ?? error;
    if (cause instanceof XmlError) throw cause;
    throw new XmlError(`the XML is malformed (${cause instanceof Error ? cause.message : String(cause)})`);
  }
  if (!root) throw new XmlError('the XML has no root element');
  return root;
}

/** Decodes XML bytes: UTF-8 (BOM or not) unless a UTF-16 BOM says otherwise. */
export function decodeXmlBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
}

/** Children with the given local name. */
export function childElements(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

export function firstChild(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((child) => child.name === name);
}

/** Every descendant with the given local name, in document order. */
export function descendants(element: XmlElement, name: string, into: XmlElement[] = []): XmlElement[] {
  for (const child of element.children) {
    if (child.name === name) into.push(child);
    descendants(child, name, into);
  }
  return into;
}

/** Escapes text for an XML attribute value or element content. */
export function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`);
}
