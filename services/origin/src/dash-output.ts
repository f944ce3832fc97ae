// The channel's DASH output: a dynamic MPD (CMAF, SegmentTemplate + SegmentTimeline with
// $Number$ = the media sequence number HLS uses too), SCTE-35 cues as an EventStream (xml+bin by
// default, 2013:xml on request), optionally a new Period at each break start and end
// (MediaPackage's "trigger new period on ads"), and the segments: 1 s CMAF fragments joined on a
// continuous timeline across the programme's loop.
import { buildScte35EventStream, printNode, type Scte35Cue } from '@adsplice/dash';
import { toBase64 } from '@adsplice/bits';
import { encodeSection } from '@adsplice/scte35';
import type { Channel } from './channel.ts';
import type { CmafTrack, EncodedProgramme } from './adapters/encode-programme.ts';
import { inCue, outCue } from './cues.ts';
import type { LiveWindow, Timeline, TimelineSegment } from './timeline.ts';

const TICKS = 90_000;

const isoDuration = (seconds: number): string => `PT${seconds}S`;

/** Media time of a track at a second of the channel (continuous across loops). */
export function trackTime(track: CmafTrack, loopSeconds: number, sec: number): number {
  const loop = Math.floor(sec / loopSeconds);
  const chunk = sec - loop * loopSeconds;
  return loop * loopSeconds * track.timescale + (track.chunks[chunk]!.t - track.chunks[0]!.t);
}

/** Start and duration of a segment on a track's timeline (the last one in a loop ends at the loop point). */
function span(track: CmafTrack, loopSeconds: number, seg: TimelineSegment): { t: number; d: number } {
  const t = trackTime(track, loopSeconds, seg.startSec);
  const endSec = seg.startSec + seg.durationSec;
  const end = endSec % loopSeconds === 0 ? endSec * track.timescale : trackTime(track, loopSeconds, endSec);
  return { t, d: end - t };
}

/** The shift to add to a fragment's tfdt for the loop a segment is in. */
export function tfdtShift(track: CmafTrack, loopSeconds: number, seg: TimelineSegment): number {
  return seg.loopIndex * loopSeconds * track.timescale - track.chunks[0]!.t;
}

function timelineXml(track: CmafTrack, loopSeconds: number, segments: TimelineSegment[], indent: string): string {
  const entries: { t: number; d: number; r: number }[] = [];
  for (const seg of segments) {
    const s = span(track, loopSeconds, seg);
    const last = entries.at(-1);
    if (last && last.d === s.d && last.t + (last.r + 1) * last.d === s.t) last.r++;
    else entries.push({ ...s, r: 0 });
  }
  return entries.map((e) => `${indent}<S t="${e.t}" d="${e.d}"${e.r > 0 ? ` r="${e.r}"` : ''}/>`).join('\n');
}

/** OUT cues of the breaks the segments are in, IN cues where breaks end; presentation times in 90 kHz media time. */
function cues(segments: TimelineSegment[]): Scte35Cue[] {
  const out: Scte35Cue[] = [];
  const seen = new Set<string>();
  for (const seg of segments) {
    for (const ended of seg.endsBreaks) {
      out.push({ base64: toBase64(encodeSection(inCue(ended.spliceEventId, seg.startSec * TICKS))), presentationTime: seg.startSec * TICKS, id: `${ended.spliceEventId}-${seg.startSec}-in` });
    }
    const brk = seg.inBreak?.brk;
    if (brk && !seen.has(`${brk.spliceEventId}/${brk.startSec}`)) {
      seen.add(`${brk.spliceEventId}/${brk.startSec}`);
      const section = outCue({ spliceEventId: brk.spliceEventId, ptsTicks: brk.startSec * TICKS, durationTicks: brk.plannedDurationTicks });
      out.push({
        base64: toBase64(encodeSection(section)),
        presentationTime: brk.startSec * TICKS,
        ...(brk.plannedDurationTicks !== undefined ? { durationMs: Math.round(brk.plannedDurationTicks / 90) } : {}),
        id: `${brk.spliceEventId}-${brk.startSec}`,
      });
    }
  }
  return out;
}

interface PeriodPart {
  startSec: number;
  segments: TimelineSegment[];
}

/** The window's segments grouped into Periods: one, or a new one at each break start and end. */
function periods(channel: Channel, timeline: Timeline, window: LiveWindow): PeriodPart[] {
  const first = window.segments[0];
  if (!channel.outputs.dash.periodPerBreak || !first) return [{ startSec: 0, segments: window.segments }];
  const parts: PeriodPart[] = [{ startSec: timeline.breakPointAtOrBefore(first.startSec), segments: [] }];
  for (const seg of window.segments) {
    const startsBreak = seg.inBreak?.elapsedSec === 0;
    if ((startsBreak || seg.endsBreaks.length > 0) && parts.at(-1)!.segments.length > 0) parts.push({ startSec: seg.startSec, segments: [] });
    parts.at(-1)!.segments.push(seg);
  }
  return parts;
}

function periodXml(channel: Channel, programme: EncodedProgramme, part: PeriodPart): string[] {
  const L = programme.loopSeconds;
  const audioSource = programme.renditions[0]!;
  const video = audioSource.video;
  const audio = audioSource.audio;
  const startNumber = part.segments[0]?.msn ?? 0;
  const scheme = channel.outputs.dash.eventStream === 'xml' ? 'xml' : 'xml+bin';
  // Event times are absolute media time; the EventStream's presentationTimeOffset says so.
  const eventStream = printNode(buildScte35EventStream(cues(part.segments), { scheme, timescale: TICKS, presentationTimeOffset: part.startSec * TICKS }), { indent: 2 })
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
  const videoPto = part.startSec * video.timescale;
  const audioPto = part.startSec === 0 ? 0 : trackTime(audio, L, part.startSec);
  return [
    `  <Period id="p${part.startSec}" start="${isoDuration(part.startSec)}">`,
    eventStream,
    '    <AdaptationSet id="1" contentType="video" mimeType="video/mp4" segmentAlignment="true" startWithSAP="1">',
    `      <SegmentTemplate timescale="${video.timescale}" presentationTimeOffset="${videoPto}" initialization="$RepresentationID$/init-video.mp4" media="$RepresentationID$/video-$Number$.m4s" startNumber="${startNumber}">`,
    '        <SegmentTimeline>',
    timelineXml(video, L, part.segments, '          '),
    '        </SegmentTimeline>',
    '      </SegmentTemplate>',
    ...programme.renditions.map((r) => `      <Representation id="${r.id}" bandwidth="${r.videoBitrate}" width="${r.width}" height="${r.height}" codecs="${r.codecs.split(',')[0]}" frameRate="25" sar="1:1"/>`),
    '    </AdaptationSet>',
    '    <AdaptationSet id="2" contentType="audio" mimeType="audio/mp4" segmentAlignment="true" startWithSAP="1" lang="und">',
    `      <SegmentTemplate timescale="${audio.timescale}" presentationTimeOffset="${audioPto}" initialization="$RepresentationID$/init-audio.mp4" media="$RepresentationID$/audio-$Number$.m4s" startNumber="${startNumber}">`,
    '        <SegmentTimeline>',
    timelineXml(audio, L, part.segments, '          '),
    '        </SegmentTimeline>',
    '      </SegmentTemplate>',
    `      <Representation id="audio" bandwidth="${audioSource.audioBitrate}" codecs="mp4a.40.2" audioSamplingRate="${audio.timescale}">`,
    '        <AudioChannelConfiguration schemeIdUri="urn:mpeg:dash:23003:3:audio_channel_configuration:2011" value="2"/>',
    '      </Representation>',
    '    </AdaptationSet>',
    '  </Period>',
  ];
}

export function dashManifest(channel: Channel, programme: EncodedProgramme, timeline: Timeline, window: LiveWindow, nowMs: number): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" profiles="urn:mpeg:dash:profile:isoff-live:2011" type="dynamic" availabilityStartTime="${new Date(channel.epochMs).toISOString()}" publishTime="${new Date(nowMs).toISOString()}" minimumUpdatePeriod="${isoDuration(channel.segmentSeconds)}" minBufferTime="${isoDuration(2)}" timeShiftBufferDepth="${isoDuration(channel.windowSeconds)}" suggestedPresentationDelay="${isoDuration(channel.segmentSeconds * 3)}" maxSegmentDuration="${isoDuration(channel.segmentSeconds)}">`,
    ...periods(channel, timeline, window).flatMap((part) => periodXml(channel, programme, part)),
    `  <UTCTiming schemeIdUri="urn:mpeg:dash:utc:direct:2014" value="${new Date(nowMs).toISOString()}"/>`,
    '</MPD>',
  ];
  return `${lines.filter((l) => l !== '').join('\n')}\n`;
}
