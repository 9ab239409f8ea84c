/** Hostile and broken files: each refused whole, with a message naming the file and the problem. */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readQdc, readQdpx } from '../../../shared/exchange/qdpx-read';
import { ExchangeError } from '../../../shared/exchange/errors';

const G = {
  user: '11111111-1111-4111-8111-111111111111',
  code: '22222222-2222-4222-8222-222222222222',
  source: '33333333-3333-4333-8333-333333333333',
  selection: '44444444-4444-4444-8444-444444444444',
  coding: '55555555-5555-4555-8555-555555555555',
};

function qde(body: string, prolog = ''): string {
  return `<?xml version="1.0" encoding="utf-8"?>${prolog}<Project xmlns="urn:QDA-XML:project:1.0" name="p">${body}</Project>`;
}

const codebook = `<CodeBook><Codes><Code guid="${G.code}" name="Trust" isCodable="true"/></Codes></CodeBook>`;

function sourceWithSelection(start: number, end: number): string {
  return `<Sources><TextSource guid="${G.source}" name="Interview" plainTextPath="internal://${G.source}.txt">
    <PlainTextSelection guid="${G.selection}" startPosition="${start}" endPosition="${end}">
      <Coding guid="${G.coding}"><CodeRef targetGUID="${G.code}"/></Coding>
    </PlainTextSelection></TextSource></Sources>`;
}

function archive(files: Record<string, string | Uint8Array>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v])));
}

const TEXT = 'We met the family twice.';

async function refusal(bytes: Uint8Array, name = 'bad.qdpx'): Promise<ExchangeError> {
  try {
    await readQdpx(bytes, name);
  } catch (error) {
    expect(error).toBeInstanceOf(ExchangeError);
    expect((error as Error).message.startsWith(`${name}: `)).toBe(true);
    return error as ExchangeError;
  }
  throw new Error('the file was not refused');
}

describe('refused files', () => {
  it('a well-formed file is read (the baseline the cases below break)', async () => {
    const { project } = await readQdpx(archive({ 'project.qde': qde(codebook + sourceWithSelection(7, 17)), [`sources/${G.source}.txt`]: TEXT }), 'good.qdpx');
    expect(project.codings).toHaveLength(1);
    expect(TEXT.slice(project.codings[0]!.start, project.codings[0]!.end)).toBe('the family');
  });

  it('a zip bomb: an entry compressed far beyond real documents', async () => {
    const bomb = new Uint8Array(3 * 1024 * 1024).fill(0x20);
    const error = await refusal(archive({ 'project.qde': qde(codebook + sourceWithSelection(0, 2)), [`sources/${G.source}.txt`]: bomb }));
    expect(error.message).toMatch(/compressed \d+ to 1.*zip bomb/);
  });

  it('an entry whose path climbs out of the archive (../)', async () => {
    const error = await refusal(archive({ 'project.qde': qde(codebook), '../../evil.txt': 'x' }));
    expect(error.message).toMatch(/"\.\.\/\.\.\/evil\.txt" points outside the archive/);
  });

  it('bytes that are not a zip archive', async () => {
    const error = await refusal(strToU8('<Project/>'));
    expect(error.message).toMatch(/not a zip archive/);
  });

  it('an external entity (XXE)', async () => {
    const xml = qde('<Description>&xxe;</Description>', '<!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>');
    const error = await refusal(archive({ 'project.qde': xml }));
    expect(error.message).toMatch(/declares entities/);
  });

  it('entity expansion (billion laughs)', async () => {
    const laughs =
      '<!DOCTYPE Project [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>';
    const error = await refusal(archive({ 'project.qde': qde('<Description>&lol3;</Description>', laughs) }));
    expect(error.message).toMatch(/declares entities/);
  });

  it('malformed XML', async () => {
    const error = await refusal(archive({ 'project.qde': '<Project xmlns="urn:QDA-XML:project:1.0" name="p"><Users></Project>' }));
    expect(error.message).toMatch(/project\.qde: the XML is malformed/);
  });

  it('a selection outside its text', async () => {
    const error = await refusal(archive({ 'project.qde': qde(codebook + sourceWithSelection(7, 9999)), [`sources/${G.source}.txt`]: TEXT }));
    expect(error.message).toContain(`selection ${G.selection} in source "Interview" runs from 7 to 9999, outside the source's text`);
  });

  it('a selection that ends before it starts', async () => {
    const error = await refusal(archive({ 'project.qde': qde(codebook + sourceWithSelection(10, 3)), [`sources/${G.source}.txt`]: TEXT }));
    expect(error.message).toMatch(/runs from 10 to 3/);
  });

  it('positions that are not numbers', async () => {
    const xml = qde(codebook + sourceWithSelection(0, 3).replace('startPosition="0"', 'startPosition="abc"'));
    const error = await refusal(archive({ 'project.qde': xml, [`sources/${G.source}.txt`]: TEXT }));
    expect(error.message).toMatch(/not whole numbers/);
  });

  it('duplicate GUIDs', async () => {
    const dup = `<CodeBook><Codes><Code guid="${G.code}" name="Trust" isCodable="true"/><Code guid="${G.code.toUpperCase()}" name="Risk" isCodable="true"/></Codes></CodeBook>`;
    const error = await refusal(archive({ 'project.qde': qde(dup) }));
    expect(error.message).toMatch(/GUID .* is used twice \(by a <Code> and a <Code>\)/);
  });

  it('a missing source text', async () => {
    const error = await refusal(archive({ 'project.qde': qde(codebook + sourceWithSelection(0, 2)) }));
    expect(error.message).toContain(`the text of source "Interview" (internal://${G.source}.txt) is missing from the archive`);
  });

  it('an archive without a project.qde', async () => {
    const error = await refusal(archive({ 'readme.txt': 'hello' }));
    expect(error.message).toMatch(/no project\.qde/);
  });

  it('a codebook with entities or the wrong root', async () => {
    await expect(readQdc('<!DOCTYPE CodeBook [<!ENTITY a "b">]><CodeBook/>', 'x.qdc')).rejects.toThrow(/^x\.qdc: .*declares entities/);
    await expect(readQdc('<Project name="p"/>', 'y.qdc')).rejects.toThrow(/^y\.qdc: .*not a REFI-QDA codebook/);
  });
});
