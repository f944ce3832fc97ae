import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode, encodeBase64 } from '@adsplice/scte35';
import type { SpliceInfoSection } from '@adsplice/scte35';
import { parseMpd } from './parse-mpd.ts';
import { printMpd } from './print-mpd.ts';
import { addEventStream } from './edit/add-event-stream.ts';
import { buildScte35EventStream } from './build/build-event-stream.ts';
import { adSignals, avails, scanAds } from './ads/scan-ads.ts';
import { classifyCue } from './ads/classify-cue.ts';

type SegType = number;

function spliceInsert(id: number, out: boolean, durationS?: number, cancel = false): string {
  return encodeBase64({
    spliceCommand: {
      type: 'splice_insert', spliceEventId: id, spliceEventCancelIndicator: cancel, outOfNetworkIndicator: out, programSpliceFlag: true,
      durationFlag: durationS !== undefined, spliceImmediateFlag: true,
      ...(durationS !== undefined ? { breakDuration: { autoReturn: true, duration: durationS * 90_000 } } : {}),
      uniqueProgramId: 1, availNum: 0, availsExpected: 0,
    },
  });
}

function timeSignal(...descriptors: [SegType, number, number?][]): string {
  return encodeBase64({
    spliceCommand: { type: 'time_signal', spliceTime: { timeSpecifiedFlag: true, ptsTime: 0 } },
    descriptors: descriptors.map(([typeId, eventId, durationS]) => ({
      type: 'segmentation_descriptor', segmentationEventId: eventId, segmentationEventCancelIndicator: false, programSegmentationFlag: true,
      segmentationDurationFlag: durationS !== undefined, deliveryNotRestrictedFlag: true,
      ...(durationS !== undefined ? { segmentationDuration: durationS * 90_000 } : {}),
      segmentationUpid: { segmentationUpidType: 0, segmentationUpidLength: 0 }, segmentationTypeId: typeId, segmentNum: 0, segmentsExpected: 0,
      ...([0x30, 0x32, 0x34, 0x36, 0x38, 0x3a, 0x44, 0x46].includes(typeId) ? { subSegmentNum: 0, subSegmentsExpected: 0 } : {}),
    })) as never,
  });
}

function section(b64: string): SpliceInfoSection {
  const { value } = decode(b64);
  assert.ok(value, b64);
  return value;
}

test('what a cue means: splice_insert OUT/IN/cancel, time_signal start/end types, anything else', () => {
  const meaning = (b64: string) => classifyCue(section(b64));
  assert.deepEqual(meaning(spliceInsert(5, true, 30)), [{ kind: 'out', eventId: 5, durationTicks: 2_700_000 }]);
  assert.deepEqual(meaning(spliceInsert(5, false)), [{ kind: 'in', eventId: 5 }]);
  assert.deepEqual(meaning(spliceInsert(5, true, 30, true)), [{ kind: 'cmd', eventId: 5 }]);
  assert.deepEqual(meaning(timeSignal([0x34, 9, 60])), [{ kind: 'out', eventId: 9, segmentationTypeId: 0x34, durationTicks: 5_400_000 }]);
  assert.deepEqual(meaning(timeSignal([0x35, 9])), [{ kind: 'in', eventId: 9, segmentationTypeId: 0x35 }]);
  assert.deepEqual(meaning(timeSignal([0x22, 1, 120])), [{ kind: 'out', eventId: 1, segmentationTypeId: 0x22, durationTicks: 10_800_000 }]);
  assert.deepEqual(meaning(timeSignal([0x23, 1])), [{ kind: 'in', eventId: 1, segmentationTypeId: 0x23 }]);
  // One cue ends an ad and starts the next: the IN comes first.
  assert.deepEqual(meaning(timeSignal([0x30, 12, 15], [0x31, 11])), [
    { kind: 'in', eventId: 11, segmentationTypeId: 0x31 },
    { kind: 'out', eventId: 12, segmentationTypeId: 0x30, durationTicks: 1_350_000 },
  ]);
  // The widest break wins: a Placement Opportunity over the Advertisement inside it.
  assert.deepEqual(meaning(timeSignal([0x30, 2, 15], [0x34, 1, 60])), [{ kind: 'out', eventId: 1, segmentationTypeId: 0x34, durationTicks: 5_400_000 }]);
  assert.deepEqual(meaning(timeSignal([0x10, 1])), [{ kind: 'cmd' }]);
  // Overlay placement opportunities and promos do not replace content (as in packages/hls).
  assert.deepEqual(meaning(timeSignal([0x38, 1, 10])), [{ kind: 'cmd' }]);
  assert.deepEqual(meaning(timeSignal([0x3c, 1, 10])), [{ kind: 'cmd' }]);
  assert.deepEqual(meaning(timeSignal()), [{ kind: 'cmd' }]);
  assert.deepEqual(meaning(encodeBase64({ spliceCommand: { type: 'splice_null' } })), [{ kind: 'cmd' }]);
});

const HEAD = '<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" minBufferTime="PT2S" profiles="urn:mpeg:dash:profile:isoff-live:2011"';

function binEvents(events: [number, string, string?][], attrs = ''): string {
  return events.map(([s, b64, id]) => `<Event presentationTime="${s}"${id ? ` id="${id}"` : ''} messageData="${b64}"${attrs}/>`).join('');
}

test('pairing: early return, overlap, orphan IN, repeated OUT, late IN, open break', () => {
  const events = binEvents([
    [10, spliceInsert(1, true, 30), 'a'],
    [25, spliceInsert(1, false), 'b'],
    [50, spliceInsert(2, true), 'c'],
    [60, spliceInsert(3, true, 5), 'd'],
    [70, spliceInsert(9, false), 'e'],
    [100, spliceInsert(4, true, 20), 'f'],
    [105, spliceInsert(4, true, 20), 'g'],
    [130, spliceInsert(4, false), 'h'],
    [200, spliceInsert(5, true), 'i'],
  ]);
  const mpd = parseMpd(`${HEAD} type="static"><Period id="p" start="PT0S"><EventStream schemeIdUri="urn:scte:scte35:2013:bin">${events}</EventStream></Period></MPD>`).value;
  const { value, issues } = scanAds(mpd);
  assert.deepEqual(
    value.avails.map((a) => ({ start: a.startPresentationTimeMs, planned: a.plannedDurationMs, end: a.endPresentationTimeMs, elapsed: a.elapsedMs, open: a.open, early: a.earlyReturn, id: a.eventId, signals: a.signals.map((s) => s.id) })),
    [
      { start: 10_000, planned: 30_000, end: 25_000, elapsed: 15_000, open: false, early: true, id: 1, signals: ['a', 'b'] },
      { start: 50_000, planned: undefined, end: 60_000, elapsed: 10_000, open: false, early: false, id: 2, signals: ['c'] },
      { start: 60_000, planned: 5_000, end: 65_000, elapsed: 5_000, open: false, early: false, id: 3, signals: ['d'] },
      { start: 100_000, planned: 20_000, end: 130_000, elapsed: 30_000, open: false, early: false, id: 4, signals: ['f', 'g', 'h'] },
      { start: 200_000, planned: undefined, end: undefined, elapsed: undefined, open: true, early: false, id: 5, signals: ['i'] },
    ],
  );
  assert.deepEqual(issues.map((i) => [i.code, i.path]), [
    ['DASH_AVAIL_OVERLAP', '/MPD/Period[1]/EventStream[1]/Event[4]'],
    ['DASH_AVAIL_ORPHAN_IN', '/MPD/Period[1]/EventStream[1]/Event[5]'],
    ['DASH_AVAIL_REPEATED_OUT', '/MPD/Period[1]/EventStream[1]/Event[7]'],
  ]);
});

test('time_signal breaks: 0x34/0x35 and 0x22/0x23 pairs, with timescale and EventStream presentationTimeOffset', () => {
  const events = binEvents([
    [1_000_500, timeSignal([0x34, 7, 60])],
    [1_000_800, timeSignal([0x35, 7])],
    [1_001_500, timeSignal([0x22, 8, 30])],
    [1_001_800, timeSignal([0x23, 8])],
  ]);
  const mpd = parseMpd(`${HEAD} type="static"><Period id="p" start="PT1M"><EventStream schemeIdUri="urn:scte:scte35:2013:bin" timescale="10" presentationTimeOffset="1000000">${events}</EventStream></Period></MPD>`).value;
  assert.deepEqual(
    avails(mpd).map((a) => [a.startPresentationTimeMs, a.plannedDurationMs, a.endPresentationTimeMs, a.earlyReturn, a.eventId, a.signals.map((s) => s.segmentationTypeId)]),
    [
      [110_000, 60_000, 140_000, true, 7, [0x34, 0x35]],
      [210_000, 30_000, 240_000, false, 8, [0x22, 0x23]],
    ],
  );
});

test('dynamic MPD: timeMs = availabilityStartTime + presentation time; nowMs closes a break whose planned end has passed', () => {
  const events = binEvents([[90_000, spliceInsert(1, true, 30)]]);
  const mpd = parseMpd(`${HEAD} type="dynamic" availabilityStartTime="2024-01-01T00:00:00Z"><Period id="p" start="PT100S"><EventStream schemeIdUri="urn:scte:scte35:2013:bin" timescale="90000">${events}</EventStream></Period></MPD>`).value;
  const ast = Date.UTC(2024, 0, 1);
  const [signal] = adSignals(mpd);
  assert.deepEqual([signal!.kind, signal!.presentationTimeMs, signal!.timeMs, signal!.durationMs], ['out', 101_000, ast + 101_000, 30_000]);
  assert.deepEqual(avails(mpd, { nowMs: ast + 120_000 }).map((a) => [a.open, a.elapsedMs]), [[true, 19_000]]);
  assert.deepEqual(avails(mpd, { nowMs: ast + 140_000 }).map((a) => [a.open, a.elapsedMs, a.endPresentationTimeMs]), [[false, 30_000, 131_000]]);
});

test('events that do not decode are DASH_EVENT_DECODE issues, and other schemes are not ad signals', () => {
  const mpd = parseMpd(
    `${HEAD} type="static"><Period start="PT0S">` +
      '<EventStream schemeIdUri="urn:scte:scte35:2013:bin"><Event presentationTime="1" messageData="not base64!"/><Event presentationTime="2"/></EventStream>' +
      '<EventStream schemeIdUri="urn:scte:scte35:2014:xml+bin"><Event><Signal/></Event></EventStream>' +
      '<EventStream schemeIdUri="urn:scte:scte35:2013:xml"><Event><SpliceInfoSection/></Event><Event>nothing</Event></EventStream>' +
      '<EventStream schemeIdUri="urn:mpeg:dash:event:2012" value="1"><Event presentationTime="0"/></EventStream>' +
      '</Period></MPD>',
  ).value;
  const { value, issues } = scanAds(mpd);
  assert.deepEqual(value.signals, []);
  assert.deepEqual(issues.map((i) => [i.code, i.path]), [
    ['DASH_EVENT_DECODE', '/MPD/Period[1]/EventStream[1]/Event[1]'],
    ['DASH_EVENT_DECODE', '/MPD/Period[1]/EventStream[1]/Event[2]'],
    ['DASH_EVENT_DECODE', '/MPD/Period[1]/EventStream[2]/Event[1]'],
    ['DASH_EVENT_DECODE', '/MPD/Period[1]/EventStream[3]/Event[1]'],
    ['DASH_EVENT_DECODE', '/MPD/Period[1]/EventStream[3]/Event[2]'],
  ]);
  assert.ok(Array.isArray(issues[0]!.scte35Issues));
});

test('writers: a cue written in either scheme reads back as the same signal', () => {
  const out = spliceInsert(42, true, 30);
  const inn = spliceInsert(42, false);
  const base = parseMpd(`${HEAD} xmlns:scte35="http://www.scte.org/schemas/35/2016" type="static"><Period id="p" start="PT10S" duration="PT60S"><AdaptationSet/></Period></MPD>`).value;
  for (const scheme of ['xml', 'xml+bin'] as const) {
    const stream = buildScte35EventStream(
      [
        { base64: out, presentationTimeMs: 5_000, id: 'o' },
        { section: section(inn), presentationTimeMs: 20_000, id: 'i' },
      ],
      { scheme, timescale: 1000 },
    );
    const { value, issues } = addEventStream(base, 'p', stream);
    assert.deepEqual(issues, []);
    const reparsed = parseMpd(printMpd(value));
    assert.deepEqual(reparsed.issues, []);
    const signals = adSignals(reparsed.value);
    assert.deepEqual(
      signals.map((s) => ({ kind: s.kind, t: s.presentationTimeMs, d: s.durationMs, id: s.id, eventId: s.eventId, text: s.scte35Text })),
      [
        { kind: 'out', t: 15_000, d: 30_000, id: 'o', eventId: 42, text: scheme === 'xml' ? undefined : out },
        { kind: 'in', t: 30_000, d: undefined, id: 'i', eventId: 42, text: scheme === 'xml' ? undefined : inn },
      ],
    );
    // The XML form encodes to the same bytes.
    assert.deepEqual(signals.map((s) => encodeBase64(s.scte35!)), [out, inn]);
    assert.deepEqual(
      avails(reparsed.value).map((a) => [a.startPresentationTimeMs, a.endPresentationTimeMs, a.earlyReturn]),
      [[15_000, 30_000, true]],
    );
  }
  // Event@duration comes from the cue's break_duration (in the stream timescale) unless given.
  const s = buildScte35EventStream([{ base64: out, presentationTime: 123n, durationMs: 10_000 }], { scheme: 'xml+bin', value: 'x', presentationTimeOffset: 5 });
  assert.deepEqual(s.attrs.map((a) => a.name), ['schemeIdUri', 'value', 'timescale', 'presentationTimeOffset', 'xmlns:scte35']);
  assert.deepEqual((s.children[0] as { attrs: unknown }).attrs, [{ name: 'presentationTime', value: '123' }, { name: 'duration', value: '900000' }]);
});

test('ad Periods: a custom test recognises them', () => {
  const mpd = parseMpd(
    `${HEAD} type="static" mediaPresentationDuration="PT30S"><Period id="c1" start="PT0S"/><Period id="ad-a" start="PT10S"/><Period id="ad-b" start="PT15S"/><Period id="c2" start="PT20S"/></MPD>`,
  ).value;
  assert.deepEqual(avails(mpd), []);
  assert.deepEqual(
    avails(mpd, { isAdPeriod: (p) => p.id?.startsWith('ad-') === true }).map((a) => [a.source, a.startPresentationTimeMs, a.plannedDurationMs, a.periodIds, a.open]),
    [['periods', 10_000, 10_000, ['ad-a', 'ad-b'], false]],
  );
});
