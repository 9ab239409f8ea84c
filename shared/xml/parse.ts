import { runSafeSax, XmlError } from './safe-sax';

/**
 * A small, safe XML reader for files from outside (REFI-QDA projects, ODT, spreadsheets).
 *
 * Built on runSafeSax (safe-sax.ts): strict, never fetches, refuses entity declarations, bounds size and depth.
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

export { XmlError, decodeXmlBytes } from './safe-sax';

export interface XmlParseOptions {
  maxElements?: number;
}

const localName = (name: string): string => {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
};

export function parseXml(source: string | Uint8Array, options: XmlParseOptions = {}): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  runSafeSax(
    source,
    {
      open: (tag) => {
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
      },
      close: () => {
        stack.pop();
      },
      text: (t) => {
        const current = stack[stack.length - 1];
        if (current) current.text += t;
      },
    },
    { maxElements: options.maxElements },
  );
  if (!root) throw new XmlError('the XML has no root element');
  return root;
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
