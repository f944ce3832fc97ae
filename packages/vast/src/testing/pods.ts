// Test helpers: small builders of VAST models for the pod shapes the ad decision server returns.
import type { VastAd, VastCreative, VastDocument, VastLinear } from '../model.ts';

export const HOSTILE_TITLE = 'Sale ]]><script>alert("x")</script> & <![CDATA[more]]> \'now\'';

export interface LinearOptions {
  sequence?: number;
  title?: string;
  mezzanine?: boolean;
  progress?: boolean;
  durationMs?: number;
}

/** A linear creative with three renditions, quartile tracking and click tracking. */
export function linearCreative(n: number, opts: LinearOptions = {}): VastCreative {
  const base = `https://cdn.example.com/ads/${n}`;
  const track = (event: string): { event: string; url: string } => ({ event, url: `https://t.example.com/${n}/${event}?cb=[CACHEBUSTING]&ts=[TIMESTAMP]` });
  const linear: VastLinear = {
    durationMs: opts.durationMs ?? 15000 + n * 1000,
    mediaFiles: [
      { url: `${base}/1080p.mp4`, delivery: 'progressive', type: 'video/mp4', width: 1920, height: 1080, bitrate: 5000, codec: 'avc1.640028', id: `mf-${n}-1080` },
      { url: `${base}/720p.mp4`, delivery: 'progressive', type: 'video/mp4', width: 1280, height: 720, bitrate: 2500, minBitrate: 2000, maxBitrate: 3000 },
      { url: `${base}/index.m3u8`, delivery: 'streaming', type: 'application/x-mpegURL', width: 1280, height: 720 },
    ],
    mezzanine: opts.mezzanine ? [{ url: `${base}/mezzanine.mov`, delivery: 'progressive', type: 'video/quicktime', width: 1920, height: 1080, codec: 'prores', fileSize: 734003200 }] : [],
    interactiveCreativeFiles: [],
    closedCaptionFiles: [],
    trackingEvents: [
      track('start'),
      track('firstQuartile'),
      track('midpoint'),
      track('thirdQuartile'),
      track('complete'),
      track('pause'),
      track('resume'),
      track('skip'),
      ...(opts.progress
        ? [
            { event: 'progress', url: `https://t.example.com/${n}/progress-5s`, offsetMs: 5000 },
            { event: 'progress', url: `https://t.example.com/${n}/progress-25pc`, offsetPercent: 25 },
          ]
        : []),
    ],
    videoClicks: {
      clickThrough: { url: `https://advertiser.example.com/landing/${n}?a=1&b=2` },
      clickTracking: [{ id: 'ct', url: `https://t.example.com/${n}/click` }],
      customClick: [],
    },
    icons: [],
  };
  return { id: `creative-${n}`, adId: `ADID-${n}`, sequence: 1, universalAdIds: [{ idRegistry: 'ad-id.org', value: `UAID${n}` }], creativeExtensions: [], linear };
}

/** An InLine ad with one linear creative. */
export function linearAd(n: number, opts: LinearOptions = {}): VastAd {
  const ad: VastAd = {
    id: `ad-${n}`,
    kind: 'inline',
    adSystem: { name: 'adsplice', version: '0.1.0' },
    adServingId: `serving-${n}`,
    adTitle: opts.title ?? `Ad number ${n}`,
    categories: [],
    impressions: [{ id: 'imp', url: `https://t.example.com/${n}/impression?cb=[CACHEBUSTING]` }],
    errors: [`https://t.example.com/${n}/error?code=[ERRORCODE]`],
    adVerifications: [],
    extensions: [],
    creatives: [linearCreative(n, opts)],
  };
  if (opts.sequence !== undefined) ad.sequence = opts.sequence;
  return ad;
}

export function wrapperAd(n: number): VastAd {
  return {
    id: `wrapper-${n}`,
    kind: 'wrapper',
    adSystem: { name: 'adsplice' },
    categories: [],
    impressions: [{ url: `https://w.example.com/${n}/impression` }],
    errors: [`https://w.example.com/${n}/error?code=[ERRORCODE]`],
    adVerifications: [],
    extensions: [],
    wrapper: { vastAdTagUri: `https://ads.example.com/vast?slot=${n}&cb=[CACHEBUSTING]`, followAdditionalWrappers: true, allowMultipleAds: false },
    creatives: [
      {
        universalAdIds: [],
        creativeExtensions: [],
        linear: {
          mediaFiles: [],
          mezzanine: [],
          interactiveCreativeFiles: [],
          closedCaptionFiles: [],
          trackingEvents: [
            { event: 'start', url: `https://w.example.com/${n}/start` },
            { event: 'complete', url: `https://w.example.com/${n}/complete` },
          ],
          videoClicks: { clickTracking: [{ url: `https://w.example.com/${n}/click` }], customClick: [] },
          icons: [],
        },
      },
    ],
  };
}

/** An ad with every part of the model filled in (for 4.2, where all of it exists). */
export function kitchenSinkAd(): VastAd {
  const ad = linearAd(9, { mezzanine: true, progress: true, sequence: 1 });
  const creative = ad.creatives[0];
  if (!creative?.linear) throw new Error('linearAd has a linear creative');
  Object.assign(ad, {
    adType: 'video',
    conditionalAd: false,
    description: 'A description',
    advertiser: 'Example Motors',
    categories: [{ authority: 'https://iabtechlab.com/taxonomy', value: 'IAB2' }],
    pricing: { model: 'cpm', currency: 'EUR', value: '12.50' },
    survey: 'https://survey.example.com/9',
    expiresSeconds: 3600,
    viewableImpression: { id: 'v1', viewable: ['https://t.example.com/9/viewable'], notViewable: ['https://t.example.com/9/not-viewable'], viewUndetermined: [] },
    adVerifications: [
      {
        vendor: 'verifier.example.com-omid',
        javaScriptResources: [{ url: 'https://verifier.example.com/omid.js', apiFramework: 'omid', browserOptional: true }],
        executableResources: [],
        trackingEvents: [{ event: 'verificationNotExecuted', url: 'https://verifier.example.com/error?r=[REASON]' }],
        verificationParameters: '{"campaign":9}',
      },
    ],
    extensions: [{ type: 'adsplice', xml: '<Decision id="d-9" campaign="c&amp;1"><![CDATA[raw ]]]]><![CDATA[> text]]></Decision>' }],
  });
  creative.creativeExtensions = [{ type: 'text/plain', xml: '<Note>kept</Note>' }];
  Object.assign(creative.linear, {
    skipOffset: { ms: 5000 },
    adParameters: { value: '{"a":1}', xmlEncoded: false },
    closedCaptionFiles: [{ url: 'https://cdn.example.com/ads/9/captions.vtt', type: 'text/vtt', language: 'en' }],
    interactiveCreativeFiles: [{ url: 'https://cdn.example.com/ads/9/simid.html', type: 'text/html', apiFramework: 'SIMID', variableDuration: false }],
    icons: [
      {
        program: 'AdChoices',
        width: 77,
        height: 15,
        xPosition: 'right',
        yPosition: 'top',
        durationMs: 10000,
        offsetMs: 1000,
        pxratio: 2,
        staticResources: [{ creativeType: 'image/png', url: 'https://cdn.example.com/adchoices.png' }],
        iframeResources: [],
        htmlResources: [],
        clickThrough: 'https://adchoices.example.com/',
        clickTracking: [{ url: 'https://t.example.com/9/icon-click' }],
        viewTracking: ['https://t.example.com/9/icon-view'],
      },
    ],
  });
  ad.creatives.push(
    {
      id: 'companions-9',
      universalAdIds: [{ idRegistry: 'ad-id.org', value: 'UAID9C' }],
      creativeExtensions: [],
      companionAds: {
        required: 'any',
        companions: [
          {
            id: 'banner',
            width: 300,
            height: 250,
            staticResources: [{ creativeType: 'image/jpeg', url: 'https://cdn.example.com/ads/9/300x250.jpg' }],
            iframeResources: [],
            htmlResources: [],
            altText: 'Alt & text',
            clickThrough: 'https://advertiser.example.com/companion',
            clickTracking: [{ id: 'cc', url: 'https://t.example.com/9/companion-click' }],
            trackingEvents: [{ event: 'creativeView', url: 'https://t.example.com/9/companion-view' }],
          },
          {
            width: 728,
            height: 90,
            staticResources: [],
            iframeResources: [],
            htmlResources: ['<div class="ad">Buy <b>now</b> & save</div>'],
            clickTracking: [],
            trackingEvents: [],
          },
        ],
      },
    },
    {
      id: 'overlay-9',
      universalAdIds: [{ idRegistry: 'ad-id.org', value: 'UAID9N' }],
      creativeExtensions: [],
      nonLinearAds: {
        trackingEvents: [{ event: 'creativeView', url: 'https://t.example.com/9/overlay-view' }],
        nonLinears: [
          {
            id: 'ov',
            width: 480,
            height: 70,
            minSuggestedDurationMs: 10000,
            scalable: true,
            maintainAspectRatio: true,
            staticResources: [{ creativeType: 'image/png', url: 'https://cdn.example.com/ads/9/overlay.png' }],
            iframeResources: [],
            htmlResources: [],
            clickThrough: 'https://advertiser.example.com/overlay',
            clickTracking: [{ url: 'https://t.example.com/9/overlay-click' }],
          },
        ],
      },
    },
  );
  return ad;
}

/** The shapes every builder test runs on. */
export function podShapes(): Record<string, VastDocument> {
  const doc = (ads: VastAd[], errors: string[] = []): VastDocument => ({ version: '4.2', ads, errors });
  return {
    'no ads': doc([]),
    'no ads, with a root Error': doc([], ['https://ads.example.com/no-ad?code=[ERRORCODE]&reason=303']),
    'one ad': doc([linearAd(1)]),
    'a pod of 3 with sequence': doc([linearAd(1, { sequence: 1 }), linearAd(2, { sequence: 2 }), linearAd(3, { sequence: 3 })]),
    'with Mezzanine': doc([linearAd(1, { mezzanine: true })]),
    'without Mezzanine': doc([linearAd(1, { mezzanine: false })]),
    'with progress offsets': doc([linearAd(1, { progress: true })]),
    'hostile titles': doc([linearAd(1, { title: HOSTILE_TITLE }), linearAd(2, { title: '"Quotes" & \'apostrophes\' & <tags> & ]]> & &amp;' })]),
    'a wrapper': doc([wrapperAd(1)]),
    'every element': doc([kitchenSinkAd()]),
  };
}
