import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mediaPlaylist } from './media-playlist.ts';
import { parseM3u8 } from './parse-m3u8.ts';
import { joinLines, printM3u8 } from './print-m3u8.ts';

const shape = (text: string) => parseM3u8(text).value.lines.map((l) => [l.kind, l.name, l.raw, l.eol]);

test('keeps every line with its own terminator: LF, CRLF, lone CR, none at the end', () => {
  const text = '#EXTM3U\r\n#EXT-X-VERSION:3\n\n# a comment\rseg.ts  \n#EXTINF:6,title';
  assert.deepEqual(shape(text), [
    ['tag', 'EXTM3U', '#EXTM3U', '\r\n'],
    ['tag', 'EXT-X-VERSION', '#EXT-X-VERSION:3', '\n'],
    ['blank', '', '', '\n'],
    ['comment', '', '# a comment', '\r'],
    ['uri', '', 'seg.ts  ', '\n'],
    ['tag', 'EXTINF', '#EXTINF:6,title', ''],
  ]);
  assert.equal(joinLines(parseM3u8(text).value), text);
});

test('a CR at the very end is a lone-CR terminator, not half a CRLF', () => {
  assert.deepEqual(shape('#EXTM3U\r'), [['tag', 'EXTM3U', '#EXTM3U', '\r']]);
  assert.deepEqual(shape('a\r\r\nb'), [
    ['uri', '', 'a', '\r'],
    ['blank', '', '', '\r\n'],
    ['uri', '', 'b', ''],
  ]);
});

test('tag names stop at the colon; values and attribute lists are read lazily', () => {
  const { value } = parseM3u8('#EXTM3U\n#EXT-X-ENDLIST \n#EXT-X-KEY:METHOD=AES-128,URI="k"\n#EXTINF:6.006,\n');
  const [, end, key, inf] = value.lines;
  assert.equal(end!.name, 'EXT-X-ENDLIST');
  assert.equal(end!.value, undefined);
  assert.equal(key!.value, 'METHOD=AES-128,URI="k"');
  assert.deepEqual(
    key!.attributes.items.map((a) => [a.name, a.value, a.quote]),
    [
      ['METHOD', 'AES-128', ''],
      ['URI', 'k', '"'],
    ],
  );
  assert.equal(key!.attributes, key!.attributes); // parsed once
  assert.equal(inf!.value, '6.006,');
});

test('#EXT is a tag, other # lines are comments; URIs are trimmed in their value only', () => {
  const { value } = parseM3u8('#EXTM3U\n#EXT-OATCLS-SCTE35:/DA=\n#EX-NOT-A-TAG\n #EXTINF:1,\n  https://a/b.ts \n');
  assert.deepEqual(
    value.lines.map((l) => [l.kind, l.name, l.value]),
    [
      ['tag', 'EXTM3U', undefined],
      ['tag', 'EXT-OATCLS-SCTE35', '/DA='],
      ['comment', '', undefined],
      ['tag', 'EXTINF', '1,'],
      ['uri', '', 'https://a/b.ts'],
    ],
  );
});

test('malformed input: missing #EXTM3U, #EXTM3U not first, BOM, indented tag — stable codes with lines', () => {
  assert.deepEqual(parseM3u8('#EXTINF:6,\nseg.ts\n').issues, [{ code: 'HLS_MISSING_EXTM3U', severity: 'fatal', message: 'there is no #EXTM3U line', line: 1 }]);
  assert.deepEqual(parseM3u8('').issues.map((i) => i.code), ['HLS_MISSING_EXTM3U']);
  assert.deepEqual(
    parseM3u8('# hi\n\n#EXTM3U\n').issues.map((i) => [i.code, i.line]),
    [['HLS_EXTM3U_NOT_FIRST', 3]],
  );
  const bom = parseM3u8('\uFEFF#EXTM3U\n  #EXTINF:6,\nseg.ts\n');
  assert.equal(bom.value.bom, '\uFEFF');
  assert.deepEqual(
    bom.issues.map((i) => [i.code, i.line]),
    [
      ['HLS_BOM', 1],
      ['HLS_LEADING_WHITESPACE', 2],
    ],
  );
  assert.equal(printM3u8(bom.value), '\uFEFF#EXTM3U\n  #EXTINF:6,\nseg.ts\n');
  assert.equal(joinLines(bom.value), '\uFEFF#EXTM3U\n  #EXTINF:6,\nseg.ts\n');
});

test('property: any text parses without throwing and prints back from its lines', () => {
  const chars = fc.constantFrom('#', 'E', 'X', 'T', '-', ':', ',', '=', '"', "'", '\r', '\n', ' ', '\t', 'a', '1', '.', '\uFEFF', '…', '@', '/');
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: chars, maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
      const r = parseM3u8(text);
      assert.equal(joinLines(r.value), text);
      assert.equal(printM3u8(r.value), text);
      // The views never throw either, and every issue has a stable code.
      const m = mediaPlaylist(r.value);
      for (const i of [...r.issues, ...m.issues]) assert.match(i.code, /^HLS_[A-Z0-9_]+$/);
      for (const l of r.value.lines) if (l.kind === 'tag') void l.attributes.items;
    }),
    { numRuns: 2000 },
  );
});

const lineArb = fc.oneof(
  fc.constantFrom('#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-TARGETDURATION:6', '#EXT-X-MEDIA-SEQUENCE:12', '#EXT-X-DISCONTINUITY', '#EXT-X-ENDLIST', '', '# comment', '#EXT-X-CUE-IN'),
  fc.tuple(fc.integer({ min: 0, max: 20_000 }), fc.string({ maxLength: 8 })).map(([ms, t]) => `#EXTINF:${ms / 1000},${t.replace(/[\r\n]/g, '')}`),
  fc.webUrl().map((u) => u),
  fc.dictionary(fc.stringMatching(/^[A-Z][A-Z0-9-]{0,6}$/), fc.oneof(fc.stringMatching(/^[a-z0-9.]{0,6}$/), fc.stringMatching(/^[a-z0-9.]{0,6}$/).map((s) => `"${s}"`)), { maxKeys: 4 }).map(
    (d) => `#EXT-X-X-VENDOR:${Object.entries(d).map(([k, v]) => `${k}=${v}`).join(',')}`,
  ),
);

test('property: generated playlists round-trip, attribute order kept, segments counted', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(lineArb, fc.constantFrom('\n', '\r\n', '\r')), { maxLength: 40 }), fc.boolean(), (pairs, trailing) => {
      let text = pairs.map(([l, e]) => l + e).join('');
      if (!trailing && text.length > 0) text = text.replace(/(\r\n|\r|\n)$/, '');
      const { value } = parseM3u8(text);
      assert.equal(joinLines(value), text);
      for (const l of value.lines) {
        if (l.name === 'EXT-X-X-VENDOR') assert.equal(l.attributes.items.map((a) => `${a.name}=${a.quote}${a.value}${a.quote}`).join(','), l.value);
      }
    }),
    { numRuns: 500 },
  );
});
