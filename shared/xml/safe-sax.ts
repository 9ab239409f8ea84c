import { SaxesParser, type SaxesTagNS } from 'saxes';

/**
 * The one place where outside XML is parsed. saxes is strict and never fetches anything; on top of it we refuse
 * any DOCTYPE that declares entities (the "billion laughs" expansion and external entities both need one), and
 * bound the number of elements and their nesting, so hostile XML fails fast with a clear message.
 * Tree builders (parse.ts for data formats, import/xml-tree.ts for mixed content) sit on this.
 */
export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlError';
  }
}

export interface SaxHandlers {
  open(tag: SaxesTagNS): void;
  close(): void;
  text(text: string): void;
}

export interface SaxLimits {
  maxElements?: number;
  maxDepth?: number;
}

/** Decodes XML bytes: UTF-8 (BOM or not) unless a UTF-16 BOM says otherwise. */
export function decodeXmlBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
}

export function runSafeSax(source: string | Uint8Array, handlers: SaxHandlers, limits: SaxLimits = {}): void {
  const text = typeof source === 'string' ? source : decodeXmlBytes(source);
  const maxElements = limits.maxElements ?? 5_000_000;
  const maxDepth = limits.maxDepth ?? 1000;
  const parser = new SaxesParser({ xmlns: true });
  let count = 0;
  let depth = 0;
  let failure: Error | undefined;
  parser.on('doctype', (doctype) => {
    if (/<!ENTITY/i.test(doctype)) {
      throw new XmlError('the XML declares entities (DOCTYPE with ENTITY), which Tessera refuses for safety');
    }
  });
  parser.on('opentag', (tag) => {
    count += 1;
    if (count > maxElements) throw new XmlError(`the XML has more than ${maxElements} elements`);
    if (depth >= maxDepth) throw new XmlError(`the XML nests elements more than ${maxDepth} deep`);
    depth += 1;
    handlers.open(tag);
  });
  parser.on('closetag', () => {
    depth -= 1;
    handlers.close();
  });
  parser.on('text', handlers.text);
  parser.on('cdata', handlers.text);
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
}
