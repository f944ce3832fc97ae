// A synthetic live origin for planner tests: a sliding window of 2 s segments with PDT, Elemental
// CUE-OUT/CONT/IN breaks (optionally returning early) and a discontinuity at each loop point.
import type { AvailRecord, PlanItem } from '../model.ts';

export interface SyntheticBreak {
  startMsn: number;
  /** Planned, in segments. */
  segments: number;
  /** Ends after this many segments instead (return to network). */
  endsAfter?: number;
  eventId: number;
}

export interface SyntheticOrigin {
  segmentMs: number;
  window: number;
  epochMs: number;
  /** A discontinuity every `loop` segments (the origin's loop point); 0: none. */
  loop: number;
  breaks: SyntheticBreak[];
  /** EXT-X-TARGETDURATION when it is not the segment duration (an origin that allows longer segments). */
  targetDurationS?: number;
}

/** The origin's media playlist when `lastMsn` is the newest segment. */
export function originPlaylist(o: SyntheticOrigin, lastMsn: number): string {
  const first = Math.max(0, lastMsn - o.window + 1);
  const dsnOf = (m: number) => (o.loop ? Math.floor(m / o.loop) : 0);
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', `#EXT-X-TARGETDURATION:${o.targetDurationS ?? o.segmentMs / 1000}`, `#EXT-X-MEDIA-SEQUENCE:${first}`, `#EXT-X-DISCONTINUITY-SEQUENCE:${dsnOf(first) - (o.loop && first % o.loop === 0 && first > 0 ? 1 : 0)}`];
  for (let m = first; m <= lastMsn; m++) {
    if (o.loop && m % o.loop === 0 && m > 0) lines.push('#EXT-X-DISCONTINUITY');
    lines.push(`#EXT-X-PROGRAM-DATE-TIME:${new Date(o.epochMs + m * o.segmentMs).toISOString()}`);
    for (const b of o.breaks) {
      const len = b.endsAfter ?? b.segments;
      const sec = (o.segmentMs * b.segments) / 1000;
      if (m === b.startMsn) lines.push(`#EXT-X-CUE-OUT:${sec}`);
      else if (m > b.startMsn && m < b.startMsn + len) lines.push(`#EXT-X-CUE-OUT-CONT:ElapsedTime=${((m - b.startMsn) * o.segmentMs) / 1000},Duration=${sec}`);
      else if (m === b.startMsn + len) lines.push('#EXT-X-CUE-IN');
    }
    lines.push(`#EXTINF:${(o.segmentMs / 1000).toFixed(3)},`, `seg/${m}.ts`);
  }
  return `${lines.join('\n')}\n`;
}

/** A decided record for a break, with ads of the given durations and a 3 × 1 s slate loop. */
export function syntheticRecord(o: SyntheticOrigin, b: SyntheticBreak, adsMs: number[][], mode: 'ads' | 'content' = 'ads'): AvailRecord {
  const planned = b.segments * o.segmentMs;
  const items: PlanItem[] = adsMs.map((segmentsMs, i) => ({ kind: 'ad', creativeKey: `c${i}`, segmentsMs, durationMs: segmentsMs.reduce((a, x) => a + x, 0), adIndex: i }));
  const filled = items.reduce((a, x) => a + x.durationMs, 0);
  const slate = { creativeKey: 'slate', segmentsMs: [1000, 1000, 1000], targetKey: 't1' };
  if (filled < planned) items.push({ kind: 'slate', creativeKey: 'slate', segmentsMs: slate.segmentsMs, durationMs: planned - filled });
  const dsnBefore = o.loop ? Math.floor(b.startMsn / o.loop) - (b.startMsn % o.loop === 0 && b.startMsn > 0 ? 1 : 0) : 0;
  return {
    key: `${b.startMsn}-${b.eventId}`,
    startMsn: b.startMsn,
    dsnBefore,
    startPdtMs: o.epochMs + b.startMsn * o.segmentMs,
    plannedDurationMs: planned,
    eventId: b.eventId,
    mode,
    items: mode === 'ads' ? items : [],
    ads: adsMs.map((s, i) => ({ adId: `ad${i}`, creativeId: `cr${i}`, adSystem: 'test', durationMs: s.reduce((a, x) => a + x, 0), impressions: [], tracking: {}, errors: [] })),
    skipped: [],
    slate,
    decidedAtMs: 0,
  };
}
