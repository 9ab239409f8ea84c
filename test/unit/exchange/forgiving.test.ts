/** What real exporters write that the standard does not quite say: all read, and reported where it matters. */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readQdc, readQdpx } from '../../../shared/exchange/qdpx-read';

function archive(files: Record<string, string | Uint8Array>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v])));
}

const U = (n: number): string => `${String(n).repeat(8)}-${String(n).repeat(4)}-4${String(n).repeat(3)}-8${String(n).repeat(3)}-${String(n).repeat(12)}`;

describe('forgiving reading', () => {
  it('reads sources/ in lower case, a .qde named after the project, a path without internal://, GUIDs in braces and upper case', async () => {
    const source = 'ABCDEF01-2345-4678-9ABC-DEF012345678';
    const code = 'FEDCBA98-7654-4321-8FED-CBA987654321';
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Fieldwork" origin="MAXQDA 2022">
  <CodeBook><Codes><Code guid="{${code}}" name="Trust" isCodable="true" color="#ABC"/></Codes></CodeBook>
  <Sources><TextSource guid="{${source}}" name="Notes" plainTextPath="${source}.txt">
    <PlainTextSelection guid="${U(1)}" startPosition="0" endPosition="5"><Coding guid="${U(2)}"><CodeRef targetGUID="${code.toLowerCase()}"/></Coding></PlainTextSelection>
  </TextSource></Sources>
</Project>`;
    const { project } = await readQdpx(archive({ 'Fieldwork.qde': xml, [`sources/${source}.txt`]: 'Trust matters.' }), 'maxqda.qdpx');
    expect(project.documents[0]!.id).toBe(source.toLowerCase());
    expect(project.codes[0]!.id).toBe(code.toLowerCase());
    expect(project.codes[0]!.color).toBe('#aabbcc');
    expect(project.codings[0]!.codeId).toBe(code.toLowerCase());
    expect(project.texts[0]!.text.slice(project.codings[0]!.start, project.codings[0]!.end)).toBe('Trust');
  });

  it('reads a text with a BOM and CRLF whose positions are code points as the standard says', async () => {
    // Code points of the file text: "😀 " is 2, each CRLF is 2.
    const text = '\ufeff😀 Line one\r\nLine two has the words\r\nthird line';
    const phrase = 'the words';
    const fileText = text.slice(1);
    const start = [...fileText.slice(0, fileText.indexOf(phrase))].length;
    const xml = `<Project xmlns="urn:QDA-XML:project:1.0" name="p">
  <CodeBook><Codes><Code guid="${U(3)}" name="Words" isCodable="true"/></Codes></CodeBook>
  <Sources><TextSource guid="${U(4)}" name="T" plainTextPath="internal://${U(4)}.txt">
    <PlainTextSelection guid="${U(5)}" startPosition="${start}" endPosition="${start + phrase.length}"><Coding guid="${U(6)}"><CodeRef targetGUID="${U(3)}"/></Coding></PlainTextSelection>
    <PlainTextSelection guid="${U(7)}" startPosition="2" endPosition="6"><Coding guid="${U(8)}"><CodeRef targetGUID="${U(3)}"/></Coding></PlainTextSelection>
  </TextSource></Sources>
</Project>`;
    const { project, warnings } = await readQdpx(archive({ 'project.qde': xml, [`Sources/${U(4)}.txt`]: text }), 'std.qdpx');
    const stored = project.texts[0]!.text;
    expect(stored).toBe('😀 Line one\nLine two has the words\nthird line');
    const quotes = project.codings.map((c) => stored.slice(c.start, c.end)).sort();
    expect(quotes).toEqual(['Line', 'the words']);
    expect(warnings).toEqual([]);
  });

  it('reads inline PlainTextContent, namespace variants and odd colours, with warnings for what it changed', async () => {
    const xml = `<qda:Project xmlns:qda="urn:QDA-XML:project:1:0" name="Inline">
  <qda:CodeBook><qda:Codes>
    <qda:Code guid="${U(1)}" name="A" isCodable="true" color="FF0000"/>
    <qda:Code guid="${U(2)}" name="B" isCodable="false" color="#80FF0000"/>
    <qda:Code guid="${U(3)}" name="C" isCodable="true" color="blue"/>
  </qda:Codes></qda:CodeBook>
  <qda:Sources><qda:TextSource guid="${U(4)}" name="Memo-like"><qda:PlainTextContent>Short inline text</qda:PlainTextContent>
    <qda:PlainTextSelection guid="${U(5)}" startPosition="6" endPosition="12"><qda:Coding guid="${U(6)}"><qda:CodeRef targetGUID="${U(1)}"/></qda:Coding></qda:PlainTextSelection>
  </qda:TextSource></qda:Sources>
</qda:Project>`;
    const { project, warnings } = await readQdpx(archive({ 'project.qde': xml }), 'inline.qdpx');
    expect(project.codes.map((c) => c.color).slice(0, 2)).toEqual(['#ff0000', '#ff0000']);
    expect(project.codes[2]!.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(warnings).toContain('1 code colour(s) were not #RRGGBB and were given a palette colour');
    expect(warnings.some((w) => w.includes('not codable'))).toBe(true);
    const t = project.texts[0]!.text;
    expect(t.slice(project.codings[0]!.start, project.codings[0]!.end)).toBe('inline');
  });

  it('reads a project.qde that starts with a BOM', async () => {
    const xml = `\ufeff<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="Bom"><Users><User guid="${U(1)}" name="Kim"/></Users></Project>`;
    const { project } = await readQdpx(archive({ 'project.qde': xml }), 'bom.qdpx');
    expect(project.project.name).toBe('Bom');
    expect(project.coders.map((c) => c.name)).toEqual(['Kim']);
  });

  it('turns users, cases, variables, sets, notes and links from another tool into Tessera records', async () => {
    const ids = { kim: U(1), lee: U(2), trust: U(3), risk: U(4), doc: U(5), caseA: U(6), agency: U(7), years: U(8), set: U(9) };
    const more = (n: number): string => `aaaaaaaa-bbbb-4ccc-8ddd-${String(n).padStart(12, '0')}`;
    const xml = `<Project xmlns="urn:QDA-XML:project:1.0" name="Team" creatingUserGUID="${ids.kim}">
  <Users><User guid="${ids.kim}" name="Kim"/><User guid="${ids.lee}" name="Lee"/></Users>
  <CodeBook><Codes>
    <Code guid="${ids.trust}" name="Trust" isCodable="true"><NoteRef targetGUID="${more(1)}"/></Code>
    <Code guid="${ids.risk}" name="Risk" isCodable="true"/>
  </Codes></CodeBook>
  <Variables>
    <Variable guid="${ids.agency}" name="Agency" typeOfVariable="Text"/>
    <Variable guid="${ids.years}" name="Years" typeOfVariable="Integer"/>
  </Variables>
  <Cases><Case guid="${ids.caseA}" name="Participant 1">
    <VariableValue><VariableRef targetGUID="${ids.agency}"/><TextValue>Police</TextValue></VariableValue>
    <VariableValue><VariableRef targetGUID="${ids.years}"/><IntegerValue>7</IntegerValue></VariableValue>
    <SourceRef targetGUID="${ids.doc}"/>
  </Case></Cases>
  <Sources><TextSource guid="${ids.doc}" name="Interview 1" plainTextPath="internal://${ids.doc}.txt">
    <PlainTextSelection guid="${more(10)}" startPosition="0" endPosition="5" creatingUser="${ids.lee}">
      <Coding guid="${more(11)}"><CodeRef targetGUID="${ids.trust}"/></Coding>
      <Coding guid="${more(12)}" creatingUser="${ids.kim}"><CodeRef targetGUID="${ids.risk}"/></Coding>
      <Coding guid="${more(13)}" creatingUser="${ids.kim}"><CodeRef targetGUID="${ids.risk}"/></Coding>
    </PlainTextSelection>
    <Coding guid="${more(14)}" creatingUser="${ids.lee}"><CodeRef targetGUID="${ids.risk}"/></Coding>
    <NoteRef targetGUID="${more(2)}"/>
    <VariableValue><VariableRef targetGUID="${ids.agency}"/><TextValue>Health</TextValue></VariableValue>
  </TextSource></Sources>
  <Notes>
    <Note guid="${more(1)}" name="About trust"><PlainTextContent>Trust is earned.</PlainTextContent></Note>
    <Note guid="${more(2)}" name="Context"><PlainTextContent>Recorded at school.&#13;&#10;Second line.</PlainTextContent></Note>
    <Note guid="${more(3)}" name="Case note"><PlainTextContent>A police officer.</PlainTextContent></Note>
    <Note guid="${more(4)}" name="Loose"><PlainTextContent>No target.</PlainTextContent></Note>
  </Notes>
  <Links><Link guid="${more(20)}" originGUID="${more(3)}" targetGUID="${ids.caseA}"/></Links>
  <Sets>
    <Set guid="${ids.set}" name="Safety"><Description>Feeling safe.</Description><MemberCode targetGUID="${ids.trust}"/><MemberCode targetGUID="${ids.risk}"/></Set>
    <Set guid="${more(30)}" name="Key documents"><MemberSource targetGUID="${ids.doc}"/></Set>
  </Sets>
</Project>`;
    const { project, warnings } = await readQdpx(archive({ 'project.qde': xml, [`sources/${ids.doc}.txt`]: 'Trust was built slowly.' }), 'team.qdpx');
    // Coders: the coding's user, else the selection's user.
    const coderOf = (codingId: string): string => project.coders.find((c) => c.id === project.codings.find((x) => x.id === codingId)!.coderId)!.name;
    expect(coderOf(more(11))).toBe('Lee');
    expect(coderOf(more(12))).toBe('Kim');
    // The identical third coding is kept once; the coding on the source covers all of it.
    expect(project.codings).toHaveLength(3);
    expect(warnings.some((w) => w.startsWith('1 coding(s) repeated an identical coding'))).toBe(true);
    const whole = project.codings.find((c) => c.id === more(14))!;
    expect([whole.start, whole.end]).toEqual([0, 'Trust was built slowly.'.length]);
    // Cases, their documents and attributes; a variable used on cases and documents becomes one attribute per scope.
    expect(project.documents[0]!.caseId).toBe(ids.caseA);
    const agency = project.attributes.filter((a) => a.name === 'Agency');
    expect(agency.map((a) => a.scope).sort()).toEqual(['case', 'document']);
    expect(project.attributes.find((a) => a.name === 'Years')!.type).toBe('number');
    const valueOf = (owner: string, name: string, scope: string): string | undefined =>
      project.attributeValues.find((v) => v.ownerId === owner && project.attributes.find((a) => a.id === v.attributeId && a.name === name && a.scope === scope))?.value;
    expect(valueOf(ids.caseA, 'Agency', 'case')).toBe('Police');
    expect(valueOf(ids.doc, 'Agency', 'document')).toBe('Health');
    expect(valueOf(ids.caseA, 'Years', 'case')).toBe('7');
    // Notes: attached by NoteRef or by Link; one with neither is a project memo.
    const memo = (title: string) => project.memos.find((m) => m.title === title)!;
    expect([memo('About trust').targetType, memo('About trust').targetId]).toEqual(['code', ids.trust]);
    expect([memo('Context').targetType, memo('Context').targetId]).toEqual(['document', ids.doc]);
    expect(memo('Context').plainText).toBe('Recorded at school.\nSecond line.');
    expect(JSON.parse(memo('Context').content).root.children).toHaveLength(2);
    expect([memo('Case note').targetType, memo('Case note').targetId]).toEqual(['case', ids.caseA]);
    expect(memo('Loose').targetType).toBe('project');
    // Sets of codes become candidate themes; a set of documents only is reported and left out.
    expect(project.themes).toHaveLength(1);
    expect(project.themes[0]).toMatchObject({ name: 'Safety', definition: 'Feeling safe.', status: 'candidate', codeIds: [ids.trust, ids.risk] });
    expect(warnings.some((w) => w.includes('group only documents or notes'))).toBe(true);
  });

  it('keeps descriptions of sources and selections as memos, and says graphs were left out', async () => {
    const xml = `<Project xmlns="urn:QDA-XML:project:1.0" name="p">
  <CodeBook><Codes><Code guid="${U(1)}" name="A" isCodable="true"/></Codes></CodeBook>
  <Sources><TextSource guid="${U(2)}" name="Visit" plainTextPath="internal://${U(2)}.txt"><Description>Home visit, March.</Description>
    <PlainTextSelection guid="${U(3)}" startPosition="0" endPosition="4"><Description>Key moment</Description><Coding guid="${U(4)}"><CodeRef targetGUID="${U(1)}"/></Coding></PlainTextSelection>
  </TextSource></Sources>
  <Graphs><Graph guid="${U(5)}" name="Map"/></Graphs>
</Project>`;
    const { project, warnings } = await readQdpx(archive({ 'project.qde': xml, [`sources/${U(2)}.txt`]: 'Home was calm.' }), 'described.qdpx');
    expect(project.memos.map((m) => [m.targetType, m.targetId, m.plainText])).toEqual([
      ['document', U(2), 'Home visit, March.'],
      ['coding', U(4), 'Key moment'],
    ]);
    expect(warnings).toContain('1 graph(s) were left out: Tessera has no graphs');
  });

  it('warns when no reading of the positions fits the words', async () => {
    const xml = `<Project xmlns="urn:QDA-XML:project:1.0" name="p">
  <CodeBook><Codes><Code guid="${U(1)}" name="A" isCodable="true"/></Codes></CodeBook>
  <Sources><TextSource guid="${U(2)}" name="T" plainTextPath="internal://${U(2)}.txt">
    <PlainTextSelection guid="${U(3)}" startPosition="2" endPosition="9"><Coding guid="${U(4)}"><CodeRef targetGUID="${U(1)}"/></Coding></PlainTextSelection>
  </TextSource></Sources>
</Project>`;
    const { warnings } = await readQdpx(archive({ 'project.qde': xml, [`sources/${U(2)}.txt`]: 'Something happened yesterday.' }), 'odd.qdpx');
    expect(warnings.some((w) => /some codings may be misplaced/.test(w))).toBe(true);
  });

  it('reads a codebook declaring the codebook:1:0 namespace with GUIDs in braces', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1:0">
  <Codes>
    <Code guid="{5215cc69-b628-4e02-afb9-9beeaee55808}" name="Topics" isCodable="false">
      <Code guid="{d7aa29da-519b-4946-9b90-253b6db8fd0a}" name="Economy" isCodable="true" color="#ffff00"><Description>Anything about jobs or taxes or business</Description></Code>
    </Code>
  </Codes>
  <Sets><Set guid="{0dcef2f5-e55c-49da-8c33-9b0803c7aeb4}" name="Money"><MemberCode guid="{D7AA29DA-519B-4946-9B90-253B6DB8FD0A}"/></Set></Sets>
</CodeBook>`;
    const { project } = await readQdc(strToU8(xml), 'example.qdc');
    expect(project.codes.map((c) => [c.name, c.parentId ?? null])).toEqual([
      ['Topics', null],
      ['Economy', '5215cc69-b628-4e02-afb9-9beeaee55808'],
    ]);
    expect(project.codes[1]!.description).toBe('Anything about jobs or taxes or business');
    expect(project.codes[1]!.color).toBe('#ffff00');
    expect(project.themes[0]!.codeIds).toEqual(['d7aa29da-519b-4946-9b90-253b6db8fd0a']);
  });
});
