import { deepStrictEqual, equal } from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DOMParser } from '@xmldom/xmldom';
import { VASTParser } from '@dailymotion/vast-client';
import { mergeWrapper } from './merge-wrapper.ts';
import type { VastAd, VastDocument, VastTrackingEvent, VastUrl } from './model.ts';
import { parseVast } from './parse.ts';
import { fixtures } from './testing/fixtures.ts';
import { linearAd, wrapperAd } from './testing/pods.ts';
import { adsForWrapper } from './wrapper-ads.ts';

const fx = fixtures(new URL('../../../../shared/fixtures/vast/', import.meta.url));
const DM = 'samples/dailymotion-vast-client-js/';

function doc(name: string): VastDocument {
  const { value } = parseVast(fx.read(DM + name));
  if (!value) throw new Error(`${name} does not parse`);
  return value;
}

/** wrapper-a → wrapper-b → sample.xml, resolved as a stitcher would (bottom-up). */
function resolveChain(): VastAd {
  const a = doc('wrapper-a.xml').ads[0];
  const b = doc('wrapper-b.xml').ads[0];
  if (!a || !b) throw new Error('wrappers have ads');
  const [inner] = adsForWrapper(b, doc('sample.xml'));
  if (!inner) throw new Error('sample.xml has a stand-alone ad');
  return mergeWrapper(a, mergeWrapper(b, inner));
}

describe('mergeWrapper: the wrapper-a → wrapper-b → sample.xml chain', { skip: fx.skip }, () => {
  test('gives the inner ad with every wrapper tracker added', () => {
    const u = (url: string, id?: string): VastUrl => (id === undefined ? { url: `http://example.com/${url}` } : { id, url: `http://example.com/${url}` });
    const ev = (event: string, url: string, offset?: { offsetMs: number } | { offsetPercent: number }): VastTrackingEvent => ({ event, url: `http://example.com/${url}`, ...offset });
    const expected: VastAd = {
      id: 'ad_id_0002',
      kind: 'inline',
      adServingId: 'a532d16d-4d7f-4440-bd29-2ec0e693fc80',
      adSystem: { name: 'AdServer2', version: '2.1' },
      adTitle: 'Ad title 2',
      categories: [],
      impressions: [u('wrapperA-impression', 'wrapper-a-impression'), u('wrapperB-impression1', 'wrapper-b-impression1'), u('wrapperB-impression2', 'wrapper-b-impression2'), u('impression1', 'sample-ad2-impression1')],
      errors: ['http://example.com/wrapperA-error', 'http://example.com/wrapperB-error'],
      adVerifications: [],
      extensions: [{ type: 'WrapperExtension', xml: '<extension_tag>\n            <![CDATA[ extension_value ]]>\n          </extension_tag>' }],
      creatives: [
        {
          id: 'a:ca1',
          universalAdIds: [],
          creativeExtensions: [],
          companionAds: {
            companions: [
              {
                width: 300,
                height: 60,
                staticResources: [],
                iframeResources: ['http://www.example.com/wrapperA-companion2-example.php'],
                htmlResources: [],
                clickThrough: 'http://example.com/wrapperA-companion2-click-thru',
                clickTracking: [],
                trackingEvents: [],
              },
            ],
          },
        },
        {
          id: 'b:ca1',
          universalAdIds: [],
          creativeExtensions: [],
          companionAds: {
            companions: [
              {
                width: 300,
                height: 60,
                staticResources: [],
                iframeResources: ['http://www.example.com/wrapperB-companion2-example.php'],
                htmlResources: [],
                clickThrough: 'http://example.com/wrapperB-companion2-click-thru',
                // wrapper-a's resource-less companion only carries a tracker for the companions below it.
                clickTracking: [u('wrapperA-companion1-click-tracking')],
                trackingEvents: [],
              },
            ],
          },
        },
        {
          id: 'id873421',
          adId: 'adId221144',
          apiFramework: 'VPAID',
          universalAdIds: [{ idRegistry: 'daily-motion-L1', value: 'Linear-12345' }],
          creativeExtensions: [],
          linear: {
            skipOffset: { ms: 10000 },
            mediaFiles: [{ url: 'http://example.com/vpaid.js', delivery: 'progressive', type: 'application/javascript', width: 512, height: 288, apiFramework: 'VPAID' }],
            mezzanine: [],
            interactiveCreativeFiles: [],
            closedCaptionFiles: [],
            icons: [],
            trackingEvents: [
              ev('start', 'wrapperB-linear-start'),
              ev('progress', 'wrapperB-linear-progress-30sec', { offsetMs: 30000 }),
              ev('progress', 'wrapperB-linear-progress-60%', { offsetPercent: 60 }),
              ev('complete', 'wrapperB-linear-complete'),
              ev('start', 'wrapperA-linear-start1'),
              ev('progress', 'wrapperA-linear-progress-30sec', { offsetMs: 30000 }),
              ev('progress', 'wrapperA-linear-progress-60%', { offsetPercent: 60 }),
              ev('complete', 'wrapperA-linear-complete'),
              ev('start', 'wrapperA-linear-start2'),
              ev('progress', 'wrapperA-linear-progress-90%', { offsetPercent: 90 }),
            ],
            videoClicks: {
              // The inner linear has no ClickThrough: the nearest wrapper's is used (VAST 2 behaviour).
              clickThrough: u('wrapperB-linear-clickthrough'),
              clickTracking: [
                u('linear-clicktracking'),
                u('wrapperB-linear-clicktracking', 'WRAP'),
                u('wrapperA-linear-clicktracking1', 'wrapper-video-click-1'),
                u('wrapperA-linear-clicktracking2'),
                u('wrapperA-linear-clicktracking3', 'wrapper-video-click-3'),
              ],
              customClick: [u('wrapperA-linear-customclick', '123')],
            },
          },
        },
      ],
    };
    deepStrictEqual(resolveChain(), expected);
  });

  test('agrees with @dailymotion/vast-client resolving the same chain', async () => {
    const load = (name: string): unknown => new DOMParser().parseFromString(fx.read(DM + name), 'text/xml');
    const fetcher = { fetchVAST: ({ url }: { url: string }) => Promise.resolve(load(url.split('/').pop() ?? '')) };
    const parser = new VASTParser({ fetcher } as never);
    const response = (await parser.parseVAST(load('wrapper-a.xml') as never, { resolveAll: true } as never)) as {
      ads: { id: string; errorURLTemplates: string[]; impressionURLTemplates: { url: string }[]; creatives: DmCreative[] }[];
    };
    type DmCreative = {
      type: string;
      trackingEvents: Record<string, string[]>;
      videoClickTrackingURLTemplates: { url: string }[];
      videoCustomClickURLTemplates: { url: string }[];
      videoClickThroughURLTemplate: { url: string } | null;
    };
    const theirs = response.ads[0];
    const ours = resolveChain();
    equal(theirs?.id, ours.id);
    deepStrictEqual(theirs?.impressionURLTemplates.map((i) => i.url), ours.impressions.map((i) => i.url));
    deepStrictEqual(theirs?.errorURLTemplates, ours.errors);
    const theirLinear = theirs?.creatives.find((c) => c.type === 'linear');
    const ourLinear = ours.creatives.find((c) => c.linear)?.linear;
    // vast-client keys progress events by offset: "progress-30" (seconds) or "progress-60%".
    const byKey: Record<string, string[]> = {};
    for (const e of ourLinear?.trackingEvents ?? []) {
      const key = e.offsetMs !== undefined ? `${e.event}-${e.offsetMs / 1000}` : e.offsetPercent !== undefined ? `${e.event}-${e.offsetPercent}%` : e.event;
      (byKey[key] ??= []).push(e.url);
    }
    deepStrictEqual(theirLinear?.trackingEvents, byKey);
    deepStrictEqual(theirLinear?.videoClickTrackingURLTemplates.map((c) => c.url), ourLinear?.videoClicks.clickTracking.map((c) => c.url));
    deepStrictEqual(theirLinear?.videoCustomClickURLTemplates.map((c) => c.url), ourLinear?.videoClicks.customClick.map((c) => c.url));
    equal(theirLinear?.videoClickThroughURLTemplate?.url, ourLinear?.videoClicks.clickThrough?.url);
  });

  test('resolving top-down gives the same ad as bottom-up', () => {
    const a = doc('wrapper-a.xml').ads[0];
    const b = doc('wrapper-b.xml').ads[0];
    const [inner] = adsForWrapper(b as VastAd, doc('sample.xml'));
    deepStrictEqual(mergeWrapper(mergeWrapper(a as VastAd, b as VastAd), inner as VastAd), resolveChain());
  });
});

describe('mergeWrapper', () => {
  test('does not change its arguments', () => {
    const w = wrapperAd(1);
    const inner = linearAd(2);
    const before = JSON.stringify([w, inner]);
    mergeWrapper(w, inner);
    equal(JSON.stringify([w, inner]), before);
  });

  test("the wrapper's sequence holds the pod slot; ad-level lists put the wrapper first", () => {
    const w = { ...wrapperAd(1), sequence: 2, viewableImpression: { viewable: ['https://w/v'], notViewable: [], viewUndetermined: ['https://w/u'] } };
    const inner = { ...linearAd(7, { sequence: 1 }), viewableImpression: { id: 'i', viewable: ['https://i/v'], notViewable: ['https://i/n'], viewUndetermined: [] } };
    const m = mergeWrapper(w, inner);
    equal(m.sequence, 2);
    equal(m.kind, 'inline');
    equal(m.wrapper, undefined);
    deepStrictEqual(m.viewableImpression, { id: 'i', viewable: ['https://w/v', 'https://i/v'], notViewable: ['https://i/n'], viewUndetermined: ['https://w/u'] });
    deepStrictEqual(
      m.impressions.map((i) => i.url),
      ['https://w.example.com/1/impression', 'https://t.example.com/7/impression?cb=[CACHEBUSTING]'],
    );
    deepStrictEqual(
      m.creatives[0]?.linear?.trackingEvents.filter((e) => e.event === 'start').map((e) => e.url),
      ['https://t.example.com/7/start?cb=[CACHEBUSTING]&ts=[TIMESTAMP]', 'https://w.example.com/1/start'],
    );
    equal(m.creatives[0]?.linear?.videoClicks.clickThrough?.url, 'https://advertiser.example.com/landing/7?a=1&b=2', "the inner ad's ClickThrough wins");
  });

  test("a wrapper's icons are added unless the inner ad has one for the same program", () => {
    const icon = (program: string, url: string): NonNullable<VastAd['creatives'][number]['linear']>['icons'][number] => ({
      program,
      staticResources: [{ creativeType: 'image/png', url }],
      iframeResources: [],
      htmlResources: [],
      clickTracking: [],
      viewTracking: [],
    });
    const w = wrapperAd(1);
    const wl = w.creatives[0]?.linear;
    if (wl) wl.icons = [icon('AdChoices', 'https://w/adchoices.png'), icon('Brand', 'https://w/brand.png')];
    const inner = linearAd(2);
    const il = inner.creatives[0]?.linear;
    if (il) il.icons = [icon('AdChoices', 'https://i/adchoices.png')];
    deepStrictEqual(
      mergeWrapper(w, inner).creatives[0]?.linear?.icons.map((i) => i.staticResources[0]?.url),
      ['https://i/adchoices.png', 'https://w/brand.png'],
    );
  });

  test('non-linear tracking and click trackers are merged too', () => {
    const w = wrapperAd(1);
    w.creatives.push({
      universalAdIds: [],
      creativeExtensions: [],
      nonLinearAds: {
        trackingEvents: [{ event: 'creativeView', url: 'https://w/nl-view' }],
        nonLinears: [{ staticResources: [], iframeResources: [], htmlResources: [], clickTracking: [{ url: 'https://w/nl-click' }] }],
      },
    });
    const inner = linearAd(2);
    inner.creatives = [
      {
        universalAdIds: [],
        creativeExtensions: [],
        nonLinearAds: {
          trackingEvents: [],
          nonLinears: [{ width: 300, height: 50, staticResources: [{ creativeType: 'image/png', url: 'https://i/o.png' }], iframeResources: [], htmlResources: [], clickTracking: [] }],
        },
      },
    ];
    const m = mergeWrapper(w, inner);
    deepStrictEqual(m.creatives[0]?.nonLinearAds?.trackingEvents, [{ event: 'creativeView', url: 'https://w/nl-view' }]);
    deepStrictEqual(m.creatives[0]?.nonLinearAds?.nonLinears[0]?.clickTracking, [{ url: 'https://w/nl-click' }]);
  });
});

describe('adsForWrapper', () => {
  const pod: VastDocument = { version: '4.2', errors: [], ads: [linearAd(1, { sequence: 1 }), linearAd(2, { sequence: 2 }), linearAd(3), { ...wrapperAd(4) }] };
  const ids = (ads: VastAd[]): (string | undefined)[] => ads.map((a) => a.id);

  test('allowMultipleAds false (the default): the first stand-alone ad only', () => {
    deepStrictEqual(ids(adsForWrapper(wrapperAd(0), pod)), ['ad-3']);
    deepStrictEqual(ids(adsForWrapper(wrapperAd(0), { ...pod, ads: pod.ads.slice(0, 2) })), []);
  });

  test('allowMultipleAds true: every ad; followAdditionalWrappers false: no wrappers', () => {
    const w = wrapperAd(0);
    w.wrapper = { vastAdTagUri: 'https://x/', allowMultipleAds: true };
    deepStrictEqual(ids(adsForWrapper(w, pod)), ['ad-1', 'ad-2', 'ad-3', 'wrapper-4']);
    w.wrapper.followAdditionalWrappers = false;
    deepStrictEqual(ids(adsForWrapper(w, pod)), ['ad-1', 'ad-2', 'ad-3']);
  });
});
