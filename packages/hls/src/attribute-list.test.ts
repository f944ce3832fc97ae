import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AttributeList, formatAttributes } from './attribute-list.ts';

const items = (text: string) => AttributeList.parse(text).items.map((a) => [a.name, a.value, a.quote]);
const problems = (text: string) => AttributeList.parse(text).problems.map((p) => [p.code, p.offset]);

test('reads RFC 8216 §4.2 lists: quoted strings with commas, hex, resolutions, base64 with "=" in unquoted values', () => {
  assert.deepEqual(items('BANDWIDTH=1280000,CODECS="avc1.4d401f,mp4a.40.2",RESOLUTION=1280x720,IV=0x0A'), [
    ['BANDWIDTH', '1280000', ''],
    ['CODECS', 'avc1.4d401f,mp4a.40.2', '"'],
    ['RESOLUTION', '1280x720', ''],
    ['IV', '0x0A', ''],
  ]);
  assert.deepEqual(items('ElapsedTime=0.634,Duration=21,SCTE35=/DAlAAAAAsvhAP/wFAXwAAAGf+/+AdLfiP4AG3dAAAEBAQAAXytxmQ=='), [
    ['ElapsedTime', '0.634', ''],
    ['Duration', '21', ''],
    ['SCTE35', '/DAlAAAAAsvhAP/wFAXwAAAGf+/+AdLfiP4AG3dAAAEBAQAAXytxmQ==', ''],
  ]);
  assert.deepEqual(problems('BANDWIDTH=1280000,CODECS="a,b"'), []);
  assert.deepEqual(items(''), []);
});

test('keeps going on messy lists and says where: quotes of the wrong kind, spaces, no "=", unterminated, junk, duplicates', () => {
  assert.deepEqual(items("URI='k.key',X=“typographic”"), [
    ['URI', 'k.key', "'"],
    ['X', 'typographic', '“'],
  ]);
  assert.deepEqual(problems("URI='k.key',X=“typographic”"), [
    ['HLS_ATTRIBUTE_QUOTING', 4],
    ['HLS_ATTRIBUTE_QUOTING', 14],
  ]);
  assert.deepEqual(items('CUE="abc" ,CUE-OUT=YES '), [
    ['CUE', 'abc', '"'],
    ['CUE-OUT', 'YES', ''],
  ]);
  assert.deepEqual(problems('CUE="abc" ,CUE-OUT=YES '), [
    ['HLS_ATTRIBUTE_WHITESPACE', 9],
    ['HLS_ATTRIBUTE_WHITESPACE', 22],
  ]);
  assert.deepEqual(items('A=1,JUNK,B=2'), [
    ['A', '1', ''],
    ['JUNK', '', ''],
    ['B', '2', ''],
  ]);
  assert.deepEqual(problems('A=1,JUNK,B=2'), [['HLS_BAD_ATTRIBUTE_LIST', 4]]);
  assert.deepEqual(items('A="open,B=2'), [['A', 'open,B=2', '"']]);
  assert.deepEqual(problems('A="open,B=2'), [['HLS_BAD_ATTRIBUTE_LIST', 2]]);
  assert.deepEqual(problems('A="x"y,B=2'), [['HLS_BAD_ATTRIBUTE_LIST', 5]]);
  assert.deepEqual(problems('A=1,A=2'), [['HLS_DUPLICATE_ATTRIBUTE', 4]]);
  assert.equal(AttributeList.parse('A=1,A=2').get('A'), '1');
  assert.deepEqual(problems('A=1,'), [['HLS_BAD_ATTRIBUTE_LIST', 3]]);
  assert.deepEqual(problems('A=1,,B=2'), [['HLS_BAD_ATTRIBUTE_LIST', 4]]);
  assert.deepEqual(problems('=1'), [['HLS_BAD_ATTRIBUTE_LIST', 0]]);
});

test('case-insensitive lookup for vendor tags', () => {
  const a = AttributeList.parse('elapsedtime=3,DURATION=30');
  assert.equal(a.attributeIgnoreCase('ElapsedTime')?.value, '3');
  assert.equal(a.attributeIgnoreCase('Duration')?.value, '30');
  assert.equal(a.get('Duration'), undefined);
});

test('withValue / without change one attribute and keep the rest byte for byte', () => {
  const a = AttributeList.parse('METHOD=AES-128,URI="a.key",IV=0x01');
  assert.equal(a.withValue('URI', 'https://cdn/a.key', true), 'METHOD=AES-128,URI="https://cdn/a.key",IV=0x01');
  assert.equal(a.withValue('IV', '0x02', false), 'METHOD=AES-128,URI="a.key",IV=0x02');
  assert.equal(a.withValue('KEYFORMAT', 'identity', true), 'METHOD=AES-128,URI="a.key",IV=0x01,KEYFORMAT="identity"');
  assert.equal(AttributeList.parse('').withValue('A', '1', false), 'A=1');
  assert.equal(a.without('URI'), 'METHOD=AES-128,IV=0x01');
  assert.equal(a.without('IV'), 'METHOD=AES-128,URI="a.key"');
  assert.equal(a.without('METHOD'), 'URI="a.key",IV=0x01');
  assert.equal(a.without('NOPE'), a.text);
  assert.equal(formatAttributes([['ID', 'x'], ['DURATION', 30], ['SKIP', undefined]], new Set(['ID'])), 'ID="x",DURATION=30');
});

test('property: never throws; well-formed lists read back name, value and quoting in order', () => {
  fc.assert(fc.property(fc.string({ maxLength: 100 }), (s) => void AttributeList.parse(s).items), { numRuns: 2000 });
  const name = fc.stringMatching(/^[A-Z0-9-]{1,10}$/);
  const value = fc.oneof(
    fc.stringMatching(/^[^",\r\n]{0,12}$/).map((v) => ({ v, q: true })),
    fc.stringMatching(/^[A-Za-z0-9.+/=x@-]{1,12}$/).map((v) => ({ v, q: false })),
  );
  fc.assert(
    fc.property(fc.uniqueArray(fc.tuple(name, value), { selector: ([n]) => n, maxLength: 8 }), (pairs) => {
      const text = pairs.map(([n, { v, q }]) => (q ? `${n}="${v}"` : `${n}=${v}`)).join(',');
      const list = AttributeList.parse(text);
      assert.deepEqual(list.problems, []);
      assert.deepEqual(
        list.items.map((a) => [a.name, a.value, a.quote]),
        pairs.map(([n, { v, q }]) => [n, v, q ? '"' : '']),
      );
    }),
    { numRuns: 500 },
  );
});
