// A decision as a VAST model (packages/vast writes it): one InLine ad per pod position, with
// adsplice's signed tracking URLs, the creative as MediaFile and Mezzanine, and the ad's
// click-through. Pure: URLs are built from the context the caller gives.
import type { VastAd, VastDocument, VastTrackingEvent } from '@adsplice/vast';
import { BEACON_EVENTS, type BeaconEvent } from './beacon-signer.ts';
import type { CompiledAd } from './compile-inventory.ts';
import type { Decision } from './decide.ts';

export const AD_SYSTEM = { name: 'adsplice', version: '0.1.0' };
/** Where the linear `progress` beacon fires: two seconds in (the MRC video viewability threshold). */
export const PROGRESS_OFFSET_MS = 2000;
const LINEAR_EVENTS = ['start', 'firstQuartile', 'midpoint', 'thirdQuartile', 'complete', 'pause', 'resume', 'skip'] as const satisfies readonly BeaconEvent[];
const IAB_CATEGORY = /^IAB\d{1,2}(-\d{1,3})?$/;
const IAB_AUTHORITY = 'https://www.iabtechlab.com/categoryteam';

/** What URLs need: where this service is reached, and the beacon fields of this decision. */
export interface UrlContext {
  /** "https://ads.example.com" (no trailing slash). */
  baseUrl: string;
  /** The session the beacons count under (the request's, else one made for this decision), URL-encoded. */
  sessionParam: string;
  /** The decision time, ms since the epoch, as written in URLs. */
  timeParam: string;
  decisionId: string;
  /** The beacon tags of an ad, in BEACON_EVENTS order. */
  tags(adId: string): readonly string[];
}

/** The path under baseUrl of a creative's media file. */
export function creativePath(creativeId: string): string {
  return `/ads/creatives/${encodeURIComponent(creativeId)}.mp4`;
}

/**
 * A tracking URL: GET {base}/ads/track/{event}?ad=…&s=…&t=…&sig=… (error beacons add
 * code=[ERRORCODE]). `sessionParam` is the session id already URL-encoded.
 */
export function trackingUrl(baseUrl: string, event: BeaconEvent, adId: string, sessionParam: string, timeParam: string, tag: string): string {
  const url = `${baseUrl}/ads/track/${event}?ad=${encodeURIComponent(adId)}&s=${sessionParam}&t=${timeParam}&sig=${tag}`;
  return event === 'error' ? `${url}&code=[ERRORCODE]` : url;
}

export function vastAd(ad: CompiledAd, sequence: number, ctx: UrlContext): VastAd {
  const tags = ctx.tags(ad.id);
  const url = (event: BeaconEvent): string => trackingUrl(ctx.baseUrl, event, ad.id, ctx.sessionParam, ctx.timeParam, tags[BEACON_EVENTS.indexOf(event)] ?? '');
  const media = `${ctx.baseUrl}${creativePath(ad.creative.id)}`;
  const c = ad.creative;
  const trackingEvents: VastTrackingEvent[] = LINEAR_EVENTS.map((event) => ({ event, url: url(event) }));
  trackingEvents.push({ event: 'progress', url: url('progress'), offsetMs: Math.min(PROGRESS_OFFSET_MS, Math.floor(ad.durationMs / 2)) });
  return {
    id: ad.id,
    sequence,
    kind: 'inline',
    adSystem: AD_SYSTEM,
    adServingId: ctx.decisionId,
    adTitle: ad.title,
    advertiser: ad.advertiserDomain ?? ad.advertiserName,
    categories: ad.categories.filter((x) => IAB_CATEGORY.test(x)).map((value) => ({ authority: IAB_AUTHORITY, value })),
    impressions: [{ id: 'adsplice', url: url('impression') }],
    errors: [url('error')],
    adVerifications: [],
    extensions: [],
    creatives: [
      {
        id: c.id,
        adId: ad.universalAdId.value,
        sequence: 1,
        universalAdIds: [ad.universalAdId],
        creativeExtensions: [],
        linear: {
          durationMs: ad.durationMs,
          mediaFiles: [{ id: c.id, url: media, delivery: 'progressive', type: c.mimeType, width: c.width, height: c.height, bitrate: c.bitrateKbps, codec: c.codecs }],
          mezzanine: [{ id: c.id, url: media, delivery: 'progressive', type: c.mimeType, width: c.width, height: c.height, codec: c.codecs, fileSize: c.sizeBytes }],
          interactiveCreativeFiles: [],
          closedCaptionFiles: [],
          trackingEvents,
          videoClicks: { ...(ad.clickThrough ? { clickThrough: { url: ad.clickThrough } } : {}), clickTracking: [{ id: 'adsplice', url: url('click') }], customClick: [] },
          icons: [],
        },
      },
    ],
  };
}

/** The VAST model of a decision (no ads: a valid empty response). */
export function vastDocument(decision: Pick<Decision, 'ads'>, ctx: UrlContext, version: string): VastDocument {
  return { version, errors: [], ads: decision.ads.map((d) => vastAd(d.ad, d.sequence, ctx)) };
}
