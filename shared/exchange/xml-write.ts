/**
 * A tiny XML writer for REFI-QDA files: elements are written in the order given (the schemas fix the order of
 * children), empty lists are simply not written, and text is escaped so it survives parsing exactly.
 */

export interface XmlNode {
  name: string;
  attrs?: Record<string, string | number | boolean | undefined>;
  children?: (XmlNode | undefined | false)[];
  text?: string;
}

// XML 1.0 cannot carry these at all, even escaped.
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function xmlSafe(text: string): string {
  return text.replace(FORBIDDEN, '');
}

export function escapeText(text: string): string {
  return xmlSafe(text).replace(/[<>&\r]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '\r': '&#13;' })[c]!);
}

/** Attribute values: line ends and tabs as character references, or parsers turn them into spaces. */
export function escapeAttr(text: string): string {
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
  const write = (node: XmlNode, indent: string): void => {
    let open = `${indent}<${node.name}`;
    for (const [key, value] of Object.entries(node.attrs ?? {})) {
      if (value === undefined) continue;
      open += ` ${key}="${escapeAttr(String(value))}"`;
    }
    const children = (node.children ?? []).filter((c): c is XmlNode => Boolean(c));
    if (node.text !== undefined) {
      out.push(`${open}>${escapeText(node.text)}</${node.name}>\n`);
    } else if (children.length === 0) {
      out.push(`${open}/>\n`);
    } else {
      out.push(`${open}>\n`);
      for (const child of children) write(child, `${indent}  `);
      out.push(`${indent}</${node.name}>\n`);
    }
  };
  write(root, '');
  return out.join('');
}

/** xsd:dateTime for a timestamp, or undefined when there is none worth writing. */
export function dateTime(t: number | undefined): string | undefined {
  if (t === undefined || !Number.isFinite(t) || t <= 0 || t > 253402300799999) return undefined;
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
