// The channel's DASH output: a dynamic MPD (CMAF, SegmentTemplate + SegmentTimeline with
// $Number$ = the media sequence number HLS uses too), SCTE-35 cues as an EventStream (xml+bin by
// default, 2013:xml on request), and the segments: 1 s CMAF fragments joined on a continuous
// timeline across the programme's loop.
import { buildScte35EventStream, printNode, type Scte35Cue } from '@adsplice/dash';
import { encodeSection } from '@adsplice/scte35';
import type { Channel } from './channel.ts';
import type { CmafTrack, EncodedProgramme, EncodedRendition } from './adapters/encode-programme.ts';
import { inCue, outCue } from './cues.ts';
import type { LiveWindow, TimelineSegment } from './timeline.ts';

const TICKS = 90_000;

function isoDuration(seconds: number): string {
  return `PT${seconds}S`;
}

/** Media time of a track at a second of the channel (continuous across loops). */
export function trackTime(track: CmafTrack, loopSeconds: number, sec: number): number {
  const loop = Math.floor(sec / loopSeconds);
  const chunk = sec - loop * loopSeconds;
  const base = track.chunks[0]!.t;
  return loop * loopSeconds * track.timescale + (track.chunks[chunk]!.t - base);
}

/** Start and duration of a segment on a track's timeline (the last one in a loop ends at the loop point). */
function span(track: CmafTrack, loopSeconds: number, seg: TimelineSegment): { t: number; d: number } {
  const t = trackTime(track, loopSeconds, seg.startSec);
  const endSec = seg.startSec + seg.durationSec;
  const end = endSec % loopSeconds === 0 ? (endSec / loopSeconds) * loopSeconds * track.timescale : trackTime(track, loopSeconds, endSec);
  return { t, d: end - t };
}

/** The shift to add to a fragment's tfdt for the loop a segment is in. */
export function tfdtShift(track: CmafTrack, loopSeconds: number, seg: TimelineSegment): number {
  return seg.loopIndex * loopSeconds * track.timescale - track.chunks[0]!.t;
}

function timelineXml(track: CmafTrack, loopSeconds: number, window: LiveWindow, indent: string): string {
  const entries: { t: number; d: number; r: number }[] = [];
  for (const seg of window.segments) {
    const s = span(track, loopSeconds, seg);
    const last = entries.at(-1);
    if (last && last.d === s.d && last.t + (last.r + 1) * last.d === s.t) last.r++;
    else entries.push({ ...s, r: 0 });
  }
  return entries.map((e) => `${indent}<S t="${e.t}" d="${e.d}"${e.r > 0 ? ` r="${e.r}"` : ''}/>`).join('\n');
}

function cues(window: LiveWindow): Scte35Cue[] {
  const first = window.segments[0];
  if (!first) return [];
  const from = first.startSec;
  const to = window.liveEdgeSec;
  const out: Scte35Cue[] = [];
  const seen = new Set<string>();
  for (const seg of window.segments) {
    const brk = seg.inBreak?.brk;
    if (brk && !seen.has(`o${brk.spliceEventId}/${brk.startSec}`)) {
      seen.add(`o${brk.spliceEventId}/${brk.startSec}`);
      const section = outCue({ spliceEventId: brk.spliceEventId, ptsTicks: brk.startSec * TICKS, durationTicks: brk.plannedDurationTicks });
      out.push({
        base64: Buffer.from(encodeSection(section)).toString('base64'),
        presentationTime: brk.startSec * TICKS,
        ...(brk.plannedDurationTicks !== undefined ? { durationMs: Math.round(brk.plannedDurationTicks / 90) } : {}),
        id: `${brk.spliceEventId}-${brk.startSec}`,
      });
    }
    for (const ended of seg.endsBreaks) {
      if (seg.startSec < from || seg.startSec > to) continue;
      out.push({ base64: Buffer.from(encodeSection(inCue(ended.spliceEventId, seg.startSec * TICKS))).toString('base64'), presentationTime: seg.startSec * TICKS, id: `${ended.spliceEventId}-${seg.startSec}-in` });
    }
  }
  return out;
}

export function dashManifest(channel: Channel, programme: EncodedProgramme, window: LiveWindow, nowMs: number): string {
  const L = programme.loopSeconds;
  const audioSource: EncodedRendition = programme.renditions[0]!;
  const firstMsn = window.segments[0]?.msn ?? window.mediaSequence;
  const eventStream = printNode(buildScte35EventStream(cues(window), { scheme: channel.outputs.dash.eventStream === 'xml' ? 'xml' : 'xml+bin', timescale: TICKS }), { indent: 2 })
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
  const video = programme.renditions[0]!.video;
  const reps = programme.renditions
    .map((r) => `      <Representation id="${r.id}" bandwidth="${r.videoBitrate}" width="${r.width}" height="${r.height}" codecs="${r.codecs.split(',')[0]}" frameRate="25" sar="1:1"/>`)
    .join('\n');
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" profiles="urn:mpeg:dash:profile:isoff-live:2011,http://dashif.org/guidelines/dash-if-simple" type="dynamic" availabilityStartTime="${new Date(channel.epochMs).toISOString()}" publishTime="${new Date(nowMs).toISOString()}" minimumUpdatePeriod="${isoDuration(channel.segmentSeconds)}" minBufferTime="${isoDuration(2)}" timeShiftBufferDepth="${isoDuration(channel.windowSeconds)}" suggestedPresentationDelay="${isoDuration(channel.segmentSeconds * 3)}" maxSegmentDuration="${isoDuration(channel.segmentSeconds)}">`,
    '  <Period id="0" start="PT0S">',
    eventStream,
    '    <AdaptationSet id="1" contentType="video" mimeType="video/mp4" segmentAlignment="true" startWithSAP="1" maxWidth="1920" maxHeight="1080">',
    `      <SegmentTemplate timescale="${video.timescale}" initialization="$RepresentationID$/init-video.mp4" media="$RepresentationID$/video-$Number$.m4s" startNumber="${firstMsn}">`,
    '        <SegmentTimeline>',
    timelineXml(video, L, window, '          '),
    '        </SegmentTimeline>',
    '      </SegmentTemplate>',
    reps,
    '    </AdaptationSet>',
    '    <AdaptationSet id="2" contentType="audio" mimeType="audio/mp4" segmentAlignment="true" startWithSAP="1" lang="und">',
    `      <SegmentTemplate timescale="${audioSource.audio.timescale}" initialization="$RepresentationID$/init-audio.mp4" media="$RepresentationID$/audio-$Number$.m4s" startNumber="${firstMsn}">`,
    '        <SegmentTimeline>',
    timelineXml(audioSource.audio, L, window, '          '),
    '        </SegmentTimeline>',
    '      </SegmentTemplate>',
    `      <Representation id="audio" bandwidth="${audioSource.audioBitrate}" codecs="mp4a.40.2" audioSamplingRate="${audioSource.audio.timescale}">`,
    '        <AudioChannelConfiguration schemeIdUri="urn:mpeg:dash:23003:3:audio_channel_configuration:2011" value="2"/>',
    '      </Representation>',
    '    </AdaptationSet>',
    '  </Period>',
    '  <UTCTiming schemeIdUri="urn:mpeg:dash:utc:direct:2014" value="' + new Date(nowMs).toISOString() + '"/>',
    '</MPD>',
  ];
  return `${lines.filter((l) => l !== '').join('\n')}\n`;
}
