// From resolved VAST ads to fill-plan candidates: the media file to condition (Mezzanine first,
// else the progressive file closest to the top rendition), the creative's key, its beacons.
import { selectMediaFile, type VastAd } from '@adsplice/vast';
import { urlRefusal } from './allowed-url.ts';
import { creativeKeyOf } from './conditioner.ts';
import type { EventType } from './events.ts';
import type { CandidateAd, CreativeReadiness } from './fill-plan.ts';
import type { PlannedAd } from './model.ts';

const CONDITIONABLE = ['video/mp4', 'video/quicktime', 'video/webm', 'video/x-matroska', 'video/mp2t', 'video/mpeg'];

export interface CandidateContext {
  allowedHosts: readonly string[];
  top: { width: number; height: number; bitrateKbps: number };
  /** Where the creative stands, and the key it is stored under (a creative prepared by URL keeps its URL key). */
  readiness(creativeKey: string, mediaUrl: string): { readiness: CreativeReadiness; creativeKey: string };
  emit(type: EventType, fields: Record<string, unknown>): void;
}

export function candidatesOf(ads: VastAd[], ctx: CandidateContext): CandidateAd[] {
  const out: CandidateAd[] = [];
  ads.forEach((ad, i) => {
    const creative = ad.creatives.find((c) => c.linear);
    const linear = creative?.linear;
    const planned: PlannedAd = {
      adId: ad.id ?? `ad-${i}`,
      creativeId: creative?.id ?? creative?.adId ?? '',
      adSystem: ad.adSystem.name,
      durationMs: linear?.durationMs ?? 0,
      impressions: ad.impressions.map((u) => u.url),
      tracking: {},
      errors: ad.errors,
    };
    if (ad.adTitle !== undefined) planned.adTitle = ad.adTitle;
    for (const t of linear?.trackingEvents ?? []) (planned.tracking[t.event] ??= []).push(t.url);
    if (!creative || !linear) {
      ctx.emit('ERROR_VAST_MISSING_CREATIVES', { adId: planned.adId });
      return;
    }
    const mezz = linear.mezzanine.find((m) => m.delivery === 'progressive' && CONDITIONABLE.includes(m.type));
    const file = mezz ?? selectMediaFile(creative, { width: ctx.top.width, height: ctx.top.height, bitrate: ctx.top.bitrateKbps, types: CONDITIONABLE, delivery: 'progressive' });
    const uaid = creative.universalAdIds.find((u) => u.value && u.value !== 'unknown');
    const mediaUrl = file?.url ?? '';
    let creativeKey = creativeKeyOf({ universalAdId: uaid ? `${uaid.idRegistry}:${uaid.value}` : undefined, creativeId: creative.id ?? creative.adId, adSystem: ad.adSystem.name, mediaUrl });
    let readiness: CreativeReadiness;
    if (!file) {
      ctx.emit('ERROR_VAST_MISSING_MEDIAFILES', { adId: planned.adId, creativeId: planned.creativeId, mediaFiles: linear.mediaFiles.map((m) => ({ type: m.type, delivery: m.delivery })) });
      readiness = { state: 'no-media' };
    } else if (urlRefusal(file.url, ctx.allowedHosts)) {
      ctx.emit('ERROR_VAST_URL_NOT_ALLOWED', { adId: planned.adId, url: file.url, message: urlRefusal(file.url, ctx.allowedHosts) });
      readiness = { state: 'no-media' };
    } else ({ readiness, creativeKey } = ctx.readiness(creativeKey, file.url));
    out.push({ ad: planned, creativeKey, mediaUrl, readiness });
  });
  return out;
}
