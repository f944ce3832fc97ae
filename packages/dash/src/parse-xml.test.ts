import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseXml } from './xml/parse-xml.ts';
import { printXml } from './xml/print-xml.ts';
import { stripOffsets } from './xml/dom.ts';
import type { XmlDocument, XmlElement, XmlNode } from './xml/types.ts';

const codes = (text: string): string[] => parseXml(text).issues.map((i) => i.code);

test('keeps elements, attributes in order with prefixes, comments, PIs, CDATA and the doctype', () => {
  const text =
    '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE MPD [ <!ENTITY x "y"> ]>\n<!-- top -->\n' +
    '<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" xmlns:cenc="urn:mpeg:cenc:2013" b="2" a=\'1\'>\n' +
    '  <X cenc:default_KID="k">t &amp; &lt;u&gt; &#65;&#x42;</X><![CDATA[<raw>]]><?pi data?>\n</MPD>\n';
  const { value, issues } = parseXml(text);
  assert.deepEqual(issues, []);
  assert.deepEqual(stripOffsets(value), {
    children: [
      { type: 'pi', target: 'xml', data: 'version="1.0" encoding="utf-8"' },
      { type: 'doctype', text: 'MPD [ <!ENTITY x "y"> ]' },
      { type: 'comment', text: ' top ' },
      {
        type: 'element',
        name: 'MPD',
        attrs: [
          { name: 'xmlns', value: 'urn:mpeg:dash:schema:mpd:2011' },
          { name: 'xmlns:cenc', value: 'urn:mpeg:cenc:2013' },
          { name: 'b', value: '2' },
          { name: 'a', value: '1' },
        ],
        children: [
          { type: 'element', name: 'X', attrs: [{ name: 'cenc:default_KID', value: 'k' }], children: [{ type: 'text', text: 't & <u> AB' }] },
          { type: 'cdata', text: '<raw>' },
          { type: 'pi', target: 'pi', data: 'data' },
        ],
      },
    ],
  });
});

test('records where each element starts and ends', () => {
  const text = '<a>\n  <b x="1"/>\n  <c></c>\n</a>';
  const a = parseXml(text).value.children[0] as XmlElement;
  const [b, c] = a.children as XmlElement[];
  assert.deepEqual([a.offset, a.end, b!.offset, b!.end, c!.offset, c!.end], [0, text.length, 6, 16, 19, 26]);
  assert.equal(text.slice(b!.offset, b!.end), '<b x="1"/>');
});

test('attribute values: references decoded, literal tabs and newlines normalised to spaces', () => {
  const el = parseXml('<a v="x&#10;y\tz&quot;"/>').value.children[0] as XmlElement;
  assert.deepEqual(el.attrs, [{ name: 'v', value: 'x\ny z"' }]);
  assert.equal(printXml(parseXml('<a v="x&#10;y\tz&quot;"/>').value), '<a v="x&#10;y z&quot;"/>\n');
});

test('malformed XML: each problem has a stable code and an offset, and parsing goes on', () => {
  const cases: [string, string[]][] = [
    ['', ['DASH_EMPTY']],
    ['  \n ', ['DASH_EMPTY']],
    ['<a><b></a>', ['DASH_XML_MALFORMED']],
    ['<a></b></a>', ['DASH_XML_MALFORMED']],
    ['<a>', ['DASH_XML_MALFORMED']],
    ['<a x=1/>', ['DASH_XML_MALFORMED']],
    ['<a x/>', ['DASH_XML_MALFORMED']],
    ['<a x="1" x="2"/>', ['DASH_XML_DUPLICATE_ATTRIBUTE']],
    ['<a>&nbsp;</a>', ['DASH_XML_BAD_REFERENCE']],
    ['<a>AT&T</a>', ['DASH_XML_BAD_REFERENCE']],
    ['<a>&#0;</a>', ['DASH_XML_BAD_REFERENCE']],
    ['<p:a/>', ['DASH_XML_UNBOUND_PREFIX']],
    ['<a p:x="1"/>', ['DASH_XML_UNBOUND_PREFIX']],
    ['<a xmlns:p="u"><p:b/></a><p:c/>', ['DASH_XML_MALFORMED', 'DASH_XML_UNBOUND_PREFIX']],
    ['<a/><b/>', ['DASH_XML_MALFORMED']],
    ['text', ['DASH_XML_MALFORMED', 'DASH_XML_MALFORMED']],
    ['<a>1 < 2</a>', ['DASH_XML_MALFORMED']],
    ['<a><!-- x </a>', ['DASH_XML_MALFORMED', 'DASH_XML_MALFORMED']],
    ['<a><![CDATA[x</a>', ['DASH_XML_MALFORMED', 'DASH_XML_MALFORMED']],
    ['<a><?pi x</a>', ['DASH_XML_MALFORMED', 'DASH_XML_MALFORMED']],
    ['<a><!ELEMENT x></a>', ['DASH_XML_MALFORMED']],
    ['<a/> <?xml version="1.0"?>', ['DASH_XML_MALFORMED']],
    ['<a b="<"/>', ['DASH_XML_MALFORMED']],
    ['<a b="1"', ['DASH_XML_MALFORMED']],
  ];
  for (const [text, expected] of cases) {
    const { issues } = parseXml(text);
    assert.deepEqual(issues.map((i) => i.code).sort(), [...expected].sort(), text);
    for (const i of issues) assert.equal(typeof i.offset, 'number', text);
  }
});

test('recovery: an unclosed element is closed at the end of its parent or of the input', () => {
  const { value } = parseXml('<a><b><c/></a>');
  assert.deepEqual(stripOffsets(value), {
    children: [{ type: 'element', name: 'a', attrs: [], children: [{ type: 'element', name: 'b', attrs: [], children: [{ type: 'element', name: 'c', attrs: [], children: [] }] }] }],
  });
  assert.deepEqual(codes('<a><b>'), ['DASH_XML_MALFORMED', 'DASH_XML_MALFORMED']);
});

test('a byte order mark is skipped', () => {
  assert.deepEqual(parseXml('\ufeff<?xml version="1.0"?><a/>').issues, []);
});

test('never throws on random text', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (text) => {
      const r = parseXml(text);
      assert.ok(Array.isArray(r.issues));
    }),
    { numRuns: 2000 },
  );
  const xmlish = fc.array(fc.constantFrom('<', '>', '/', '=', '"', "'", '!', '?', '-', '[', ']', 'CDATA', 'a', 'b:c', ' ', '&', ';', '#x41', 'amp', '\n'), { maxLength: 60 });
  fc.assert(
    fc.property(xmlish, (parts) => {
      const r = parseXml(parts.join(''));
      // Whatever was read prints and parses back to the same tree.
      const printed = printXml(r.value);
      assert.deepEqual(stripOffsets(parseXml(printed).value), stripOffsets(normalise(r.value)));
    }),
    { numRuns: 3000 },
  );
});

/** Adjacent text nodes merge when printed and re-read; white-space-only text disappears. */
function normalise(doc: XmlDocument): XmlDocument {
  const fix = (nodes: XmlNode[]): XmlNode[] => {
    const out: XmlNode[] = [];
    for (const n of nodes) {
      const prev = out[out.length - 1];
      if (n.type === 'text' && prev?.type === 'text') prev.text += n.text;
      else out.push(n.type === 'element' ? { ...n, children: fix(n.children) } : { ...n });
    }
    return out.filter((n) => n.type !== 'text' || n.text.trim() !== '');
  };
  return { children: fix(doc.children) };
}

test('hostile input: deep nesting is kept flat past 256 levels and the issue list stays short', () => {
  const deep = '<MPD>' + '<a>'.repeat(100_000) + 'x' + '</a>'.repeat(100_000) + '</MPD>';
  const { value, issues } = parseXml(deep);
  assert.ok(issues.length <= 100, `${issues.length} issues`);
  assert.ok(issues.every((i) => i.code === 'DASH_XML_MALFORMED'));
  assert.ok(printXml(value).length > 0); // printing recurses: it must not overflow the stack
  assert.ok(parseXml(`<a>${'&bad;'.repeat(10_000)}</a>`).issues.length <= 100);
});
