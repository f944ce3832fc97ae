import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { VastAd, VastCreative, VastLinear } from './model.ts';
import { parseVast } from './parse.ts';
import { fixtures } from './testing/fixtures.ts';

const fx = fixtures(new URL('../../../../shared/fixtures/vast/', import.meta.url));

/** The codes parseVast reports for each sample, in order. */
const EXPECTED_CODES: Record<string, string[]> = {
  'dailymotion-vast-client-js/empty-no-ad.xml': ['VAST_NO_ADS'],
  'dailymotion-vast-client-js/empty-no-creative.xml': ['VAST_MISSING_IMPRESSION', 'VAST_NO_CREATIVES'],
  'dailymotion-vast-client-js/inline-linear.xml': [],
  'dailymotion-vast-client-js/invalid-xmlfile.xml': ['VAST_XML_MALFORMED'],
  'dailymotion-vast-client-js/outdated-vast.xml': ['VAST_UNSUPPORTED_VERSION'],
  'dailymotion-vast-client-js/sample.xml': ['VAST_BAD_DURATION'],
  'dailymotion-vast-client-js/vpaid.xml': ['VAST_MISSING_IMPRESSION', 'VAST_BAD_DURATION'],
  'dailymotion-vast-client-js/vpaid2.xml': ['VAST_MISSING_IMPRESSION', 'VAST_MEDIAFILE_INVALID'],
  'dailymotion-vast-client-js/wrapper-a.xml': [],
  'dailymotion-vast-client-js/wrapper-attributes-multiple-ads.xml': [],
  'dailymotion-vast-client-js/wrapper-b.xml': [],
  'dailymotion-vast-client-js/wrapper-empty-no-creative.xml': [],
  'dailymotion-vast-client-js/wrapper-empty.xml': [],
  'dailymotion-vast-client-js/wrapper-legacy.xml': ['VAST_LEGACY_SYNTAX'],
  'dailymotion-vast-client-js/wrapper-multiple-ads.xml': [],
  'dailymotion-vast-client-js/wrapper-unavailable-url.xml': [],
  'iab/vast-2.0/Tremor-vast2Nonlinear.xml': Array<string>(10).fill('VAST_MISSING_IMPRESSION'),
  'iab/vast-2.0/Tremor-vast2VPAIDLinear.xml': ['VAST_MISSING_IMPRESSION', 'VAST_MEDIAFILE_INVALID'],
};

describe('parseVast on every sample', { skip: fx.skip }, () => {
  const samples = fx.skip === false ? fx.samples().filter((s) => !s.startsWith('dailymotion-vmap-js/')) : [];
  test('finds the samples', () => ok(samples.length >= 60, `${samples.length} samples`));
  for (const sample of samples) {
    test(sample, () => {
      const { value, issues } = parseVast(fx.read(`samples/${sample}`));
      deepStrictEqual(
        issues.map((i) => i.code),
        EXPECTED_CODES[sample] ?? [],
      );
      const fatal = issues.some((i) => i.severity === 'fatal');
      equal(value === undefined, fatal, 'a value exactly when no issue is fatal');
      for (const issue of issues) ok(issue.iabErrorCode >= 100 && issue.message.length > 0);
      for (const ad of value?.ads ?? []) {
        for (const url of [...ad.errors, ...ad.impressions.map((i) => i.url)]) equal(url, url.trim(), 'URLs are trimmed');
        for (const c of ad.creatives) for (const m of c.linear?.mediaFiles ?? []) ok(!m.url.includes('CDATA') && m.url === m.url.trim());
      }
    });
  }
});

const linear = (overrides: Partial<VastLinear> = {}): VastLinear => ({
  mediaFiles: [],
  mezzanine: [],
  interactiveCreativeFiles: [],
  closedCaptionFiles: [],
  trackingEvents: [],
  videoClicks: { clickTracking: [], customClick: [] },
  icons: [],
  ...overrides,
});

const iabTracking = (scheme: string) => [
  { event: 'start', url: `${scheme}://example.com/tracking/start` },
  { event: 'firstQuartile', url: `${scheme}://example.com/tracking/firstQuartile` },
  { event: 'midpoint', url: `${scheme}://example.com/tracking/midpoint` },
  { event: 'thirdQuartile', url: `${scheme}://example.com/tracking/thirdQuartile` },
  { event: 'complete', url: `${scheme}://example.com/tracking/complete` },
  { event: 'progress', url: 'http://example.com/tracking/progress-10', offsetMs: 10000 },
];

const iabMediaFiles = [
  ['5241', 'VAST-4.0-Short-Intro.mp4', 2000, 1280, 720, 1500, 2500],
  ['5244', 'VAST-4.0-Short-Intro-mid-resolution.mp4', 1000, 854, 480, 700, 1500],
  ['5246', 'VAST-4.0-Short-Intro-low-resolution.mp4', 600, 640, 360, 500, 700],
].map(([id, file, bitrate, width, height, minBitrate, maxBitrate]) => ({
  id: String(id),
  url: `https://iab-publicfiles.s3.amazonaws.com/vast/${String(file)}`,
  delivery: 'progressive' as const,
  type: 'video/mp4',
  bitrate: Number(bitrate),
  width: Number(width),
  height: Number(height),
  minBitrate: Number(minBitrate),
  maxBitrate: Number(maxBitrate),
  scalable: true,
  maintainAspectRatio: true,
  codec: 'H.264',
}));

describe('parseVast: whole documents', { skip: fx.skip }, () => {
  test('IAB VAST 4.0 Inline_Linear_Tag-test.xml', () => {
    deepStrictEqual(parseVast(fx.read('samples/iab/vast-4.0/Inline_Linear_Tag-test.xml')), {
      issues: [],
      value: {
        version: '4.0',
        errors: [],
        ads: [
          {
            id: '20001',
            sequence: 1,
            conditionalAd: false,
            kind: 'inline',
            adSystem: { name: 'iabtechlab', version: '4.0' },
            adTitle: 'iabtechlab video ad',
            categories: [],
            pricing: { model: 'cpm', currency: 'USD', value: '25.00' },
            impressions: [{ id: 'Impression-ID', url: 'http://example.com/track/impression' }],
            errors: ['http://example.com/error'],
            adVerifications: [],
            extensions: [{ type: 'iab-Count', xml: '<total_available>\n            <![CDATA[ 2 ]]>\n          </total_available>' }],
            creatives: [
              {
                id: '5480',
                sequence: 1,
                adId: '2447226',
                universalAdIds: [{ idRegistry: 'Ad-ID', value: '8465' }],
                creativeExtensions: [],
                linear: linear({
                  durationMs: 16000,
                  trackingEvents: iabTracking('http'),
                  mediaFiles: iabMediaFiles,
                  videoClicks: { clickThrough: { id: 'blog', url: 'https://iabtechlab.com' }, clickTracking: [], customClick: [] },
                }),
              },
            ],
          },
        ],
      },
    });
  });

  test('IAB VAST 3.0 Wrapper_Tag-test.xml', () => {
    deepStrictEqual(parseVast(fx.read('samples/iab/vast-3.0/Wrapper_Tag-test.xml')), {
      issues: [],
      value: {
        version: '3.0',
        errors: [],
        ads: [
          {
            id: '20011',
            kind: 'wrapper',
            adSystem: { name: 'iabtechlab', version: '4.0' },
            categories: [],
            impressions: [{ url: 'http://example.com/track/impression' }],
            errors: ['http://example.com/error'],
            adVerifications: [],
            extensions: [],
            wrapper: { vastAdTagUri: 'https://raw.githubusercontent.com/InteractiveAdvertisingBureau/VAST_Samples/master/VAST%203.0%20Samples/Inline_Companion_Tag-test.xml' },
            creatives: [
              {
                id: '5480',
                sequence: 1,
                universalAdIds: [],
                creativeExtensions: [],
                companionAds: {
                  companions: [
                    {
                      id: '1232',
                      width: 100,
                      height: 150,
                      assetWidth: 250,
                      assetHeight: 200,
                      expandedWidth: 350,
                      expandedHeight: 250,
                      staticResources: [{ creativeType: 'image/png', url: 'https://www.iab.com/wp-content/uploads/2014/09/iab-tech-lab-6-644x290.png' }],
                      iframeResources: [],
                      htmlResources: [],
                      clickThrough: 'https://iabtechlab.com',
                      clickTracking: [],
                      trackingEvents: [],
                    },
                  ],
                },
              },
            ],
          },
        ],
      },
    });
  });

  test('IAB VAST 4.1: AdServingId, closed captions, Mezzanine with attributes, InteractiveCreativeFile, ViewableImpression', () => {
    const cc = parseVast(fx.read('samples/iab/vast-4.1/Closed_Caption_Test.xml')).value?.ads[0];
    equal(cc?.adServingId, 'a532d16d-4d7f-4440-bd29-2ec0e693fc83');
    deepStrictEqual(cc?.creatives[0]?.linear?.closedCaptionFiles, [
      { type: 'text/srt', language: 'en', url: 'https://mycdn.example.com/creatives/creative001.srt' },
      { type: 'text/srt', language: 'fr', url: 'https://mycdn.example.com/creatives/creative001-1.srt' },
      { type: 'text/vtt', language: 'zh-TW', url: 'https://mycdn.example.com/creatives/creative001.vtt' },
      { type: 'application/ttml+xml', language: 'zh-CH', url: 'https://mycdn.example.com/creatives/creative001.ttml' },
    ]);
    const ssai = parseVast(fx.read('samples/iab/vast-4.1/SSAI_stitching_VPAID_separation-test.xml')).value?.ads[0]?.creatives[0]?.linear;
    deepStrictEqual(ssai?.mezzanine, [
      { delivery: 'streaming', width: 1280, height: 120, type: 'video/mp4', url: 'rtsp://pilot.iabtechlab.com/rawvideo?type=complete&imprid=s5-ea2f7f298e28c0c98374491aec3dfeb1&ts=4235' },
    ]);
    deepStrictEqual(ssai?.interactiveCreativeFiles, [{ url: 'https://pilot.iabtechlab.com/beacon?type=complete&imprid=s5-ea2f7f298e28c0c98374491aec3dfeb1&ts=4235' }]);
    const mezz40 = parseVast(fx.read('samples/iab/vast-4.0/SSAI_stitching_mezzanine_file_support-test.xml')).value?.ads[0]?.creatives[0]?.linear?.mezzanine;
    deepStrictEqual(mezz40, [{ url: 'http://pilot.iabtechlab.com/beacon?type=complete&imprid=s5-ea2f7f298e28c0c98374491aec3dfeb1&ts=4235', delivery: 'progressive', type: '', width: 0, height: 0 }]);
    const viewable = parseVast(fx.read('samples/iab/vast-4.1/Viewable_Impression-test.xml')).value?.ads[0];
    const url = 'https://search.iabtechlab.com/error?errcode=102&imprid=s5-ea2f7f298e28c0c98374491aec3dfeb1&ts=1243';
    deepStrictEqual(viewable?.viewableImpression, { id: '1543', viewable: [url], notViewable: [url], viewUndetermined: [url] });
    deepStrictEqual(viewable?.wrapper, {
      vastAdTagUri: 'https://raw.githubusercontent.com/InteractiveAdvertisingBureau/VAST_Samples/master/VAST%204.0%20Samples/Inline_Companion_Tag-test.xml',
      followAdditionalWrappers: false,
      allowMultipleAds: true,
      fallbackOnNoAd: false,
    });
    equal(parseVast(fx.read('samples/iab/vast-4.1/Audio_DAAST_Sample.xml')).value?.ads[0]?.adType, 'audio');
    deepStrictEqual(parseVast(fx.read('samples/iab/vast-4.0/Category-test.xml')).value?.ads[0]?.categories, [
      { authority: 'http://www.iabtechlab.com/categoryauthority', value: 'American Cuisine' },
      { authority: 'http://www.iabtechlab.com/categoryauthority', value: 'Guitar' },
      { authority: 'http://www.iabtechlab.com/categoryauthority', value: 'Vegan' },
    ]);
  });

  test('AdVerifications in an Extension (IAB advice before VAST 4.1) are read too', () => {
    const ad = parseVast(fx.read('samples/iab/vast-2.0/Inline_NonLinear_Verification_VAST2.0.xml')).value?.ads[0];
    deepStrictEqual(ad?.adVerifications, [
      {
        vendor: 'company.com-omid',
        javaScriptResources: [{ url: 'https://company.com/omid.js', apiFramework: 'omid', browserOptional: true }],
        executableResources: [],
        trackingEvents: [{ event: 'verificationNotExecuted', url: 'https://company.com/pixel.jpg?error=[REASON]' }],
        verificationParameters: 'parameter1=value1&parameter2=value2&parameter3=value3',
      },
    ]);
    equal(ad?.extensions[0]?.type, 'AdVerifications', 'the raw extension is kept as well');
  });

  test('dailymotion sample.xml: a pod ad with every creative kind, and a stand-alone VPAID ad', () => {
    const { value, issues } = parseVast(fx.read('samples/dailymotion-vast-client-js/sample.xml'));
    deepStrictEqual(issues, [
      {
        code: 'VAST_BAD_DURATION',
        severity: 'warning',
        message: '<Duration>30</Duration> is not HH:MM:SS[.mmm].',
        iabErrorCode: 101,
        adIndex: 1,
        adId: 'ad_id_0002',
        creativeIndex: 0,
        element: 'Duration',
        value: '30',
      },
    ]);
    const track = (event: string, suffix = event): { event: string; url: string } => ({ event, url: `http://example.com/linear-${suffix}` });
    const nlTrack = (event: string): { event: string; url: string } => ({ event, url: `http://example.com/nonlinear-${event}` });
    const noResources = { staticResources: [], iframeResources: [], htmlResources: [] };
    const first: VastAd = {
      id: 'ad_id_0001',
      sequence: 1,
      kind: 'inline',
      adServingId: 'a532d16d-4d7f-4440-bd29-2ec0e693fc80',
      adSystem: { name: 'AdServer', version: '2.0' },
      adTitle: 'Ad title',
      advertiser: 'Advertiser name',
      description: 'Description text',
      pricing: { model: 'CPM', currency: 'USD', value: '1.09' },
      survey: 'http://example.com/survey',
      categories: [],
      errors: ['http://example.com/error_[ERRORCODE]'],
      impressions: [
        { id: 'sample-impression1', url: 'http://example.com/impression1_asset:[ASSETURI]_[CACHEBUSTING]' },
        { id: 'sample-impression2', url: 'http://example.com/impression2_[random]' },
        { id: 'sample-impression3', url: 'http://example.com/impression3_[RANDOM]' },
      ],
      adVerifications: [
        {
          vendor: 'company.com-omid',
          javaScriptResources: [{ url: 'http://example.com/omid1', apiFramework: 'omid', browserOptional: true }],
          executableResources: [],
          trackingEvents: [],
        },
        {
          vendor: 'company2.com-omid',
          javaScriptResources: [{ url: 'http://example.com/omid2', apiFramework: 'omid', browserOptional: false }],
          executableResources: [],
          trackingEvents: [],
          verificationParameters: 'test-verification-parameter',
        },
      ],
      extensions: [
        { type: 'Pricing', xml: '<Price model="CPM" currency="USD" source="someone">\n            <![CDATA[ 0 ]]>\n          </Price>' },
        { type: 'Count', xml: '<!-- -->\n          <![CDATA[ 4 ]]>' },
        { xml: '{ foo: bar }' },
      ],
      creatives: [
        {
          id: 'id130984',
          adId: 'adId345690',
          sequence: 1,
          universalAdIds: [{ idRegistry: 'daily-motion-L1', value: 'Linear-12345' }],
          creativeExtensions: [],
          linear: linear({
            durationMs: 90123,
            trackingEvents: [
              track('midpoint'),
              track('complete'),
              track('start'),
              track('firstQuartile'),
              track('close'),
              track('thirdQuartile'),
              { event: 'progress', url: 'http://example.com/linear-progress-30sec', offsetMs: 30000 },
              { event: 'progress', url: 'http://example.com/linear-progress-60%', offsetPercent: 60 },
            ],
            videoClicks: {
              clickThrough: { id: 'click-through', url: 'http://example.com/linear-clickthrough_adplayhead:[ADPLAYHEAD]' },
              clickTracking: [
                { id: 'video-click-1', url: 'http://example.com/linear-clicktracking1_ts:[TIMESTAMP]_adplayhead:[ADPLAYHEAD]' },
                { id: 'video-click-2', url: 'http://example.com/linear-clicktracking2' },
              ],
              customClick: [{ id: 'custom-click-1', url: 'http://example.com/linear-customclick' }],
            },
            mediaFiles: [
              { url: 'http://example.com/linear-asset.mp4', delivery: 'progressive', type: 'video/mp4', bitrate: 849, width: 512, height: 288, scalable: true },
              {
                url: 'parser.js?adData=http%3A%2F%2Fad.com%2F%3Fcb%3D%5Btime%5D',
                apiFramework: 'VPAID',
                type: 'application/javascript',
                width: 512,
                height: 288,
                delivery: 'progressive',
              },
            ],
            mezzanine: [
              { id: 'mezzanine-id-165468451', type: 'video/mp4', width: 1080, height: 720, delivery: 'progressive', codec: 'h264', fileSize: 700, url: 'http://example.com/linear-mezzanine.mp4' },
            ],
            icons: [
              {
                program: 'ad1',
                width: 60,
                height: 20,
                xPosition: 'left',
                yPosition: 'bottom',
                durationMs: 90000,
                offsetMs: 15000,
                apiFramework: 'VPAID',
                pxratio: 2,
                staticResources: [{ creativeType: 'image/gif', url: 'http://example.com/linear-icon.gif' }],
                iframeResources: [],
                htmlResources: [],
                viewTracking: ['http://example.com/linear-viewtracking'],
                clickThrough: 'http://example.com/linear-clickthrough',
                clickTracking: [
                  { id: 'icon-click-1', url: 'http://example.com/linear-clicktracking1' },
                  { id: 'icon-click-2', url: 'http://example.com/linear-clicktracking2' },
                ],
              },
            ],
          }),
        },
        {
          id: 'id130985',
          adId: 'adId345691',
          sequence: 2,
          universalAdIds: [{ idRegistry: 'daily-motion-L1', value: 'Linear-12345' }],
          creativeExtensions: [],
          companionAds: {
            companions: [
              {
                width: 300,
                height: 60,
                ...noResources,
                staticResources: [{ creativeType: 'image/jpeg', url: 'http://example.com/companion1-static-resource' }],
                altText: 'Sample Alt Text Content!!!!',
                trackingEvents: [{ event: 'creativeView', url: 'http://example.com/companion1-creativeview' }],
                clickThrough: 'http://example.com/companion1-clickthrough',
                clickTracking: [{ id: '123', url: 'http://example.com/companion1-clicktracking-first' }, { url: 'http://example.com/companion1-clicktracking-second' }],
              },
              {
                width: 300,
                height: 60,
                ...noResources,
                iframeResources: ['http://www.example.com/companion2-example.php'],
                clickThrough: 'http://www.example.com/companion2-clickthrough',
                clickTracking: [],
                trackingEvents: [],
              },
              {
                width: 300,
                height: 60,
                ...noResources,
                htmlResources: ['<a href="http://www.example.com" target="_blank">Some call to action HTML!</a>'],
                clickThrough: 'http://www.example.com/companion3-clickthrough',
                clickTracking: [],
                trackingEvents: [],
              },
            ],
          },
        },
        {
          id: 'id130986',
          universalAdIds: [{ idRegistry: 'daily-motion-L1', value: 'Linear-12345' }],
          creativeExtensions: [],
          nonLinearAds: {
            trackingEvents: ['midpoint', 'complete', 'start', 'firstQuartile', 'close', 'thirdQuartile'].map(nlTrack),
            nonLinears: [
              {
                width: 300,
                height: 200,
                expandedWidth: 600,
                expandedHeight: 400,
                scalable: false,
                maintainAspectRatio: true,
                minSuggestedDurationMs: 100000,
                apiFramework: 'someAPI',
                ...noResources,
                staticResources: [{ creativeType: 'image/jpeg', url: 'http://example.com/nonlinear-static-resource' }],
                adParameters: { value: '{"key":"value"}' },
                clickThrough: 'http://example.com/nonlinear-clickthrough',
                clickTracking: [{ id: 'nonlinear-click-1', url: 'http://example.com/nonlinear-clicktracking-1' }, { url: 'http://example.com/nonlinear-clicktracking-2' }],
              },
            ],
          },
        },
      ],
    };
    const vpaidCreative: VastCreative = {
      id: 'id873421',
      adId: 'adId221144',
      apiFramework: 'VPAID',
      universalAdIds: [{ idRegistry: 'daily-motion-L1', value: 'Linear-12345' }],
      creativeExtensions: [],
      linear: linear({
        skipOffset: { ms: 10000 },
        mediaFiles: [{ url: 'http://example.com/vpaid.js', delivery: 'progressive', type: 'application/javascript', width: 512, height: 288, apiFramework: 'VPAID' }],
        videoClicks: { clickTracking: [{ url: 'http://example.com/linear-clicktracking' }], customClick: [] },
      }),
    };
    const second: VastAd = {
      id: 'ad_id_0002',
      kind: 'inline',
      adServingId: 'a532d16d-4d7f-4440-bd29-2ec0e693fc80',
      adSystem: { name: 'AdServer2', version: '2.1' },
      adTitle: 'Ad title 2',
      categories: [],
      errors: [],
      impressions: [{ id: 'sample-ad2-impression1', url: 'http://example.com/impression1' }],
      adVerifications: [],
      extensions: [],
      creatives: [vpaidCreative],
    };
    deepStrictEqual(value, { version: '4.3', errors: [], ads: [first, second] });
  });

  test('empty-no-ad.xml: a no-ad response with its root Error URL', () => {
    deepStrictEqual(parseVast(fx.read('samples/dailymotion-vast-client-js/empty-no-ad.xml')), {
      value: { version: '4.3', ads: [], errors: ['http://example.com/empty-no-ad'] },
      issues: [{ code: 'VAST_NO_ADS', severity: 'warning', iabErrorCode: 303, message: 'No ads: a no-ad response (its Error URLs are in errors).' }],
    });
  });

  test('broken documents give issues and no value', () => {
    deepStrictEqual(parseVast(fx.read('samples/dailymotion-vast-client-js/invalid-xmlfile.xml')), {
      value: undefined,
      issues: [{ code: 'VAST_XML_MALFORMED', severity: 'fatal', iabErrorCode: 100, message: 'Not a well-formed XML document: no root element.' }],
    });
    deepStrictEqual(parseVast(fx.read('samples/dailymotion-vast-client-js/outdated-vast.xml')), {
      value: undefined,
      issues: [{ code: 'VAST_UNSUPPORTED_VERSION', severity: 'fatal', iabErrorCode: 102, message: 'VAST 1.0 (<VideoAdServingTemplate>) is not supported.', element: 'VideoAdServingTemplate' }],
    });
  });

  test('wrapper-legacy.xml: a VAST 1-style <VASTAdTagURL><URL> is followed anyway', () => {
    const { value } = parseVast(fx.read('samples/dailymotion-vast-client-js/wrapper-legacy.xml'));
    deepStrictEqual(value?.errors, ['http://example.com/wrapper-error']);
    deepStrictEqual(value?.ads[0]?.wrapper, { vastAdTagUri: 'inline-linear.xml' });
  });

  test('wrapper attributes accept 1/0/true/false/True', () => {
    const ads = parseVast(fx.read('samples/dailymotion-vast-client-js/wrapper-attributes-multiple-ads.xml')).value?.ads ?? [];
    deepStrictEqual(
      ads.map((a) => a.wrapper),
      [
        { vastAdTagUri: 'sample.xml' },
        { vastAdTagUri: 'wrapper-b.xml', allowMultipleAds: false, followAdditionalWrappers: false },
        { vastAdTagUri: 'wrapper-b.xml', allowMultipleAds: true, followAdditionalWrappers: true },
        { vastAdTagUri: 'sample.xml', allowMultipleAds: true, followAdditionalWrappers: false },
      ],
    );
  });
});

const vast = (body: string, version = '4.2'): string => `<?xml version="1.0"?>\n<VAST version="${version}" xmlns="http://www.iab.com/VAST">${body}</VAST>\n`;
const inline = (inner: string, adAttrs = 'id="a1"'): string =>
  vast(`<Ad ${adAttrs}><InLine><AdSystem>s</AdSystem><AdTitle>t</AdTitle><Impression>https://i.example.com/</Impression><Creatives>${inner}</Creatives></InLine></Ad>`);
const linearXml = (attrs: string, inner: string): string =>
  inline(`<Creative><Linear ${attrs}>${inner}<MediaFiles><MediaFile delivery="progressive" type="video/mp4" width="640" height="360">https://m.example.com/a.mp4</MediaFile></MediaFiles></Linear></Creative>`);

describe('parseVast: what it tolerates and reports', () => {
  test('entities in text and attributes are decoded; CDATA is literal; white space is trimmed', () => {
    const xml = inline(
      `<Creative><Linear><Duration> 00:00:30.000 </Duration><TrackingEvents>` +
        `<Tracking event="start">\n  https://t.example.com/s?a=1&amp;b=2&#38;c=&#x33;  \n</Tracking>` +
        `<Tracking event="complete"><![CDATA[ https://t.example.com/c?a=1&amp;b=2 ]]></Tracking>` +
        `</TrackingEvents><MediaFiles><MediaFile delivery="progressive" type="video/mp4" width="640" height="360" codec="a&quot;b">https://m.example.com/a.mp4?x=1&amp;y=2</MediaFile></MediaFiles></Linear></Creative>`,
    );
    const l = parseVast(xml).value?.ads[0]?.creatives[0]?.linear;
    deepStrictEqual(l?.trackingEvents, [
      { event: 'start', url: 'https://t.example.com/s?a=1&b=2&c=3' },
      { event: 'complete', url: 'https://t.example.com/c?a=1&amp;b=2' },
    ]);
    equal(l?.mediaFiles[0]?.url, 'https://m.example.com/a.mp4?x=1&y=2');
    equal(l?.mediaFiles[0]?.codec, 'a"b');
    equal(l?.durationMs, 30000);
  });

  test('DOCTYPE entities are not expanded', () => {
    const xml = `<!DOCTYPE VAST [<!ENTITY boom "BOOM">]>\n<VAST version="4.2"><Error>https://e.example.com/&boom;</Error></VAST>`;
    deepStrictEqual(parseVast(xml).value?.errors, ['https://e.example.com/&boom;']);
  });

  test('a namespace prefix on the elements is accepted', () => {
    const xml = `<v:VAST xmlns:v="http://www.iab.com/VAST" version="4.1"><v:Error>https://e.example.com/</v:Error></v:VAST>`;
    deepStrictEqual(parseVast(xml).value, { version: '4.1', ads: [], errors: ['https://e.example.com/'] });
  });

  test('not XML, not VAST, truncated, or an unsupported version: fatal, no value', () => {
    const codes = (xml: string): string[] => parseVast(xml).issues.map((i) => `${i.severity}:${i.code}`);
    deepStrictEqual(codes(''), ['fatal:VAST_XML_MALFORMED']);
    deepStrictEqual(codes('<html><body>502 Bad Gateway</body></html>'), ['fatal:VAST_NOT_VAST']);
    deepStrictEqual(codes(inline('').slice(0, -20)), ['fatal:VAST_XML_MALFORMED']);
    deepStrictEqual(codes('<VAST version="4.2"><Ad><InLine><AdTitle><![CDATA[x</AdTitle></InLine></Ad></VAST>'), ['fatal:VAST_XML_MALFORMED']);
    deepStrictEqual(codes('<VAST version="4.2"/><VAST version="4.2"/>'), ['fatal:VAST_XML_MALFORMED']);
    deepStrictEqual(codes(vast('', '5.0')), ['fatal:VAST_UNSUPPORTED_VERSION']);
    deepStrictEqual(codes(vast('', '1.0')), ['fatal:VAST_UNSUPPORTED_VERSION']);
    deepStrictEqual(codes('<VAST version="3.0"/>'), ['warning:VAST_NO_ADS']);
    deepStrictEqual(codes('<VAST version="3.0"/>\n<!-- served by x -->\n'), ['warning:VAST_NO_ADS']);
    deepStrictEqual(codes('<VAST><Error>https://e.example.com/</Error></VAST>'), ['warning:VAST_MISSING_VERSION', 'warning:VAST_NO_ADS']);
    equal(parseVast(vast('', '4.3')).value?.version, '4.3');
  });

  test('an <Ad> with neither InLine nor Wrapper is left out', () => {
    const { value, issues } = parseVast(vast('<Ad id="x"></Ad>'));
    deepStrictEqual(value?.ads, []);
    deepStrictEqual(
      issues.map((i) => [i.code, i.adIndex, i.adId]),
      [
        ['VAST_AD_EMPTY', 0, 'x'],
        ['VAST_NO_ADS', undefined, undefined],
      ],
    );
  });

  test('a wrapper without VASTAdTagURI is kept (its Error URLs can be fired with 300)', () => {
    const { value, issues } = parseVast(vast('<Ad><Wrapper><AdSystem>s</AdSystem><Error>https://e.example.com/[ERRORCODE]</Error><Impression>https://i.example.com/</Impression></Wrapper></Ad>'));
    deepStrictEqual(value?.ads[0]?.wrapper, { vastAdTagUri: '' });
    deepStrictEqual(
      issues.map((i) => [i.code, i.iabErrorCode]),
      [['VAST_MISSING_ADTAGURI', 300]],
    );
  });

  test('durations and offsets', () => {
    const l = (attrs: string, duration: string, tracking = ''): { linear: VastLinear | undefined; codes: string[] } => {
      const r = parseVast(linearXml(attrs, `<Duration>${duration}</Duration><TrackingEvents>${tracking}</TrackingEvents>`));
      return { linear: r.value?.ads[0]?.creatives[0]?.linear, codes: r.issues.map((i) => i.code) };
    };
    equal(l('', '00:00:30').linear?.durationMs, 30000);
    equal(l('', '01:02:03.5').linear?.durationMs, 3723500);
    equal(l('', '00:00:10.1234').linear?.durationMs, 10123);
    deepStrictEqual(l('', '30').codes, ['VAST_BAD_DURATION']);
    equal(l('', '30').linear?.durationMs, undefined);
    deepStrictEqual(l('skipoffset="00:00:05"', '00:00:30').linear?.skipOffset, { ms: 5000 });
    deepStrictEqual(l('skipoffset="12.5%"', '00:00:30').linear?.skipOffset, { percent: 12.5 });
    deepStrictEqual(l('skipoffset="soon"', '00:00:30').codes, ['VAST_BAD_OFFSET']);
    deepStrictEqual(l('', '00:00:30', '<Tracking event="progress" offset="25%">https://t.example.com/p</Tracking>').linear?.trackingEvents, [
      { event: 'progress', url: 'https://t.example.com/p', offsetPercent: 25 },
    ]);
    const bad = l('', '00:00:30', '<Tracking event="progress" offset="later">https://t.example.com/p</Tracking><Tracking event="start"> </Tracking><Tracking>https://t.example.com/x</Tracking>');
    deepStrictEqual(bad.linear?.trackingEvents, [{ event: 'progress', url: 'https://t.example.com/p' }]);
    deepStrictEqual(bad.codes, ['VAST_BAD_OFFSET', 'VAST_EMPTY_URL', 'VAST_MISSING_ELEMENT']);
  });

  test('media files: missing attributes, bad numbers, no files', () => {
    const r = parseVast(
      inline(
        '<Creative><Linear><Duration>00:00:10</Duration><MediaFiles>' +
          '<MediaFile type="video/mp4" width="a" bitrate="fast">https://m.example.com/1.mp4</MediaFile>' +
          '<MediaFile delivery="progressive" type="video/mp4" width="1" height="1"> </MediaFile>' +
          '<MediaFile delivery="streaming" type="application/x-mpegURL" width="1280" height="720" bitrate="1500.0">https://m.example.com/1.m3u8</MediaFile>' +
          '</MediaFiles></Linear></Creative>',
      ),
    );
    deepStrictEqual(r.value?.ads[0]?.creatives[0]?.linear?.mediaFiles, [
      { url: 'https://m.example.com/1.mp4', delivery: 'progressive', type: 'video/mp4', width: 0, height: 0 },
      { url: 'https://m.example.com/1.m3u8', delivery: 'streaming', type: 'application/x-mpegURL', width: 1280, height: 720, bitrate: 1500 },
    ]);
    deepStrictEqual(
      r.issues.map((i) => [i.code, i.iabErrorCode]),
      [
        ['VAST_MEDIAFILE_INVALID', 403],
        ['VAST_BAD_VALUE', 101],
        ['VAST_EMPTY_URL', 101],
      ],
    );
    const none = parseVast(inline('<Creative><Linear><Duration>00:00:10</Duration></Linear></Creative>'));
    deepStrictEqual(
      none.issues.map((i) => [i.code, i.iabErrorCode, i.creativeIndex]),
      [['VAST_MISSING_MEDIAFILES', 401, 0]],
    );
  });

  test('a VAST 1-style <MediaFile><URL> inside a VAST 2+ document is read, with a warning', () => {
    const r = parseVast(inline('<Creative><Linear><Duration>00:00:10</Duration><MediaFiles><MediaFile delivery="progressive" type="video/mp4" width="2" height="1"><URL><![CDATA[https://m/a.mp4]]></URL></MediaFile></MediaFiles></Linear></Creative>'));
    deepStrictEqual(r.value?.ads[0]?.creatives[0]?.linear?.mediaFiles, [{ url: 'https://m/a.mp4', delivery: 'progressive', type: 'video/mp4', width: 2, height: 1 }]);
    deepStrictEqual(
      r.issues.map((i) => i.code),
      ['VAST_LEGACY_SYNTAX'],
    );
  });

  test('attribute spellings seen in the wild: AdID/adID, skipOffset, adSlotID', () => {
    const r = parseVast(
      inline(
        '<Creative AdID="x1"><Linear skipOffset="00:00:03"><Duration>00:00:10</Duration><MediaFiles><MediaFile delivery="progressive" type="video/mp4" width="1" height="1">https://m/</MediaFile></MediaFiles></Linear></Creative>' +
          '<Creative adID="x2"><CompanionAds><Companion width="1" height="1" adSlotID="slot"><IFrameResource>https://f/</IFrameResource></Companion></CompanionAds></Creative>',
      ),
    );
    const [c1, c2] = r.value?.ads[0]?.creatives ?? [];
    equal(c1?.adId, 'x1');
    deepStrictEqual(c1?.linear?.skipOffset, { ms: 3000 });
    equal(c2?.adId, 'x2');
    equal(c2?.companionAds?.companions[0]?.adSlotId, 'slot');
    deepStrictEqual(r.issues, []);
  });
});
