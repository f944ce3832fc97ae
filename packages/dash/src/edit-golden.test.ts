// Golden tests: testdata/<in> + operation → testdata/<out>, compared as text.
// UPDATE_GOLDEN=1 rewrites the outputs (review the diff before committing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { parse as mpdParserParse } from 'mpd-parser';
import { decode } from '@adsplice/scte35';
import { parseMpd } from './parse-mpd.ts';
import { printMpd } from './print-mpd.ts';
import type { Mpd } from './mpd.ts';
import type { DashIssue } from './issues.ts';
import { readMpd } from './model/read-mpd.ts';
import { scanAds } from './ads/scan-ads.ts';
import { buildPeriod } from './build/build-period.ts';
import { buildScte35EventStream } from './build/build-event-stream.ts';
import { segments } from './segments.ts';
import { readTestdata, TESTDATA } from './testing/fixtures.ts';
import { splitPeriod } from './edit/split-period.ts';
import { insertPeriods } from './edit/insert-periods.ts';
import { addEventStream } from './edit/add-event-stream.ts';

const AD_10S = buildPeriod({
  id: 'ad-1',
  durationMs: 10_000,
  baseUrl: 'https://ads.example/creative/42/',
  adaptationSets: [
    {
      id: '1', contentType: 'video', mimeType: 'video/mp4',
      segmentTemplate: { timescale: 90000, initialization: '$RepresentationID$/init.mp4', media: '$RepresentationID$/$Number$.m4s', startNumber: 1, timeline: [{ t: 0, d: 360000, r: 1 }, { d: 180000 }] },
      representations: [{ id: 'v720', bandwidth: 3000000, codecs: 'avc1.64001f', width: 1280, height: 720 }, { id: 'v360', bandwidth: 800000, codecs: 'avc1.64001e', width: 640, height: 360 }],
    },
    {
      id: '2', contentType: 'audio', mimeType: 'audio/mp4', lang: 'en',
      segmentTemplate: { timescale: 48000, initialization: 'a/init.mp4', media: 'a/$Number$.m4s', startNumber: 1, timeline: [{ t: 0, d: 192000, r: 1 }, { d: 96000 }] },
      representations: [{ id: 'a128', bandwidth: 128000, codecs: 'mp4a.40.2', audioSamplingRate: 48000 }],
    },
  ],
});

const AD_30S = buildPeriod({
  id: 'ad-101',
  durationMs: 30_000,
  baseUrl: 'https://ads.example/pod/101/',
  adaptationSets: [
    {
      id: '1', contentType: 'video', mimeType: 'video/mp4',
      segmentTemplate: { timescale: 90000, initialization: '$RepresentationID$/init.mp4', media: '$RepresentationID$/$Number$.m4s', timeline: [{ t: 0, d: 180000, r: 14 }] },
      representations: [{ id: 'v720', bandwidth: 3000000, codecs: 'avc1.64001f', width: 1280, height: 720 }],
    },
    {
      id: '2', contentType: 'audio', mimeType: 'audio/mp4', lang: 'en',
      segmentTemplate: { timescale: 48000, initialization: 'a/init.mp4', media: 'a/$Number$.m4s', timeline: [{ t: 0, d: 96000, r: 14 }] },
      representations: [{ id: 'a128', bandwidth: 128000, codecs: 'mp4a.40.2', audioSamplingRate: 48000 }],
    },
  ],
});

// time_signal, Provider Placement Opportunity Start (0x34), event 7, 15 s.
const TIME_SIGNAL = '/DAsAAAAAAAAAP/wBQb+AA27oAAWAhRDVUVJAAAAB3//AAAbd0AAADQAAOTtDqk=';

interface Golden {
  input: string;
  op: string;
  run: (mpd: Mpd) => { value: Mpd; issues: DashIssue[] };
  output: string;
  issues: string[];
}

const GOLDENS: Golden[] = [
  { input: 'live-single-period.mpd', op: 'print', run: (m) => ({ value: m, issues: [] }), output: 'live-single-period.mpd', issues: [] },
  { input: 'two-period.mpd', op: 'print', run: (m) => ({ value: m, issues: [] }), output: 'two-period.mpd', issues: [] },
  { input: 'two-period.mpd', op: 'splitPeriod main-1 at 20 s', run: (m) => splitPeriod(m, 'main-1', 20_000), output: 'two-period.split-20s.mpd', issues: [] },
  { input: 'two-period.mpd', op: 'insertPeriods 10 s ad at 20 s', run: (m) => insertPeriods(m, 20_000, [AD_10S]), output: 'two-period.insert-ad-20s.mpd', issues: [] },
  {
    input: 'two-period.mpd',
    op: 'addEventStream xml+bin time_signal to main-2',
    run: (m) => addEventStream(m, 'main-2', buildScte35EventStream([{ base64: TIME_SIGNAL, presentationTimeMs: 5_000, id: 'ts-7' }], { scheme: 'xml+bin' })),
    output: 'two-period.add-event-stream.mpd',
    issues: [],
  },
  {
    input: 'two-period.mpd',
    op: 'addEventStream 2013:xml to main-2',
    run: (m) => addEventStream(m, 'main-2', buildScte35EventStream([{ section: decode(TIME_SIGNAL).value!, presentationTimeMs: 5_000, id: 'ts-7' }], { scheme: 'xml' })),
    output: 'two-period.add-event-stream-xml.mpd',
    issues: [],
  },
  { input: 'live-single-period.mpd', op: 'splitPeriod at the OUT (620 s)', run: (m) => splitPeriod(m, 0, 620_000), output: 'live-single-period.split-620s.mpd', issues: [] },
  { input: 'live-single-period.mpd', op: 'splitPeriod inside an audio segment (622 s)', run: (m) => splitPeriod(m, 'news-0', 622_000), output: 'live-single-period.split-622s.mpd', issues: ['DASH_SPLIT_NOT_ON_BOUNDARY'] },
  {
    input: 'live-single-period.mpd',
    op: 'insertPeriods replace: 30 s ad Period over the break at 620 s',
    run: (m) => insertPeriods(m, 620_000, [AD_30S], { mode: 'replace' }),
    output: 'live-single-period.replace-ad-620s.mpd',
    issues: [],
  },
];

const update = process.env.UPDATE_GOLDEN === '1';

for (const g of GOLDENS) {
  test(`golden: ${g.input} + ${g.op} → ${g.output}`, () => {
    const parsed = parseMpd(readTestdata(g.input));
    assert.deepEqual(parsed.issues, []);
    const { value, issues } = g.run(parsed.value);
    assert.deepEqual(issues.map((i) => i.code), g.issues);
    const text = printMpd(value);
    if (update) writeFileSync(new URL(g.output, TESTDATA), text);
    assert.equal(text, readTestdata(g.output));
    // The output is a clean MPD that a player-side parser reads.
    assert.deepEqual(parseMpd(text).issues, []);
    assert.doesNotThrow(() => mpdParserParse(text, { manifestUri: 'https://example.com/index.mpd', NOW: Date.UTC(2024, 2, 1, 12, 10, 30) }));
  });
}

/** Every segment of every Representation, per Period. */
function allSegments(mpd: Mpd): Map<string, { startMs: number; endMs: number; url: string; periodStart: number; periodEnd: number }[]> {
  const view = readMpd(mpd).value;
  const out = new Map<string, { startMs: number; endMs: number; url: string; periodStart: number; periodEnd: number }[]>();
  for (const p of view.periods) {
    for (const a of p.adaptationSets) {
      for (const r of a.representations) {
        const list = segments(view, p, r, { fromMs: 0, toMs: Infinity });
        const key = `${a.contentType}/${r.id}`;
        const entries = out.get(key) ?? [];
        for (const s of list.value) entries.push({ startMs: s.startMs, endMs: s.startMs + s.durationMs, url: s.url, periodStart: p.startMs!, periodEnd: p.startMs! + (p.durationMs ?? Infinity) });
        out.set(key, entries);
      }
    }
  }
  return out;
}

test('split keeps every segment of the content exactly once (or in both halves when it straddles)', () => {
  const before = parseMpd(readTestdata('two-period.mpd')).value;
  const after = splitPeriod(before, 'main-1', 20_000).value;
  const a = allSegments(before);
  const b = allSegments(after);
  for (const [key, list] of a) {
    assert.deepEqual(b.get(key)!.map((s) => [s.startMs, s.endMs, s.url]), list.map((s) => [s.startMs, s.endMs, s.url]), key);
  }
  // Each Period's segments lie inside it.
  for (const list of b.values()) for (const s of list) assert.ok(s.startMs >= s.periodStart && s.startMs < s.periodEnd);
});

test('insert: content after the ad plays the same segments, shifted by the ad duration', () => {
  const before = parseMpd(readTestdata('two-period.mpd')).value;
  const after = insertPeriods(before, 20_000, [AD_10S]).value;
  const a = allSegments(before).get('video/v720')!;
  const b = allSegments(after).get('video/v720')!;
  const content = b.filter((s) => !s.url.startsWith('https://ads.example/'));
  const ads = b.filter((s) => s.url.startsWith('https://ads.example/'));
  assert.deepEqual(ads.map((s) => [s.startMs, s.endMs, s.url]), [
    [20_000, 24_000, 'https://ads.example/creative/42/v720/1.m4s'],
    [24_000, 28_000, 'https://ads.example/creative/42/v720/2.m4s'],
    [28_000, 30_000, 'https://ads.example/creative/42/v720/3.m4s'],
  ]);
  assert.deepEqual(
    content.map((s) => [s.url, s.startMs]),
    a.map((s) => [s.url, s.startMs < 20_000 ? s.startMs : s.startMs + 10_000]),
  );
  assert.equal(readMpd(after).value.mediaPresentationDurationMs, 70_000);
});

test('the live split keeps the ad signal in the second Period at its start', () => {
  const after = splitPeriod(parseMpd(readTestdata('live-single-period.mpd')).value, 0, 620_000).value;
  const { avails } = scanAds(after).value;
  assert.equal(avails.length, 1);
  assert.deepEqual([avails[0]!.startPresentationTimeMs, avails[0]!.startTimeMs, avails[0]!.periodIds, avails[0]!.open], [620_000, Date.UTC(2024, 2, 1, 12, 10, 20), ['news-0_1'], true]);
});

test('edits that cannot be done return the MPD unchanged with a fatal issue saying why', () => {
  const two = parseMpd(readTestdata('two-period.mpd')).value;
  const codes = (r: { value: Mpd; issues: DashIssue[] }) => {
    assert.equal(r.value, two);
    for (const i of r.issues) assert.ok(i.path !== undefined || i.offset !== undefined, i.code);
    return r.issues.map((i) => [i.code, i.severity]);
  };
  assert.deepEqual(codes(splitPeriod(two, 'nope', 10_000)), [['DASH_PERIOD_NOT_FOUND', 'fatal']]);
  assert.deepEqual(codes(splitPeriod(two, 'main-1', 30_000)), [['DASH_SPLIT_OUT_OF_RANGE', 'fatal']]);
  assert.deepEqual(codes(splitPeriod(two, 0, 0)), [['DASH_SPLIT_OUT_OF_RANGE', 'fatal']]);
  assert.deepEqual(codes(insertPeriods(two, 70_000, [AD_10S])), [['DASH_SPLIT_OUT_OF_RANGE', 'fatal']]);
  assert.deepEqual(codes(insertPeriods(two, 10_000, [{ ...AD_10S, attrs: AD_10S.attrs.filter((a) => a.name !== 'duration') }])), [['DASH_INVALID_PERIOD', 'fatal']]);
  assert.deepEqual(codes(addEventStream(two, 5, AD_10S)), [['DASH_PERIOD_NOT_FOUND', 'fatal']]);
  const fragment = parseMpd('<Period id="x" duration="PT10S"/>').value;
  assert.deepEqual(insertPeriods(fragment, 5_000, [AD_10S]).issues.map((i) => i.code), ['DASH_MISSING_MPD']);
  // @duration addressing can only be split on a segment boundary.
  const byDuration = parseMpd(
    '<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT10S" minBufferTime="PT2S" profiles="x"><Period id="p"><AdaptationSet><SegmentTemplate timescale="1000" duration="2000" media="$Number$.m4s"/><Representation id="r" bandwidth="1"/></AdaptationSet></Period></MPD>',
  ).value;
  const refused = splitPeriod(byDuration, 'p', 3_000);
  assert.equal(refused.value, byDuration);
  assert.deepEqual(refused.issues.map((i) => [i.code, i.severity]), [['DASH_SPLIT_NOT_ON_BOUNDARY', 'fatal']]);
  const ok = splitPeriod(byDuration, 'p', 4_000);
  assert.deepEqual(ok.issues, []);
  const view = readMpd(ok.value).value;
  assert.deepEqual(
    view.periods.map((p) => [p.id, p.startMs, p.durationMs, segments(view, p, 'r', { fromMs: 0, toMs: Infinity }).value.map((s) => [s.url, s.startMs])]),
    [
      ['p', 0, 4000, [['1.m4s', 0], ['2.m4s', 2000]]],
      ['p_1', 4000, 6000, [['3.m4s', 4000], ['4.m4s', 6000], ['5.m4s', 8000]]],
    ],
  );
});

test('ids: a taken id asked for is replaced by a fresh one, and a Period without id gets one when split', () => {
  const two = parseMpd(readTestdata('two-period.mpd')).value;
  const r = splitPeriod(two, 'main-1', 8_000, { id: 'main-2' });
  assert.deepEqual(r.issues.map((i) => i.code), ['DASH_DUPLICATE_ID']);
  assert.deepEqual(readMpd(r.value).value.periods.map((p) => p.id), ['main-1', 'main-1_1', 'main-2']);
  const dup = insertPeriods(two, 30_000, [AD_10S, AD_10S]);
  assert.deepEqual(dup.issues.map((i) => i.code), ['DASH_DUPLICATE_ID']);
  assert.deepEqual(readMpd(dup.value).value.periods.map((p) => [p.id, p.startMs]), [['main-1', 0], ['ad-1', 30_000], ['ad-1_1', 40_000], ['main-2', 50_000]]);
  const anonymous = parseMpd('<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT10S" minBufferTime="PT2S" profiles="x"><Period/></MPD>').value;
  assert.deepEqual(readMpd(splitPeriod(anonymous, 0, 5_000).value).value.periods.map((p) => [p.id, p.startMs, p.durationMs]), [['p0', 0, 5000], ['p0_1', 5000, 5000]]);
});
