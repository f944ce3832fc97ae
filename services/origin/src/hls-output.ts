// The channel's HLS output: the multivariant playlist, and each rendition's live media playlist
// with EXT-X-PROGRAM-DATE-TIME on every segment and the ad markers of the channel's dialect
// (Elemental CUE-OUT/CONT/IN, DATERANGE, or both), each carrying a real splice_info_section.
import { cueTagLines, type CueDialect } from '@adsplice/hls';
import { encodeBase64 } from '@adsplice/scte35';
import type { Channel } from './channel.ts';
import { inCue, outCue } from './cues.ts';
import type { EncodedProgramme } from './adapters/encode-programme.ts';
import type { LiveWindow, TimelineSegment } from './timeline.ts';

const TICKS_PER_SECOND = 90_000;

export function multivariantPlaylist(programme: EncodedProgramme): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-INDEPENDENT-SEGMENTS'];
  for (const r of programme.renditions) {
    lines.push(`#EXT-X-STREAM-INF:BANDWIDTH=${r.bandwidth},AVERAGE-BANDWIDTH=${Math.round(r.bandwidth / 1.1)},RESOLUTION=${r.width}x${r.height},CODECS="${r.codecs}",FRAME-RATE=25.000`);
    lines.push(`${r.id}.m3u8`);
  }
  return `${lines.join('\n')}\n`;
}

/** PTS of the first frame at a second of the channel's timeline: that chunk's PTS in the encoded programme. */
export type PtsOf = (sec: number) => number;

function dialects(channel: Channel): CueDialect[] {
  const m = channel.outputs.hls.markers;
  return m === 'both' ? ['cue-out', 'daterange'] : m === 'daterange' ? ['daterange'] : m === 'enhanced' ? ['oatcls'] : ['cue-out'];
}

/** Encoded cues by break: every CONT of a break carries the same OUT cue, encode it once. */
const outCueCache = new WeakMap<object, { pts: number; base64: string }>();

function outCueBase64(brk: TimelineSegment['endsBreaks'][number], ptsTicks: number): string {
  const hit = outCueCache.get(brk);
  if (hit && hit.pts === ptsTicks) return hit.base64;
  const base64 = encodeBase64(outCue({ spliceEventId: brk.spliceEventId, ptsTicks, durationTicks: brk.plannedDurationTicks }));
  outCueCache.set(brk, { pts: ptsTicks, base64 });
  return base64;
}

/** The tags of one segment's ad markers, in the channel's dialects. */
function markerLines(channel: Channel, segment: TimelineSegment, ptsOf: PtsOf, window: LiveWindow): string[] {
  const lines: string[] = [];
  const ds = dialects(channel);
  for (const brk of segment.endsBreaks) {
    const startMs = channel.epochMs + brk.startSec * 1000;
    const scte35 = encodeBase64(inCue(brk.spliceEventId, ptsOf(segment.startSec)));
    for (const d of ds) lines.push(...cueTagLines(d, { kind: 'in', id: String(brk.spliceEventId), scte35, startDateMs: startMs, endDateMs: segment.startMs }));
  }
  const pos = segment.inBreak;
  if (pos) {
    const { brk, elapsedSec } = pos;
    const first = elapsedSec === 0;
    // The OUT cue describes the break's first segment, wherever it is now.
    const startSegmentPts = ptsOf(brk.startSec);
    const durationMs = brk.plannedDurationTicks === undefined ? undefined : Math.round((brk.plannedDurationTicks * 1000) / TICKS_PER_SECOND);
    const scte35 = outCueBase64(brk, startSegmentPts);
    const isWindowStart = segment.msn === window.mediaSequence;
    for (const d of ds) {
      // DATERANGE: once on the break's first segment, and again at the top while it is in progress.
      if (d === 'daterange' && !first && !isWindowStart) continue;
      lines.push(
        ...cueTagLines(d, {
          kind: first ? 'out' : 'cont',
          id: String(brk.spliceEventId),
          scte35,
          durationMs,
          elapsedMs: elapsedSec * 1000,
          startDateMs: channel.epochMs + brk.startSec * 1000,
        }),
      );
    }
  }
  return lines;
}

export function mediaPlaylist(channel: Channel, renditionId: string, window: LiveWindow, ptsOf: PtsOf): string {
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    `#EXT-X-TARGETDURATION:${channel.segmentSeconds}`,
    `#EXT-X-MEDIA-SEQUENCE:${window.mediaSequence}`,
    `#EXT-X-DISCONTINUITY-SEQUENCE:${window.discontinuitySequence}`,
  ];
  for (const segment of window.segments) {
    if (segment.discontinuity) lines.push('#EXT-X-DISCONTINUITY');
    lines.push(`#EXT-X-PROGRAM-DATE-TIME:${new Date(segment.startMs).toISOString()}`);
    lines.push(...markerLines(channel, segment, ptsOf, window));
    lines.push(`#EXTINF:${segment.durationSec.toFixed(3)},`);
    lines.push(`${renditionId}/${segment.msn}.ts`);
  }
  return `${lines.join('\n')}\n`;
}
