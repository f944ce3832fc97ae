// Edit operations beyond the golden files: ranges, byte ranges, header numbers, line endings,
// URI kinds, and the playlist handed back unchanged when there is nothing to do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { insertTags } from './insert-tags.ts';
import { appendSegments, dropSegments } from './live-window.ts';
import { mediaPlaylist } from './media-playlist.ts';
import { parseM3u8 } from './parse-m3u8.ts';
import { printM3u8 } from './print-m3u8.ts';
import { removeAdMarkers } from './remove-ad-markers.ts';
import { replaceSegments } from './replace-segments.ts';
import { rewriteUris, type UriKind } from './rewrite-uris.ts';

const parse = (lines: string[], eol = '\n') => parseM3u8(lines.join(eol) + eol).value;
const text = (lines: string[], eol = '\n') => lines.join(eol) + eol;
const AD = { uri: 'ad.ts', durationMs: 6000 };

const LIVE = ['#EXTM3U', '#EXT-X-TARGETDURATION:6', '#EXT-X-MEDIA-SEQUENCE:10', '#EXT-X-PROGRAM-DATE-TIME:2025-01-01T00:00:00.000Z', '#EXTINF:6.000,', 'a.ts', '#EXTINF:6.000,', 'b.ts', '#EXTINF:6.000,', 'c.ts'];

test('replaceSegments by time range and by offset range snap to the nearest boundaries', () => {
  const p = parse(LIVE);
  const byIndex = printM3u8(replaceSegments(p, { startIndex: 1, endIndex: 2 }, [AD]).value);
  assert.equal(printM3u8(replaceSegments(p, { startTimeMs: Date.UTC(2025, 0, 1, 0, 0, 6, 100), endTimeMs: Date.UTC(2025, 0, 1, 0, 0, 11, 900) }, [AD]).value), byIndex);
  assert.equal(printM3u8(replaceSegments(p, { startOffsetMs: 5900, endOffsetMs: 12100 }, [AD]).value), byIndex);
  assert.equal(
    byIndex,
    text([
      ...LIVE.slice(0, 6),
      '#EXT-X-DISCONTINUITY',
      '#EXT-X-PROGRAM-DATE-TIME:2025-01-01T00:00:06.000Z',
      '#EXTINF:6.000,',
      'ad.ts',
      '#EXT-X-DISCONTINUITY',
      '#EXT-X-PROGRAM-DATE-TIME:2025-01-01T00:00:12.000Z',
      '#EXTINF:6.000,',
      'c.ts',
    ]),
  );
});

test('replaceSegments refuses ranges it does not have, and hands the playlist back', () => {
  const p = parse(LIVE);
  for (const range of [
    { startIndex: 2, endIndex: 1 },
    { startIndex: 0, endIndex: 4 },
    { startIndex: 0.5, endIndex: 1 },
    { startTimeMs: Date.UTC(2025, 0, 2), endTimeMs: Date.UTC(2025, 0, 3) },
  ]) {
    const r = replaceSegments(p, range, [AD]);
    assert.equal(r.value, p);
    assert.deepEqual(
      r.issues.map((i) => [i.code, i.severity]),
      [['HLS_EDIT_RANGE', 'fatal']],
    );
  }
  const noPdt = parse(['#EXTM3U', '#EXTINF:6,', 'a.ts']);
  assert.equal(replaceSegments(noPdt, { startTimeMs: 0, endTimeMs: 1 }, [AD]).issues[0]!.code, 'HLS_EDIT_RANGE');
  const mv = parse(['#EXTM3U', '#EXT-X-STREAM-INF:BANDWIDTH=1', 'v.m3u8']);
  assert.equal(replaceSegments(mv, { startIndex: 0, endIndex: 0 }, [AD]).issues[0]!.code, 'HLS_EDIT_NOT_MEDIA');
});

test('replaceSegments from the first segment keeps the header (and header comments) first; an insertion at 0 too', () => {
  const p = parse(['# made by hand', '#EXTM3U', '#EXT-X-TARGETDURATION:6', '#EXTINF:6,', 'a.ts', '#EXTINF:6,', 'b.ts']);
  assert.equal(
    printM3u8(replaceSegments(p, { startIndex: 0, endIndex: 1 }, [AD], { discontinuityBefore: false }).value),
    text(['# made by hand', '#EXTM3U', '#EXT-X-TARGETDURATION:6', '#EXTINF:6.000,', 'ad.ts', '#EXT-X-DISCONTINUITY', '#EXTINF:6,', 'b.ts']),
  );
  assert.equal(
    printM3u8(replaceSegments(p, { startIndex: 0, endIndex: 0 }, [AD]).value),
    text(['# made by hand', '#EXTM3U', '#EXT-X-TARGETDURATION:6', '#EXT-X-DISCONTINUITY', '#EXTINF:6.000,', 'ad.ts', '#EXT-X-DISCONTINUITY', '#EXTINF:6,', 'a.ts', '#EXTINF:6,', 'b.ts']),
  );
});

test('replaceSegments: a byte range whose offset came from a cut segment is written out; ad markers kept on request; header numbers set', () => {
  const p = parse([
    '#EXTM3U',
    '#EXT-X-TARGETDURATION:6',
    '#EXTINF:6,',
    '#EXT-X-BYTERANGE:100@0',
    'm.ts',
    '#EXT-X-CUE-OUT:6',
    '#EXT-X-DATERANGE:ID="chapter",START-DATE="2025-01-01T00:00:06Z"',
    '#EXTINF:6,',
    '#EXT-X-BYTERANGE:200',
    'm.ts',
    '#EXT-X-CUE-IN',
    '#EXTINF:6,',
    '#EXT-X-BYTERANGE:300',
    'm.ts',
  ]);
  const r = replaceSegments(p, { startIndex: 1, endIndex: 2 }, [{ uri: 'ad.ts', durationMs: 6000, durationText: '6', title: 'ad' }], {
    keepAdMarkers: true,
    mediaSequence: 42,
    discontinuitySequence: 3,
  });
  assert.equal(
    printM3u8(r.value),
    text([
      '#EXTM3U',
      '#EXT-X-TARGETDURATION:6',
      '#EXT-X-MEDIA-SEQUENCE:42',
      '#EXT-X-DISCONTINUITY-SEQUENCE:3',
      '#EXTINF:6,',
      '#EXT-X-BYTERANGE:100@0',
      'm.ts',
      '#EXT-X-CUE-OUT:6',
      '#EXT-X-DATERANGE:ID="chapter",START-DATE="2025-01-01T00:00:06Z"',
      '#EXT-X-DISCONTINUITY',
      '#EXTINF:6,ad',
      'ad.ts',
      '#EXT-X-DISCONTINUITY',
      '#EXT-X-CUE-IN',
      '#EXTINF:6,',
      '#EXT-X-BYTERANGE:300@300',
      'm.ts',
    ]),
  );
  const m = mediaPlaylist(r.value).value;
  assert.deepEqual(
    m.segments.map((s) => [s.mediaSequence, s.discontinuitySequence, s.byterange?.offset]),
    [
      [42, 3, 0],
      [43, 4, undefined],
      [44, 5, 300],
    ],
  );
});

test('edits keep CRLF line endings and a missing final newline', () => {
  const crlf = parse(LIVE, '\r\n');
  const out = printM3u8(replaceSegments(crlf, { startIndex: 2, endIndex: 3 }, [AD]).value);
  assert.equal(out.split('\r\n').length - 1, out.split('\n').length - 1);
  assert.ok(out.endsWith('ad.ts\r\n'));
  const bare = parseM3u8(LIVE.join('\n')).value;
  assert.ok(printM3u8(appendSegments(bare, [AD])).endsWith('c.ts\n#EXTINF:6.000,\nad.ts'));
  assert.ok(printM3u8(insertTags(bare, 3, ['#EXT-X-CUE-IN']).value).endsWith('c.ts\n#EXT-X-CUE-IN'));
});

test('insertTags goes before the EXTINF (after DISCONTINUITY/PDT), or after the last segment; out of range is refused', () => {
  const p = parse(['#EXTM3U', '#EXT-X-DISCONTINUITY', '#EXTINF:6,', 'a.ts', '#EXT-X-ENDLIST']);
  assert.equal(printM3u8(insertTags(p, 0, ['#EXT-X-CUE-OUT:6']).value), text(['#EXTM3U', '#EXT-X-DISCONTINUITY', '#EXT-X-CUE-OUT:6', '#EXTINF:6,', 'a.ts', '#EXT-X-ENDLIST']));
  assert.equal(printM3u8(insertTags(p, 1, ['#EXT-X-CUE-IN']).value), text(['#EXTM3U', '#EXT-X-DISCONTINUITY', '#EXTINF:6,', 'a.ts', '#EXT-X-CUE-IN', '#EXT-X-ENDLIST']));
  assert.equal(insertTags(p, 0, []).value, p);
  assert.deepEqual(insertTags(p, 2, ['#X']).issues.map((i) => i.code), ['HLS_EDIT_RANGE']);
});

test('removeAdMarkers: every dialect, or all but the ones passed through; the same playlist when there are none', () => {
  const p = parse([
    '#EXTM3U',
    '#EXT-X-DATERANGE:ID="c",START-DATE="2025-01-01T00:00:00Z"',
    '#EXT-X-DATERANGE:ID="1",START-DATE="2025-01-01T00:00:00Z",SCTE35-OUT=0xFC',
    '#EXT-OATCLS-SCTE35:/DA=',
    '#EXT-X-ASSET:CAID=1',
    '#EXT-X-CUE-OUT:6',
    '#EXT-X-SCTE35:CUE="/DA="',
    '#EXT-X-CUE:TYPE="SpliceOut",ID="1"',
    '#EXT-X-SPLICEPOINT-SCTE35:/DA=',
    '#EXTINF:6,',
    'a.ts',
    '#EXT-X-CUE-OUT-CONT:6/6',
    '#EXT-X-CUE-CONT:ID=1',
    '#EXT-X-DATERANGE:ID="1",START-DATE="2025-01-01T00:00:00Z",END-DATE="2025-01-01T00:00:06Z"',
    '#EXT-X-CUE-IN',
    '#EXTINF:6,',
    'b.ts',
  ]);
  assert.equal(printM3u8(removeAdMarkers(p)), text(['#EXTM3U', '#EXT-X-DATERANGE:ID="c",START-DATE="2025-01-01T00:00:00Z"', '#EXTINF:6,', 'a.ts', '#EXTINF:6,', 'b.ts']));
  assert.equal(
    printM3u8(removeAdMarkers(p, { keep: ['daterange', 'cue-out', 'cue-out-cont', 'cue-in'] })),
    text([
      '#EXTM3U',
      '#EXT-X-DATERANGE:ID="c",START-DATE="2025-01-01T00:00:00Z"',
      '#EXT-X-DATERANGE:ID="1",START-DATE="2025-01-01T00:00:00Z",SCTE35-OUT=0xFC',
      '#EXT-X-CUE-OUT:6',
      '#EXTINF:6,',
      'a.ts',
      '#EXT-X-CUE-OUT-CONT:6/6',
      '#EXT-X-DATERANGE:ID="1",START-DATE="2025-01-01T00:00:00Z",END-DATE="2025-01-01T00:00:06Z"',
      '#EXT-X-CUE-IN',
      '#EXTINF:6,',
      'b.ts',
    ]),
  );
  const clean = parse(LIVE);
  assert.equal(removeAdMarkers(clean), clean);
});

test('rewriteUris reaches every URI: segments, variants, and URI attributes of every tag that has one', () => {
  const p = parse([
    '#EXTM3U',
    '#EXT-X-SESSION-KEY:METHOD=AES-128,URI="sk"',
    '#EXT-X-SESSION-DATA:DATA-ID="d",URI="sd.json"',
    '#EXT-X-CONTENT-STEERING:SERVER-URI="steer"',
    '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="a",NAME="en",URI="en.m3u8"',
    '#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=1,URI="if.m3u8"',
    '#EXT-X-STREAM-INF:BANDWIDTH=1',
    'v.m3u8',
    '#EXT-X-KEY:METHOD=AES-128,URI="k",IV=0x1',
    '#EXT-X-MAP:URI="init.mp4",BYTERANGE="10@0"',
    '#EXT-X-DATERANGE:ID="i",START-DATE="2025-01-01T00:00:00Z",X-ASSET-URI="ad.m3u8",X-ASSET-LIST="list.json"',
    '#EXT-X-PART:DURATION=1,URI="p.mp4"',
    '#EXTINF:6,',
    '  s.mp4  ',
    '#EXT-X-PRELOAD-HINT:TYPE=PART,URI="h.mp4"',
    '#EXT-X-RENDITION-REPORT:URI="r.m3u8",LAST-MSN=1',
  ]);
  const seen: [UriKind, string, number][] = [];
  const out = rewriteUris(p, (uri, ctx) => {
    seen.push([ctx.kind, uri, ctx.line]);
    return `/x/${uri}`;
  });
  assert.deepEqual(seen, [
    ['session-key', 'sk', 2],
    ['session-data', 'sd.json', 3],
    ['steering', 'steer', 4],
    ['media', 'en.m3u8', 5],
    ['i-frame-stream', 'if.m3u8', 6],
    ['variant', 'v.m3u8', 8],
    ['key', 'k', 9],
    ['map', 'init.mp4', 10],
    ['interstitial', 'ad.m3u8', 11],
    ['interstitial', 'list.json', 11],
    ['part', 'p.mp4', 12],
    ['segment', 's.mp4', 14],
    ['preload-hint', 'h.mp4', 15],
    ['rendition-report', 'r.m3u8', 16],
  ]);
  const lines = printM3u8(out).split('\n');
  assert.equal(lines[9], '#EXT-X-MAP:URI="/x/init.mp4",BYTERANGE="10@0"');
  assert.equal(lines[10], '#EXT-X-DATERANGE:ID="i",START-DATE="2025-01-01T00:00:00Z",X-ASSET-URI="/x/ad.m3u8",X-ASSET-LIST="/x/list.json"');
  assert.equal(lines[13], '  /x/s.mp4  ');
  assert.equal(
    rewriteUris(p, (u) => u),
    p,
  );
});

test('dropSegments counts the DISCONTINUITY tags that slid out; adds the header tags when they were absent', () => {
  const p = parse(['#EXTM3U', '#EXT-X-TARGETDURATION:6', '#EXTINF:6,', 'a.ts', '#EXT-X-DISCONTINUITY', '#EXTINF:6,', 'b.ts', '#EXT-X-DISCONTINUITY', '#EXTINF:6,', 'c.ts']);
  const one = dropSegments(p, 1).value;
  assert.equal(printM3u8(one), text(['#EXTM3U', '#EXT-X-TARGETDURATION:6', '#EXT-X-MEDIA-SEQUENCE:1', '#EXT-X-DISCONTINUITY', '#EXTINF:6,', 'b.ts', '#EXT-X-DISCONTINUITY', '#EXTINF:6,', 'c.ts']));
  const two = dropSegments(p, 2).value;
  assert.equal(printM3u8(two), text(['#EXTM3U', '#EXT-X-TARGETDURATION:6', '#EXT-X-MEDIA-SEQUENCE:2', '#EXT-X-DISCONTINUITY-SEQUENCE:1', '#EXT-X-DISCONTINUITY', '#EXTINF:6,', 'c.ts']));
  assert.deepEqual(mediaPlaylist(two).value.segments.map((s) => [s.mediaSequence, s.discontinuitySequence]), [[2, 2]]);
  assert.equal(dropSegments(p, 0).value, p);
  assert.deepEqual(mediaPlaylist(dropSegments(p, 3).value).value, { ...mediaPlaylist(dropSegments(p, 3).value).value, mediaSequence: 3, discontinuitySequence: 2, segments: [] });
  assert.equal(dropSegments(p, 4).issues[0]!.code, 'HLS_EDIT_RANGE');
});
