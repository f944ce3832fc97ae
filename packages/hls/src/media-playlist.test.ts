import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mediaPlaylist, type Segment } from './media-playlist.ts';
import { multivariantPlaylist, isMultivariant } from './multivariant-playlist.ts';
import { parseM3u8 } from './parse-m3u8.ts';

const parse = (lines: string[]) => parseM3u8(lines.join('\n') + '\n').value;
const codes = (issues: { code: string; line?: number }[]) => issues.map((i) => `${i.code}@${i.line ?? '-'}`);

test('LL-HLS: parts, trailing parts of the segment being written, preload hints, rendition reports, server control', () => {
  const p = parse([
    '#EXTM3U',
    '#EXT-X-TARGETDURATION:4',
    '#EXT-X-VERSION:6',
    '#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=1.0,CAN-SKIP-UNTIL=12.0',
    '#EXT-X-PART-INF:PART-TARGET=0.33334',
    '#EXT-X-MEDIA-SEQUENCE:266',
    '#EXT-X-PROGRAM-DATE-TIME:2019-02-14T02:13:36.106Z',
    '#EXT-X-MAP:URI="init.mp4"',
    '#EXTINF:4.00008,',
    'fileSequence266.mp4',
    '#EXTINF:4.00008,',
    'fileSequence267.mp4',
    '#EXT-X-PART:DURATION=0.33334,URI="filePart268.0.mp4",INDEPENDENT=YES',
    '#EXT-X-PART:DURATION=0.33334,URI="filePart268.1.mp4"',
    '#EXTINF:4.00008,',
    'fileSequence268.mp4',
    '#EXT-X-PART:DURATION=0.33334,URI="filePart269.0.mp4",INDEPENDENT=YES',
    '#EXT-X-PRELOAD-HINT:TYPE=PART,URI="filePart269.1.mp4"',
    '#EXT-X-RENDITION-REPORT:URI="../1M/waitForMSN.php",LAST-MSN=268,LAST-PART=1',
  ]);
  const { value: m, issues } = mediaPlaylist(p);
  assert.deepEqual(issues, []);
  assert.equal(m.serverControl?.canBlockReload, true);
  assert.equal(m.serverControl?.canSkipUntilMs, 12000);
  assert.equal(m.partInf?.partTargetMs, 333);
  assert.deepEqual(
    m.segments.map((s) => [s.mediaSequence, s.uri, s.durationMs, s.programDateTimeMs, s.map?.uri, s.parts.map((x) => x.uri)]),
    [
      [266, 'fileSequence266.mp4', 4000, Date.UTC(2019, 1, 14, 2, 13, 36, 106), 'init.mp4', []],
      [267, 'fileSequence267.mp4', 4000, Date.UTC(2019, 1, 14, 2, 13, 40, 106), 'init.mp4', []],
      [268, 'fileSequence268.mp4', 4000, Date.UTC(2019, 1, 14, 2, 13, 44, 106), 'init.mp4', ['filePart268.0.mp4', 'filePart268.1.mp4']],
    ],
  );
  assert.deepEqual(m.trailingParts.map((x) => [x.uri, x.independent]), [['filePart269.0.mp4', true]]);
  assert.deepEqual(m.preloadHints.map((h) => [h.type, h.uri]), [['PART', 'filePart269.1.mp4']]);
  assert.deepEqual(m.renditionReports.map((r) => [r.uri, r.lastMsn, r.lastPart]), [['../1M/waitForMSN.php', 268, 1]]);
  assert.equal(m.tailLineIndex, 16);
});

test('a segment, whole: attached tags, byte range, keys per KEYFORMAT, discontinuity, gap, bitrate', () => {
  const p = parse([
    '#EXTM3U',
    '#EXT-X-TARGETDURATION:10',
    '#EXT-X-VERSION:4',
    '#EXT-X-DISCONTINUITY-SEQUENCE:7',
    '#EXT-X-KEY:METHOD=AES-128,URI="k1"',
    '#EXTINF:10,',
    '#EXT-X-BYTERANGE:75232@0',
    'media.ts',
    '#EXTINF:10,',
    '#EXT-X-BYTERANGE:82112',
    'media.ts',
    '#EXT-X-KEY:METHOD=AES-128,URI="k2",KEYFORMAT="identity"',
    '#EXT-X-KEY:METHOD=SAMPLE-AES,URI="skd://x",KEYFORMAT="com.apple.streamingkeydelivery"',
    '#EXTINF:10,',
    '#EXT-X-BYTERANGE:69864',
    'other.ts',
    '#EXT-X-KEY:METHOD=NONE',
    '#EXT-X-DISCONTINUITY',
    '#EXT-X-GAP',
    '#EXT-X-BITRATE:800',
    '# a comment',
    '#EXT-X-VENDOR-TAG:1',
    '#EXTINF:11.2,gap',
    'gap.ts',
    '#EXT-X-ENDLIST',
  ]);
  const { value: m, issues } = mediaPlaylist(p);
  assert.deepEqual(codes(issues), ['HLS_BYTERANGE_WITHOUT_OFFSET@16', 'HLS_SEGMENT_OVER_TARGETDURATION@24']);
  assert.equal(m.endList, true);
  assert.equal(m.durationMs, 41200);
  const [a, b, c, d] = m.segments as [Segment, Segment, Segment, Segment];
  assert.deepEqual(b.byterange, { length: 82112, offset: 75232 });
  assert.deepEqual(c.byterange, { length: 69864, offset: 0 });
  assert.equal(a.key?.uri, 'k1');
  assert.deepEqual(c.keys.map((k) => k.uri), ['k2', 'skd://x']);
  assert.equal(c.key?.uri, 'k2');
  assert.deepEqual(
    { ...d, tags: d.tags.map((l) => l.raw) },
    {
      index: 3,
      uri: 'gap.ts',
      durationMs: 11200,
      durationText: '11.2',
      title: 'gap',
      mediaSequence: 3,
      discontinuitySequence: 8,
      discontinuity: true,
      keys: [],
      parts: [],
      gap: true,
      bitrateKbps: 800,
      firstLineIndex: 16,
      uriLineIndex: 23,
      tags: ['#EXT-X-KEY:METHOD=NONE', '#EXT-X-DISCONTINUITY', '#EXT-X-GAP', '#EXT-X-BITRATE:800', '#EXT-X-VENDOR-TAG:1', '#EXTINF:11.2,gap'],
    },
  );
});

test('PDT is computed forward from each PDT and back before the first one', () => {
  const p = parse(['#EXTM3U', '#EXT-X-TARGETDURATION:6', '#EXTINF:6,', 'a.ts', '#EXT-X-PROGRAM-DATE-TIME:2020-01-01T00:00:06Z', '#EXTINF:6,', 'b.ts', '#EXTINF:6,', 'c.ts', '#EXT-X-PROGRAM-DATE-TIME:2020-01-01T01:00:00Z', '#EXTINF:6,', 'd.ts']);
  assert.deepEqual(
    mediaPlaylist(p).value.segments.map((s) => [s.programDateTimeMs! - Date.UTC(2020, 0, 1), s.programDateTime]),
    [
      [0, undefined],
      [6000, '2020-01-01T00:00:06Z'],
      [12000, undefined],
      [3600000, '2020-01-01T01:00:00Z'],
    ],
  );
});

test('EXT-X-SKIP: the sequence numbers after it skip the skipped segments', () => {
  const p = parse(['#EXTM3U', '#EXT-X-TARGETDURATION:4', '#EXT-X-MEDIA-SEQUENCE:100', '#EXT-X-SKIP:SKIPPED-SEGMENTS=3', '#EXTINF:4,', 'a.ts', '#EXTINF:4,', 'b.ts']);
  const m = mediaPlaylist(p).value;
  assert.equal(m.skip?.skippedSegments, 3);
  assert.deepEqual(m.segments.map((s) => s.mediaSequence), [103, 104]);
});

test('malformed media playlists: EXTINF without URI, URI without EXTINF, repeated and late header tags', () => {
  const p = parse([
    '#EXTM3U',
    '#EXT-X-TARGETDURATION:6',
    '#EXT-X-TARGETDURATION:8',
    '#EXTINF:6,',
    '#EXTINF:6,',
    'a.ts',
    'b.ts',
    '#EXT-X-MEDIA-SEQUENCE:3',
    '#EXT-X-DATERANGE:ID="x",START-DATE="2020-01-01T00:00:00Z"',
    '#EXTINF:6,',
  ]);
  const { value: m, issues } = mediaPlaylist(p);
  assert.deepEqual(codes(issues), [
    'HLS_DUPLICATE_TAG@3',
    'HLS_EXTINF_WITHOUT_URI@4',
    'HLS_URI_WITHOUT_EXTINF@7',
    'HLS_TAG_AFTER_SEGMENTS@8',
    'HLS_EXTINF_WITHOUT_URI@10',
    'HLS_DATERANGE_WITHOUT_PDT@9',
  ]);
  assert.deepEqual(m.segments.map((s) => [s.uri, s.durationMs, s.mediaSequence]), [
    ['a.ts', 6000, 0],
    ['b.ts', 0, 1],
  ]);
  assert.equal(m.targetDurationMs, 6000);
  assert.deepEqual(codes(mediaPlaylist(parse(['#EXTM3U', '#EXTINF:6,', 'a.ts'])).issues), ['HLS_MISSING_TARGETDURATION@-']);
});

const MULTIVARIANT = [
  '#EXTM3U',
  '#EXT-X-VERSION:6',
  '#EXT-X-INDEPENDENT-SEGMENTS',
  '#EXT-X-SESSION-DATA:DATA-ID="com.example.title",VALUE="News"',
  '#EXT-X-SESSION-KEY:METHOD=SAMPLE-AES,URI="skd://k",KEYFORMAT="com.apple.streamingkeydelivery"',
  '#EXT-X-CONTENT-STEERING:SERVER-URI="/steer.json",PATHWAY-ID="CDN-A"',
  '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aac",NAME="English",LANGUAGE="en",DEFAULT=YES,AUTOSELECT=YES,URI="audio/en.m3u8"',
  '#EXT-X-STREAM-INF:BANDWIDTH=2000000,RESOLUTION=1280x720,CODECS="avc1.4d401f,mp4a.40.2",AUDIO="aac"',
  '720p.m3u8',
  '#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360,AUDIO="aac"',
  '# a comment between',
  '360p.m3u8',
  '#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=86000,URI="iframe.m3u8"',
  '#EXT-X-STREAM-INF:BANDWIDTH=1',
];

test('multivariant view: variants with their URIs, renditions, I-frame streams, session data and keys, steering', () => {
  const p = parse(MULTIVARIANT);
  assert.equal(isMultivariant(p), true);
  const { value: mv, issues } = multivariantPlaylist(p);
  assert.deepEqual(codes(issues), ['HLS_STREAM_INF_WITHOUT_URI@14']);
  assert.equal(mv.version, 6);
  assert.equal(mv.independentSegments, true);
  assert.deepEqual(mv.variants.map((v) => [v.uri, v.streamInf.bandwidth, v.streamInf.resolution?.height, v.streamInf.audio, v.uriLineIndex]), [
    ['720p.m3u8', 2000000, 720, 'aac', 8],
    ['360p.m3u8', 800000, 360, 'aac', 11],
  ]);
  assert.deepEqual(mv.media.map((m) => [m.type, m.groupId, m.uri]), [['AUDIO', 'aac', 'audio/en.m3u8']]);
  assert.deepEqual(mv.iFrameStreams.map((i) => i.uri), ['iframe.m3u8']);
  assert.deepEqual(mv.sessionData.map((d) => [d.dataId, d.value]), [['com.example.title', 'News']]);
  assert.deepEqual(mv.sessionKeys.map((k) => k.method), ['SAMPLE-AES']);
  assert.equal(mv.contentSteering?.pathwayId, 'CDN-A');
  // The media view of a multivariant playlist has no segments (variant URIs are not segments).
  assert.deepEqual(mediaPlaylist(p).value.segments, []);
  assert.equal(isMultivariant(parse(['#EXTM3U', '#EXTINF:1,', 'a.ts'])), false);
});

test('a playlist mixing multivariant and media tags says so', () => {
  assert.deepEqual(codes(mediaPlaylist(parse(['#EXTM3U', '#EXT-X-TARGETDURATION:6', '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="a",NAME="a"', '#EXTINF:6,', 'a.ts'])).issues), ['HLS_MIXED_PLAYLIST@-']);
  assert.deepEqual(codes(multivariantPlaylist(parse(['#EXTM3U', '#EXT-X-STREAM-INF:BANDWIDTH=1', 'v.m3u8', '#EXTINF:6,', 'a.ts'])).issues), ['HLS_MIXED_PLAYLIST@4']);
});
