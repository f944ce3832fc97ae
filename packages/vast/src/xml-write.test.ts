import { equal } from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { escapeXmlAttr, escapeXmlText, isXmlFragment } from './xml-write.ts';
import { decodeXmlEntities } from './xml-read.ts';

describe('escaping', () => {
  test('text and attributes', () => {
    equal(escapeXmlText('a < b && c > d ]]> "q" \'s\'\r\n'), 'a &lt; b &amp;&amp; c &gt; d ]]&gt; "q" \'s\'&#13;\n');
    equal(escapeXmlAttr('a"b<c>&\t\n\r'), 'a&quot;b&lt;c&gt;&amp;&#9;&#10;&#13;');
    equal(escapeXmlText('\u0000\u0008\u000B\uFFFE\uD800x\u{10FFFF}'), '\uFFFD\uFFFD\uFFFD\uFFFD\uFFFDx\u{10FFFF}');
  });

  test('decoding what was escaped gives the text back (for text XML allows)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }).filter((s) => !/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(s)), (s) => {
        equal(decodeXmlEntities(escapeXmlText(s)), s);
        equal(decodeXmlEntities(escapeXmlAttr(s)), s);
      }),
    );
  });
});

describe('isXmlFragment', () => {
  const yes = ['', 'text only', '<a/>', '<a b="1" c=\'2\'>x<b/>y</a><c></c>', '<![CDATA[<not>markup]]>', '<!-- c --><?pi x?>', '&amp;&#38;&#x26;', '<p:a xmlns:p="u">x</p:a>', '<a b="x>y"/>'];
  const no = ['<a>', '</a>', '<a></b>', '<a b=1/>', '<a b="1" b="2"/>', '&nbsp;', 'a & b', '<![CDATA[x', '<!-- x', '<?xml version="1.0"?><a/>', ']]>', '<1a/>', '<a b="<"/>', '<a\u0001/>', '<!DOCTYPE a><a/>'];
  for (const s of yes) test(`accepts ${JSON.stringify(s)}`, () => equal(isXmlFragment(s), true));
  for (const s of no) test(`rejects ${JSON.stringify(s)}`, () => equal(isXmlFragment(s), false));
});
