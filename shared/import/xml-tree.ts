import { runSafeSax, XmlError } from '../xml/safe-sax';

/**
 * An XML tree that keeps text and elements in document order, for formats with mixed content such as ODF, where
 * "a<text:s/>b<text:note>...</text:note>c" must be read in sequence. (xml/parse.ts concatenates an element's own
 * text, which suits data formats but loses that order.)
 *
 * Same protections as xml/parse.ts, from the same place (xml/safe-sax.ts). Element names are given as "prefix:local" with the prefix chosen from the
 * namespace URI (see PREFIXES), so a file that binds ODF namespaces to unusual prefixes reads the same.
 */
export interface OrderedElement {
  name: string;
  attrs: Record<string, string>;
  children: (OrderedElement | string)[];
}

const PREFIXES: Record<string, string> = {
  'urn:oasis:names:tc:opendocument:xmlns:office:1.0': 'office',
  'urn:oasis:names:tc:opendocument:xmlns:text:1.0': 'text',
  'urn:oasis:names:tc:opendocument:xmlns:table:1.0': 'table',
  'urn:oasis:names:tc:opendocument:xmlns:drawing:1.0': 'draw',
  'urn:oasis:names:tc:opendocument:xmlns:style:1.0': 'style',
  'urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0': 'fo',
  'urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0': 'svg',
  'urn:oasis:names:tc:opendocument:xmlns:manifest:1.0': 'manifest',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://www.w3.org/1999/xlink': 'xlink',
  'urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0': 'loext',
};

const qualified = (uri: string | undefined, local: string, fallback: string): string => {
  const prefix = uri ? PREFIXES[uri] : undefined;
  return prefix ? `${prefix}:${local}` : fallback;
};

export function parseOrderedXml(source: string | Uint8Array, maxElements = 5_000_000): OrderedElement {
  const stack: OrderedElement[] = [];
  let root: OrderedElement | undefined;
  runSafeSax(
    source,
    {
      open: (tag) => {
        const attrs: Record<string, string> = {};
        for (const attr of Object.values(tag.attributes)) {
          if (attr.prefix === 'xmlns' || attr.name === 'xmlns') continue;
          attrs[qualified(attr.uri, attr.local, attr.name)] = attr.value;
        }
        const element: OrderedElement = { name: qualified(tag.uri, tag.local, tag.name), attrs, children: [] };
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
        if (!current) return;
        const last = current.children[current.children.length - 1];
        if (typeof last === 'string') current.children[current.children.length - 1] = last + t;
        else current.children.push(t);
      },
    },
    // Readers walk the tree recursively; real documents nest a few dozen levels.
    { maxElements, maxDepth: 1000 },
  );
  if (!root) throw new XmlError('the XML has no root element');
  return root;
}

export function orderedChildren(element: OrderedElement, name: string): OrderedElement[] {
  return element.children.filter((c): c is OrderedElement => typeof c !== 'string' && c.name === name);
}

/** Every descendant element with the given name, in document order. */
export function orderedDescendants(element: OrderedElement, name: string, into: OrderedElement[] = []): OrderedElement[] {
  for (const child of element.children) {
    if (typeof child === 'string') continue;
    if (child.name === name) into.push(child);
    orderedDescendants(child, name, into);
  }
  return into;
}
