import { deepStrictEqual, doesNotMatch, equal, match } from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildVast } from './build.ts';
import { fixtures } from './testing/fixtures.ts';
import { linearAd } from './testing/pods.ts';
import { buildVmap, formatTimeOffset, parseTimeOffset, parseVmap, type VmapAdBreak } from './vmap.ts';

const fx = fixtures(new URL('../../../../shared/fixtures/vast/', import.meta.url));

const TRACKING = [
  { event: 'breakStart', url: 'http://server.com/breakstart' },
  { event: 'breakEnd', url: 'http://server.com/breakend' },
  { event: 'breakEnd', url: 'http://server.com/breakend2' },
  { event: 'error', url: 'http://server.com/error?[ERRORCODE]' },
];
const emptyVast3 = { version: '3.0', ads: [], errors: [] };

describe('parseVmap on the dailymotion vmap-js samples', { skip: fx.skip }, () => {
  test('correct-vmap.xml: pre-roll and mid-roll with VAST data, post-roll with an ad tag', () => {
    const source = (id: string): NonNullable<VmapAdBreak['adSource']> => ({ id, allowMultipleAds: true, followRedirects: true, vastAdData: emptyVast3 });
    deepStrictEqual(parseVmap(fx.read('samples/dailymotion-vmap-js/correct-vmap.xml')), {
      issues: [],
      value: {
        version: '1.0',
        adBreaks: [
          { timeOffset: 'start', breakType: 'linear', breakId: 'mypre', adSource: source('1'), trackingEvents: TRACKING, extensions: [] },
          { timeOffset: 623125, breakType: 'linear', breakId: 'myid', adSource: source('2'), trackingEvents: TRACKING.slice(0, 1), extensions: [] },
          {
            timeOffset: 'end',
            breakType: 'linear',
            breakId: 'mypost',
            adSource: { id: '3', allowMultipleAds: true, followRedirects: true, adTagUri: 'http://server.com/vast.xml' },
            trackingEvents: TRACKING.slice(0, 1),
            extensions: [],
          },
        ],
      },
    });
  });

  test('correct-vmap-with-extension.xml: extensions kept as raw XML', () => {
    const { value, issues } = parseVmap(fx.read('samples/dailymotion-vmap-js/correct-vmap-with-extension.xml'));
    deepStrictEqual(issues, []);
    deepStrictEqual(
      value?.adBreaks[0]?.extensions.map((e) => e.xml.split('\n')[0]),
      ['Extension value', 'Extension2 value'],
    );
    match(value?.adBreaks[0]?.extensions[1]?.xml ?? '', /<vmap:Child childAttribute="childAttribute content"/);
  });

  test('incorrect-vmap.xml gives an issue, not an exception', () => {
    deepStrictEqual(parseVmap(fx.read('samples/dailymotion-vmap-js/incorrect-vmap.xml')), {
      value: undefined,
      issues: [{ code: 'VMAP_NOT_VMAP', severity: 'fatal', iabErrorCode: 1000, message: 'The root element is <WRONG>, not <vmap:VMAP>.', element: 'WRONG' }],
    });
  });
});

describe('parseVmap: tolerance', () => {
  const vmap = (breaks: string, version = '1.0'): string => `<vmap:VMAP xmlns:vmap="http://www.iab.net/videosuite/vmap" version="${version}">${breaks}</vmap:VMAP>`;

  test('bad time offsets drop the break; a missing breakType is read as linear; an empty AdSource is reported', () => {
    const { value, issues } = parseVmap(
      vmap('<vmap:AdBreak timeOffset="soon" breakType="linear"/><vmap:AdBreak timeOffset="#2"><vmap:AdSource><vmap:AdTagURI> </vmap:AdTagURI></vmap:AdSource></vmap:AdBreak>'),
    );
    deepStrictEqual(value, { version: '1.0', adBreaks: [{ timeOffset: '#2', breakType: 'linear', trackingEvents: [], extensions: [] }] });
    deepStrictEqual(
      issues.map((i) => [i.code, i.adBreakIndex]),
      [
        ['VMAP_BAD_TIME_OFFSET', 0],
        ['VMAP_MISSING_BREAK_TYPE', 1],
        ['VMAP_BAD_AD_SOURCE', 1],
      ],
    );
  });

  test('VAST inside VASTAdData (also in CDATA) is parsed; its issues are attached', () => {
    const { value, issues } = parseVmap(
      vmap(
        '<vmap:AdBreak timeOffset="00:00:10" breakType="linear"><vmap:AdSource><vmap:VASTAdData><![CDATA[<VAST version="4.2"><Ad><InLine><AdSystem>x</AdSystem></InLine></Ad></VAST>]]></vmap:VASTAdData></vmap:AdSource></vmap:AdBreak>',
      ),
    );
    equal(value?.adBreaks[0]?.adSource?.vastAdData?.ads[0]?.adSystem.name, 'x');
    deepStrictEqual(
      issues.map((i) => [i.code, i.adBreakIndex, i.vastIssues?.map((v) => v.code)]),
      [['VMAP_VAST_DATA', 0, ['VAST_MISSING_ELEMENT', 'VAST_MISSING_IMPRESSION', 'VAST_NO_CREATIVES']]],
    );
  });

  test('CustomAdData is kept raw with its templateType, and written back', () => {
    const xml = vmap('<vmap:AdBreak timeOffset="end" breakType="display"><vmap:AdSource><vmap:CustomAdData templateType="proprietary"><Ad id="x"/></vmap:CustomAdData></vmap:AdSource></vmap:AdBreak>');
    const { value } = parseVmap(xml);
    deepStrictEqual(value?.adBreaks[0]?.adSource, { customAdData: '<Ad id="x"/>', templateType: 'proprietary' });
    deepStrictEqual(parseVmap(buildVmap(value ?? { adBreaks: [] })).value, value);
  });

  test('not XML, or an unsupported version: fatal', () => {
    deepStrictEqual(
      parseVmap('<vmap:VMAP').issues.map((i) => i.code),
      ['VMAP_XML_MALFORMED'],
    );
    deepStrictEqual(
      parseVmap(vmap('', '2.0')).issues.map((i) => i.code),
      ['VMAP_UNSUPPORTED_VERSION'],
    );
  });

  test('time offsets', () => {
    deepStrictEqual(['start', 'end', '00:10:23.125', '25%', '#3', '12.5%', 'x', '101.5'].map(parseTimeOffset), ['start', 'end', 623125, '25%', '#3', '12.5%', undefined, undefined]);
    deepStrictEqual([623125, 'start', '25%', '#3'].map((o) => formatTimeOffset(o as never)), ['00:10:23.125', 'start', '25%', '#3']);
  });
});

describe('buildVmap', () => {
  test('builds pre/mid/post breaks that parse back to the same model', () => {
    const pod = { version: '4.2', errors: [], ads: [linearAd(1, { sequence: 1 }), linearAd(2, { sequence: 2 })] };
    const input = {
      adBreaks: [
        { timeOffset: 'start' as const, breakType: 'linear', breakId: 'pre', adSource: { id: '1', allowMultipleAds: true, followRedirects: false, vastAdData: pod }, trackingEvents: [{ event: 'breakStart', url: 'https://t/bs?a=1&b=2' }], extensions: [] },
        { timeOffset: 300000, breakType: 'linear', breakId: 'mid', adSource: { adTagUri: 'https://ads.example.com/vast?cb=[CACHEBUSTING]', templateType: 'vast3' }, trackingEvents: [], extensions: [{ type: 'x', xml: '<a b="1"/>' }] },
        { timeOffset: 'end' as const, breakType: 'linear', breakId: 'post', adSource: { vastAdData: { version: '4.2', ads: [], errors: ['https://e/[ERRORCODE]'] } }, trackingEvents: [], extensions: [] },
      ],
    };
    const xml = buildVmap(input);
    match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<vmap:VMAP xmlns:vmap="http:\/\/www.iab.net\/videosuite\/vmap" version="1.0">/);
    deepStrictEqual(parseVmap(xml), { value: { version: '1.0', adBreaks: input.adBreaks }, issues: [] });
  });

  test('VAST given as text is copied without its XML declaration; text that is not XML is escaped', () => {
    const vast = buildVast({ version: '4.2', errors: [], ads: [linearAd(1)] }, { version: '3.0' });
    const xml = buildVmap({ adBreaks: [{ timeOffset: 'start', adSource: { vastAdData: vast } }, { timeOffset: 'end', adSource: { vastAdData: '</vmap:VASTAdData></vmap:AdSource><evil/>' } }] });
    equal(xml.match(/<\?xml/g)?.length, 1);
    match(xml, /<vmap:VASTAdData>\n\s*<VAST version="3.0">/);
    doesNotMatch(xml, /<evil\/>/);
    const parsed = parseVmap(xml);
    equal(parsed.value?.adBreaks[0]?.adSource?.vastAdData?.ads[0]?.id, 'ad-1');
    equal(parsed.value?.adBreaks[1]?.adSource?.vastAdData, undefined);
    deepStrictEqual(
      parsed.issues.map((i) => [i.code, i.vastIssues?.map((v) => v.code)]),
      [['VMAP_VAST_DATA', ['VAST_XML_MALFORMED']]],
    );
  });

  test('only the tracking events VMAP defines are written; a non-integer AdSource id is left out', () => {
    const xml = buildVmap({ adBreaks: [{ timeOffset: '50%', adSource: { id: 'abc', adTagUri: 'https://a/' }, trackingEvents: [{ event: 'breakStart', url: 'https://t/1' }, { event: 'impression', url: 'https://t/2' }] }] });
    match(xml, /<vmap:Tracking event="breakStart">https:\/\/t\/1<\/vmap:Tracking>/);
    doesNotMatch(xml, /impression|id="abc"/);
  });
});
