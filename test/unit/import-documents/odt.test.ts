import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { importOdt } from '../../../shared/import/odt';
import { importDocx } from '../../../shared/import/docx';
import { ImportError } from '../../../shared/import/types';
import { normaliseText } from '../../../shared/text/normalise';
import { blockTexts, documentFixture } from './files';
import { zerosDeflate, zipOneEntry } from './zip-bomb';

const NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ' +
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" ' +
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
  'xmlns:xlink="http://www.w3.org/1999/xlink"';

function odt(body: string, options: { mimetype?: string; manifest?: string; styles?: string; automatic?: string } = {}): Uint8Array {
  const content =
    `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NS}>` +
    `<office:automatic-styles>${options.automatic ?? ''}</office:automatic-styles>` +
    `<office:body><office:text>${body}</office:text></office:body></office:document-content>`;
  const files: Record<string, Uint8Array> = {
    mimetype: strToU8(options.mimetype ?? 'application/vnd.oasis.opendocument.text'),
    'content.xml': strToU8(content),
    'META-INF/manifest.xml': strToU8(
      options.manifest ??
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
    ),
  };
  if (options.styles) {
    files['styles.xml'] = strToU8(
      `<office:document-styles ${NS}><office:styles>${options.styles}</office:styles></office:document-styles>`,
    );
  }
  return zipSync(files);
}

async function refusal(bytes: Uint8Array, fileName: string): Promise<string> {
  const error = await importOdt(bytes, fileName).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  expect((error as ImportError).file).toBe(fileName);
  return (error as ImportError).message;
}

describe('importOdt on LibreOffice 7.4 conversion of the interview', () => {
  it('gives the same text, blocks and comments as the Word original', async () => {
    const fromOdt = await importOdt(documentFixture('interview.odt'), 'interview.odt');
    const fromDocx = await importDocx(documentFixture('interview.docx'), 'interview.docx');
    expect(fromOdt.format).toBe('odt');
    expect(fromOdt.name).toBe('interview');
    expect(fromOdt.text).toBe(fromDocx.text);
    expect(fromOdt.blocks).toEqual(fromDocx.blocks);
    expect(fromOdt.comments).toEqual(fromDocx.comments);
    expect(fromOdt.warnings).toEqual(['1 image was left out (Tessera imports text only)']);
  });

  it('reads headings by their style, lists by depth and the footnote and endnote', async () => {
    const doc = await importOdt(documentFixture('interview.odt'), 'interview.odt');
    const blocks = blockTexts(doc);
    expect(blocks.slice(0, 3)).toEqual([
      'heading1: Interview 7: multi-agency meeting',
      'paragraph: Recorded 12 March 2024.[1]',
      'heading2: Part 1',
    ]);
    expect(blocks.filter((b) => b.startsWith('list-item'))).toEqual([
      'list-item1: a plan for contact',
      'list-item2: weekly at first',
      'list-item1: a school place',
    ]);
    expect(blocks.slice(-3)).toEqual(['heading1: Notes', 'note: [1] Names have been changed.', 'note: [2] Transcript checked by the participant.']);
    const comment = doc.comments[0]!;
    expect(doc.text.slice(comment.start, comment.end)).toBe('the health visitor');
  });
});

describe('importOdt on hand-written content.xml', () => {
  it('applies text:s, text:tab, text:line-break and collapses white space in the XML', async () => {
    const doc = await importOdt(
      odt(`
        <text:h text:outline-level="2">  Part   <text:span>one</text:span></text:h>
        <text:p>Interviewer:<text:tab/>A<text:s text:c="3"/>B <text:s/>C<text:line-break/>next
           line</text:p>
        <text:p>   </text:p>
        <text:soft-page-break/>
        <text:p>Caf\u0065\u0301 <text:a xlink:href="https://example.org">link</text:a>.</text:p>`),
      'spaces.odt',
    );
    expect(doc.text).toBe('Part one\nInterviewer:\tA   B  C\nnext line\nCaf\u00e9 link.');
    expect(blockTexts(doc)).toEqual(['heading2: Part one', 'paragraph: Interviewer:\tA   B  C\nnext line', 'paragraph: Caf\u00e9 link.']);
    expect(doc.text).toBe(normaliseText(doc.text));
  });

  it('leaves out tracked deletions and tables of contents, and counts images and objects', async () => {
    const doc = await importOdt(
      odt(`
        <text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>deleted words</text:p></text:deletion></text:changed-region></text:tracked-changes>
        <text:table-of-content><text:index-body><text:p>Contents 1</text:p></text:index-body></text:table-of-content>
        <text:p>Kept<text:change text:change-id="c1"/> text.<draw:frame><draw:image xlink:href="Pictures/a.png"/></draw:frame><draw:frame><draw:object xlink:href="./Object 1"/></draw:frame></text:p>`),
      'changes.odt',
    );
    expect(doc.text).toBe('Kept text.');
    expect(doc.warnings).toEqual([
      '1 image was left out (Tessera imports text only)',
      '1 embedded object (charts, formulas) was left out',
    ]);
  });

  it('reads tables with covered cells, several paragraphs and a list in one cell', async () => {
    const doc = await importOdt(
      odt(`
        <table:table><table:table-column table:number-columns-repeated="3"/>
          <table:table-header-rows><table:table-row>
            <table:table-cell table:number-columns-spanned="2"><text:p>Wide</text:p></table:table-cell><table:covered-table-cell/>
            <table:table-cell><text:p>Last</text:p></table:table-cell>
          </table:table-row></table:table-header-rows>
          <table:table-row>
            <table:table-cell><text:p>One</text:p><text:p>Two<text:tab/>tabbed</text:p></table:table-cell>
            <table:table-cell><text:list><text:list-item><text:p>item</text:p></text:list-item></text:list></table:table-cell>
            <table:table-cell><text:p/></table:table-cell>
          </table:table-row>
        </table:table>`),
      'table.odt',
    );
    expect(blockTexts(doc)).toEqual(['table-row: Wide\t\tLast', 'table-row: One Two tabbed\titem\t']);
  });

  it('anchors an annotation with an end to its range, and one without to its paragraph', async () => {
    const doc = await importOdt(
      odt(`
        <text:p>First <office:annotation office:name="n1"><dc:creator>Ann</dc:creator><dc:date>2024-01-01T00:00:00</dc:date><text:p>Look</text:p><text:p>here</text:p></office:annotation>range<office:annotation-end office:name="n1"/> ends.</text:p>
        <text:p>Second para<office:annotation><dc:creator>Bob</dc:creator><text:p>Whole paragraph</text:p></office:annotation>.</text:p>`),
      'notes.odt',
    );
    expect(doc.text).toBe('First range ends.\nSecond para.');
    expect(doc.comments).toEqual([
      { start: 6, end: 11, author: 'Ann', text: 'Look\nhere' },
      { start: 18, end: 30, author: 'Bob', text: 'Whole paragraph' },
    ]);
  });

  it('finds heading styles through automatic styles and styles.xml, and Title', async () => {
    const doc = await importOdt(
      odt(
        `<text:p text:style-name="P1">Named heading</text:p><text:p text:style-name="Title">Big title</text:p><text:p text:style-name="Body">Body</text:p>`,
        {
          automatic: '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="My_20_Head"/>',
          styles:
            '<style:style style:name="My_20_Head" style:display-name="My Head" style:family="paragraph" style:default-outline-level="3"/>' +
            '<style:style style:name="Title" style:family="paragraph"/><style:style style:name="Body" style:family="paragraph"/>',
        },
      ),
      'styles.odt',
    );
    expect(blockTexts(doc)).toEqual(['heading3: Named heading', 'heading1: Big title', 'paragraph: Body']);
  });

  it('reads ODF elements whatever prefixes the file binds them to', async () => {
    const content =
      '<?xml version="1.0"?><o:document-content xmlns:o="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:t="urn:oasis:names:tc:opendocument:xmlns:text:1.0">' +
      '<o:body><o:text><t:p>odd<t:s t:c="2"/>prefixes</t:p></o:text></o:body></o:document-content>';
    const doc = await importOdt(zipSync({ 'content.xml': strToU8(content) }), 'prefixes.odt');
    expect(doc.text).toBe('odd  prefixes');
  });
});

describe('importOdt refuses bad input with a message naming the file and the reason', () => {
  it('refuses an encrypted document', async () => {
    const manifest =
      '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K"/></manifest:file-entry></manifest:manifest>';
    expect(await refusal(odt('<text:p>x</text:p>', { manifest }), 'locked.odt')).toMatch(
      /^locked\.odt: the file is password-protected or encrypted/,
    );
  });

  it('refuses a spreadsheet, a truncated file, garbage, an empty file and an entity declaration', async () => {
    expect(await refusal(odt('', { mimetype: 'application/vnd.oasis.opendocument.spreadsheet' }), 'sheet.odt')).toMatch(
      /another kind of OpenDocument file \(application\/vnd\.oasis\.opendocument\.spreadsheet\)/,
    );
    const whole = documentFixture('interview.odt');
    expect(await refusal(whole.subarray(0, whole.length >> 1), 'cut.odt')).toMatch(/^cut\.odt: the file is damaged or incomplete/);
    expect(await refusal(Uint8Array.from({ length: 500 }, (_, i) => (i * 31) % 256), 'noise.odt')).toMatch(
      /^noise\.odt: this is not an OpenDocument text/,
    );
    expect(await refusal(new Uint8Array(0), 'empty.odt')).toBe('empty.odt: the file is empty');
    const entity = zipSync({
      'content.xml': strToU8('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'),
    });
    expect(await refusal(entity, 'entity.odt')).toMatch(/declares entities/);
  });

  it('refuses elements nested deeper than any real document before walking them', async () => {
    const deep = `<text:p>${'<text:span>'.repeat(5000)}x${'</text:span>'.repeat(5000)}</text:p>`;
    expect(await refusal(odt(deep), 'deep.odt')).toMatch(/nests elements more than 1000 deep/);
  });

  it('refuses a zip bomb named .odt', async () => {
    const { data, size } = zerosDeflate(406_000);
    expect(await refusal(zipOneEntry('content.xml', data, size), 'bomb.odt')).toMatch(/^bomb\.odt: Tessera refused .*zip bomb/);
  });
});
