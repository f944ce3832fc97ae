// What buildVast writes, read by a real player-side parser: @dailymotion/vast-client (with
// @xmldom/xmldom for the DOM in Node). No fetcher is given, so wrappers are not followed.
import { deepStrictEqual, equal } from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DOMParser } from '@xmldom/xmldom';
import { VASTParser } from '@dailymotion/vast-client';
import { buildVast } from './build.ts';
import { trackingEventFor, levelOf, type VastBuildVersion } from './build-version.ts';
import type { VastAd, VastDocument } from './model.ts';
import { podShapes } from './testing/pods.ts';

interface DmMediaFile {
  fileURL: string;
  mimeType: string;
  deliveryType: string;
  width: number;
  height: number;
  bitrate: number;
}
interface DmCreative {
  type: string;
  duration?: number;
  mediaFiles?: DmMediaFile[];
  mezzanine?: { fileURL: string } | null;
  trackingEvents: Record<string, string[]>;
  videoClickThroughURLTemplate?: { url: string } | null;
  videoClickTrackingURLTemplates?: { url: string }[];
}
interface DmAd {
  id: string | null;
  sequence: string | null;
  title: string | null;
  impressionURLTemplates: { url: string }[];
  errorURLTemplates: string[];
  creatives: DmCreative[];
  VASTAdTagURI?: string;
}
interface DmResponse {
  ads: DmAd[];
  errorURLTemplates: string[];
  version: string;
}

async function readWithVastClient(xml: string): Promise<DmResponse> {
  const dom = new DOMParser().parseFromString(xml, 'text/xml');
  return (await new VASTParser().parseVAST(dom as never)) as DmResponse;
}

/** vast-client's view of our model's linear tracking: event → URLs, progress keyed by offset. */
function expectedTracking(ad: VastAd, version: VastBuildVersion): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of ad.creatives[0]?.linear?.trackingEvents ?? []) {
    const event = trackingEventFor(levelOf(version), e.event);
    if (event === undefined) continue;
    let key = event;
    if (event === 'progress') key = e.offsetMs !== undefined ? `progress-${e.offsetMs / 1000}` : `progress-${e.offsetPercent}%`;
    (out[key] ??= []).push(e.url);
  }
  return out;
}

const VERSIONS: VastBuildVersion[] = ['4.2', '4.1', '4.0', '3.0', '2.0'];

describe('@dailymotion/vast-client reads what buildVast writes', () => {
  for (const [name, doc] of Object.entries(podShapes()) as [string, VastDocument][]) {
    for (const version of VERSIONS) {
      test(`${name} @ ${version}`, async () => {
        const res = await readWithVastClient(buildVast(doc, { version }));
        equal(res.version, version);
        if (doc.ads.length === 0) {
          deepStrictEqual(res.ads, []);
          deepStrictEqual(res.errorURLTemplates, version === '2.0' ? [] : doc.errors);
          return;
        }
        deepStrictEqual(
          res.ads.map((a) => [a.id, a.sequence === null ? undefined : Number(a.sequence), a.title ?? undefined]),
          doc.ads.map((a) => [a.id, version === '2.0' ? undefined : a.sequence, a.adTitle]),
        );
        doc.ads.forEach((ad, i) => {
          const theirs = res.ads[i];
          deepStrictEqual(
            theirs?.impressionURLTemplates.map((u) => u.url),
            ad.impressions.map((u) => u.url),
          );
          deepStrictEqual(theirs?.errorURLTemplates, levelOf(version) >= 40 ? ad.errors : ad.errors.slice(0, 1));
          const linear = theirs?.creatives.find((c) => c.type === 'linear');
          const ours = ad.creatives[0]?.linear;
          deepStrictEqual(linear?.trackingEvents, expectedTracking(ad, version));
          deepStrictEqual(
            linear?.videoClickTrackingURLTemplates?.map((u) => u.url),
            ours?.videoClicks.clickTracking.map((u) => u.url),
          );
          if (ad.kind === 'wrapper') {
            equal(theirs?.VASTAdTagURI, ad.wrapper?.vastAdTagUri);
            return;
          }
          equal(linear?.duration, (ours?.durationMs ?? 0) / 1000);
          equal(linear?.videoClickThroughURLTemplate?.url, ours?.videoClicks.clickThrough?.url);
          deepStrictEqual(
            linear?.mediaFiles?.map((m) => [m.fileURL, m.mimeType, m.deliveryType, m.width, m.height, m.bitrate]),
            ours?.mediaFiles.map((m) => [m.url, m.type, m.delivery, m.width, m.height, m.bitrate ?? 0]),
          );
          const mezzanine = ours?.mezzanine[0];
          // vast-client reads the 4.1 form of <Mezzanine> (with attributes), not 4.0's bare URL.
          equal(linear?.mezzanine?.fileURL, levelOf(version) >= 41 && mezzanine ? mezzanine.url : undefined);
        });
      });
    }
  }
});
