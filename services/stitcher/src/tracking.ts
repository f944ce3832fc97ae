// Client-side tracking (MediaTailor's shape): the session's avails with their ads and the beacons a
// player fires itself, with the time of each (seconds from the session's start; PDT when known).
import { QUARTILES, beaconUrls } from './beacons.ts';
import type { AvailRecord, Session } from './model.ts';

export interface TrackingEvent {
  eventType: string;
  eventId: string;
  startTimeInSeconds: number;
  beaconUrls: string[];
}

export interface TrackingAd {
  adId: string;
  creativeId: string;
  adSystem: string;
  adTitle?: string;
  durationInSeconds: number;
  startTimeInSeconds: number;
  trackingEvents: TrackingEvent[];
}

export interface TrackingAvail {
  availId: string;
  startTimeInSeconds: number;
  durationInSeconds: number;
  adProgramDateTime?: string;
  ads: TrackingAd[];
}

export function trackingJson(session: Session, records: AvailRecord[]): { avails: TrackingAvail[]; nextToken: string | null } {
  const avails: TrackingAvail[] = [];
  for (const r of [...records].sort((a, b) => a.startMsn - b.startMsn)) {
    if (r.mode !== 'ads') continue;
    const availStart = r.vod ? r.vod.sessionStartMs / 1000 : r.startPdtMs !== undefined ? (r.startPdtMs - session.createdAtMs) / 1000 : 0;
    let t = availStart;
    const ads: TrackingAd[] = [];
    // The real duration once known: HLS's end, or DASH's end on the presentation timeline.
    const dashMs = r.endPresentationMs !== undefined && r.startPresentationMs !== undefined ? r.endPresentationMs - r.startPresentationMs : undefined;
    const limitMs = r.end?.durationMs ?? dashMs ?? r.plannedDurationMs;
    let offsetMs = 0;
    for (const item of r.items) {
      if (offsetMs >= limitMs) break;
      if (item.kind !== 'ad' || item.adIndex === undefined) {
        // A bumper (or slate) takes its time before what follows it.
        t += item.durationMs / 1000;
        offsetMs += item.durationMs;
        continue;
      }
      const ad = r.ads[item.adIndex]!;
      const d = item.durationMs / 1000;
      const at = (name: string, frac: number): TrackingEvent => ({ eventType: name, eventId: `${r.key}/${item.adIndex}/${name}`, startTimeInSeconds: round(t + d * frac), beaconUrls: beaconUrls(ad, name) });
      const events = [at('impression', 0), at('start', 0), ...QUARTILES.map(([name, q]) => at(name, q)), at('complete', 1)].filter((e) => e.beaconUrls.length > 0);
      const entry: TrackingAd = { adId: ad.adId, creativeId: ad.creativeId, adSystem: ad.adSystem, durationInSeconds: d, startTimeInSeconds: round(t), trackingEvents: events };
      if (ad.adTitle !== undefined) entry.adTitle = ad.adTitle;
      ads.push(entry);
      t += d;
      offsetMs += item.durationMs;
    }
    const avail: TrackingAvail = { availId: r.key, startTimeInSeconds: round(availStart), durationInSeconds: limitMs / 1000, ads };
    if (r.startPdtMs !== undefined) avail.adProgramDateTime = new Date(r.startPdtMs).toISOString();
    avails.push(avail);
  }
  return { avails, nextToken: null };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
