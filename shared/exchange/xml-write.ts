/**
 * A tiny XML writer for REFI-QDA files: elements are written in the order given (the schemas fix the order of
 * children), empty lists are simply not written, and text is escaped so it survives parsing exactly.
 */

export interface XmlNode {
  name: string;
  attrs?: Record<string, string | number | boolean | undefined>;
  children?: (XmlNode | undefined | false)[];
  text?: string;
  /** An element already written by serialiseAt, at the depth where it stands: put as it is. */
  written?: string;
}

// XML 1.0 cannot carry these at all, even escaped.
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function xmlSafe(text: string): string {
  return text.replace(FORBIDDEN, '');
}

// Whether a text needs any change at all: most names, GUIDs and dates need none, and testing is cheaper than
// rewriting. Any surrogate sends a text the long way, which keeps pairs and drops lone halves.
const TEXT_NEEDS = /[<>&\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;
const ATTR_NEEDS = /[<>&"\n\r\t\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;

export function escapeText(text: string): string {
  if (!TEXT_NEEDS.test(text)) return text;
  return xmlSafe(text).replace(/[<>&\r]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '\r': '&#13;' })[c]!);
}

/** Attribute values: line ends and tabs as character references, or parsers turn them into spaces. */
export function escapeAttr(text: string): string {
  if (!ATTR_NEEDS.test(text)) return text;
  return xmlSafe(text).replace(
    /[<>&"\n\r\t]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', '\n': '&#10;', '\r': '&#13;', '\t': '&#9;' })[c]!,
  );
}

export function el(
  name: string,
  attrs?: XmlNode['attrs'],
  children?: XmlNode['children'],
): XmlNode {
  const node: XmlNode = { name };
  if (attrs) node.attrs = attrs;
  if (children) node.children = children;
  return node;
}

export function textEl(name: string, text: string, attrs?: XmlNode['attrs']): XmlNode {
  const node: XmlNode = { name, text };
  if (attrs) node.attrs = attrs;
  return node;
}

/** A list element written only when it has at least one child: the schemas forbid empty lists. */
export function listEl(name: string, children: XmlNode[]): XmlNode | undefined {
  return children.length ? { name, children } : undefined;
}

export function serialise(root: XmlNode): string {
  const out: string[] = ['<?xml version="1.0" encoding="utf-8"?>\n'];
  writeNode(root, 0, out);
  return out.join('');
}

/**
 * Writes one element (with its descendants) as it will stand at a depth of the document: a large list (a
 * project's sources with their thousands of selections) is written part by part as it is built, so the many
 * small elements of each part are short-lived rather than all kept until the end.
 */
export function serialiseAt(node: XmlNode, depth: number): XmlNode {
  const out: string[] = [];
  writeNode(node, depth, out);
  return { name: node.name, written: out.join('') };
}

const INDENTS: string[] = [''];

function writeNode(node: XmlNode, depth: number, out: string[]): void {
  if (node.written !== undefined) {
    out.push(node.written);
    return;
  }
  const indent = (INDENTS[depth] ??= '  '.repeat(depth));
  let open = `${indent}<${node.name}`;
  const attrs = node.attrs;
  if (attrs) {
    for (const key of Object.keys(attrs)) {
      const value = attrs[key];
      if (value === undefined) continue;
      open += ` ${key}="${escapeAttr(typeof value === 'string' ? value : String(value))}"`;
    }
  }
  if (node.text !== undefined) {
    out.push(`${open}>${escapeText(node.text)}</${node.name}>\n`);
    return;
  }
  let opened = false;
  for (const child of node.children ?? []) {
    if (!child) continue;
    if (!opened) {
      out.push(`${open}>\n`);
      opened = true;
    }
    writeNode(child, depth + 1, out);
  }
  out.push(opened ? `${indent}</${node.name}>\n` : `${open}/>\n`);
}

/** xsd:dateTime for a timestamp, or undefined when there is none worth writing. */
export function dateTime(t: number | undefined): string | undefined {
  if (t === undefined || !Number.isFinite(t) || t <= 0 || t > 253402300799999) return undefined;
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
