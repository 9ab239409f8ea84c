import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { escapeAttr, escapeText, serialise, serialiseAt, xmlSafe, type XmlNode } from '../../../shared/exchange/xml-write';
import { parseXml, type XmlElement } from '../../../shared/xml/parse';

// The escaping as first written: always drop what XML cannot carry, then replace the markup characters.
const referenceText = (text: string): string =>
  xmlSafe(text).replace(/[<>&\r]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '\r': '&#13;' })[c]!);
const referenceAttr = (text: string): string =>
  xmlSafe(text).replace(
    /[<>&"\n\r\t]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', '\n': '&#10;', '\r': '&#13;', '\t': '&#9;' })[c]!,
  );

/** Text with plenty of what must be escaped or dropped: markup, line ends, controls, lone and paired surrogates. */
const tricky = fc
  .array(fc.constantFrom('a', 'Zoë', ' ', '<', '>', '&', '"', "'", '\n', '\r', '\t', '\u0000', '\u0007', '\u001f', '\ufffe', '\uffff', '\ud83d', '\ude00', '😀', '\u2019', '&amp;'), { maxLength: 20 })
  .map((parts) => parts.join(''));

describe('escapeText and escapeAttr', () => {
  it('give what dropping and replacing always gave (property)', () => {
    fc.assert(
      fc.property(fc.oneof(tricky, fc.string({ unit: 'binary', maxLength: 30 })), (text) => {
        expect(escapeText(text)).toBe(referenceText(text));
        expect(escapeAttr(text)).toBe(referenceAttr(text));
      }),
      { numRuns: 500 },
    );
  });

  it('escape by hand', () => {
    expect(escapeAttr('a "b"\n<c>\t&')).toBe('a &quot;b&quot;&#10;&lt;c&gt;&#9;&amp;');
    expect(escapeText('x\r\ny <z> & \u0001😀\ud83d')).toBe('x&#13;\ny &lt;z&gt; &amp; 😀');
    expect(escapeText('plain words')).toBe('plain words');
  });
});

describe('serialise', () => {
  const tree: fc.Arbitrary<XmlNode> = fc.letrec<{ node: XmlNode }>((tie) => ({
    node: fc.record(
      {
        name: fc.constantFrom('Project', 'Source', 'Coding', 'Note'),
        attrs: fc.dictionary(fc.constantFrom('guid', 'name', 'startPosition', 'isCodable'), fc.oneof(tricky, fc.integer(), fc.boolean(), fc.constant(undefined))),
        children: fc.array(fc.oneof({ depthSize: 'small' }, tie('node'), fc.constant(undefined), fc.constant(false as const)), { maxLength: 3 }),
        text: tricky,
      },
      { requiredKeys: ['name'] },
    ),
  })).node;

  it('writes XML that reads back to the same elements, attributes and text (property)', () => {
    fc.assert(
      fc.property(tree, (root) => {
        const walk = (node: XmlNode, element: XmlElement): void => {
          expect(element.name).toBe(node.name);
          const attrs = Object.entries(node.attrs ?? {}).filter(([, v]) => v !== undefined);
          expect(element.attrs).toEqual(Object.fromEntries(attrs.map(([k, v]) => [k, xmlSafe(String(v))])));
          if (node.text !== undefined) {
            expect(element.text).toBe(xmlSafe(node.text));
            expect(element.children).toEqual([]);
            return;
          }
          // Between child elements the writer puts only line ends and indentation.
          const children = (node.children ?? []).filter((c): c is XmlNode => Boolean(c));
          expect(element.text.trim()).toBe('');
          expect(element.children.length).toBe(children.length);
          children.forEach((c, i) => walk(c, element.children[i]!));
        };
        walk(root, parseXml(serialise(root)));
      }),
      { numRuns: 300 },
    );
  });

  it('writes an element written ahead at its depth exactly as it writes it in place (property)', () => {
    fc.assert(
      fc.property(tree, tree, (outer, inner) => {
        const whole: XmlNode = { name: 'Project', children: [{ name: 'Sources', children: [outer, inner] }] };
        const ahead: XmlNode = { name: 'Project', children: [{ name: 'Sources', children: [serialiseAt(outer, 2), inner] }] };
        expect(serialise(ahead)).toBe(serialise(whole));
      }),
      { numRuns: 200 },
    );
  });

  it('writes a small tree exactly (by hand)', () => {
    const root: XmlNode = {
      name: 'Project',
      attrs: { name: 'A & B', origin: undefined, n: 3 },
      children: [{ name: 'Users', children: [] }, undefined, false, { name: 'Description', text: 'x<y' }, { name: 'Sets', children: [{ name: 'Set', attrs: { guid: 'g' } }] }],
    };
    expect(serialise(root)).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<Project name="A &amp; B" n="3">\n  <Users/>\n  <Description>x&lt;y</Description>\n  <Sets>\n    <Set guid="g"/>\n  </Sets>\n</Project>\n',
    );
  });
});
