// fast-check arbitraries for VAST models that buildVast can write in 4.2 without losing anything,
// so that parseVast(buildVast(doc)) must give `doc` back. URLs are real URLs (the XSDs check
// xs:anyURI), free text is any Unicode XML allows, with hostile markup mixed in.
import fc from 'fast-check';
import { TRACKING_EVENTS } from '../build-version.ts';
import type {
  VastAd,
  VastCompanion,
  VastCreative,
  VastDocument,
  VastIcon,
  VastLinear,
  VastMediaFile,
  VastNonLinear,
  VastResources,
  VastTrackingEvent,
  VastUrl,
  VastVerification,
} from '../model.ts';

const XML_INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Non-empty text that survives trimming, with markup-like and entity-like pieces mixed in. */
export const text = fc
  .array(fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }), fc.constantFrom(']]>', '<script>', '&amp;', '&', '"', "'", '<![CDATA[', '\t', '\n', '\r\n', '&#x41;')), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join(''))
  .filter((s) => s === s.trim() && s !== '' && !XML_INVALID.test(s));

/** A token-like value for attributes that become XML Schema tokens or ids. */
const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.-]{0,11}$/);
const url = fc.webUrl({ withQueryParameters: true, withFragments: false }).map((u) => u.replace(/%(?![0-9A-Fa-f]{2})/g, '%25'));
const macroUrl = fc.tuple(url, fc.constantFrom('', '[ERRORCODE]', '[CACHEBUSTING]', '[TIMESTAMP]')).map(([u, m]) => (m === '' ? u : `${u}${u.includes('?') ? '&' : '?'}m=${m}`));
const size = fc.integer({ min: 0, max: 4096 });
const ms = fc.integer({ min: 0, max: 23 * 3600_000 });
const percent = fc.integer({ min: 0, max: 100_000 }).map((n) => n / 1000);

/** fc.record with ordinary objects (deepStrictEqual tells null-prototype objects apart). */
function rec<T extends object>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<T> {
  // Without `requiredKeys` every key is generated; the typing of the constraints overload does not say so.
  return fc.record(model, { noNullPrototype: true }) as unknown as fc.Arbitrary<T>;
}

function opt<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(arb, { nil: undefined });
}

/** Drops undefined fields, as the parser leaves absent fields out. */
function clean<T extends object>(o: T): T {
  const out = {} as T;
  for (const key of Object.keys(o) as (keyof T)[]) if (o[key] !== undefined) out[key] = o[key];
  return out;
}

function none<T>(): fc.Arbitrary<T[]> {
  return fc.constant<T[]>([]);
}

const idUrl: fc.Arbitrary<VastUrl> = rec({ url: macroUrl, id: opt(word) }).map(clean);
const idUrls = fc.array(idUrl, { maxLength: 2 });

const tracking: fc.Arbitrary<VastTrackingEvent> = fc
  .record({ event: fc.constantFrom(...TRACKING_EVENTS[42]), url: macroUrl, offset: fc.oneof(fc.constant(undefined), ms.map((offsetMs) => ({ offsetMs })), percent.map((offsetPercent) => ({ offsetPercent }))) })
  .map(({ event, url: u, offset }) => ({ event, url: u, ...offset }));
const trackingEvents = fc.array(tracking, { maxLength: 4 });

const resources: fc.Arbitrary<VastResources> = rec({
  staticResources: fc.array(rec({ creativeType: fc.constantFrom('image/png', 'image/jpeg'), url }), { maxLength: 1 }),
  iframeResources: fc.array(url, { maxLength: 1 }),
  htmlResources: fc.array(text, { maxLength: 1 }),
});
const adParameters = opt(rec({ value: text, xmlEncoded: opt(fc.boolean()) }).map(clean));

const mediaFile: fc.Arbitrary<VastMediaFile> = fc
  .record({
    url,
    delivery: fc.constantFrom('progressive' as const, 'streaming' as const),
    type: fc.constantFrom('video/mp4', 'application/x-mpegURL', 'video/webm'),
    width: size,
    height: size,
    bitrate: opt(fc.integer({ min: 1, max: 20000 })),
    minBitrate: opt(fc.integer({ min: 1, max: 20000 })),
    maxBitrate: opt(fc.integer({ min: 1, max: 20000 })),
    codec: opt(word),
    id: opt(word),
    scalable: opt(fc.boolean()),
    maintainAspectRatio: opt(fc.boolean()),
    apiFramework: opt(fc.constantFrom('VPAID', 'SIMID')),
    fileSize: opt(fc.integer({ min: 1, max: 2 ** 31 })),
    mediaType: opt(fc.constantFrom('2D', '3D', '360')),
  })
  .map(clean);

const icon: fc.Arbitrary<VastIcon> = fc
  .record({
    resources,
    program: opt(word),
    width: opt(size),
    height: opt(size),
    xPosition: opt(fc.oneof(fc.constantFrom('left', 'right'), size.map(String))),
    yPosition: opt(fc.oneof(fc.constantFrom('top', 'bottom'), size.map(String))),
    durationMs: opt(ms),
    offsetMs: opt(ms),
    apiFramework: opt(word),
    pxratio: opt(fc.integer({ min: 1, max: 400 }).map((n) => n / 100)),
    clickThrough: opt(url),
    clickTracking: idUrls,
    viewTracking: fc.array(url, { maxLength: 1 }),
  })
  .map(({ resources: r, ...rest }) => clean({ ...r, ...rest }));

function linear(inline: boolean): fc.Arbitrary<VastLinear> {
  return fc
    .record({
      durationMs: inline ? ms : fc.constant<number | undefined>(undefined),
      skipOffset: opt(fc.oneof(ms.map((v) => ({ ms: v })), percent.map((p) => ({ percent: p })))),
      mediaFiles: inline ? fc.array(mediaFile, { minLength: 1, maxLength: 3 }) : none<VastMediaFile>(),
      mezzanine: inline
        ? fc.array(rec({ url, delivery: fc.constantFrom('progressive' as const, 'streaming' as const), type: fc.constant('video/quicktime'), width: size, height: size, codec: opt(word), id: opt(word), fileSize: opt(fc.integer({ min: 1, max: 2 ** 31 })), mediaType: opt(fc.constant('2D')) }).map(clean), { maxLength: 1 })
        : none<VastLinear['mezzanine'][number]>(),
      interactiveCreativeFiles: inline ? fc.array(rec({ url, type: opt(fc.constant('text/html')), apiFramework: opt(fc.constant('SIMID')), variableDuration: opt(fc.boolean()) }).map(clean), { maxLength: 1 }) : none<VastLinear['interactiveCreativeFiles'][number]>(),
      closedCaptionFiles: inline ? fc.array(rec({ url, type: opt(fc.constant('text/vtt')), language: opt(fc.constantFrom('en', 'fr')) }).map(clean), { maxLength: 2 }) : none<VastLinear['closedCaptionFiles'][number]>(),
      trackingEvents,
      videoClicks: rec({ clickThrough: opt(idUrl), clickTracking: idUrls, customClick: idUrls }).map(clean),
      adParameters: inline ? adParameters : fc.constant(undefined),
      icons: fc.array(icon, { maxLength: 1 }),
    })
    .map(clean);
}

const companion: fc.Arbitrary<VastCompanion> = fc
  .record({
    resources,
    id: opt(word),
    width: size,
    height: size,
    assetWidth: opt(size),
    assetHeight: opt(size),
    expandedWidth: opt(size),
    expandedHeight: opt(size),
    apiFramework: opt(word),
    adSlotId: opt(word),
    pxratio: opt(fc.integer({ min: 1, max: 400 }).map((n) => n / 100)),
    renderingMode: opt(fc.constantFrom('default' as const, 'end-card' as const, 'concurrent' as const)),
    adParameters,
    altText: opt(text),
    clickThrough: opt(url),
    clickTracking: idUrls,
    trackingEvents,
  })
  .map(({ resources: r, ...rest }) => clean({ ...r, ...rest }));

function nonLinear(inline: boolean): fc.Arbitrary<VastNonLinear> {
  if (!inline) return rec({ clickTracking: fc.array(idUrl, { maxLength: 1 }) }).map((n) => ({ staticResources: [], iframeResources: [], htmlResources: [], ...n }));
  return fc
    .record({
      resources,
      id: opt(word),
      width: size,
      height: size,
      expandedWidth: opt(size),
      expandedHeight: opt(size),
      scalable: opt(fc.boolean()),
      maintainAspectRatio: opt(fc.boolean()),
      minSuggestedDurationMs: opt(ms),
      apiFramework: opt(word),
      adParameters,
      clickThrough: opt(url),
      clickTracking: idUrls,
    })
    .map(({ resources: r, ...rest }) => clean({ ...r, ...rest }));
}

const extension = rec({ type: opt(word.filter((w) => w !== 'AdVerifications')), name: word, attr: text, body: text }).map(({ type, name, attr, body }) => {
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\r/g, '&#13;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
  return clean({ type, xml: `<${name} a="${esc(attr)}">${esc(body)}</${name}>` });
});

function creative(inline: boolean): fc.Arbitrary<VastCreative> {
  return fc
    .record({
      id: opt(word),
      adId: opt(word),
      sequence: opt(fc.integer({ min: 0, max: 99 })),
      apiFramework: opt(word),
      universalAdIds: inline ? fc.array(rec({ idRegistry: word, value: text }), { minLength: 1, maxLength: 2 }) : none<VastCreative['universalAdIds'][number]>(),
      creativeExtensions: inline ? fc.array(extension, { maxLength: 1 }) : none<VastCreative['creativeExtensions'][number]>(),
      linear: opt(linear(inline)),
      companionAds: opt(rec({ required: opt(fc.constantFrom('all' as const, 'any' as const, 'none' as const)), companions: fc.array(companion, { maxLength: 2 }) }).map(clean)),
      nonLinearAds: opt(rec({ trackingEvents, nonLinears: fc.array(nonLinear(inline), { maxLength: 2 }) })),
    })
    .map(clean);
}

const verification: fc.Arbitrary<VastVerification> = fc
  .record({
    vendor: opt(word),
    javaScriptResources: fc.array(rec({ url, apiFramework: opt(fc.constant('omid')), browserOptional: opt(fc.boolean()) }).map(clean), { maxLength: 2 }),
    executableResources: fc.array(rec({ url, apiFramework: opt(word), type: opt(word) }).map(clean), { maxLength: 1 }),
    trackingEvents: fc.array(rec({ event: fc.constant('verificationNotExecuted'), url: macroUrl }), { maxLength: 1 }),
    verificationParameters: opt(text),
  })
  .map(clean);

const pricing = rec({
  model: fc.constantFrom('CPM', 'cpm', 'CPC', 'cpe', 'CPV'),
  currency: fc.stringMatching(/^[A-Z]{3}$/),
  value: fc.tuple(fc.integer({ min: 0, max: 99999 }), fc.integer({ min: 0, max: 99 })).map(([a, b]) => `${a}.${String(b).padStart(2, '0')}`),
});

export function vastAd(): fc.Arbitrary<VastAd> {
  return fc.boolean().chain((inline) =>
    fc
      .record({
        id: opt(word),
        sequence: opt(fc.integer({ min: 1, max: 20 })),
        adType: opt(fc.constantFrom('video' as const, 'audio' as const, 'hybrid' as const)),
        conditionalAd: opt(fc.boolean()),
        adSystem: rec({ name: text, version: opt(word) }).map(clean),
        adServingId: inline ? opt(word) : fc.constant(undefined),
        adTitle: inline ? opt(text) : fc.constant(undefined),
        description: inline ? opt(text) : fc.constant(undefined),
        advertiser: inline ? opt(text) : fc.constant(undefined),
        categories: inline ? fc.array(rec({ authority: url, value: text }), { maxLength: 2 }) : none<VastAd['categories'][number]>(),
        pricing: opt(pricing),
        survey: inline ? opt(url) : fc.constant(undefined),
        expiresSeconds: inline ? opt(fc.integer({ min: 0, max: 86400 })) : fc.constant(undefined),
        impressions: fc.array(idUrl, { minLength: 1, maxLength: 3 }),
        errors: fc.array(macroUrl, { maxLength: 2 }),
        viewableImpression: opt(rec({ id: opt(word), viewable: fc.array(url, { maxLength: 1 }), notViewable: fc.array(url, { maxLength: 1 }), viewUndetermined: fc.array(url, { maxLength: 1 }) }).map(clean)),
        adVerifications: fc.array(verification, { maxLength: 1 }),
        extensions: fc.array(extension, { maxLength: 2 }),
        wrapper: inline ? fc.constant(undefined) : rec({ vastAdTagUri: macroUrl, followAdditionalWrappers: opt(fc.boolean()), allowMultipleAds: opt(fc.boolean()), fallbackOnNoAd: opt(fc.boolean()) }).map(clean),
        creatives: fc.array(creative(inline), { minLength: inline ? 1 : 0, maxLength: 3 }),
      })
      .map((ad) => clean({ kind: inline ? ('inline' as const) : ('wrapper' as const), ...ad })),
  );
}

export function vastDocument(): fc.Arbitrary<VastDocument> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.array(macroUrl, { maxLength: 2 }).map((errors) => ({ version: '4.2', ads: [], errors })) },
    { weight: 5, arbitrary: fc.array(vastAd(), { minLength: 1, maxLength: 3 }).map((ads) => ({ version: '4.2', ads, errors: [] })) },
  );
}
