import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseMpd } from './parse-mpd.ts';
import { printMpd } from './print-mpd.ts';
import { readMpd } from './model/read-mpd.ts';
import { scanAds } from './ads/scan-ads.ts';
import { segments } from './segments.ts';
import { fixtureNames, readFixture, readTestdata, skipWithoutFixtures } from './testing/fixtures.ts';

const HEAD = '<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" minBufferTime="PT2S" profiles="urn:mpeg:dash:profile:isoff-live:2011"';

function codes(text: string): string[] {
  return parseMpd(text).issues.map((i) => i.code);
}

test('malformed input: each case gives a stable code', () => {
  const cases: [string, string, string[]][] = [
    ['empty', '', ['DASH_EMPTY']],
    ['broken XML', `${HEAD}><Period></MPD>`, ['DASH_XML_MALFORMED']],
    ['not XML', 'this is not a manifest', ['DASH_XML_MALFORMED', 'DASH_XML_MALFORMED', 'DASH_MISSING_MPD']],
    ['HLS instead of DASH', '#EXTM3U\n#EXT-X-VERSION:3\n', ['DASH_XML_MALFORMED', 'DASH_XML_MALFORMED', 'DASH_MISSING_MPD']],
    ['another root', '<SmoothStreamingMedia MajorVersion="2"/>', ['DASH_MISSING_MPD']],
    ['no namespace', '<MPD minBufferTime="PT2S"/>', ['DASH_MPD_NAMESPACE']],
    ['bad mediaPresentationDuration', `${HEAD} mediaPresentationDuration="1 hour"/>`, ['DASH_BAD_DURATION']],
    ['negative Period@start', `${HEAD}><Period start="-PT5S"/></MPD>`, ['DASH_BAD_DURATION']],
    ['bad availabilityStartTime', `${HEAD} type="dynamic" availabilityStartTime="yesterday"/>`, ['DASH_BAD_DATETIME']],
    ['dynamic without availabilityStartTime', `${HEAD} type="dynamic"/>`, ['DASH_MISSING_ATTRIBUTE']],
    ['bad type', `${HEAD} type="live"/>`, ['DASH_BAD_TYPE']],
    ['bad timescale', `${HEAD}><Period><AdaptationSet><SegmentTemplate timescale="0"/><Representation id="a" bandwidth="1"/></AdaptationSet></Period></MPD>`, ['DASH_BAD_NUMBER']],
    ['bad S@r', `${HEAD}><Period><SegmentTemplate><SegmentTimeline><S d="1" r="-2"/><S t="x" d="1"/><S/></SegmentTimeline></SegmentTemplate></Period></MPD>`, ['DASH_BAD_NUMBER', 'DASH_BAD_NUMBER', 'DASH_MISSING_ATTRIBUTE']],
    ['Representation without id and bandwidth', `${HEAD}><Period><AdaptationSet><Representation/></AdaptationSet></Period></MPD>`, ['DASH_MISSING_ATTRIBUTE', 'DASH_MISSING_ATTRIBUTE']],
    ['Period start unknown', `${HEAD}><Period id="a" start="PT0S"/><Period id="b"/></MPD>`, ['DASH_PERIOD_START_UNKNOWN']],
    ['Periods out of order', `${HEAD}><Period id="a" start="PT10S"/><Period id="b" start="PT5S"/></MPD>`, ['DASH_PERIOD_ORDER']],
    ['duplicate ids', `${HEAD}><Period id="a" start="PT0S" duration="PT1S"/><Period id="a"/></MPD>`, ['DASH_DUPLICATE_ID']],
    ['EventStream without scheme', `${HEAD}><Period><EventStream><Event presentationTime="-1"/></EventStream></Period></MPD>`, ['DASH_MISSING_ATTRIBUTE', 'DASH_BAD_NUMBER']],
  ];
  for (const [what, text, expected] of cases) assert.deepEqual(codes(text), expected, what);
});

test('issues say where: an offset into the text and, for values, the element path', () => {
  const text = `${HEAD}>\n  <Period id="a" start="PT0S"/>\n  <Period id="b" duration="soon"/>\n</MPD>`;
  const [issue] = parseMpd(text).issues;
  assert.deepEqual(issue, {
    code: 'DASH_BAD_DURATION',
    severity: 'warning',
    message: '/MPD/Period[2]@duration="soon" is not a valid xs:duration.',
    offset: text.indexOf('<Period id="b"'),
    path: '/MPD/Period[2]',
    attribute: 'duration',
    value: 'soon',
  });
  const broken = parseMpd('<MPD xmlns="urn:mpeg:dash:schema:mpd:2011">\n<Period>\n</MPD>').issues[0]!;
  assert.deepEqual([broken.code, broken.severity, broken.offset], ['DASH_XML_MALFORMED', 'fatal', 44]);
});

test('typed view of an MPD: MPD, Period, AdaptationSet, Representation, SegmentTemplate, EventStream, InbandEventStream', () => {
  const { value: view, issues } = readMpd(parseMpd(readTestdata('live-single-period.mpd')).value);
  assert.deepEqual(issues, []);
  const period = view.periods[0]!;
  const [video, audio] = period.adaptationSets;
  assert.deepEqual(
    {
      type: view.type, ast: view.availabilityStartTimeMs, publish: view.publishTimeMs, mup: view.minimumUpdatePeriodMs, tsb: view.timeShiftBufferDepthMs,
      minBuffer: view.minBufferTimeMs, maxSeg: view.maxSegmentDurationMs, spd: view.suggestedPresentationDelayMs, profiles: view.profiles,
    },
    {
      type: 'dynamic', ast: Date.UTC(2024, 2, 1, 12), publish: Date.UTC(2024, 2, 1, 12, 10, 30), mup: 2000, tsb: 30_000,
      minBuffer: 4000, maxSeg: 2006, spd: 6000, profiles: 'urn:mpeg:dash:profile:isoff-live:2011',
    },
  );
  assert.deepEqual([period.id, period.startMs, period.durationMs, period.baseUrls, period.path], ['news-0', 0, undefined, ['https://origin.example/news/'], '/MPD/Period[1]']);
  const stream = period.eventStreams[0]!;
  assert.deepEqual(
    { scheme: stream.schemeIdUri, timescale: stream.timescale, pto: stream.presentationTimeOffset, path: stream.path },
    { scheme: 'urn:scte:scte35:2014:xml+bin', timescale: 90000, pto: 0, path: '/MPD/Period[1]/EventStream[1]' },
  );
  const event = stream.events[0]!;
  assert.deepEqual(
    { pt: event.presentationTime, d: event.duration, id: event.id, ptMs: event.presentationTimeMs, dMs: event.durationMs },
    { pt: 55_800_000, d: 2_700_000, id: '101', ptMs: 620_000, dMs: 30_000 },
  );
  assert.deepEqual([video!.id, video!.contentType, video!.mimeType], ['1', 'video', 'video/mp4']);
  assert.deepEqual(video!.inbandEventStreams.map((s) => [s.schemeIdUri, s.scte35]), [['urn:scte:scte35:2013:bin', true]]);
  const tpl = video!.segmentTemplate!;
  assert.deepEqual(
    { timescale: tpl.timescale, media: tpl.media, init: tpl.initialization, timeline: tpl.timeline, path: tpl.path },
    { timescale: 90000, media: '$RepresentationID$/$Time$.m4s', init: '$RepresentationID$/init.mp4', timeline: [{ t: 54_000_000, d: 180_000, r: 14 }], path: '/MPD/Period[1]/AdaptationSet[1]/SegmentTemplate[1]' },
  );
  const rep = video!.representations[0]!;
  assert.deepEqual(
    { id: rep.id, bw: rep.bandwidth, w: rep.width, h: rep.height, fr: rep.frameRate, codecs: rep.codecs, mime: rep.mimeType, path: rep.path },
    { id: 'v720', bw: 3_000_000, w: 1280, h: 720, fr: '25', codecs: 'avc1.64001f', mime: 'video/mp4', path: '/MPD/Period[1]/AdaptationSet[1]/Representation[1]' },
  );
  assert.deepEqual(audio!.segmentTemplate!.timeline!.slice(0, 2), [{ t: 28_800_000, d: 96_256, r: 0 }, { d: 95_744, r: 0 }]);
  // The live window: 15 video segments up to 630 s; at 12:10:30 the last is available.
  const list = segments(view, 0, 'v720', { fromMs: 0, toMs: Infinity, nowMs: Date.UTC(2024, 2, 1, 12, 10, 30) });
  assert.deepEqual([list.value.length, list.value[0]!.url, list.value.at(-1)!.startMs], [15, 'https://origin.example/news/v720/54000000.m4s', 628_000]);
  // And its one break, open at the live edge.
  assert.deepEqual(
    scanAds(view).value.avails.map((a) => [a.startPresentationTimeMs, a.startTimeMs, a.plannedDurationMs, a.elapsedMs, a.open]),
    [[620_000, Date.UTC(2024, 2, 1, 12, 10, 20), 30_000, 10_000, true]],
  );
});

test('parse never throws on random text, and whatever it reads prints and reads back the same', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), (text) => {
      const { value, issues } = parseMpd(text);
      assert.ok(Array.isArray(issues));
      for (const i of issues) assert.ok(typeof i.offset === 'number' || typeof i.path === 'string', i.code);
      printMpd(value);
    }),
    { numRuns: 2000 },
  );
});

test('parse, readMpd, scanAds and segments never throw on damaged fixtures', { skip: skipWithoutFixtures }, () => {
  const texts = [...fixtureNames().map(readFixture), readTestdata('live-single-period.mpd'), readTestdata('two-period.mpd')];
  fc.assert(
    fc.property(fc.nat({ max: texts.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 }), fc.string({ maxLength: 8 })), { maxLength: 6 }), (which, edits) => {
      let text = texts[which]!;
      for (const [at, del, ins] of edits) {
        const i = at % (text.length + 1);
        text = text.slice(0, i) + ins + text.slice(i + del);
      }
      const { value } = parseMpd(text);
      const view = readMpd(value).value;
      scanAds(view);
      for (const p of view.periods) for (const a of p.adaptationSets) for (const r of a.representations) segments(view, p, r, { fromMs: 0, toMs: 1e13, nowMs: 1.7e12, maxSegments: 5000 });
    }),
    { numRuns: 400 },
  );
});
