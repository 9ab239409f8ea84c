import { normaliseText } from '../text/normalise';
import { plural } from '../text/plural';
import { DocumentTextBuilder, makeDocument } from './text-builder';
import { ImportError, type ImportedComment, type ImportedDocument } from './types';
import { sniffOtherFormat } from './sniff';
import { decodeWindows1252 } from './cp1252';

/*
 * RTF import: a small text extractor written for Tessera (no maintained JavaScript RTF reader runs without Node
 * streams or a DOM).
 *
 * It reads the token stream of groups, control words and text, keeping a state per group (destination, font,
 * \uc count, paragraph properties). Text in 8-bit escapes (\'hh, or raw bytes from careless writers) is decoded in
 * the code page of the current font (\fcharset / \cpg in the font table), else the document's \ansicpg (default
 * 1252); \uN gives a UTF-16 unit, and the \ucN fallback characters after it are skipped. Destinations that hold no
 * running text (font and colour tables, style sheet, document info, pictures, objects, headers and footers, field
 * instructions, list labels, and any unknown \* destination) are skipped.
 *
 * Layout matches the Word importer: \par ends a paragraph block (a heading when its style is "Heading n" or it has
 * \outlinelevel, a list item when it has \ls, level \ilvl + 1); a table row (\intbl ... \row) is one block with
 * cells joined by "\t"; \line is "\n" and \tab "\t". Footnotes become "[n]" in the text and blocks after a
 * "Notes" heading. Word and LibreOffice annotations become comments over their \atrfstart..\atrfend range, or over
 * the paragraph holding the annotation mark when there is no range.
 *
 * Bounded: the file is read in one pass without recursion, and nesting deeper than MAX_DEPTH groups is refused.
 */

const MAX_DEPTH = 400;

type Destination =
  | 'main'
  | 'skip'
  | 'fonttbl'
  | 'stylesheet'
  | 'footnote'
  | 'annotation'
  | 'atnauthor'
  | 'atnref'
  | 'atrfstart'
  | 'atrfend';

interface GroupState {
  dest: Destination;
  /** True for the group that switched to `dest` (its closing brace finishes that destination). */
  opensDest: boolean;
  uc: number;
  font: number | undefined;
  /** Paragraph properties. */
  style: number;
  intbl: boolean;
  list: number;
  ilvl: number;
  outline: number | undefined;
}

/** Destinations whose text is not running text. \* destinations we do not know are skipped too. */
const SKIPPED_DESTINATIONS = new Set([
  'colortbl', 'info', 'pict', 'object', 'header', 'headerl', 'headerr', 'headerf', 'footer', 'footerl', 'footerr',
  'footerf', 'listtable', 'listoverridetable', 'revtbl', 'rsidtbl', 'xmlnstbl', 'generator', 'themedata',
  'colorschememapping', 'datastore', 'latentstyles', 'pgdsctbl', 'filetbl', 'userprops', 'docvar', 'fldinst',
  'listtext', 'pntext', 'pn', 'nonshppict', 'shpinst', 'ftnsep', 'ftnsepc', 'aftnsep', 'aftnsepc', 'atnid',
  'atndate', 'atnicn', 'atntime', 'atnparent', 'template', 'fchars', 'lchars', 'protusertbl', 'bkmkstart',
  'bkmkend', 'mmathPr', 'wgrffmtfilter', 'passwordhash', 'operator', 'xe', 'tc', 'tcn', 'txe', 'rxe', 'sp', 'sn',
  'sv', 'picprop', 'blipuid', 'objdata', 'result', 'oldcprops', 'oldpprops', 'oldtprops', 'oldsprops',
  'defchp', 'defpap', 'stylesheet2', 'mhtmltag', 'htmltag', 'panose', 'falt', 'fname', 'listpicture', 'pgptbl',
  'ud', 'upr', 'comment', 'subject', 'title', 'author', 'keywords', 'doccomm', 'company', 'category', 'manager',
  'hlinkbase', 'nesttableprops', 'fontemb', 'fontfile', 'ebcstart', 'ebcend', 'private', 'hyphen', 'dptxbx',
]);

/** Symbols written as control words. */
const SYMBOLS: Record<string, string> = {
  emdash: '\u2014', endash: '\u2013', bullet: '\u2022', lquote: '\u2018', rquote: '\u2019', ldblquote: '\u201c',
  rdblquote: '\u201d', emspace: '\u2003', enspace: '\u2002', qmspace: '\u2005', zwj: '\u200d', zwnj: '\u200c',
  ltrmark: '\u200e', rtlmark: '\u200f', zwbo: '\u200b', zwnbo: '\ufeff',
};

/** Windows code page of an RTF \fcharset. */
const CHARSET_CODE_PAGES: Record<number, number> = {
  77: 10000, 128: 932, 129: 949, 134: 936, 136: 950, 161: 1253, 162: 1254, 163: 1258, 177: 1255, 178: 1256,
  186: 1257, 204: 1251, 222: 874, 238: 1250, 254: 437, 255: 850,
};

function decoderLabel(codePage: number): string {
  if (codePage === 65001) return 'utf-8';
  if (codePage === 10000) return 'macintosh';
  if (codePage === 932) return 'shift_jis';
  if (codePage === 936) return 'gbk';
  if (codePage === 949) return 'euc-kr';
  if (codePage === 950) return 'big5';
  if (codePage === 866) return 'ibm866';
  if (codePage === 20866) return 'koi8-r';
  return `windows-${codePage}`;
}

interface PendingComment {
  id: string | undefined;
  author: string | undefined;
  text: string;
  /** Key of the paragraph anchors around the annotation mark. */
  paragraph: string | undefined;
}

export async function importRtf(bytes: Uint8Array, fileName: string): Promise<ImportedDocument> {
  if (bytes.length === 0) throw new ImportError(fileName, 'the file is empty');
  const head = String.fromCharCode(...bytes.subarray(0, 16)).replace(/^\ufeff|^\xef\xbb\xbf/, '').trimStart();
  if (!head.startsWith('{\\rtf')) {
    const other = sniffOtherFormat(bytes);
    throw new ImportError(
      fileName,
      other
        ? `this is not an RTF document but ${other}; import it under its own file type`
        : 'this is not an RTF document (it does not start with "{\\rtf")',
    );
  }
  return new RtfReader(bytes, fileName).read();
}

class RtfReader {
  private readonly builder = new DocumentTextBuilder();
  private readonly warnings: string[] = [];
  private stack: GroupState[] = [];
  private state: GroupState = {
    dest: 'main', opensDest: false, uc: 1, font: undefined, style: 0, intbl: false, list: 0, ilvl: 0,
    outline: undefined,
  };
  private documentCodePage = 1252;
  private defaultFont: number | undefined;
  private readonly fontCodePages = new Map<number, number>();
  private fontBeingDefined: number | undefined;
  private readonly styleNames = new Map<number, string>();
  private styleBeingDefined: { number: number; name: string } | undefined;
  private readonly decoders = new Map<number, { decode: (bytes: Uint8Array) => string }>();
  private unsupportedCodePages = new Set<number>();

  /** 8-bit characters waiting to be decoded together (a double-byte character arrives as two escapes). */
  private pendingBytes: number[] = [];
  private pendingCodePage = 1252;
  /** \uc fallback characters still to skip after a \u. */
  private skipFallback = 0;
  /** Cells ended in the open table row whose separators are not written yet. */
  private pendingCells = 0;
  private cellHasText = false;
  private paragraphKey: string | undefined;
  private paragraphCount = 0;

  private readonly notes: string[] = [];
  private noteText = '';
  private captured = '';
  private author: string | undefined;
  private comment: PendingComment | undefined;
  private readonly comments: PendingComment[] = [];
  private images = 0;
  private objects = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly fileName: string,
  ) {}

  read(): ImportedDocument {
    const { bytes } = this;
    let i = 0;
    let depth = 0;
    let groupStart = false;
    while (i < bytes.length) {
      const c = bytes[i]!;
      if (c === 0x7b /* { */) {
        this.flushBytes();
        depth += 1;
        if (depth > MAX_DEPTH) {
          throw new ImportError(this.fileName, `the RTF nests groups more than ${MAX_DEPTH} deep, far beyond any real document`);
        }
        this.stack.push(this.state);
        this.state = { ...this.state, opensDest: false };
        this.skipFallback = 0;
        groupStart = true;
        i += 1;
        continue;
      }
      if (c === 0x7d /* } */) {
        this.flushBytes();
        if (depth > 0) {
          this.closeGroup();
          depth -= 1;
        }
        this.skipFallback = 0;
        groupStart = false;
        i += 1;
        continue;
      }
      if (c === 0x5c /* \ */) {
        const next = bytes[i + 1];
        if (next === undefined) break;
        if (isLetter(next)) {
          let j = i + 1;
          while (j < bytes.length && j - i <= 32 && isLetter(bytes[j]!)) j += 1;
          const word = String.fromCharCode(...bytes.subarray(i + 1, j));
          let param: number | undefined;
          const digitsStart = j;
          if (bytes[j] === 0x2d /* - */ && isDigit(bytes[j + 1])) j += 1;
          while (j < bytes.length && j - digitsStart < 11 && isDigit(bytes[j])) j += 1;
          if (j > digitsStart) param = Number(String.fromCharCode(...bytes.subarray(digitsStart, j)));
          if (bytes[j] === 0x20) j += 1; // the delimiting space belongs to the control word
          i = j;
          if (word === 'bin') {
            // Binary data follows: skip it whole, whatever it contains.
            i += Math.max(0, param ?? 0);
            continue;
          }
          this.controlWord(word, param, groupStart);
          groupStart = false;
          continue;
        }
        // A control symbol.
        i += 2;
        if (next === 0x27 /* ' */) {
          const hex = String.fromCharCode(bytes[i] ?? 0, bytes[i + 1] ?? 0);
          i += 2;
          if (/^[0-9a-fA-F]{2}$/.test(hex)) this.byte(parseInt(hex, 16));
        } else if (next === 0x2a /* * */) {
          // \* marks an ignorable destination: skip it unless the next control word is one we read.
          if (groupStart) this.ignorableNext = true;
        } else if (next === 0x0a || next === 0x0d) {
          this.controlWord('par', undefined, false);
        } else {
          this.controlSymbol(String.fromCharCode(next));
        }
        groupStart = false;
        continue;
      }
      i += 1;
      if (c === 0x0a || c === 0x0d) continue;
      groupStart = false;
      if (c === 0x09) {
        this.controlWord('tab', undefined, false);
      } else if (c >= 0x80) {
        this.byte(c);
      } else if (c >= 0x20 || c === 0x09) {
        this.char(String.fromCharCode(c));
      }
    }
    this.flushBytes();
    if (depth > 0 || this.stack.length > 0) {
      this.warnings.push('the file seems to be cut short (groups left open at its end); the text read so far was imported');
    }
    return this.finish();
  }

  /** Set by \* at the start of a group, for the control word that follows. */
  private ignorableNext = false;

  private closeGroup(): void {
    const closing = this.state;
    this.state = this.stack.pop() ?? this.state;
    if (closing.opensDest) this.finishDestination(closing.dest);
  }

  private setDestination(dest: Destination): void {
    this.state.dest = dest;
    this.state.opensDest = true;
    this.captured = '';
  }

  private finishDestination(dest: Destination): void {
    const text = this.captured;
    this.captured = '';
    switch (dest) {
      case 'footnote':
        this.notes.push(normaliseText(this.noteText).replace(/\n+$/, '').trim());
        this.noteText = '';
        break;
      case 'atnauthor':
        this.author = text.trim() || undefined;
        break;
      case 'atnref':
        if (this.comment) this.comment.id = text.trim();
        break;
      case 'atrfstart':
        this.builder.anchor(`rtf-range-start-${text.trim()}`, 'start');
        break;
      case 'atrfend':
        this.builder.anchor(`rtf-range-end-${text.trim()}`, 'end');
        break;
      case 'annotation':
        if (this.comment) {
          this.comment.text = normaliseText(this.noteText).replace(/\n+$/, '').trim();
          this.comments.push(this.comment);
          this.comment = undefined;
          this.noteText = '';
        }
        break;
      case 'stylesheet':
        this.styleBeingDefined = undefined;
        break;
      default:
        break;
    }
  }

  private controlWord(word: string, param: number | undefined, groupStart: boolean): void {
    const ignorable = this.ignorableNext;
    this.ignorableNext = false;
    if (word !== 'u') this.flushBytes();
    if (this.skipFallback > 0 && word !== 'u') {
      // A control word stands in for one fallback character after \u.
      this.skipFallback -= 1;
      return;
    }
    const state = this.state;

    // Destinations: a control word that starts a group and says what the group holds.
    if (groupStart || ignorable) {
      switch (word) {
        case 'fonttbl':
          this.setDestination('fonttbl');
          return;
        case 'stylesheet':
          this.setDestination('stylesheet');
          return;
        case 'footnote':
          if (state.dest === 'main') {
            this.writeMain(`[${this.notes.length + 1}]`);
            this.setDestination('footnote');
            this.noteText = '';
            // A footnote has its own paragraphs; what it sets must not leak into the paragraph around it.
            Object.assign(this.state, { intbl: false, list: 0, ilvl: 0, outline: undefined, style: 0 });
          } else {
            this.setDestination('skip');
          }
          return;
        case 'annotation':
          if (state.dest === 'main') {
            this.comment ??= { id: undefined, author: this.author, text: '', paragraph: this.paragraphKey };
            this.setDestination('annotation');
            this.noteText = '';
            Object.assign(this.state, { intbl: false, list: 0, ilvl: 0, outline: undefined, style: 0 });
          } else {
            this.setDestination('skip');
          }
          return;
        case 'atnauthor':
        case 'atnref':
        case 'atrfstart':
        case 'atrfend':
          this.setDestination(state.dest === 'skip' ? 'skip' : (word as Destination));
          return;
        case 'shppict':
          // Holds the picture (counted at \pict); {\nonshppict} repeats it for old readers and is skipped.
          return;
        case 'pict':
          if (state.dest === 'main' || state.dest === 'footnote') this.images += 1;
          this.setDestination('skip');
          return;
        case 'object':
          if (state.dest === 'main') this.objects += 1;
          this.setDestination('skip');
          return;
        case 'field':
        case 'fldrslt':
          return;
        default:
          if (SKIPPED_DESTINATIONS.has(word) || ignorable) {
            this.setDestination('skip');
            return;
          }
      }
    }
    if (state.dest === 'skip') return;

    if (state.dest === 'fonttbl') {
      if (word === 'f' && param !== undefined) this.fontBeingDefined = param;
      else if (word === 'fcharset' && param !== undefined && this.fontBeingDefined !== undefined) {
        const codePage = CHARSET_CODE_PAGES[param];
        if (codePage !== undefined) this.fontCodePages.set(this.fontBeingDefined, codePage);
      } else if (word === 'cpg' && param !== undefined && this.fontBeingDefined !== undefined) {
        this.fontCodePages.set(this.fontBeingDefined, param);
      }
      return;
    }
    if (state.dest === 'stylesheet') {
      if (word === 's' && param !== undefined) this.styleBeingDefined = { number: param, name: '' };
      else if (word === 'cs' || word === 'ds' || word === 'ts') this.styleBeingDefined = undefined;
      return;
    }

    switch (word) {
      case 'ansicpg':
        if (param !== undefined && param > 0) this.documentCodePage = param;
        return;
      case 'mac':
        this.documentCodePage = 10000;
        return;
      case 'pc':
        this.documentCodePage = 437;
        return;
      case 'pca':
        this.documentCodePage = 850;
        return;
      case 'deff':
        this.defaultFont = param;
        if (state.font === undefined) state.font = param;
        return;
      case 'f':
        state.font = param;
        return;
      case 'uc':
        state.uc = Math.max(0, Math.min(param ?? 1, 10));
        return;
      case 'u': {
        this.flushBytes();
        if (this.skipFallback > 0) {
          this.skipFallback -= 1;
          return;
        }
        let code = param ?? 0;
        if (code < 0) code += 65536;
        this.text(String.fromCharCode(code & 0xffff));
        this.skipFallback = state.uc;
        return;
      }
      case 'par':
      case 'sect':
        this.paragraphEnd();
        return;
      case 'line':
        this.text(state.intbl && state.dest === 'main' ? ' ' : '\n');
        return;
      case 'tab':
        this.text(state.intbl && state.dest === 'main' ? ' ' : '\t');
        return;
      case 'cell':
        if (state.dest === 'main') {
          this.pendingCells += 1;
          this.cellHasText = false;
        }
        return;
      case 'nestcell':
      case 'nestrow':
        this.text(' ');
        return;
      case 'row':
        if (state.dest === 'main') this.rowEnd();
        return;
      case 'pard':
        Object.assign(state, { style: 0, intbl: false, list: 0, ilvl: 0, outline: undefined });
        return;
      case 's':
        state.style = param ?? 0;
        return;
      case 'intbl':
        state.intbl = true;
        return;
      case 'ls':
        state.list = param ?? 0;
        return;
      case 'ilvl':
        state.ilvl = param ?? 0;
        return;
      case 'outlinelevel':
        state.outline = param !== undefined && param >= 0 && param < 9 ? param : undefined;
        return;
      case 'chatn':
        if (state.dest === 'main') {
          this.ensureParagraph();
          this.comment = { id: undefined, author: this.author, text: '', paragraph: this.paragraphKey };
          this.author = undefined;
        }
        return;
      default: {
        const symbol = SYMBOLS[word];
        if (symbol !== undefined) this.text(symbol);
      }
    }
  }

  private controlSymbol(symbol: string): void {
    this.flushBytes();
    if (this.skipFallback > 0) {
      this.skipFallback -= 1;
      return;
    }
    switch (symbol) {
      case '\\':
      case '{':
      case '}':
        this.text(symbol);
        return;
      case '~':
        this.text('\u00a0');
        return;
      case '_':
        this.text('\u2011');
        return;
      case '-':
        // An optional hyphen is invisible unless a line breaks there.
        return;
      case '|':
      case ':':
        return;
      default:
    }
  }

  private byte(b: number): void {
    if (this.skipFallback > 0) {
      this.skipFallback -= 1;
      return;
    }
    if (this.state.dest === 'skip' || this.state.dest === 'fonttbl') return;
    const codePage = this.currentCodePage();
    if (this.pendingBytes.length > 0 && codePage !== this.pendingCodePage) this.flushBytes();
    this.pendingCodePage = codePage;
    this.pendingBytes.push(b);
  }

  private char(c: string): void {
    this.flushBytes();
    if (this.skipFallback > 0) {
      this.skipFallback -= 1;
      return;
    }
    this.text(c);
  }

  private currentCodePage(): number {
    const font = this.state.font ?? this.defaultFont;
    return (font === undefined ? undefined : this.fontCodePages.get(font)) ?? this.documentCodePage;
  }

  private flushBytes(): void {
    if (this.pendingBytes.length === 0) return;
    const bytes = Uint8Array.from(this.pendingBytes);
    this.pendingBytes = [];
    this.text(this.decoder(this.pendingCodePage).decode(bytes));
  }

  private decoder(codePage: number): { decode: (bytes: Uint8Array) => string } {
    let decoder = this.decoders.get(codePage);
    if (!decoder) {
      try {
        decoder = codePage === 1252 ? { decode: decodeWindows1252 } : new TextDecoder(decoderLabel(codePage));
      } catch {
        if (!this.unsupportedCodePages.has(codePage)) {
          this.unsupportedCodePages.add(codePage);
          this.warnings.push(
            `the file uses code page ${codePage}, which Tessera cannot decode; accented letters were read as Windows-1252 and may be wrong`,
          );
        }
        decoder = { decode: decodeWindows1252 };
      }
      this.decoders.set(codePage, decoder);
    }
    return decoder;
  }

  /** Routes decoded text to the current destination. */
  private text(t: string): void {
    switch (this.state.dest) {
      case 'main':
        this.writeMain(t);
        return;
      case 'footnote':
      case 'annotation':
        this.noteText += t;
        return;
      case 'atnauthor':
      case 'atnref':
      case 'atrfstart':
      case 'atrfend':
        this.captured += t;
        return;
      case 'stylesheet':
        if (this.styleBeingDefined) {
          if (t.includes(';')) {
            this.styleBeingDefined.name += t.slice(0, t.indexOf(';'));
            this.styleNames.set(this.styleBeingDefined.number, this.styleBeingDefined.name.trim());
            this.styleBeingDefined = undefined;
          } else {
            this.styleBeingDefined.name += t;
          }
        }
        return;
      default:
    }
  }

  private ensureParagraph(): void {
    if (this.builder.isOpen) return;
    this.builder.begin('paragraph');
    this.paragraphKey = `p${this.paragraphCount++}`;
    this.builder.anchor(`${this.paragraphKey}:start`, 'start');
  }

  private writeMain(t: string): void {
    this.ensureParagraph();
    if (this.pendingCells > 0) {
      this.builder.write('\t'.repeat(this.pendingCells));
      this.pendingCells = 0;
    }
    if (this.state.intbl && /^ /.test(t) && !this.cellHasText) t = t.replace(/^ +/, '');
    if (t === '') return;
    this.cellHasText = true;
    this.builder.write(t);
  }

  private paragraphEnd(): void {
    const state = this.state;
    if (state.dest === 'footnote' || state.dest === 'annotation') {
      this.noteText += '\n';
      return;
    }
    if (state.dest !== 'main') return;
    if (state.intbl) {
      // A paragraph inside a cell: the cell stays on the row's line.
      if (this.cellHasText && !/\s$/.test(this.builder.openText)) this.builder.write(' ');
      return;
    }
    if (!this.builder.isOpen) return;
    this.endBlock(this.blockKind());
  }

  private rowEnd(): void {
    this.ensureParagraph();
    // The last \cell closes the last cell; only the separators between cells are written.
    if (this.pendingCells > 1) this.builder.write('\t'.repeat(this.pendingCells - 1));
    this.pendingCells = 0;
    this.cellHasText = false;
    this.endBlock({ kind: 'table-row' });
  }

  private endBlock(kind: { kind: 'paragraph' | 'heading' | 'list-item' | 'table-row'; level?: number }): void {
    this.builder.retag(kind.kind, kind.level);
    if (this.paragraphKey !== undefined) this.builder.anchor(`${this.paragraphKey}:end`, 'end');
    this.builder.end();
    this.paragraphKey = undefined;
  }

  private blockKind(): { kind: 'paragraph' | 'heading' | 'list-item'; level?: number } {
    const state = this.state;
    if (state.outline !== undefined) return { kind: 'heading', level: state.outline + 1 };
    const style = this.styleNames.get(state.style)?.trim() ?? '';
    const heading = /^heading\s*([1-9])$/i.exec(style);
    if (heading) return { kind: 'heading', level: Number(heading[1]) };
    if (/^title$/i.test(style)) return { kind: 'heading', level: 1 };
    if (state.list > 0) return { kind: 'list-item', level: state.ilvl + 1 };
    return { kind: 'paragraph' };
  }

  private finish(): ImportedDocument {
    const { builder } = this;
    if (builder.isOpen) this.endBlock(this.state.intbl ? { kind: 'table-row' } : this.blockKind());
    const notes = this.notes.map((text, i) => `[${i + 1}] ${text}`);
    if (notes.length > 0) {
      builder.add('Notes', 'heading', 1);
      for (const note of notes) builder.add(note, 'note');
    }
    const built = builder.finish();
    const comments: ImportedComment[] = [];
    let dropped = 0;
    for (const pending of this.comments) {
      let start = pending.id === undefined ? undefined : builder.anchors.get(`rtf-range-start-${pending.id}`);
      let end = pending.id === undefined ? undefined : builder.anchors.get(`rtf-range-end-${pending.id}`);
      if (start === undefined || end === undefined || start === end) {
        start = pending.paragraph === undefined ? undefined : builder.anchors.get(`${pending.paragraph}:start`);
        end = pending.paragraph === undefined ? undefined : builder.anchors.get(`${pending.paragraph}:end`);
      }
      if (start === undefined || end === undefined) {
        dropped += 1;
        continue;
      }
      if (start > end) [start, end] = [end, start];
      const comment: ImportedComment = { start, end, text: pending.text };
      if (pending.author) comment.author = pending.author;
      comments.push(comment);
    }
    comments.sort((a, b) => a.start - b.start || a.end - b.end);
    if (dropped > 0) this.warnings.push(`${plural(dropped, 'comment')} had no place in the text and ${dropped === 1 ? 'was' : 'were'} left out`);
    if (this.images > 0) {
      this.warnings.push(`${plural(this.images, 'image')} ${this.images === 1 ? 'was' : 'were'} left out (Tessera imports text only)`);
    }
    if (this.objects > 0) {
      this.warnings.push(`${plural(this.objects, 'embedded object')} ${this.objects === 1 ? 'was' : 'were'} left out`);
    }
    const document = makeDocument(this.fileName, 'rtf', built, comments, this.warnings);
    document.encoding = decoderLabel(this.documentCodePage);
    return document;
  }
}

function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 0x30 && c <= 0x39;
}
