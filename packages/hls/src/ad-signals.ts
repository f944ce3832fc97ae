// Every ad-marker dialect → one AdSignal model. The tag's text is read first (ad-tag-reader.ts);
// its SCTE-35 payload, when it decodes and means the same kind of signal, wins for event id,
// duration and segmentation type, and any disagreement is an HLS_CUE_CONFLICT.
import type { AdSignal, AdSignalKind } from '@adsplice/scte35/ad-signal';
import { readAdTag, AD_MARKER_TAGS, type TagCue } from './ad-tag-reader.ts';
import { readPayload, type CueMeaning } from './cue-meaning.ts';
import { parseDecimalInteger, precisionMs } from './decimal.ts';
import { hlsIssue, type HlsIssue, type Result } from './issues.ts';
import { mediaPlaylist, type MediaPlaylist, type PlacedDateRange } from './media-playlist.ts';
import type { M3u8 } from './parse-m3u8.ts';
import { locateTime, msnAt, pdtAt } from './timeline.ts';

/** What avails() needs beside the public signal. */
export interface SignalMeta {
  /** Boundary the signal applies to: 0..n, -1 before the window, Infinity after it. */
  position: number;
  durationText?: string;
  elapsedText?: string;
  autoReturn?: boolean;
}

export interface SignalRead {
  signals: AdSignal[];
  meta: Map<AdSignal, SignalMeta>;
  issues: HlsIssue[];
  media: MediaPlaylist;
}

function numericId(id: string | undefined): number | undefined {
  return id === undefined ? undefined : parseDecimalInteger(id);
}

/** Whether a payload meaning `payload` may stand behind a tag that says `tag`. */
function compatible(tag: AdSignalKind, payload: CueMeaning['kind']): boolean {
  if (payload === 'cmd' || tag === 'cmd') return true;
  if (tag === 'cont') return payload === 'out';
  return tag === payload;
}

interface Draft {
  cue: TagCue;
  lineNo: number;
  position: number;
  timeMs?: number;
  /** DATERANGE: the tag's ID, start and the duration attribute to compare the payload with. */
  id?: string;
  tagDurationMs?: number;
  tagDurationText?: string;
}

function build(d: Draft, media: MediaPlaylist, issues: HlsIssue[]): { signal: AdSignal; meta: SignalMeta } {
  const { cue, lineNo } = d;
  let kind: AdSignalKind | undefined = cue.kind;
  const signal: AdSignal = { kind: 'cmd', dialect: cue.dialect, line: lineNo };
  const meta: SignalMeta = { position: d.position };
  let meaning: CueMeaning | undefined;
  if (cue.payload !== undefined) {
    signal.scte35Text = cue.payload;
    const read = readPayload(cue.payload, cue.dialect === 'asset' ? undefined : numericId(d.id ?? cue.id));
    const scte35Issues = read.issues.map((i) => ({ code: i.code, severity: i.severity, message: i.message }));
    if (!read.usable) {
      issues.push(hlsIssue('HLS_SCTE35_UNDECODABLE', lineNo, `the SCTE-35 payload of #${tagName(cue)} does not decode`, { scte35Issues }));
    } else {
      signal.scte35 = read.section!;
      meaning = read.meaning;
      if (read.issues.length > 0) issues.push(hlsIssue('HLS_SCTE35_WARNING', lineNo, `the SCTE-35 payload of #${tagName(cue)} decodes with warnings`, { scte35Issues }));
    }
  }
  if (kind === undefined) kind = meaning?.kind ?? 'cmd';
  if (kind === 'out' && (cue.elapsedMs ?? 0) > 0 && (cue.dialect === 'adobe-cue' || cue.dialect === 'scte35-tag')) kind = 'cont';
  signal.kind = kind;
  const tagEventId = cue.dialect === 'asset' ? undefined : numericId(d.id ?? cue.id);
  const tagDurationMs = d.tagDurationMs ?? cue.durationMs;
  const tagDurationText = d.tagDurationText ?? cue.durationText;
  let eventId = tagEventId;
  let durationMs = tagDurationMs;
  let segmentationTypeId = cue.segmentationTypeId;
  if (meaning) {
    if (!compatible(kind, meaning.kind)) {
      issues.push(hlsIssue('HLS_CUE_CONFLICT', lineNo, `#${tagName(cue)} says ${kind} but its SCTE-35 payload says ${meaning.kind}`, { field: 'kind', tagValue: kind, scte35Value: meaning.kind }));
    } else {
      if (meaning.eventId !== undefined) {
        if (tagEventId !== undefined && tagEventId !== meaning.eventId) {
          issues.push(hlsIssue('HLS_CUE_CONFLICT', lineNo, `#${tagName(cue)} id ${tagEventId} differs from the SCTE-35 event id ${meaning.eventId}`, { field: 'eventId', tagValue: tagEventId, scte35Value: meaning.eventId }));
        }
        eventId = meaning.eventId;
      }
      if (meaning.durationMs !== undefined) {
        if (tagDurationMs !== undefined && meaning.kind !== 'cmd' && Math.abs(tagDurationMs - meaning.durationMs) > (tagDurationText === undefined ? 1 : precisionMs(tagDurationText))) {
          issues.push(
            hlsIssue('HLS_CUE_CONFLICT', lineNo, `#${tagName(cue)} duration ${tagDurationText} s differs from the SCTE-35 duration ${meaning.durationMs} ms`, {
              field: 'durationMs',
              tagValue: tagDurationMs,
              scte35Value: meaning.durationMs,
            }),
          );
        }
        durationMs = meaning.durationMs;
      } else if (tagDurationText !== undefined) meta.durationText = tagDurationText;
      if (meaning.segmentationTypeId !== undefined) {
        if (segmentationTypeId !== undefined && segmentationTypeId !== meaning.segmentationTypeId) {
          issues.push(
            hlsIssue('HLS_CUE_CONFLICT', lineNo, `#${tagName(cue)} TYPE 0x${segmentationTypeId.toString(16)} differs from the SCTE-35 segmentation type`, {
              field: 'segmentationTypeId',
              tagValue: segmentationTypeId,
              scte35Value: meaning.segmentationTypeId,
            }),
          );
        }
        segmentationTypeId = meaning.segmentationTypeId;
      }
      if (meaning.autoReturn !== undefined) meta.autoReturn = meaning.autoReturn;
    }
  } else if (tagDurationText !== undefined) meta.durationText = tagDurationText;
  const pos = d.position;
  if (pos >= 0 && pos !== Infinity) {
    signal.segmentIndex = pos;
    signal.mediaSequence = msnAt(media, pos);
  }
  const timeMs = d.timeMs ?? (pos >= 0 && pos !== Infinity ? pdtAt(media, pos) : undefined);
  if (timeMs !== undefined) signal.timeMs = timeMs;
  if (cue.presentationTimeMs !== undefined) signal.presentationTimeMs = cue.presentationTimeMs;
  if (eventId !== undefined) signal.eventId = eventId;
  const id = d.id ?? cue.id;
  if (id !== undefined) signal.id = id;
  if (durationMs !== undefined) signal.durationMs = durationMs;
  if (cue.elapsedMs !== undefined) {
    signal.elapsedMs = cue.elapsedMs;
    meta.elapsedText = cue.elapsedText!;
  }
  if (segmentationTypeId !== undefined) signal.segmentationTypeId = segmentationTypeId;
  return { signal, meta };
}

function tagName(cue: TagCue): string {
  for (const [name, dialect] of Object.entries(AD_MARKER_TAGS)) if (dialect === cue.dialect) return name;
  return 'EXT-X-DATERANGE';
}

function datePosition(media: MediaPlaylist, timeMs: number | undefined, fallback: number): number {
  if (timeMs === undefined) return fallback;
  const at = locateTime(media, timeMs);
  if (at.where === 'in') return at.pos;
  if (at.where === 'before') return -1;
  if (at.where === 'after') return Infinity;
  return fallback;
}

/** END-ON-NEXT=YES: the range ends where the next range of the same CLASS starts. */
function endOnNextDurations(ranges: readonly PlacedDateRange[]): Map<PlacedDateRange, number> {
  const out = new Map<PlacedDateRange, number>();
  for (const r of ranges) {
    if (!r.endOnNext || r.class === undefined || r.startDateMs === undefined) continue;
    let next: number | undefined;
    for (const o of ranges) {
      if (o.class === r.class && o.startDateMs !== undefined && o.startDateMs > r.startDateMs && (next === undefined || o.startDateMs < next)) next = o.startDateMs;
    }
    if (next !== undefined) out.set(r, next - r.startDateMs);
  }
  return out;
}

function dateRangeDrafts(r: PlacedDateRange, media: MediaPlaylist, outStarts: Map<string, number | undefined>, endOnNext: Map<PlacedDateRange, number>): Draft[] {
  const drafts: Draft[] = [];
  const base = { id: r.id, lineNo: r.line };
  const start = r.startDateMs ?? outStarts.get(r.id);
  const endTime = r.endDateMs ?? (start !== undefined && r.durationMs !== undefined ? start + r.durationMs : undefined);
  if (r.scte35Out !== undefined) {
    const cue: TagCue = { dialect: 'daterange', kind: 'out', payload: r.scte35Out };
    const planned = r.plannedDurationMs ?? r.durationMs ?? endOnNext.get(r);
    const text = r.attributes.get(r.plannedDurationMs !== undefined ? 'PLANNED-DURATION' : 'DURATION');
    const d: Draft = { ...base, cue, position: datePosition(media, r.startDateMs, r.segmentIndex) };
    if (r.startDateMs !== undefined) d.timeMs = r.startDateMs;
    if (planned !== undefined) d.tagDurationMs = planned;
    if (text !== undefined) d.tagDurationText = text;
    drafts.push(d);
    outStarts.set(r.id, r.startDateMs);
  }
  if (r.scte35In !== undefined || (r.scte35Out === undefined && r.scte35Cmd === undefined && outStarts.has(r.id) && endTime !== undefined)) {
    const cue: TagCue = { dialect: 'daterange', kind: 'in' };
    if (r.scte35In !== undefined) cue.payload = r.scte35In;
    const d: Draft = { ...base, cue, position: datePosition(media, endTime, r.segmentIndex) };
    if (endTime !== undefined) d.timeMs = endTime;
    if (r.durationMs !== undefined) {
      d.tagDurationMs = r.durationMs;
      d.tagDurationText = r.attributes.get('DURATION')!;
    }
    drafts.push(d);
  }
  if (r.scte35Cmd !== undefined && r.scte35Out === undefined && r.scte35In === undefined) {
    const cue: TagCue = { dialect: 'daterange', payload: r.scte35Cmd };
    const d: Draft = { ...base, cue, position: datePosition(media, r.startDateMs, r.segmentIndex) };
    if (r.startDateMs !== undefined) d.timeMs = r.startDateMs;
    const planned = r.plannedDurationMs ?? r.durationMs;
    if (planned !== undefined) {
      d.tagDurationMs = planned;
      d.tagDurationText = r.attributes.get(r.plannedDurationMs !== undefined ? 'PLANNED-DURATION' : 'DURATION')!;
    }
    drafts.push(d);
  }
  return drafts;
}

/** Reads every ad-marker tag with what avails() needs to pair them. */
export function readSignals(playlist: M3u8): SignalRead {
  const media = mediaPlaylist(playlist).value;
  const issues: HlsIssue[] = [];
  const signals: AdSignal[] = [];
  const meta = new Map<AdSignal, SignalMeta>();
  const lines = playlist.lines;
  const ranges = new Map<number, PlacedDateRange>();
  for (const r of media.dateRanges) ranges.set(r.line, r);
  const endOnNext = endOnNextDurations(media.dateRanges);
  const outStarts = new Map<string, number | undefined>();
  let seg = 0;
  const segments = media.segments;
  for (let i = 0; i < lines.length; i++) {
    while (seg < segments.length && segments[seg]!.uriLineIndex < i) seg++;
    const line = lines[i]!;
    if (line.kind !== 'tag') continue;
    const lineNo = i + 1;
    let drafts: Draft[] = [];
    if (line.name === 'EXT-X-DATERANGE') {
      const r = ranges.get(lineNo);
      if (!r) continue;
      drafts = dateRangeDrafts(r, media, outStarts, endOnNext);
    } else if (line.name in AD_MARKER_TAGS) {
      const cue = readAdTag(line, lineNo, issues);
      if (cue) drafts.push({ cue, lineNo, position: seg });
    }
    for (const d of drafts) {
      const { signal, meta: m } = build(d, media, issues);
      signals.push(signal);
      meta.set(signal, m);
    }
  }
  return { signals, meta, issues, media };
}

/** Every ad marker of a media playlist as AdSignals, in line order. Never throws. */
export function adSignals(playlist: M3u8): Result<AdSignal[]> {
  const r = readSignals(playlist);
  return { value: r.signals, issues: r.issues };
}
