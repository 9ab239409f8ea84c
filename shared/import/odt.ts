import { DEFAULT_ZIP_LIMITS, findEntry, unzipSafely, UnsafeArchiveError, type ZipLimits } from '../zip/safe-unzip';
import { decodeXmlBytes, XmlError } from '../xml/parse';
import { normaliseText } from '../text/normalise';
import { parseOrderedXml, orderedChildren, type OrderedElement } from './xml-tree';
import { plural } from '../text/plural';
import { DocumentTextBuilder, makeDocument } from './text-builder';
import { ImportError, type ImportedComment, type ImportedDocument } from './types';
import { sniffOtherFormat } from './sniff';

/*
 * OpenDocument text (.odt) import, read from content.xml (and styles.xml for paragraph styles).
 *
 * The layout matches the DOCX importer: one block per paragraph, heading (text:h, or a paragraph whose style is a
 * heading style), list item (level = list nesting depth from 1) and table row (cells joined by "\t", paragraphs in
 * a cell by a space); text:s, text:tab and text:line-break give spaces, "\t" and "\n"; white space in the XML
 * itself is collapsed as ODF specifies. Footnotes and endnotes become "[n]" in the text and blocks after a "Notes"
 * heading. office:annotation becomes a comment over the text up to its office:annotation-end, or over its whole
 * paragraph when it has no end. Tracked deletions, tables of contents and indexes are left out.
 */

const ODT_LIMITS: ZipLimits = { ...DEFAULT_ZIP_LIMITS, maxEntryBytes: 128 * 1024 * 1024, maxTotalBytes: 256 * 1024 * 1024 };

/** Elements whose contents are not part of the document's running text. */
const SKIPPED = new Set([
  'text:tracked-changes',
  'text:sequence-decls',
  'text:variable-decls',
  'text:user-field-decls',
  'text:dde-connection-decls',
  'text:note-citation',
  'text:table-of-content',
  'text:illustration-index',
  'text:table-index',
  'text:object-index',
  'text:user-index',
  'text:alphabetical-index',
  'text:bibliography',
  'office:forms',
  'svg:title',
  'svg:desc',
  'text:ruby-text',
  'draw:object',
  'draw:object-ole',
]);

interface StyleInfo {
  parent?: string;
  displayName?: string;
  outlineLevel?: number;
}

interface Annotation {
  start: string;
  author?: string;
  text: string;
  name?: string;
  paragraphKey: string | undefined;
}

export async function importOdt(bytes: Uint8Array, fileName: string): Promise<ImportedDocument> {
  const entries = openOdtArchive(bytes, fileName);
  let content: OrderedElement;
  const styles = new Map<string, StyleInfo>();
  try {
    const stylesXml = findEntry(entries, 'styles.xml');
    if (stylesXml) readStyles(parseOrderedXml(stylesXml), styles);
    content = parseOrderedXml(findEntry(entries, 'content.xml')!);
  } catch (error) {
    if (error instanceof XmlError) throw new ImportError(fileName, `the document's text could not be read: ${error.message}`);
    throw error;
  }
  readStyles(content, styles);
  const body = orderedChildren(content, 'office:body')[0];
  const text = body ? orderedChildren(body, 'office:text')[0] : undefined;
  if (!text) {
    const kind = body?.children.find((c): c is OrderedElement => typeof c !== 'string')?.name.replace('office:', '');
    throw new ImportError(
      fileName,
      kind ? `this OpenDocument file holds a ${kind}, not a text document` : 'the document has no text body (office:text)',
    );
  }
  return new OdtReader(styles).read(text, fileName);
}

function openOdtArchive(bytes: Uint8Array, fileName: string): Record<string, Uint8Array> {
  if (bytes.length === 0) throw new ImportError(fileName, 'the file is empty');
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    const other = sniffOtherFormat(bytes);
    throw new ImportError(
      fileName,
      other
        ? `this is not an OpenDocument text (.odt) but ${other}; import it under its own file type`
        : 'this is not an OpenDocument text (.odt) (the file may be damaged or of another kind)',
    );
  }
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSafely(bytes, (name) => /^(content\.xml|styles\.xml|mimetype|META-INF\/manifest\.xml)$/i.test(name), ODT_LIMITS);
  } catch (error) {
    if (error instanceof UnsafeArchiveError) {
      throw new ImportError(fileName, `Tessera refused to open this file because ${error.message}`);
    }
    throw new ImportError(fileName, 'the file is damaged or incomplete (it may have been cut short while copying or downloading)');
  }
  const mimetype = findEntry(entries, 'mimetype');
  const type = mimetype ? new TextDecoder().decode(mimetype).trim() : '';
  if (type && !type.startsWith('application/vnd.oasis.opendocument.text')) {
    throw new ImportError(fileName, `this is not an OpenDocument text but another kind of OpenDocument file (${type})`);
  }
  const manifest = findEntry(entries, 'META-INF/manifest.xml');
  if (manifest && /encryption-data/.test(decodeXmlBytes(manifest))) {
    throw new ImportError(
      fileName,
      'the file is password-protected or encrypted; save it without a password in LibreOffice and import it again',
    );
  }
  if (!findEntry(entries, 'content.xml')) {
    const hint = findEntry(entries, 'word/document.xml') ? ' (it looks like a Word document; rename it to .docx)' : '';
    throw new ImportError(fileName, `this is not an OpenDocument text: it has no content.xml${hint}`);
  }
  return entries;
}

function readStyles(root: OrderedElement, into: Map<string, StyleInfo>): void {
  const visit = (element: OrderedElement): void => {
    for (const child of element.children) {
      if (typeof child === 'string') continue;
      if (child.name === 'style:style') {
        const name = child.attrs['style:name'];
        if (name) {
          const level = Number(child.attrs['style:default-outline-level']);
          into.set(name, {
            parent: child.attrs['style:parent-style-name'],
            displayName: child.attrs['style:display-name'],
            outlineLevel: Number.isInteger(level) && level > 0 ? level : undefined,
          });
        }
      } else if (child.name === 'office:styles' || child.name === 'office:automatic-styles') {
        visit(child);
      }
    }
  };
  visit(root);
}

class OdtReader {
  private readonly builder = new DocumentTextBuilder();
  private readonly notes: { number: number; text: string }[] = [];
  private readonly annotations: Annotation[] = [];
  private readonly annotationEnds = new Map<string, string>();
  private paragraphCount = 0;
  private images = 0;
  private objects = 0;
  private listDepth = 0;
  /** Inside a table row, cells are written into one block. */
  private tableDepth = 0;
  private cellStart = false;
  /** True when the last character written was collapsible white space, or nothing was written yet in the block. */
  private spaceBefore = true;
  private currentParagraph: string | undefined;

  constructor(private readonly styles: Map<string, StyleInfo>) {}

  read(body: OrderedElement, fileName: string): ImportedDocument {
    const { builder } = this;
    this.blocks(body.children);
    builder.end();
    if (this.notes.length > 0) {
      builder.add('Notes', 'heading', 1);
      for (const note of this.notes) builder.add(`[${note.number}] ${note.text}`, 'note');
    }
    const built = builder.finish();
    const comments: ImportedComment[] = [];
    for (const annotation of this.annotations) {
      let start = builder.anchors.get(annotation.start);
      const endKey = annotation.name === undefined ? undefined : this.annotationEnds.get(annotation.name);
      let end = endKey === undefined ? undefined : builder.anchors.get(endKey);
      if (start === undefined || end === undefined || start === end) {
        const key = annotation.paragraphKey;
        start = key === undefined ? undefined : builder.anchors.get(`${key}:start`);
        end = key === undefined ? undefined : builder.anchors.get(`${key}:end`);
      }
      if (start === undefined || end === undefined) continue;
      if (start > end) [start, end] = [end, start];
      const comment: ImportedComment = { start, end, text: annotation.text };
      if (annotation.author) comment.author = annotation.author;
      comments.push(comment);
    }
    comments.sort((a, b) => a.start - b.start || a.end - b.end);
    const warnings: string[] = [];
    if (this.images > 0) {
      warnings.push(`${plural(this.images, 'image')} ${this.images === 1 ? 'was' : 'were'} left out (Tessera imports text only)`);
    }
    if (this.objects > 0) {
      warnings.push(`${plural(this.objects, 'embedded object')} (charts, formulas) ${this.objects === 1 ? 'was' : 'were'} left out`);
    }
    const dropped = this.annotations.length - comments.length;
    if (dropped > 0) warnings.push(`${plural(dropped, 'comment')} had no place in the text and ${dropped === 1 ? 'was' : 'were'} left out`);
    return makeDocument(fileName, 'odt', built, comments, warnings);
  }

  private headingLevel(styleName: string | undefined): number | undefined {
    let name = styleName;
    for (let hops = 0; name && hops < 20; hops += 1) {
      const style = this.styles.get(name);
      if (style?.outlineLevel) return style.outlineLevel;
      const label = style?.displayName ?? name.replace(/_20_/g, ' ');
      const match = /^heading\s*([1-9])$/i.exec(label.trim());
      if (match) return Number(match[1]);
      if (/^title$/i.test(label.trim())) return 1;
      name = style?.parent;
    }
    return undefined;
  }

  /** Block-level content: paragraphs, headings, lists, tables, sections. */
  private blocks(children: (OrderedElement | string)[]): void {
    for (const child of children) {
      if (typeof child === 'string' || SKIPPED.has(child.name)) continue;
      switch (child.name) {
        case 'text:p':
        case 'text:h':
          this.paragraph(child);
          break;
        case 'text:list':
          this.listDepth += 1;
          this.blocks(child.children);
          this.listDepth -= 1;
          break;
        case 'table:table':
          this.table(child);
          break;
        default:
          // text:section, text:list-item, text:list-header, table:table-header-rows, ... hold further blocks.
          this.blocks(child.children);
      }
    }
  }

  private paragraph(element: OrderedElement): void {
    const { builder } = this;
    const key = `p${this.paragraphCount++}`;
    if (this.tableDepth > 0) {
      // A paragraph inside a cell joins the row's single line.
      if (!this.cellStart && !this.spaceBefore) builder.write(' ');
      this.cellStart = false;
    } else {
      const outline = Number(element.attrs['text:outline-level']);
      const level =
        element.name === 'text:h'
          ? Number.isInteger(outline) && outline > 0
            ? outline
            : (this.headingLevel(element.attrs['text:style-name']) ?? 1)
          : this.headingLevel(element.attrs['text:style-name']);
      if (level !== undefined) builder.begin('heading', level);
      else if (this.listDepth > 0) builder.begin('list-item', this.listDepth);
      else builder.begin('paragraph');
    }
    this.spaceBefore = true;
    const outer = this.currentParagraph;
    this.currentParagraph = key;
    builder.anchor(`${key}:start`, 'start');
    this.inline(element.children, { write: (t) => builder.write(t) });
    builder.anchor(`${key}:end`, 'end');
    this.currentParagraph = outer;
    if (this.tableDepth === 0) builder.end();
  }

  private table(element: OrderedElement): void {
    const { builder } = this;
    const rows: OrderedElement[] = [];
    const collect = (e: OrderedElement): void => {
      for (const c of e.children) {
        if (typeof c === 'string') continue;
        if (c.name === 'table:table-row') rows.push(c);
        else if (/^table:table-(header-)?rows$|^table:table-row-group$/.test(c.name)) collect(c);
      }
    };
    collect(element);
    const nested = this.tableDepth > 0;
    this.tableDepth += 1;
    for (const row of rows) {
      if (!nested) builder.begin('table-row');
      let first = true;
      for (const cell of row.children) {
        if (typeof cell === 'string' || !/^table:(covered-)?table-cell$/.test(cell.name)) continue;
        if (!first || nested) {
          const separator = nested ? ' ' : '\t';
          if (!(nested && this.spaceBefore)) builder.write(separator);
        }
        first = false;
        this.cellStart = true;
        this.spaceBefore = true;
        this.blocks(cell.children);
      }
      if (!nested) builder.end();
    }
    this.tableDepth -= 1;
  }

  /** Inline content of a paragraph, written through `sink` with ODF's white-space rules. */
  private inline(children: (OrderedElement | string)[], sink: { write: (text: string) => void }): void {
    const inCell = this.tableDepth > 0;
    const literal = (text: string): void => {
      sink.write(text);
      this.spaceBefore = false;
    };
    for (const child of children) {
      if (typeof child === 'string') {
        let text = child.replace(/[ \t\r\n]+/g, ' ');
        if (this.spaceBefore && text.startsWith(' ')) text = text.slice(1);
        if (text === '') continue;
        sink.write(text);
        this.spaceBefore = text.endsWith(' ');
        continue;
      }
      if (SKIPPED.has(child.name)) {
        if (child.name === 'draw:object' || child.name === 'draw:object-ole') this.objects += 1;
        continue;
      }
      switch (child.name) {
        case 'text:s': {
          const count = Math.min(Math.max(Number(child.attrs['text:c'] ?? 1) || 1, 1), 1000);
          literal(' '.repeat(count));
          break;
        }
        case 'text:tab':
          literal(inCell ? ' ' : '\t');
          break;
        case 'text:line-break':
          literal(inCell ? ' ' : '\n');
          break;
        case 'text:note':
          this.note(child, literal);
          break;
        case 'office:annotation':
          this.annotation(child);
          break;
        case 'office:annotation-end': {
          const name = child.attrs['office:name'];
          if (name !== undefined) {
            const key = `annotation-end:${this.annotationEnds.size}`;
            this.annotationEnds.set(name, key);
            this.builder.anchor(key, 'end');
          }
          break;
        }
        case 'draw:image':
          this.images += 1;
          break;
        case 'text:p':
        case 'text:h':
          // Paragraphs inside a frame's text box: keep their words apart from the surrounding text.
          if (!this.spaceBefore) literal(' ');
          this.spaceBefore = true;
          this.inline(child.children, sink);
          break;
        case 'table:table':
        case 'text:list':
          if (!this.spaceBefore) literal(' ');
          this.spaceBefore = true;
          this.inline(child.children, sink);
          break;
        default:
          // text:span, text:a, text:meta, draw:frame, draw:text-box, ... : read what they contain.
          this.inline(child.children, sink);
      }
    }
  }

  private note(element: OrderedElement, literal: (text: string) => void): void {
    const number = this.notes.length + 1;
    literal(`[${number}]`);
    const body = orderedChildren(element, 'text:note-body')[0];
    const paragraphs: string[] = [];
    if (body) {
      // Note text is read in its own buffer; the main text's state is restored afterwards.
      const saved = { spaceBefore: this.spaceBefore, tableDepth: this.tableDepth };
      this.tableDepth = 0;
      for (const p of body.children) {
        if (typeof p === 'string') continue;
        let buffer = '';
        this.spaceBefore = true;
        this.inline(p.name === 'text:p' || p.name === 'text:h' ? p.children : [p], { write: (t) => (buffer += t) });
        if (buffer.trim() !== '') paragraphs.push(buffer);
      }
      this.spaceBefore = saved.spaceBefore;
      this.tableDepth = saved.tableDepth;
    }
    this.notes.push({ number, text: paragraphs.join('\n') });
  }

  private annotation(element: OrderedElement): void {
    const start = `annotation:${this.annotations.length}`;
    this.builder.anchor(start, 'start');
    let author: string | undefined;
    const paragraphs: string[] = [];
    const saved = { spaceBefore: this.spaceBefore, tableDepth: this.tableDepth };
    this.tableDepth = 0;
    for (const child of element.children) {
      if (typeof child === 'string') continue;
      if (child.name === 'dc:creator') {
        author = child.children.filter((c): c is string => typeof c === 'string').join('').trim() || undefined;
      } else if (child.name === 'text:p' || child.name === 'text:h' || child.name === 'text:list') {
        let buffer = '';
        this.spaceBefore = true;
        this.inline(child.name === 'text:list' ? [child] : child.children, { write: (t) => (buffer += t) });
        paragraphs.push(buffer);
      }
    }
    this.spaceBefore = saved.spaceBefore;
    this.tableDepth = saved.tableDepth;
    const annotation: Annotation = {
      start,
      text: normaliseText(paragraphs.join('\n')).trim(),
      paragraphKey: this.currentParagraph,
    };
    if (author) annotation.author = author;
    const name = element.attrs['office:name'];
    if (name !== undefined) annotation.name = name;
    this.annotations.push(annotation);
  }
}
