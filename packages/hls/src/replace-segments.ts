// Replaces the segments of an index range or a time range with other segments (what the stitcher
// does with a break): EXT-X-DISCONTINUITY at each boundary, EXT-X-KEY / EXT-X-MAP where the media
// differs, PDT kept right on both sides, byte ranges made explicit after the cut. Pure.
import { formatDateTime } from './date-time.ts';
import { setHeaderTag } from './header-tags.ts';
import { hlsIssue, type HlsIssue, type Result } from './issues.ts';
import { LinesBuilder } from './lines-builder.ts';
import type { M3u8Line } from './m3u8-line.ts';
import { mediaPlaylist, PLAYLIST_TAGS, type MediaPlaylist, type Segment } from './media-playlist.ts';
import { keyLine, keyOf, mapLine, mapOf, sameKey, sameMap, segmentLines, type NewSegment, type WriteState } from './new-segment.ts';
import type { M3u8 } from './parse-m3u8.ts';
import { adMarkerDialect } from './remove-ad-markers.ts';
import { locateTime, pdtAt } from './timeline.ts';

export type SegmentRange =
  /** Segment indexes, end exclusive. */
  | { startIndex: number; endIndex: number }
  /** Wall-clock (PDT) ms since the epoch, snapped to the nearest segment boundaries. */
  | { startTimeMs: number; endTimeMs: number }
  /** ms from the start of the playlist's first segment, snapped to the nearest boundaries. */
  | { startOffsetMs: number; endOffsetMs: number };

export interface ReplaceOptions {
  /** Set EXT-X-MEDIA-SEQUENCE (the stitcher's own numbering across refreshes); default: unchanged. */
  mediaSequence?: number;
  /** Set EXT-X-DISCONTINUITY-SEQUENCE; default: unchanged. */
  discontinuitySequence?: number;
  /** Keep the ad-marker tags of the replaced segments (written before the new ones). Default: dropped. */
  keepAdMarkers?: boolean;
  /** EXT-X-DISCONTINUITY before the first new segment (default true) and before the content after them (default true). */
  discontinuityBefore?: boolean;
  discontinuityAfter?: boolean;
}

function nearestOffset(media: MediaPlaylist, offsetMs: number): number {
  let pos = 0;
  let at = 0;
  let best = 0;
  let bestDiff = Infinity;
  for (; pos <= media.segments.length; pos++) {
    const d = Math.abs(at - offsetMs);
    if (d < bestDiff) {
      best = pos;
      bestDiff = d;
    }
    at += media.segments[pos]?.durationMs ?? 0;
  }
  return best;
}

/** Resolves a range to segment indexes [start, end), or says why it cannot. */
export function resolveRange(media: MediaPlaylist, range: SegmentRange): { start: number; end: number } | string {
  const n = media.segments.length;
  let start: number;
  let end: number;
  if ('startIndex' in range) {
    ({ startIndex: start, endIndex: end } = range);
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > n || start > end) return `segment range [${start}, ${end}) is not within 0..${n}`;
    return { start, end };
  }
  if ('startTimeMs' in range) {
    if (pdtAt(media, 0) === undefined) return 'a time range needs EXT-X-PROGRAM-DATE-TIME';
    const a = locateTime(media, range.startTimeMs);
    const b = locateTime(media, range.endTimeMs);
    if ((a.where === 'after' && b.where === 'after') || (a.where === 'before' && b.where === 'before') || range.endTimeMs < range.startTimeMs) {
      return 'the time range is not in the window';
    }
    start = a.where === 'in' ? a.pos : a.where === 'before' ? 0 : n;
    end = b.where === 'in' ? b.pos : b.where === 'before' ? 0 : n;
    return { start, end: Math.max(start, end) };
  }
  if (range.endOffsetMs < range.startOffsetMs) return 'the offset range ends before it starts';
  start = nearestOffset(media, range.startOffsetMs);
  end = nearestOffset(media, range.endOffsetMs);
  return { start, end };
}

/** The lines of a segment's span that are playlist header (playlist-level tags, and comments before the first segment tag). */
function isHeaderLine(line: M3u8Line, beforeSegmentTags: boolean): boolean {
  if (line.kind === 'tag') return PLAYLIST_TAGS.has(line.name);
  return beforeSegmentTags && (line.kind === 'comment' || line.kind === 'blank');
}

function hasOwnTag(playlist: M3u8, s: Segment, name: string): boolean {
  for (let i = s.firstLineIndex; i < s.uriLineIndex; i++) {
    const l = playlist.lines[i]!;
    if (l.kind === 'tag' && l.name === name) return true;
  }
  return false;
}

/** Replaces segments [range) by `replacement`. Returns the playlist unchanged with a fatal issue when the range is not in it. */
export function replaceSegments(playlist: M3u8, range: SegmentRange, replacement: readonly NewSegment[], options: ReplaceOptions = {}): Result<M3u8> {
  const media = mediaPlaylist(playlist).value;
  const segs = media.segments;
  const n = segs.length;
  if (n === 0) return { value: playlist, issues: [hlsIssue('HLS_EDIT_NOT_MEDIA', undefined, 'the playlist has no segments to edit')] };
  const r = resolveRange(media, range);
  if (typeof r === 'string') return { value: playlist, issues: [hlsIssue('HLS_EDIT_RANGE', undefined, r)] };
  const { start, end } = r;
  const lines = playlist.lines;
  const b = new LinesBuilder(playlist);
  const issues: HlsIssue[] = [];

  // Ad-marker DATERANGEs are known by ID from the first tag with SCTE35-*: read them in order.
  const adLines = new Set<number>();
  const ids = new Set<string>();
  for (let i = 0; i < lines.length; i++) if (adMarkerDialect(lines[i]!, ids) !== undefined) adLines.add(i);

  // 1. Everything before the first replaced segment (for segment 0: its header lines only).
  const firstSpanStart = start < n ? segs[start]!.firstLineIndex : media.tailLineIndex;
  if (start > 0) b.keepRange(0, firstSpanStart);
  const body0 = new Set<number>(); // segment-0 span lines that are not header
  if (start === 0) {
    let seenSegmentTag = false;
    for (let i = 0; i < segs[0]!.uriLineIndex + 1; i++) {
      const l = lines[i]!;
      if (l.kind === 'tag' && !PLAYLIST_TAGS.has(l.name)) seenSegmentTag = true;
      if (isHeaderLine(l, !seenSegmentTag)) b.keep(l);
      else body0.add(i);
    }
  }

  // 2. What the replaced segments carried that outlives them.
  for (let k = start; k < end; k++) {
    const s = segs[k]!;
    for (let i = s.firstLineIndex; i < s.uriLineIndex; i++) {
      if (k === 0 && !body0.has(i)) continue;
      const l = lines[i]!;
      if (l.kind !== 'tag') continue;
      if (adLines.has(i)) {
        if (options.keepAdMarkers) b.keep(l);
      } else if (l.name === 'EXT-X-DATERANGE' || PLAYLIST_TAGS.has(l.name)) b.keep(l);
    }
  }

  // 3. The new segments.
  const state: WriteState = {};
  const before = segs[start - 1];
  const keyBefore = before ? keyOf(before.key) : undefined;
  const mapBefore = before ? mapOf(before.map, undefined) : undefined;
  if (keyBefore) state.key = keyBefore;
  if (mapBefore) state.map = mapBefore;
  const startPdt = pdtAt(media, start);
  const targetMs = media.targetDurationMs;
  replacement.forEach((seg, j) => {
    const s: NewSegment = { ...seg };
    if (j === 0) {
      s.discontinuity = options.discontinuityBefore !== false;
      if (s.programDateTimeMs === undefined && startPdt !== undefined) s.programDateTimeMs = startPdt;
    }
    if (targetMs !== undefined && Math.round(s.durationMs / 1000) * 1000 > targetMs) {
      issues.push(hlsIssue('HLS_SEGMENT_OVER_TARGETDURATION', undefined, `new segment "${s.uri}" is longer than the target duration`, { uri: s.uri }));
    }
    for (const line of segmentLines(s, state)) b.add(line);
  });

  // 4. The content after, with the state the new segments changed put back.
  if (end < n) {
    const next = segs[end]!;
    if (replacement.length > 0 || end > start) {
      if (options.discontinuityAfter !== false && !next.discontinuity) b.add('#EXT-X-DISCONTINUITY');
      const key = keyOf(next.key);
      if (!sameKey(state.key, key) && !hasOwnTag(playlist, next, 'EXT-X-KEY')) b.add(keyLine(key));
      const map = mapOf(next.map, undefined);
      if (map && !sameMap(state.map, map) && !hasOwnTag(playlist, next, 'EXT-X-MAP')) b.add(mapLine(map));
      if (next.programDateTimeMs !== undefined && next.programDateTime === undefined) b.add(`#EXT-X-PROGRAM-DATE-TIME:${formatDateTime(next.programDateTimeMs)}`);
    }
    for (let i = next.firstLineIndex; i < lines.length; i++) {
      if (end === 0 && i <= next.uriLineIndex && !body0.has(i)) continue;
      const l = lines[i]!;
      if (i < next.uriLineIndex && l.kind === 'tag' && l.name === 'EXT-X-BYTERANGE' && next.byterange && !l.value?.includes('@')) {
        b.keep(l.withRaw(`#EXT-X-BYTERANGE:${next.byterange.length}@${next.byterange.offset}`)); // its offset came from the segment cut away
      } else b.keep(l);
    }
  } else {
    b.keepRange(media.tailLineIndex, lines.length);
  }

  const out = b.build();
  const outLines = out.lines as M3u8Line[];
  if (options.mediaSequence !== undefined) setHeaderTag(outLines, 'EXT-X-MEDIA-SEQUENCE', String(options.mediaSequence), b.eol);
  if (options.discontinuitySequence !== undefined) setHeaderTag(outLines, 'EXT-X-DISCONTINUITY-SEQUENCE', String(options.discontinuitySequence), b.eol);
  return { value: out, issues };
}
