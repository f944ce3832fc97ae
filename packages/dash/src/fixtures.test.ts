// Every file in the shared DASH fixtures: parse → print round trip (semantically identical,
// checked three ways) and the whole avails() result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { parse as mpdParserParse } from 'mpd-parser';
import { decode } from '@adsplice/scte35';
import type { SpliceInfoSection } from '@adsplice/scte35';
import { parseMpd } from './parse-mpd.ts';
import { printMpd } from './print-mpd.ts';
import { scanAds } from './ads/scan-ads.ts';
import type { DashAvail } from './ads/avails.ts';
import type { DashAdSignal } from './ads/ad-signals.ts';
import { stripOffsets } from './xml/dom.ts';
import { fixtureNames, readFixture, skipWithoutFixtures } from './testing/fixtures.ts';

const fxp = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  commentPropName: '#comment',
  trimValues: true,
  parseTagValue: false,
  parseAttributeValue: false,
});

type Canon = { name: string; attrs: [string, string][]; children: Canon[] } | { text: string };

/** fast-xml-parser's ordered output as a tree that also compares attribute order. */
function canon(nodes: unknown[]): Canon[] {
  return (nodes as Record<string, unknown>[]).map((n) => {
    const name = Object.keys(n).find((k) => k !== ':@')!;
    if (name === '#text') return { text: String(n[name]) };
    const attrs = Object.entries((n[':@'] as Record<string, string> | undefined) ?? {});
    const kids = n[name];
    return { name, attrs, children: Array.isArray(kids) ? canon(kids) : [] };
  });
}

test('round trip: every fixture prints to a semantically identical document', { skip: skipWithoutFixtures }, () => {
  for (const name of fixtureNames()) {
    const text = readFixture(name);
    const first = parseMpd(text);
    const printed = printMpd(first.value);
    const second = parseMpd(printed);
    // 1. Our own parser reads back the same tree, and printing is idempotent.
    assert.deepEqual(stripOffsets(second.value), stripOffsets(first.value), name);
    assert.equal(printMpd(second.value), printed, name);
    assert.deepEqual(stripOffsets(parseMpd(printMpd(first.value, { indent: 0 })).value), stripOffsets(first.value), name);
    // Issues are the same, except that a broken document prints well-formed.
    const codes = (r: { issues: { code: string }[] }) => r.issues.map((i) => i.code).filter((c) => c !== 'DASH_XML_MALFORMED');
    assert.deepEqual(codes(second), codes(first), name);
    assert.ok(!second.issues.some((i) => i.code === 'DASH_XML_MALFORMED'), name);
    // 2. An independent XML parser sees the same elements, attributes (in order), text and comments.
    if (!first.issues.some((i) => i.code === 'DASH_XML_MALFORMED')) {
      assert.deepEqual(canon(fxp.parse(printed) as unknown[]), canon(fxp.parse(text) as unknown[]), name);
    }
    // 3. A DASH parser (mpd-parser, as used by video.js) reads the same presentation.
    if (name.endsWith('.mpd')) {
      const options = { manifestUri: 'https://example.com/live/index.mpd', NOW: 1_684_932_517_731 };
      assert.deepEqual(mpdParserParse(printed, options), mpdParserParse(text, options), name);
    }
  }
});

function section(base64: string): SpliceInfoSection {
  const { value } = decode(base64);
  assert.ok(value);
  return value;
}

function out(fields: Omit<DashAdSignal, 'kind' | 'dialect'>): DashAdSignal {
  return { kind: 'out', dialect: 'dash-event', ...fields };
}

function avail(fields: Partial<DashAvail>): DashAvail {
  return { open: false, startedBeforeWindow: false, earlyReturn: false, signals: [], periodIndexes: [], periodIds: [], source: 'events', ...fields };
}

const ORANGE_1 = '/DBeAAAAAAAAAP/wBQb/FFKUFwBIAhRDVUVJAAX6C3//AAApMuAAADAKDwIfQ1VFSQAF+v9/vwwQQURGUgEzogE0sXwF+gWXQAIAAAIPQ1VFSQAF+gp/vwAAMQkP2DtRqg==';
const ORANGE_2 = '/DBeAAAAAAAAAP/wBQb/FHxFhwBIAhRDVUVJAAX6DH//AAAflfAAADALDwIfQ1VFSQAF+v9/vwwQQURGUgEzogE0sXwF+gWXQAIAAAIPQ1VFSQAF+gt/vwAAMQoPPcUziA==';
const AZURE = '/DAlAAAAAAAAAP/wFAUAAAQDf+//KaeGwP4AKTLgAAAAAAAAn75a3g==';
const TELESTREAM_1 = '/DAhAAAAAAAAAP/wEAUAAALRf+9//gAaF7DAAAAAAAA+MhNj';
const TELESTREAM_2 = '/DAhAAAAAAAAAP/wEAUAAALSf+9//gAaF7DAAAAAAABd4y1C';
// The clear-XML cues, encoded (the XML reader encodes them, so they compare equal to a decode of these bytes).
const MEDIAPACKAGE_XML = '/DAgAAAAAsrbAP/wDwUAAAPof8/+ADm8ZAAHAQQAALT1yTg=';
const MEDIATAILOR_XML = '/DAlAAAAAsJgAP/wFAXwAAAPf+//Uh1hEP4AFJlwAAEBAQAAfDSmiQ==';

const EXPECTED: Record<string, { avails: DashAvail[]; issues: string[] }> = {
  // MediaPackage "new Period on ads": the OUT (no duration, no IN) opens a break at the ad Period's start.
  'aws-mediapackage-doc_multiperiod_splice-insert_2013xml.mpd': {
    avails: [
      avail({
        open: true,
        startPresentationTimeMs: 44_075,
        eventId: 1000,
        elapsedMs: 28_047, // up to the end of the ad Period's latest segment (72 122 ms)
        periodIndexes: [1],
        periodIds: ['21'],
        signals: [out({ periodIndex: 1, periodId: '21', path: '/MPD/Period[2]/EventStream[1]/Event[1]', presentationTimeMs: 44_075, eventId: 1000, scte35: section(MEDIAPACKAGE_XML) })],
      }),
    ],
    issues: [],
  },
  // A Period fragment: the 15 s break fills the 15 s Period.
  'fragment_aws-mediatailor-doc_period_splice-insert_2013xml.xml': {
    avails: [
      avail({
        startPresentationTimeMs: 444_806_040,
        plannedDurationMs: 15_000,
        eventId: 4_026_531_855,
        endPresentationTimeMs: 444_821_040,
        elapsedMs: 15_000,
        periodIndexes: [0],
        periodIds: ['123586'],
        signals: [
          out({ periodIndex: 0, periodId: '123586', path: '/Period/EventStream[1]/Event[1]', presentationTimeMs: 444_806_040, eventId: 4_026_531_855, durationMs: 15_000, scte35: section(MEDIATAILOR_XML) }),
        ],
      }),
    ],
    issues: [],
  },
  // Two 30 s OUTs 105 s apart with the same splice_event_id: the first ends by its duration, the second is still open.
  'fragment_azure-media-services-doc_eventstream_xml+bin.xml': {
    avails: [
      avail({
        startPresentationTimeMs: 1_544_716_520_023,
        plannedDurationMs: 30_000,
        eventId: 1027,
        endPresentationTimeMs: 1_544_716_550_023,
        elapsedMs: 30_000,
        signals: [out({ periodIndex: 0, path: '/EventStream/Event[1]', presentationTimeMs: 1_544_716_520_023, eventId: 1027, id: '1026', durationMs: 30_000, scte35: section(AZURE), scte35Text: AZURE })],
      }),
      avail({
        open: true,
        startPresentationTimeMs: 1_544_716_625_023,
        plannedDurationMs: 30_000,
        eventId: 1027,
        signals: [out({ periodIndex: 0, path: '/EventStream/Event[2]', presentationTimeMs: 1_544_716_625_023, eventId: 1027, id: '1027', durationMs: 30_000, scte35: section(AZURE), scte35Text: AZURE })],
      }),
    ],
    issues: [],
  },
  // time_signal 0x30 (Provider Ad Start, 30 s) + 0x31 (end of the previous ad, whose start is not in the MPD);
  // 30.36 s later 0x31 ends it and 0x30 starts a 23 s ad that is still running at the live edge.
  'orange-ott_live_single-period_xml+bin_eventstream-value.mpd': {
    avails: [
      avail({
        startTimeMs: 1_684_932_467_725,
        startPresentationTimeMs: 1_684_932_467_725,
        plannedDurationMs: 30_000,
        eventId: 391_691,
        endPresentationTimeMs: 1_684_932_498_085,
        elapsedMs: 30_360,
        signals: [
          out({ periodIndex: 0, periodId: '1', path: '/MPD/Period[1]/EventStream[1]/Event[1]', presentationTimeMs: 1_684_932_467_725, timeMs: 1_684_932_467_725, eventId: 391_691, id: '3106345436', durationMs: 30_000, segmentationTypeId: 0x30, scte35: section(ORANGE_1), scte35Text: ORANGE_1 }),
          { kind: 'in', dialect: 'dash-event', periodIndex: 0, periodId: '1', path: '/MPD/Period[1]/EventStream[1]/Event[2]', presentationTimeMs: 1_684_932_498_085, timeMs: 1_684_932_498_085, eventId: 391_691, id: '2860777356', segmentationTypeId: 0x31, scte35: section(ORANGE_2), scte35Text: ORANGE_2 },
        ],
      }),
      avail({
        open: true,
        startTimeMs: 1_684_932_498_085,
        startPresentationTimeMs: 1_684_932_498_085,
        plannedDurationMs: 23_000,
        eventId: 391_692,
        elapsedMs: 18_800, // to the end of the latest video segment, 12:48:36.885
        signals: [
          out({ periodIndex: 0, periodId: '1', path: '/MPD/Period[1]/EventStream[1]/Event[2]', presentationTimeMs: 1_684_932_498_085, timeMs: 1_684_932_498_085, eventId: 391_692, id: '2860777356', durationMs: 23_000, segmentationTypeId: 0x30, scte35: section(ORANGE_2), scte35Text: ORANGE_2 }),
        ],
      }),
    ],
    issues: ['DASH_AVAIL_ORPHAN_IN'],
  },
  // splice_insert OUTs 721 and 722 with 19 s break_duration and no IN.
  'telestream-example_xml+bin_minimal.mpd': {
    avails: [
      avail({
        startPresentationTimeMs: 10_000,
        plannedDurationMs: 19_000,
        eventId: 721,
        endPresentationTimeMs: 29_000,
        elapsedMs: 19_000,
        signals: [out({ periodIndex: 0, path: '/MPD/Period[1]/EventStream[1]/Event[1]', presentationTimeMs: 10_000, eventId: 721, durationMs: 19_000, scte35: section(TELESTREAM_1), scte35Text: TELESTREAM_1 })],
      }),
      avail({
        open: true,
        startPresentationTimeMs: 40_000,
        plannedDurationMs: 19_000,
        eventId: 722,
        signals: [out({ periodIndex: 0, path: '/MPD/Period[1]/EventStream[1]/Event[2]', presentationTimeMs: 40_000, eventId: 722, durationMs: 19_000, scte35: section(TELESTREAM_2), scte35Text: TELESTREAM_2 })],
      }),
    ],
    issues: [],
  },
  // MediaTailor output: no events (the EventStreams hold only comments); three runs of four ad Periods.
  'usp-avod-mediatailor-demo_vod_multiperiod-stitched_xml+bin.mpd': {
    avails: [
      avail({ source: 'periods', startPresentationTimeMs: 6_000, plannedDurationMs: 35_958, endPresentationTimeMs: 41_958, elapsedMs: 35_958, periodIndexes: [1, 2, 3, 4], periodIds: ['1_PT6S_0', '1_PT6S_1', '1_PT6S_2', '1_PT6S_3'] }),
      avail({ source: 'periods', startPresentationTimeMs: 55_958, plannedDurationMs: 37_959, endPresentationTimeMs: 93_917, elapsedMs: 37_959, periodIndexes: [6, 7, 8, 9], periodIds: ['1_PT20S_0', '1_PT20S_1', '1_PT20S_2', '1_PT20S_3'] }),
      avail({ source: 'periods', startPresentationTimeMs: 111_917, plannedDurationMs: 39_166, endPresentationTimeMs: 151_083, elapsedMs: 39_166, periodIndexes: [11, 12, 13, 14], periodIds: ['1_PT38S_0', '1_PT38S_1', '1_PT38S_2', '1_PT38S_3'] }),
    ],
    issues: [],
  },
};

test('avails: whole results for every fixture', { skip: skipWithoutFixtures }, () => {
  assert.deepEqual(fixtureNames(), Object.keys(EXPECTED).sort(), 'a fixture was added or removed: add its expected avails');
  for (const name of fixtureNames()) {
    const { value, issues } = scanAds(parseMpd(readFixture(name)).value);
    const expected = EXPECTED[name]!;
    assert.deepEqual(value.avails, expected.avails, name);
    assert.deepEqual(issues.map((i) => i.code), expected.issues, name);
  }
});

test('parse issues of the fixtures (several are non-conformant as published)', { skip: skipWithoutFixtures }, () => {
  const issues = Object.fromEntries(fixtureNames().map((n) => [n, parseMpd(readFixture(n)).issues.map((i) => i.code)]));
  assert.deepEqual(issues, {
    'aws-mediapackage-doc_multiperiod_splice-insert_2013xml.mpd': ['DASH_XML_UNBOUND_PREFIX', 'DASH_MPD_NAMESPACE'],
    'fragment_aws-mediatailor-doc_period_splice-insert_2013xml.xml': ['DASH_XML_UNBOUND_PREFIX', 'DASH_XML_MALFORMED', 'DASH_XML_MALFORMED', 'DASH_MISSING_MPD'],
    'fragment_azure-media-services-doc_eventstream_xml+bin.xml': ['DASH_XML_UNBOUND_PREFIX', 'DASH_MISSING_MPD'],
    'orange-ott_live_single-period_xml+bin_eventstream-value.mpd': [],
    'telestream-example_xml+bin_minimal.mpd': ['DASH_MPD_NAMESPACE'],
    'usp-avod-mediatailor-demo_vod_multiperiod-stitched_xml+bin.mpd': [],
  });
});
