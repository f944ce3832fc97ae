// One origin MPD, prepared once per fetch for every session (pure): parsed and read, its breaks
// (SCTE-35 EventStreams in any scheme packages/dash reads), the video segments of its first video
// Representation on the presentation timeline, and the renditions ads must be conditioned into.
import { readMpd, parseMpd, scanAds, segments, type DashAvail, type Mpd, type MpdView, type RepresentationView } from '@adsplice/dash';
import type { ContentProfile } from './profiles.ts';

export interface DashSegment {
  periodIndex: number;
  /** `$Number$` of the segment (the origin's media sequence number when it numbers like HLS). */
  number: number;
  startMs: number;
  durationMs: number;
}

export interface DashRendition {
  /** The origin Representation's id. */
  id: string;
  bandwidth: number;
  width?: number;
  height?: number;
  codecs?: string;
  frameRate?: string;
}

export interface DashOriginView {
  mpd: Mpd;
  view: MpdView;
  avails: DashAvail[];
  /** Video segments of the first video Representation, in presentation order. */
  segments: DashSegment[];
  /** Typical segment duration (the most common), for conditioning ads. */
  segmentMs: number;
  video: DashRendition[];
  audio?: DashRendition & { audioSamplingRate?: string; lang?: string };
  /** One conditioning profile per video Representation, in order. */
  profiles: ContentProfile[];
}

const PROFILE_IDC: Record<string, ContentProfile['h264Profile']> = { '42': 'baseline', '4d': 'main', '58': 'main', '64': 'high' };

/** A DASH video Representation as a conditioning profile (its bandwidth is the video's alone). */
export function dashProfileOf(rep: DashRendition, audioBitrate: number): ContentProfile {
  const width = rep.width ?? 1280;
  const height = rep.height ?? 720;
  const videoBitrate = Math.max(100_000, Math.round(rep.bandwidth / 1000) * 1000);
  const avc = /avc1\.([0-9a-f]{2})[0-9a-f]{2}([0-9a-f]{2})/i.exec(rep.codecs ?? '');
  const h264Profile = (avc && PROFILE_IDC[avc[1]!.toLowerCase()]) || 'main';
  const levelIdc = avc ? parseInt(avc[2]!, 16) : 31;
  const h264Level = `${Math.floor(levelIdc / 10)}.${levelIdc % 10}`;
  const [num, den] = (rep.frameRate ?? '25').split('/').map(Number);
  const fps = Math.round((num ?? 25) / (den || 1)) || 25;
  return { id: `${width}x${height}-${Math.round(videoBitrate / 1000)}k-${fps}-${h264Profile}-${h264Level}`, width, height, videoBitrate, audioBitrate, fps, h264Profile, h264Level };
}

function mostCommon(xs: number[]): number {
  const counts = new Map<number, number>();
  let best = xs[0] ?? 2000;
  for (const x of xs) {
    const n = (counts.get(x) ?? 0) + 1;
    counts.set(x, n);
    if (n > (counts.get(best) ?? 0)) best = x;
  }
  return best;
}

const isVideo = (a: { contentType?: string; mimeType?: string }) => a.contentType === 'video' || (a.mimeType ?? '').startsWith('video/');
const isAudio = (a: { contentType?: string; mimeType?: string }) => a.contentType === 'audio' || (a.mimeType ?? '').startsWith('audio/');

const rendition = (r: RepresentationView): DashRendition => ({
  id: r.id ?? String(r.index),
  bandwidth: r.bandwidth ?? 0,
  ...(r.width === undefined ? {} : { width: r.width }),
  ...(r.height === undefined ? {} : { height: r.height }),
  ...(r.codecs === undefined ? {} : { codecs: r.codecs }),
  ...(r.frameRate === undefined ? {} : { frameRate: r.frameRate }),
});

export function dashOriginView(text: string, nowMs: number): DashOriginView {
  const mpd = parseMpd(text).value;
  const view = readMpd(mpd).value;
  const avails = scanAds(view, { nowMs }).value.avails;
  const segs: DashSegment[] = [];
  let video: DashRendition[] = [];
  let audio: DashOriginView['audio'];
  for (const period of view.periods) {
    const vset = period.adaptationSets.find(isVideo);
    const aset = period.adaptationSets.find(isAudio);
    if (vset && video.length === 0) video = vset.representations.map(rendition);
    if (aset && !audio && aset.representations[0]) {
      const r = aset.representations[0];
      audio = { ...rendition(r), ...(r.audioSamplingRate === undefined ? {} : { audioSamplingRate: r.audioSamplingRate }), ...(aset.lang === undefined ? {} : { lang: aset.lang }) };
    }
    const rep = vset?.representations[0];
    if (!rep) continue;
    for (const s of segments(view, period, rep, { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER, nowMs }).value) {
      segs.push({ periodIndex: period.index, number: s.number, startMs: s.startMs, durationMs: s.durationMs });
    }
  }
  const audioBitrate = audio?.bandwidth || 64_000;
  return { mpd, view, avails, segments: segs, segmentMs: mostCommon(segs.map((s) => s.durationMs)), video, ...(audio ? { audio } : {}), profiles: video.map((v) => dashProfileOf(v, audioBitrate)) };
}

/** What the stitcher needs to decide an avail the MPD shows, before any session's record exists. */
export interface DashAvailFacts {
  /** The `$Number$` of the avail's first segment: the key HLS uses too (the origin numbers DASH segments by media sequence). */
  key: string;
  startNumber: number;
  startPresentationMs: number;
  /** Wall-clock start (availabilityStartTime + presentation time), when the MPD is dynamic. */
  startTimeMs?: number;
  plannedDurationMs?: number;
  eventId?: number;
}

/** The avails whose first segment is in the window (the ones a session may still decide). */
export function dashAvailFacts(o: DashOriginView): DashAvailFacts[] {
  const out: DashAvailFacts[] = [];
  for (const a of o.avails) {
    const at = a.startPresentationTimeMs;
    if (at === undefined) continue;
    const seg = o.segments.find((s) => Math.abs(s.startMs - at) <= 1);
    if (!seg) continue;
    const ast = o.view.availabilityStartTimeMs;
    out.push({
      key: String(seg.number),
      startNumber: seg.number,
      startPresentationMs: seg.startMs,
      ...(ast === undefined ? {} : { startTimeMs: ast + seg.startMs }),
      ...(a.plannedDurationMs === undefined ? {} : { plannedDurationMs: a.plannedDurationMs }),
      ...(a.eventId === undefined ? {} : { eventId: a.eventId }),
    });
  }
  return out;
}
