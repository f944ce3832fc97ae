import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFixture, skipWithoutFixtures } from './testing/fixtures.ts';
import { parseMpd } from './parse-mpd.ts';
import { readMpd } from './model/read-mpd.ts';
import { initializationUrl, segments } from './segments.ts';

const NS = 'xmlns="urn:mpeg:dash:schema:mpd:2011" minBufferTime="PT2S" profiles="urn:mpeg:dash:profile:isoff-live:2011"';

function mpdOf(text: string) {
  const { value, issues } = parseMpd(text);
  assert.deepEqual(issues, []);
  return value;
}

const STATIC_TIMELINE = `<MPD ${NS} type="static" mediaPresentationDuration="PT20S">
  <BaseURL>https://cdn.example/vod/</BaseURL>
  <Period id="p0" start="PT10S">
    <AdaptationSet mimeType="video/mp4">
      <SegmentTemplate timescale="90000" presentationTimeOffset="900000" media="$RepresentationID$/t$Time$.m4s" initialization="$RepresentationID$/init.mp4">
        <SegmentTimeline>
          <S t="900000" d="180000" r="1"/>
          <S d="270000" r="-1"/>
        </SegmentTimeline>
      </SegmentTemplate>
      <Representation id="v1" bandwidth="1000000"/>
    </AdaptationSet>
  </Period>
</MPD>`;

test('$Time$ with presentationTimeOffset, and r="-1" repeating to the Period end', () => {
  const mpd = mpdOf(STATIC_TIMELINE);
  const seg = (time: number, number: number, d: number, startMs: number, durationMs: number) => ({
    url: `https://cdn.example/vod/v1/t${time}.m4s`, number, time, durationTicks: d, timescale: 90000, startMs, durationMs,
  });
  assert.deepEqual(segments(mpd, 0, 'v1', { fromMs: 0, toMs: Infinity }), {
    value: [seg(900000, 1, 180000, 10000, 2000), seg(1080000, 2, 180000, 12000, 2000), seg(1260000, 3, 270000, 14000, 3000), seg(1530000, 4, 270000, 17000, 3000)],
    issues: [],
  });
  assert.deepEqual(segments(mpd, 'p0', 'v1', { fromMs: 12500, toMs: 14500 }).value.map((s) => s.number), [2, 3]);
  assert.deepEqual(segments(mpd, 'p0', 'v1', { fromMs: 14000, toMs: 17000 }).value.map((s) => s.number), [3]);
  assert.equal(initializationUrl(mpd, 0, 'v1'), 'https://cdn.example/vod/v1/init.mp4');
});

test('$Number$ with startNumber and r="-1" in a dynamic MPD stops at now (complete segments only)', () => {
  const mpd = mpdOf(`<MPD ${NS} type="dynamic" availabilityStartTime="2024-01-01T00:00:00Z">
  <Period id="live" start="PT100S">
    <AdaptationSet mimeType="audio/mp4">
      <SegmentTemplate timescale="48000" startNumber="1000" presentationTimeOffset="4800000" media="a/$Number%06d$.m4s">
        <SegmentTimeline><S t="4800000" d="96000" r="-1"/></SegmentTimeline>
      </SegmentTemplate>
      <Representation id="a" bandwidth="128000"/>
    </AdaptationSet>
  </Period>
</MPD>`);
  const ast = Date.UTC(2024, 0, 1);
  const { value, issues } = segments(mpd, 0, 'a', { fromMs: 0, toMs: Infinity, nowMs: ast + 109_500 });
  assert.deepEqual(issues, []);
  assert.deepEqual(
    value.map((s) => [s.url, s.number, s.time, s.startMs, s.durationMs]),
    [
      ['a/001000.m4s', 1000, 4800000, 100000, 2000],
      ['a/001001.m4s', 1001, 4896000, 102000, 2000],
      ['a/001002.m4s', 1002, 4992000, 104000, 2000],
      ['a/001003.m4s', 1003, 5088000, 106000, 2000],
    ],
  );
  // Without now the repeat has no end: the range bounds it.
  assert.deepEqual(segments(mpd, 0, 'a', { fromMs: 0, toMs: 103_000 }).value.map((s) => s.number), [1000, 1001]);
  const unbounded = segments(mpd, 0, 'a', { fromMs: 0, toMs: Infinity });
  assert.deepEqual(unbounded.issues.map((i) => i.code), ['DASH_SEGMENT_TIMELINE']);
});

test('r="-1" up to the next S@t (dash.js rounds the count up)', () => {
  const mpd = mpdOf(`<MPD ${NS} type="static"><Period duration="PT10S"><AdaptationSet>
    <SegmentTemplate timescale="10" media="$Number$-$Time$"><SegmentTimeline><S t="0" d="10" r="-1"/><S t="35" d="5"/></SegmentTimeline></SegmentTemplate>
    <Representation id="r" bandwidth="1"/></AdaptationSet></Period></MPD>`);
  assert.deepEqual(
    segments(mpd, 0, 'r', { fromMs: 0, toMs: Infinity }).value.map((s) => [s.url, s.startMs, s.durationMs]),
    [['1-0', 0, 1000], ['2-10', 1000, 1000], ['3-20', 2000, 1000], ['4-30', 3000, 1000], ['5-35', 3500, 500]],
  );
});

test('@duration addressing: numbers from startNumber, $Time$ from presentationTimeOffset, count from the Period duration', () => {
  const mpd = mpdOf(`<MPD ${NS} type="static"><Period duration="PT9S"><AdaptationSet>
    <SegmentTemplate timescale="1000" duration="4000" startNumber="5" presentationTimeOffset="500" media="s_$Number$_$Time$.m4s"/>
    <Representation id="r" bandwidth="1"/></AdaptationSet></Period></MPD>`);
  assert.deepEqual(
    segments(mpd, 0, 'r', { fromMs: 0, toMs: Infinity }).value.map((s) => [s.url, s.number, s.time, s.startMs, s.durationMs]),
    [['s_5_500.m4s', 5, 500, 0, 4000], ['s_6_4500.m4s', 6, 4500, 4000, 4000], ['s_7_8500.m4s', 7, 8500, 8000, 4000]],
  );
  assert.deepEqual(segments(mpd, 0, 'r', { fromMs: 4000, toMs: 8000 }).value.map((s) => s.number), [6]);
});

test('@duration addressing in a dynamic MPD lists what is available at now', () => {
  const mpd = mpdOf(`<MPD ${NS} type="dynamic" availabilityStartTime="1970-01-01T00:00:00Z"><Period id="1" start="PT0S"><AdaptationSet>
    <SegmentTemplate timescale="1" duration="2" media="$Number$.ts"/>
    <Representation id="r" bandwidth="1"/></AdaptationSet></Period></MPD>`);
  assert.deepEqual(segments(mpd, 0, 'r', { fromMs: 5000, toMs: Infinity, nowMs: 11_000 }).value.map((s) => [s.number, s.startMs]), [[3, 4000], [4, 6000], [5, 8000]]);
});

test('inheritance: Period timescale, AdaptationSet media and timeline, Representation startNumber; BaseURL chain', () => {
  const mpd = mpdOf(`<MPD ${NS} type="static" mediaPresentationDuration="PT6S">
  <BaseURL>https://a.example/x/</BaseURL>
  <Period>
    <BaseURL>p/</BaseURL>
    <SegmentTemplate timescale="1000"/>
    <AdaptationSet>
      <BaseURL>../q/</BaseURL>
      <SegmentTemplate media="$RepresentationID$_$Bandwidth$_$Number$.m4s"><SegmentTimeline><S d="3000" r="1"/></SegmentTimeline></SegmentTemplate>
      <Representation id="hi" bandwidth="5000000"><SegmentTemplate startNumber="7"/></Representation>
      <Representation id="lo" bandwidth="300000"><BaseURL>lo/</BaseURL></Representation>
    </AdaptationSet>
  </Period>
</MPD>`);
  assert.deepEqual(segments(mpd, 0, 'hi', { fromMs: 0, toMs: Infinity }).value.map((s) => [s.url, s.startMs]), [
    ['https://a.example/x/q/hi_5000000_7.m4s', 0],
    ['https://a.example/x/q/hi_5000000_8.m4s', 3000],
  ]);
  assert.deepEqual(segments(mpd, 0, 'lo', { fromMs: 0, toMs: Infinity }).value.map((s) => s.url), [
    'https://a.example/x/q/lo/lo_300000_1.m4s',
    'https://a.example/x/q/lo/lo_300000_2.m4s',
  ]);
});

test('SegmentList with SegmentURLs and SegmentBase', () => {
  const mpd = mpdOf(`<MPD ${NS} type="static" mediaPresentationDuration="PT5S"><Period>
    <AdaptationSet>
      <Representation id="list" bandwidth="1">
        <SegmentList timescale="10" duration="20" startNumber="3"><Initialization sourceURL="init.mp4"/>
          <SegmentURL media="a.mp4"/><SegmentURL media="b.mp4" mediaRange="100-199"/><SegmentURL media="c.mp4"/>
        </SegmentList>
      </Representation>
      <Representation id="base" bandwidth="1"><BaseURL>whole.mp4</BaseURL><SegmentBase indexRange="0-99"><Initialization range="0-50"/></SegmentBase></Representation>
      <Representation id="none" bandwidth="1"/>
    </AdaptationSet></Period></MPD>`);
  assert.deepEqual(segments(mpd, 0, 'list', { fromMs: 0, toMs: Infinity }).value, [
    { url: 'a.mp4', number: 3, time: 0, durationTicks: 20, timescale: 10, startMs: 0, durationMs: 2000 },
    { url: 'b.mp4', mediaRange: '100-199', number: 4, time: 20, durationTicks: 20, timescale: 10, startMs: 2000, durationMs: 2000 },
    { url: 'c.mp4', number: 5, time: 40, durationTicks: 20, timescale: 10, startMs: 4000, durationMs: 2000 },
  ]);
  assert.equal(initializationUrl(mpd, 0, 'list'), 'init.mp4');
  assert.deepEqual(segments(mpd, 0, 'base', { fromMs: 0, toMs: Infinity }).value, [
    { url: 'whole.mp4', number: 1, time: 0, durationTicks: 5, timescale: 1, startMs: 0, durationMs: 5000 },
  ]);
  assert.equal(initializationUrl(mpd, 0, 'base'), 'whole.mp4');
  assert.deepEqual(segments(mpd, 0, 'none', { fromMs: 0, toMs: Infinity }).issues.map((i) => i.code), ['DASH_NO_SEGMENT_INFO']);
  assert.deepEqual(segments(mpd, 3, 'none', { fromMs: 0, toMs: 1 }).issues.map((i) => i.code), ['DASH_PERIOD_NOT_FOUND']);
  assert.deepEqual(segments(mpd, 0, 'nope', { fromMs: 0, toMs: 1 }).issues.map((i) => i.code), ['DASH_REPRESENTATION_NOT_FOUND']);
});

test('template problems are DASH_SEGMENT_TEMPLATE issues', () => {
  const mpd = mpdOf(`<MPD ${NS} type="static"><Period duration="PT4S"><AdaptationSet>
    <SegmentTemplate timescale="1" duration="2" media="$Foo$/$Number$"/>
    <Representation id="r" bandwidth="1"/>
    <Representation id="s" bandwidth="1"><SegmentTemplate media="x"/></Representation>
    </AdaptationSet></Period></MPD>`);
  const r = segments(mpd, 0, 'r', { fromMs: 0, toMs: Infinity });
  assert.deepEqual(r.value.map((s) => s.url), ['$Foo$/1', '$Foo$/2']);
  assert.deepEqual(r.issues.map((i) => [i.code, i.path]), [['DASH_SEGMENT_TEMPLATE', '/MPD/Period[1]/AdaptationSet[1]/SegmentTemplate[1]']]);
});

test('fixture: the MediaPackage multi-period MPD, presentationTimeOffset in each Period', { skip: skipWithoutFixtures }, () => {
  const text = readFixture('aws-mediapackage-doc_multiperiod_splice-insert_2013xml.mpd');
  const view = readMpd(parseMpd(text).value).value;
  // Period 1 (start 0, pto 0): the video timeline starts 361301/30000 s in; 16 segments of 2.002 s up to 44.075 s.
  const v0 = segments(view, 0, '1', { fromMs: 0, toMs: Infinity }).value;
  assert.deepEqual([v0.length, v0[0]!.number, v0[0]!.startMs, v0.at(-1)!.number, v0.at(-1)!.startMs + v0.at(-1)!.durationMs], [16, 6, 12043, 21, 44075]);
  // Period 2 (start 44.075 s): video pto = first S@t; audio pto 2115617, first S@t 2116353 → 736/48000 s = 15 ms late.
  const v1 = segments(view, '21', '1', { fromMs: 0, toMs: Infinity }).value;
  const a1 = segments(view, '21', '2', { fromMs: 0, toMs: Infinity }).value;
  assert.deepEqual([v1[0]!.number, v1[0]!.startMs, v1[0]!.url], [22, 44075, 'index_video_1_0_22.mp4?m=1528413503']);
  assert.deepEqual([a1[0]!.number, a1[0]!.startMs, a1[0]!.time, a1.length], [22, 44090, 2116353, 14]);
});
