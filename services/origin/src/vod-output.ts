// A channel's programme as VOD (what MediaPackage VOD / a CDN bucket would serve): one pass of the
// encoded loop as a complete HLS playlist (PLAYLIST-TYPE:VOD, ENDLIST) and a static MPD, with
// insertion cues where the URL asks for them — `/origin/{ch}/vod/index.m3u8`, `…/vod/index.mpd`,
// or `/origin/{ch}/vod/cues-10-30/index.m3u8` (cues at 10 s and 30 s, snapped down to a segment
// start): HLS `#EXT-X-CUE-OUT:0` … `#EXT-X-CUE-IN`, DASH an SCTE-35 EventStream (splice_insert
// without a duration). Manifests use relative URIs, so the cues part of the path carries over.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildScte35EventStream, printNode } from '@adsplice/dash';
import { toBase64 } from '@adsplice/bits';
import { encodeSection } from '@adsplice/scte35';
import { cmafChunkPath, type CmafTrack, type EncodedProgramme, type EncodedRendition } from './adapters/encode-programme.ts';
import type { Channel } from './channel.ts';
import { joinFragments } from './cmaf.ts';
import { outCue } from './cues.ts';
import { OriginError } from './errors.ts';
import type { OriginRuntime } from './runtime.ts';

const TICKS = 90_000;
/** The splice_event_id of the n-th VOD cue. */
const VOD_EVENT_BASE = 5000;

export interface VodSegment {
  n: number;
  startSec: number;
  durationSec: number;
}

/** The programme cut in segments of the channel's length (the last one shorter when the loop is not a multiple). */
export function vodSegments(loopSeconds: number, segmentSeconds: number): VodSegment[] {
  const out: VodSegment[] = [];
  for (let n = 0, s = 0; s < loopSeconds; n++, s += segmentSeconds) out.push({ n, startSec: s, durationSec: Math.min(segmentSeconds, loopSeconds - s) });
  return out;
}

/** `cues-10-30` → the segment starts at or before 10 s and 30 s (inside the programme, not at 0); undefined when not a cues part. */
export function parseCues(part: string, segments: VodSegment[]): number[] | undefined {
  const m = /^cues-(\d{1,5}(?:-\d{1,5}){0,19})$/.exec(part);
  if (!m) return undefined;
  const starts = new Set<number>();
  for (const sec of m[1]!.split('-').map(Number)) {
    const seg = [...segments].reverse().find((s) => s.startSec <= sec);
    if (seg && seg.startSec > 0) starts.add(seg.startSec);
  }
  return [...starts].sort((a, b) => a - b);
}

export function vodMultivariant(programme: EncodedProgramme): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-INDEPENDENT-SEGMENTS'];
  for (const r of programme.renditions) lines.push(`#EXT-X-STREAM-INF:BANDWIDTH=${r.bandwidth},AVERAGE-BANDWIDTH=${Math.round(r.bandwidth / 1.1)},RESOLUTION=${r.width}x${r.height},CODECS="${r.codecs}",FRAME-RATE=25.000`, `${r.id}.m3u8`);
  return `${lines.join('\n')}\n`;
}

export function vodMediaPlaylist(channel: Channel, programme: EncodedProgramme, renditionId: string, cuesSec: readonly number[]): string {
  const segments = vodSegments(programme.loopSeconds, channel.segmentSeconds);
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', `#EXT-X-TARGETDURATION:${channel.segmentSeconds}`, '#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-PLAYLIST-TYPE:VOD', '#EXT-X-INDEPENDENT-SEGMENTS'];
  for (const s of segments) {
    // An insertion point: the break is zero long in the content (the ads are inserted there).
    if (cuesSec.includes(s.startSec)) lines.push('#EXT-X-CUE-OUT:0');
    if (s.n > 0 && cuesSec.includes(segments[s.n - 1]!.startSec)) lines.push('#EXT-X-CUE-IN');
    lines.push(`#EXTINF:${s.durationSec.toFixed(3)},`, `${renditionId}/${s.n}.ts`);
  }
  lines.push('#EXT-X-ENDLIST');
  return `${lines.join('\n')}\n`;
}

/** Media time (track timescale, from 0) where second `sec` of the programme starts; the loop's end at `loopSeconds`. */
function timeAt(track: CmafTrack, sec: number): number {
  const last = track.chunks.at(-1)!;
  const t0 = track.chunks[0]!.t;
  return sec < track.chunks.length ? track.chunks[sec]!.t - t0 : last.t + last.d - t0;
}

function timeline(track: CmafTrack, segments: VodSegment[]): string {
  const entries: { t: number; d: number; r: number }[] = [];
  for (const s of segments) {
    const t = timeAt(track, s.startSec);
    const d = timeAt(track, s.startSec + s.durationSec) - t;
    const last = entries.at(-1);
    if (last && last.d === d) last.r++;
    else entries.push({ t, d, r: 0 });
  }
  return entries.map((e, i) => `          <S${i === 0 ? ` t="${e.t}"` : ''} d="${e.d}"${e.r > 0 ? ` r="${e.r}"` : ''}/>`).join('\n');
}

export function vodMpd(channel: Channel, programme: EncodedProgramme, cuesSec: readonly number[]): string {
  const segments = vodSegments(programme.loopSeconds, channel.segmentSeconds);
  const first = programme.renditions[0]!;
  const { video, audio } = first;
  const durationSec = timeAt(video, programme.loopSeconds) / video.timescale;
  const cues = cuesSec.map((sec, i) => ({ base64: toBase64(encodeSection(outCue({ spliceEventId: VOD_EVENT_BASE + i, ptsTicks: sec * TICKS }))), presentationTime: sec * TICKS, id: `vod-cue-${sec}` }));
  const events = cues.length === 0 ? [] : printNode(buildScte35EventStream(cues, { scheme: channel.outputs.dash.eventStream === 'xml' ? 'xml' : 'xml+bin', timescale: TICKS }), { indent: 2 }).split('\n').map((l) => `    ${l}`);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" profiles="urn:mpeg:dash:profile:isoff-live:2011" type="static" mediaPresentationDuration="PT${durationSec.toFixed(3)}S" minBufferTime="PT2S" maxSegmentDuration="PT${channel.segmentSeconds}S">`,
    '  <Period id="p0" start="PT0S">',
    ...events,
    '    <AdaptationSet id="1" contentType="video" mimeType="video/mp4" segmentAlignment="true" startWithSAP="1">',
    `      <SegmentTemplate timescale="${video.timescale}" initialization="$RepresentationID$/init-video.mp4" media="$RepresentationID$/video-$Number$.m4s" startNumber="0">`,
    '        <SegmentTimeline>',
    timeline(video, segments),
    '        </SegmentTimeline>',
    '      </SegmentTemplate>',
    ...programme.renditions.map((r) => `      <Representation id="${r.id}" bandwidth="${r.videoBitrate}" width="${r.width}" height="${r.height}" codecs="${r.codecs.split(',')[0]}" frameRate="25" sar="1:1"/>`),
    '    </AdaptationSet>',
    '    <AdaptationSet id="2" contentType="audio" mimeType="audio/mp4" segmentAlignment="true" startWithSAP="1" lang="und">',
    `      <SegmentTemplate timescale="${audio.timescale}" initialization="$RepresentationID$/init-audio.mp4" media="$RepresentationID$/audio-$Number$.m4s" startNumber="0">`,
    '        <SegmentTimeline>',
    timeline(audio, segments),
    '        </SegmentTimeline>',
    '      </SegmentTemplate>',
    `      <Representation id="audio" bandwidth="${first.audioBitrate}" codecs="mp4a.40.2" audioSamplingRate="${audio.timescale}">`,
    '        <AudioChannelConfiguration schemeIdUri="urn:mpeg:dash:23003:3:audio_channel_configuration:2011" value="2"/>',
    '      </Representation>',
    '    </AdaptationSet>',
    '  </Period>',
    '</MPD>',
  ];
  return `${lines.join('\n')}\n`;
}

/** One VOD segment's bytes: TS chunks joined, or CMAF fragments on the programme's own timeline (from 0). */
async function segmentBytes(programme: EncodedProgramme, r: EncodedRendition, kind: 'ts' | 'video' | 'audio', seg: VodSegment): Promise<Uint8Array> {
  const dir = join(programme.dir, r.id);
  const secs = Array.from({ length: seg.durationSec }, (_, i) => seg.startSec + i);
  if (kind === 'ts') return Buffer.concat(await Promise.all(secs.map((s) => readFile(join(dir, r.tsChunks[s]!)))));
  const track = kind === 'video' ? r.video : r.audio;
  const fragments = await Promise.all(secs.map((s) => readFile(join(dir, cmafChunkPath(kind, s)))));
  return joinFragments(fragments, -track.chunks[0]!.t, seg.startSec + 1);
}

/** GET /origin/{channel}/vod/[cues-…/]{index.m3u8 | {rendition}.m3u8 | index.mpd | {rendition}/{segment}}. */
export function registerVodRoutes(app: FastifyInstance, runtime: OriginRuntime): void {
  app.get<{ Params: { channel: string; '*': string } }>('/origin/:channel/vod/*', async (request, reply) => {
    const view = await runtime.view(request.params.channel);
    const { channel, programme } = view;
    const segments = vodSegments(programme.loopSeconds, channel.segmentSeconds);
    const parts = request.params['*'].split('/');
    const withCues = parts.length > 1 && parts[0]!.startsWith('cues-');
    const cues = withCues ? parseCues(parts[0]!, segments) : [];
    const rest = withCues ? parts.slice(1) : parts;
    const notFound = () => new OriginError('SEGMENT_NOT_FOUND', `no VOD file "${request.params['*']}" on channel "${channel.id}"`);
    if (!cues) throw notFound();
    const rendition = (id: string) => programme.renditions.find((r) => r.id === id);
    void reply.header('cache-control', 'public, max-age=86400');
    if (rest.length === 1) {
      const file = rest[0]!;
      if (file === 'index.m3u8') return reply.type('application/vnd.apple.mpegurl').send(vodMultivariant(programme));
      if (file === 'index.mpd') return reply.type('application/dash+xml').send(vodMpd(channel, programme, cues));
      const m = /^([a-z0-9][a-z0-9_-]*)\.m3u8$/.exec(file);
      if (m && rendition(m[1]!)) return reply.type('application/vnd.apple.mpegurl').send(vodMediaPlaylist(channel, programme, m[1]!, cues));
      throw notFound();
    }
    if (rest.length !== 2) throw notFound();
    const audio = rest[0] === 'audio';
    const r = audio ? programme.renditions[0] : rendition(rest[0]!);
    const file = rest[1]!;
    if (!r) throw notFound();
    if (file === 'init-video.mp4' && !audio) return reply.type('video/mp4').send(await readFile(join(programme.dir, r.id, r.video.init)));
    if (file === 'init-audio.mp4' && audio) return reply.type('audio/mp4').send(await readFile(join(programme.dir, r.id, r.audio.init)));
    const m = /^(?:(video|audio)-)?(\d{1,6})\.(ts|m4s)$/.exec(file);
    const kind = !m ? undefined : m[3] === 'ts' ? (m[1] === undefined && !audio ? 'ts' : undefined) : m[1] === (audio ? 'audio' : 'video') ? m[1] : undefined;
    const seg = m ? segments[Number(m[2])] : undefined;
    if (!kind || !seg) throw notFound();
    const bytes = await segmentBytes(programme, r, kind as 'ts' | 'video' | 'audio', seg);
    return reply.type(kind === 'ts' ? 'video/mp2t' : kind === 'audio' ? 'audio/mp4' : 'video/mp4').header('cache-control', 'public, max-age=86400, immutable').send(Buffer.from(bytes));
  });
}
