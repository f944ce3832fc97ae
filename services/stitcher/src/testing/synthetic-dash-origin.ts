// A synthetic live DASH origin for the DASH planner's tests (pure): an MPD for any wall-clock time,
// shaped like the origin service's (video + audio AdaptationSets, SegmentTemplate + SegmentTimeline,
// $Number$ = segment index, SCTE-35 splice_insert OUT/IN EventStream), one Period or a new Period at
// each break start and end, and breaks that may return early.
import { toBase64 } from '@adsplice/bits';
import { buildScte35EventStream, printNode, type Scte35Cue } from '@adsplice/dash';
import { encodeSection, type SpliceInfoSectionInput } from '@adsplice/scte35';
import type { AvailRecord } from '../model.ts';

export interface SyntheticDash {
  segmentMs: number;
  windowSegments: number;
  availabilityStartMs: number;
  breaks: { startMs: number; durationMs: number; eventId: number; returnMs?: number }[];
  periodPerBreak?: boolean;
  scheme?: 'xml+bin' | 'xml';
}

const TICKS = 90;

function spliceInsert(eventId: number, out: boolean, ptsTicks: number, durationTicks?: number): SpliceInfoSectionInput {
  return {
    spliceCommand: {
      type: 'splice_insert', spliceEventId: eventId, spliceEventCancelIndicator: false, outOfNetworkIndicator: out, programSpliceFlag: true,
      durationFlag: durationTicks !== undefined, spliceImmediateFlag: false, eventIdComplianceFlag: true,
      spliceTime: { timeSpecifiedFlag: true, ptsTime: ptsTicks },
      ...(durationTicks !== undefined ? { breakDuration: { autoReturn: true, duration: durationTicks } } : {}),
      uniqueProgramId: 1, availNum: 0, availsExpected: 0,
    },
    descriptors: [],
  };
}

const iso = (ms: number) => `PT${ms / 1000}S`;

/** The origin MPD at `nowMs`: the last `windowSegments` segments that have ended. */
export function originMpd(o: SyntheticDash, nowMs: number): string {
  const last = Math.floor((nowMs - o.availabilityStartMs) / o.segmentMs) - 1;
  const first = Math.max(0, last - o.windowSegments + 1);
  const ends = (b: SyntheticDash['breaks'][number]) => b.returnMs ?? b.startMs + b.durationMs;
  const bounds = o.periodPerBreak ? o.breaks.flatMap((b) => [b.startMs, ends(b)]).sort((a, b) => a - b) : [];
  const periodStart = (ms: number) => bounds.filter((b) => b <= ms).at(-1) ?? 0;
  const parts: { startMs: number; numbers: number[] }[] = [];
  for (let n = first; n <= last; n++) {
    const ps = periodStart(n * o.segmentMs);
    if (parts.at(-1)?.startMs !== ps) parts.push({ startMs: ps, numbers: [] });
    parts.at(-1)!.numbers.push(n);
  }
  const periods = parts.map((p) => {
    const from = p.numbers[0]! * o.segmentMs;
    const to = (p.numbers.at(-1)! + 1) * o.segmentMs;
    const cues: Scte35Cue[] = [];
    for (const b of o.breaks) {
      if (b.startMs < to && ends(b) > from) cues.push({ base64: toBase64(encodeSection(spliceInsert(b.eventId, true, b.startMs * TICKS, b.durationMs * TICKS))), presentationTime: b.startMs * TICKS, durationMs: b.durationMs, id: `${b.eventId}-out` });
      if (ends(b) >= from && ends(b) < to) cues.push({ base64: toBase64(encodeSection(spliceInsert(b.eventId, false, ends(b) * TICKS))), presentationTime: ends(b) * TICKS, id: `${b.eventId}-in` });
    }
    const es = cues.length === 0 ? '' : printNode(buildScte35EventStream(cues, { scheme: o.scheme ?? 'xml+bin', timescale: 90_000, presentationTimeOffset: p.startMs * TICKS }), { indent: 2 });
    const tl = (ts: number) => `<SegmentTimeline><S t="${(from * ts) / 1000}" d="${(o.segmentMs * ts) / 1000}" r="${p.numbers.length - 1}"/></SegmentTimeline>`;
    return [
      `<Period id="p${p.startMs / 1000}" start="${iso(p.startMs)}">`,
      es,
      `<AdaptationSet id="1" contentType="video" mimeType="video/mp4" segmentAlignment="true" startWithSAP="1"><SegmentTemplate timescale="12800" presentationTimeOffset="${(p.startMs * 12800) / 1000}" initialization="$RepresentationID$/init-video.mp4" media="$RepresentationID$/video-$Number$.m4s" startNumber="${p.numbers[0]}">${tl(12800)}</SegmentTemplate>`,
      '<Representation id="hi" bandwidth="300000" width="320" height="180" codecs="avc1.4d401f" frameRate="25"/><Representation id="lo" bandwidth="150000" width="160" height="90" codecs="avc1.4d401f" frameRate="25"/></AdaptationSet>',
      `<AdaptationSet id="2" contentType="audio" mimeType="audio/mp4" lang="und"><SegmentTemplate timescale="48000" presentationTimeOffset="${p.startMs * 48}" initialization="$RepresentationID$/init-audio.mp4" media="$RepresentationID$/audio-$Number$.m4s" startNumber="${p.numbers[0]}">${tl(48000)}</SegmentTemplate>`,
      '<Representation id="audio" bandwidth="64000" codecs="mp4a.40.2" audioSamplingRate="48000"/></AdaptationSet>',
      '</Period>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" profiles="urn:mpeg:dash:profile:isoff-live:2011" type="dynamic" availabilityStartTime="${new Date(o.availabilityStartMs).toISOString()}" publishTime="${new Date(nowMs).toISOString()}" minimumUpdatePeriod="PT2S" timeShiftBufferDepth="${iso(o.windowSegments * o.segmentMs)}">`,
    ...periods,
    '</MPD>',
  ].join('\n');
}

/** A decided ads avail for a DASH session: ads of the given segment durations, then slate. */
export function syntheticDashRecord(fact: { key: string; startNumber: number; startPresentationMs: number; plannedDurationMs: number; eventId?: number }, ads: number[][], slateMs?: number[]): AvailRecord {
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const items: AvailRecord['items'] = ads.map((segmentsMs, i) => ({ kind: 'ad' as const, creativeKey: `creative${i}`, segmentsMs, durationMs: sum(segmentsMs), adIndex: i }));
  const filled = sum(items.map((i) => i.durationMs));
  const slate = slateMs ? { creativeKey: 'slate', segmentsMs: slateMs, targetKey: 'slatetarget' } : undefined;
  if (slate && filled < fact.plannedDurationMs) items.push({ kind: 'slate', creativeKey: 'slate', segmentsMs: slate.segmentsMs, durationMs: fact.plannedDurationMs - filled });
  return {
    key: fact.key,
    startMsn: fact.startNumber,
    dsnBefore: 0,
    startPresentationMs: fact.startPresentationMs,
    plannedDurationMs: fact.plannedDurationMs,
    ...(fact.eventId === undefined ? {} : { eventId: fact.eventId }),
    mode: 'ads',
    items,
    ads: ads.map((s, i) => ({ adId: `ad${i}`, creativeId: `c${i}`, adSystem: 'test', durationMs: sum(s), impressions: [], tracking: {}, errors: [] })),
    skipped: [],
    ...(slate ? { slate } : {}),
    targetKey: 'adtarget',
    decidedAtMs: 0,
  };
}
