import { test } from 'node:test';
import assert from 'node:assert/strict';
import { M3u8Line } from './m3u8-line.ts';
import { readTag } from './read-tag.ts';

/** The typed view without its `attributes` (asserted separately). */
function view(raw: string): unknown {
  const r = readTag(M3u8Line.of(raw), 7);
  assert.deepEqual(r.issues, [], raw);
  if (!r.value) return undefined;
  const { attributes: _a, ...rest } = r.value as unknown as Record<string, unknown>;
  return rest;
}

function issues(raw: string): string[] {
  return readTag(M3u8Line.of(raw), 3).issues.map((i) => `${i.code}@${i.line}${i.attribute ? `:${String(i.attribute)}` : ''}`);
}

test('basic and media-playlist tags', () => {
  assert.deepEqual(view('#EXTM3U'), { tag: 'EXTM3U', line: 7 });
  assert.deepEqual(view('#EXT-X-VERSION:7'), { tag: 'EXT-X-VERSION', line: 7, version: 7 });
  assert.deepEqual(view('#EXT-X-TARGETDURATION:6'), { tag: 'EXT-X-TARGETDURATION', line: 7, targetDurationMs: 6000 });
  assert.deepEqual(view('#EXT-X-MEDIA-SEQUENCE:8779957'), { tag: 'EXT-X-MEDIA-SEQUENCE', line: 7, mediaSequence: 8779957 });
  assert.deepEqual(view('#EXT-X-DISCONTINUITY-SEQUENCE:2'), { tag: 'EXT-X-DISCONTINUITY-SEQUENCE', line: 7, discontinuitySequence: 2 });
  assert.deepEqual(view('#EXT-X-PLAYLIST-TYPE:VOD'), { tag: 'EXT-X-PLAYLIST-TYPE', line: 7, playlistType: 'VOD' });
  assert.deepEqual(view('#EXT-X-ENDLIST'), { tag: 'EXT-X-ENDLIST', line: 7 });
  assert.deepEqual(view('#EXT-X-I-FRAMES-ONLY'), { tag: 'EXT-X-I-FRAMES-ONLY', line: 7 });
  assert.deepEqual(view('#EXT-X-INDEPENDENT-SEGMENTS'), { tag: 'EXT-X-INDEPENDENT-SEGMENTS', line: 7 });
  assert.deepEqual(view('#EXT-X-START:TIME-OFFSET=-12.5,PRECISE=YES'), { tag: 'EXT-X-START', line: 7, timeOffsetMs: -12500, precise: true });
  assert.deepEqual(view('#EXT-X-DEFINE:NAME="host",VALUE="cdn.example.com"'), { tag: 'EXT-X-DEFINE', line: 7, name: 'host', value: 'cdn.example.com' });
  assert.deepEqual(view('#EXT-X-DEFINE:QUERYPARAM="token"'), { tag: 'EXT-X-DEFINE', line: 7, queryParam: 'token' });
});

test('media segment tags', () => {
  assert.deepEqual(view('#EXTINF:6.006,'), { tag: 'EXTINF', line: 7, durationMs: 6006, durationText: '6.006', title: '' });
  assert.deepEqual(view('#EXTINF:3.066667,Ad, part 1'), { tag: 'EXTINF', line: 7, durationMs: 3067, durationText: '3.066667', title: 'Ad, part 1' });
  assert.deepEqual(view('#EXTINF:10'), { tag: 'EXTINF', line: 7, durationMs: 10000, durationText: '10', title: '' });
  assert.deepEqual(view('#EXT-X-BYTERANGE:1000@200'), { tag: 'EXT-X-BYTERANGE', line: 7, byterange: { length: 1000, offset: 200 } });
  assert.deepEqual(view('#EXT-X-BYTERANGE:1000'), { tag: 'EXT-X-BYTERANGE', line: 7, byterange: { length: 1000 } });
  assert.deepEqual(view('#EXT-X-DISCONTINUITY'), { tag: 'EXT-X-DISCONTINUITY', line: 7 });
  assert.deepEqual(view('#EXT-X-KEY:METHOD=SAMPLE-AES,URI="skd://k",KEYFORMAT="com.apple.streamingkeydelivery",KEYFORMATVERSIONS="1"'), {
    tag: 'EXT-X-KEY',
    line: 7,
    method: 'SAMPLE-AES',
    uri: 'skd://k',
    keyFormat: 'com.apple.streamingkeydelivery',
    keyFormatVersions: '1',
  });
  assert.deepEqual(view('#EXT-X-MAP:URI="init.mp4",BYTERANGE="720@0"'), { tag: 'EXT-X-MAP', line: 7, uri: 'init.mp4', byterange: { length: 720, offset: 0 } });
  assert.deepEqual(view('#EXT-X-PROGRAM-DATE-TIME:2020-05-03T00:01:08.040Z'), {
    tag: 'EXT-X-PROGRAM-DATE-TIME',
    line: 7,
    dateTimeMs: Date.UTC(2020, 4, 3, 0, 1, 8, 40),
    dateTime: '2020-05-03T00:01:08.040Z',
  });
  assert.deepEqual(view('#EXT-X-PROGRAM-DATE-TIME:2020-05-03T02:01:08.040+02:00'), {
    tag: 'EXT-X-PROGRAM-DATE-TIME',
    line: 7,
    dateTimeMs: Date.UTC(2020, 4, 3, 0, 1, 8, 40),
    dateTime: '2020-05-03T02:01:08.040+02:00',
  });
  assert.deepEqual(view('#EXT-X-GAP'), { tag: 'EXT-X-GAP', line: 7 });
  assert.deepEqual(view('#EXT-X-BITRATE:2500'), { tag: 'EXT-X-BITRATE', line: 7, kbps: 2500 });
});

test('EXT-X-DATERANGE: SCTE-35, END-ON-NEXT, client attributes and interstitials', () => {
  assert.deepEqual(view('#EXT-X-DATERANGE:ID="splice-6FFFFFF0",START-DATE="2014-03-05T11:15:00Z",PLANNED-DURATION=59.993,SCTE35-OUT=0xFC002F'), {
    tag: 'EXT-X-DATERANGE',
    line: 7,
    id: 'splice-6FFFFFF0',
    startDate: '2014-03-05T11:15:00Z',
    startDateMs: Date.UTC(2014, 2, 5, 11, 15),
    plannedDurationMs: 59993,
    scte35Out: '0xFC002F',
    endOnNext: false,
    clientAttributes: {},
  });
  assert.deepEqual(view('#EXT-X-DATERANGE:ID="c1",CLASS="com.example.chapter",START-DATE="2020-01-01T00:00:00Z",END-ON-NEXT=YES,X-COM-EXAMPLE-TITLE="Intro",CUE="ONCE"'), {
    tag: 'EXT-X-DATERANGE',
    line: 7,
    id: 'c1',
    class: 'com.example.chapter',
    startDate: '2020-01-01T00:00:00Z',
    startDateMs: Date.UTC(2020, 0, 1),
    cue: ['ONCE'],
    endOnNext: true,
    clientAttributes: { 'X-COM-EXAMPLE-TITLE': 'Intro' },
  });
  assert.deepEqual(
    view(
      '#EXT-X-DATERANGE:ID="ad1",CLASS="com.apple.hls.interstitial",START-DATE="2020-01-01T00:00:10Z",DURATION=15,X-ASSET-URI="https://ads/a.m3u8",X-RESUME-OFFSET=0,X-PLAYOUT-LIMIT=15.5,X-SNAP="OUT,IN",X-RESTRICT="SKIP,JUMP",CUE="PRE,ONCE"',
    ),
    {
      tag: 'EXT-X-DATERANGE',
      line: 7,
      id: 'ad1',
      class: 'com.apple.hls.interstitial',
      startDate: '2020-01-01T00:00:10Z',
      startDateMs: Date.UTC(2020, 0, 1, 0, 0, 10),
      durationMs: 15000,
      cue: ['PRE', 'ONCE'],
      endOnNext: false,
      clientAttributes: {},
      interstitial: { assetUri: 'https://ads/a.m3u8', resumeOffsetMs: 0, playoutLimitMs: 15500, snap: ['OUT', 'IN'], restrict: ['SKIP', 'JUMP'] },
    },
  );
  assert.deepEqual(
    view('#EXT-X-DATERANGE:ID="ad2",CLASS="com.apple.hls.interstitial",START-DATE="2020-01-01T00:00:10Z",X-ASSET-LIST="https://ads/list.json"'),
    {
      tag: 'EXT-X-DATERANGE',
      line: 7,
      id: 'ad2',
      class: 'com.apple.hls.interstitial',
      startDate: '2020-01-01T00:00:10Z',
      startDateMs: Date.UTC(2020, 0, 1, 0, 0, 10),
      endOnNext: false,
      clientAttributes: {},
      interstitial: { assetList: 'https://ads/list.json' },
    },
  );
});

test('low-latency tags', () => {
  assert.deepEqual(view('#EXT-X-PART-INF:PART-TARGET=0.33334'), { tag: 'EXT-X-PART-INF', line: 7, partTargetMs: 333 });
  assert.deepEqual(view('#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,CAN-SKIP-UNTIL=12.0,PART-HOLD-BACK=1.0'), {
    tag: 'EXT-X-SERVER-CONTROL',
    line: 7,
    canBlockReload: true,
    canSkipUntilMs: 12000,
    partHoldBackMs: 1000,
    canSkipDateRanges: false,
  });
  assert.deepEqual(view('#EXT-X-PART:DURATION=0.33334,URI="filePart273.4.mp4",INDEPENDENT=YES'), {
    tag: 'EXT-X-PART',
    line: 7,
    durationMs: 333,
    uri: 'filePart273.4.mp4',
    independent: true,
    gap: false,
  });
  assert.deepEqual(view('#EXT-X-PRELOAD-HINT:TYPE=PART,URI="filePart273.5.mp4",BYTERANGE-START=100'), {
    tag: 'EXT-X-PRELOAD-HINT',
    line: 7,
    type: 'PART',
    uri: 'filePart273.5.mp4',
    byterangeStart: 100,
  });
  assert.deepEqual(view('#EXT-X-SKIP:SKIPPED-SEGMENTS=3,RECENTLY-REMOVED-DATERANGES="a\tb"'), {
    tag: 'EXT-X-SKIP',
    line: 7,
    skippedSegments: 3,
    recentlyRemovedDateRanges: ['a', 'b'],
  });
  assert.deepEqual(view('#EXT-X-RENDITION-REPORT:URI="../1M/waitForMSN.php",LAST-MSN=273,LAST-PART=2'), {
    tag: 'EXT-X-RENDITION-REPORT',
    line: 7,
    uri: '../1M/waitForMSN.php',
    lastMsn: 273,
    lastPart: 2,
  });
});

test('multivariant tags', () => {
  assert.deepEqual(
    view('#EXT-X-STREAM-INF:BANDWIDTH=1280000,AVERAGE-BANDWIDTH=1000000,CODECS="avc1.4d401f,mp4a.40.2",RESOLUTION=1280x720,FRAME-RATE=29.970,AUDIO="aac",CLOSED-CAPTIONS=NONE,HDCP-LEVEL=TYPE-0,VIDEO-RANGE=SDR,SCORE=1.5'),
    {
      tag: 'EXT-X-STREAM-INF',
      line: 7,
      bandwidth: 1280000,
      averageBandwidth: 1000000,
      codecs: 'avc1.4d401f,mp4a.40.2',
      resolution: { width: 1280, height: 720 },
      frameRate: 29.97,
      audio: 'aac',
      closedCaptions: 'NONE',
      hdcpLevel: 'TYPE-0',
      videoRange: 'SDR',
      score: 1.5,
    },
  );
  assert.deepEqual(view('#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=86000,URI="iframe.m3u8",CODECS="avc1.640028"'), {
    tag: 'EXT-X-I-FRAME-STREAM-INF',
    line: 7,
    bandwidth: 86000,
    uri: 'iframe.m3u8',
    codecs: 'avc1.640028',
  });
  assert.deepEqual(view('#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aac",NAME="English",LANGUAGE="en",DEFAULT=YES,AUTOSELECT=YES,CHANNELS="2",URI="en.m3u8"'), {
    tag: 'EXT-X-MEDIA',
    line: 7,
    type: 'AUDIO',
    groupId: 'aac',
    name: 'English',
    language: 'en',
    default: true,
    autoselect: true,
    forced: false,
    channels: '2',
    uri: 'en.m3u8',
  });
  assert.deepEqual(view('#EXT-X-SESSION-DATA:DATA-ID="com.example.title",VALUE="News",LANGUAGE="en"'), {
    tag: 'EXT-X-SESSION-DATA',
    line: 7,
    dataId: 'com.example.title',
    value: 'News',
    language: 'en',
  });
  assert.deepEqual(view('#EXT-X-SESSION-KEY:METHOD=AES-128,URI="k"'), { tag: 'EXT-X-SESSION-KEY', line: 7, method: 'AES-128', uri: 'k' });
  assert.deepEqual(view('#EXT-X-CONTENT-STEERING:SERVER-URI="/steer",PATHWAY-ID="CDN-A"'), { tag: 'EXT-X-CONTENT-STEERING', line: 7, serverUri: '/steer', pathwayId: 'CDN-A' });
});

test('the attribute list stays reachable from the view', () => {
  const v = readTag(M3u8Line.of('#EXT-X-KEY:METHOD=AES-128,URI="k",X-VENDOR=1'), 1).value;
  assert.equal(v && 'attributes' in v ? v.attributes.get('X-VENDOR') : undefined, '1');
});

test('unknown tags, comments and URIs have no view and no issue', () => {
  for (const raw of ['#EXT-X-CUE-OUT:30', '#EXT-X-VENDOR-THING', '# comment', 'seg.ts', '']) assert.deepEqual(readTag(M3u8Line.of(raw), 1), { value: undefined, issues: [] });
});

test('bad values, quoting and missing attributes: stable codes with the line', () => {
  assert.deepEqual(issues('#EXTINF:abc,'), ['HLS_BAD_TAG_VALUE@3']);
  assert.deepEqual(issues('#EXT-X-TARGETDURATION:6.5'), ['HLS_BAD_TAG_VALUE@3']);
  assert.deepEqual(issues('#EXT-X-MEDIA-SEQUENCE:-1'), ['HLS_BAD_TAG_VALUE@3']);
  assert.deepEqual(issues('#EXT-X-PLAYLIST-TYPE:LIVE'), ['HLS_BAD_TAG_VALUE@3']);
  assert.deepEqual(issues('#EXT-X-PROGRAM-DATE-TIME:yesterday'), ['HLS_BAD_TAG_VALUE@3']);
  assert.deepEqual(issues('#EXT-X-PROGRAM-DATE-TIME:2020-05-03T00:01:08'), ['HLS_BAD_TAG_VALUE@3']); // no zone: read as UTC, flagged
  assert.deepEqual(issues('#EXT-X-BYTERANGE:12@x'), ['HLS_BAD_TAG_VALUE@3']);
  assert.deepEqual(issues('#EXT-X-KEY:URI=k.key'), ['HLS_ATTRIBUTE_QUOTING@3:URI', 'HLS_MISSING_ATTRIBUTE@3:METHOD']);
  assert.deepEqual(issues("#EXT-X-MAP:URI='init.mp4'"), ['HLS_ATTRIBUTE_QUOTING@3']);
  assert.deepEqual(issues('#EXT-X-STREAM-INF:BANDWIDTH="12",RESOLUTION=big'), ['HLS_ATTRIBUTE_QUOTING@3:BANDWIDTH', 'HLS_BAD_TAG_VALUE@3:RESOLUTION']);
  assert.deepEqual(issues('#EXT-X-STREAM-INF:CODECS="a"'), ['HLS_MISSING_ATTRIBUTE@3:BANDWIDTH']);
  assert.deepEqual(issues('#EXT-X-DATERANGE:START-DATE="2020-01-01T00:00:00Z",END-ON-NEXT=YES,DURATION=1'), [
    'HLS_MISSING_ATTRIBUTE@3:ID',
    'HLS_MISSING_ATTRIBUTE@3:CLASS',
    'HLS_BAD_TAG_VALUE@3',
  ]);
  assert.deepEqual(issues('#EXT-X-DATERANGE:ID="x",START-DATE="2020-01-01T00:00:00Z",END-DATE="2020-01-01T00:00:05Z",DURATION=6'), ['HLS_BAD_TAG_VALUE@3']);
  assert.deepEqual(issues('#EXT-X-PART:URI="p.mp4",DURATION=1,,'), ['HLS_BAD_ATTRIBUTE_LIST@3']);
  const bad = readTag(M3u8Line.of('#EXT-X-PART:URI="p.mp4",DURATION'), 9).issues[0]!;
  assert.deepEqual(bad, { code: 'HLS_BAD_ATTRIBUTE_LIST', severity: 'warning', message: '#EXT-X-PART: attribute "DURATION" has no "="', line: 9, column: 25 });
});
