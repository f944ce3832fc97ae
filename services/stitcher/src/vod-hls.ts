// The personalised media playlist of a VOD session in one rendition (pure): the origin's whole
// playlist with each break's segments inserted at its position (the content is not replaced),
// EXT-X-DISCONTINUITY around every ad, #EXT-X-PLAYLIST-TYPE:VOD and #EXT-X-ENDLIST — complete
// and static: the player reads it once.
import { formatSecondsFixed } from '@adsplice/hls';
import type { AvailRecord } from './model.ts';
import type { OriginView } from './origin-view.ts';
import { boundaries, nearestBoundary } from './vod-plan.ts';

export interface VodHlsUrls {
  ad(record: AvailRecord, item: number, seg: number): string;
  bumper(record: AvailRecord, item: number, seg: number): string;
}

/** The VOD breaks that play ads, by the index of the content segment they go before (the count: after the last). */
export function breaksBySegment(view: OriginView, records: readonly AvailRecord[]): Map<number, AvailRecord[]> {
  const bounds = boundaries(view.segments.map((s) => s.durationMs));
  const out = new Map<number, AvailRecord[]>();
  const breaks = records.filter((r) => r.mode === 'ads' && r.vod).sort((a, b) => a.vod!.sessionStartMs - b.vod!.sessionStartMs);
  for (const r of breaks) {
    // Renditions share their boundaries (or nearly): the break goes at the one nearest its position.
    const k = nearestBoundary(bounds, r.vod!.positionMs);
    out.set(k, [...(out.get(k) ?? []), r]);
  }
  return out;
}

export function renderVodPlaylist(view: OriginView, records: readonly AvailRecord[], urls: VodHlsUrls): string {
  const at = breaksBySegment(view, records);
  let maxAdMs = 0;
  for (const rs of at.values()) for (const r of rs) for (const it of r.items) for (const d of it.segmentsMs) maxAdMs = Math.max(maxAdMs, d);
  const head = [
    '#EXTM3U',
    `#EXT-X-VERSION:${Math.max(3, view.version)}`,
    `#EXT-X-TARGETDURATION:${Math.max(view.targetDurationS, Math.round(maxAdMs / 1000))}`,
    `#EXT-X-MEDIA-SEQUENCE:${view.media.mediaSequence}`,
    `#EXT-X-DISCONTINUITY-SEQUENCE:${view.media.discontinuitySequence}`,
    '#EXT-X-PLAYLIST-TYPE:VOD',
  ];
  if (view.independentSegments) head.push('#EXT-X-INDEPENDENT-SEGMENTS');
  const body: string[] = [];
  /** A discontinuity goes before the next segment: something else played before it. */
  let switched = false;
  const segs = view.segments;
  for (let k = 0; k <= segs.length; k++) {
    for (const r of at.get(k) ?? []) {
      r.items.forEach((it, i) => {
        it.segmentsMs.forEach((d, seg) => {
          // Every item is its own encode: a discontinuity at its first segment (none at the very top).
          if (seg === 0 && body.length > 0) body.push('#EXT-X-DISCONTINUITY');
          body.push(`#EXTINF:${formatSecondsFixed(d)},`, it.kind === 'ad' ? urls.ad(r, i, seg) : urls.bumper(r, i, seg));
        });
      });
      switched = true;
    }
    const s = segs[k];
    if (!s) break;
    if ((switched || s.discontinuity) && body.length > 0) body.push('#EXT-X-DISCONTINUITY');
    switched = false;
    body.push(...s.lines);
  }
  body.push('#EXT-X-ENDLIST');
  return `${head.join('\n')}\n${body.join('\n')}\n`;
}
