// Slides a live window: drop segments from the head (EXT-X-MEDIA-SEQUENCE and
// EXT-X-DISCONTINUITY-SEQUENCE advance with them, RFC 8216 §6.2.2), append new ones at the tail.
import { formatDateTime } from './date-time.ts';
import { setHeaderTag } from './header-tags.ts';
import { hlsIssue, type Result } from './issues.ts';
import { LinesBuilder } from './lines-builder.ts';
import type { M3u8Line } from './m3u8-line.ts';
import { mediaPlaylist, PLAYLIST_TAGS, type Segment } from './media-playlist.ts';
import { keyLine, keyOf, mapLine, mapOf, segmentLines, type NewSegment, type WriteState } from './new-segment.ts';
import type { M3u8 } from './parse-m3u8.ts';
import { readTag } from './read-tag.ts';

function ownTag(playlist: M3u8, s: Segment, name: string): boolean {
  for (let i = s.firstLineIndex; i < s.uriLineIndex; i++) {
    const l = playlist.lines[i]!;
    if (l.kind === 'tag' && l.name === name) return true;
  }
  return false;
}

/** Whether a DATERANGE line may still be needed once the window starts at `windowStartMs`. */
function rangeStillOpen(line: M3u8Line, windowStartMs: number | undefined): boolean {
  if (windowStartMs === undefined) return true;
  const t = readTag(line, 0).value;
  if (t?.tag !== 'EXT-X-DATERANGE' || t.startDateMs === undefined) return true;
  const end = t.endDateMs ?? (t.durationMs !== undefined ? t.startDateMs + t.durationMs : t.plannedDurationMs !== undefined ? t.startDateMs + t.plannedDurationMs : undefined);
  return end === undefined || end > windowStartMs;
}

/**
 * Removes the first `count` segments. Their KEY/MAP/PDT carry over to the new first segment, DATERANGE
 * tags stay while their range reaches into the window, other tags of the removed segments go.
 */
export function dropSegments(playlist: M3u8, count: number): Result<M3u8> {
  const media = mediaPlaylist(playlist).value;
  const segs = media.segments;
  const n = segs.length;
  if (!Number.isInteger(count) || count < 0 || count > n) return { value: playlist, issues: [hlsIssue('HLS_EDIT_RANGE', undefined, `cannot drop ${count} of ${n} segments`)] };
  if (count === 0) return { value: playlist, issues: [] };
  const lines = playlist.lines;
  const b = new LinesBuilder(playlist);
  const next = segs[count];
  const windowStart = next?.programDateTimeMs;
  let seenSegmentTag = false;
  for (let k = 0; k < count; k++) {
    const s = segs[k]!;
    for (let i = s.firstLineIndex; i <= s.uriLineIndex; i++) {
      const l = lines[i]!;
      if (l.kind === 'tag' && !PLAYLIST_TAGS.has(l.name)) seenSegmentTag = true;
      if (l.kind === 'tag' && PLAYLIST_TAGS.has(l.name)) b.keep(l);
      else if (k === 0 && !seenSegmentTag && (l.kind === 'comment' || l.kind === 'blank')) b.keep(l);
      else if (l.kind === 'tag' && l.name === 'EXT-X-DATERANGE' && rangeStillOpen(l, windowStart)) b.keep(l);
    }
  }
  if (next) {
    const state: WriteState = {};
    const key = keyOf(next.key);
    if (key && !ownTag(playlist, next, 'EXT-X-KEY')) b.add(keyLine(key));
    if (key) state.key = key;
    const map = mapOf(next.map, undefined);
    if (map && !ownTag(playlist, next, 'EXT-X-MAP')) b.add(mapLine(map));
    if (next.programDateTimeMs !== undefined && next.programDateTime === undefined) b.add(`#EXT-X-PROGRAM-DATE-TIME:${formatDateTime(next.programDateTimeMs)}`);
    for (let i = next.firstLineIndex; i < lines.length; i++) {
      const l = lines[i]!;
      if (i < next.uriLineIndex && l.kind === 'tag' && l.name === 'EXT-X-BYTERANGE' && next.byterange && !l.value?.includes('@')) {
        b.keep(l.withRaw(`#EXT-X-BYTERANGE:${next.byterange.length}@${next.byterange.offset}`));
      } else b.keep(l);
    }
  } else {
    b.keepRange(media.tailLineIndex, lines.length);
  }
  const out = b.build();
  const outLines = out.lines as M3u8Line[];
  const last = segs[n - 1]!;
  const msn = next ? next.mediaSequence : last.mediaSequence + 1;
  const dsn = next ? next.discontinuitySequence - (next.discontinuity ? 1 : 0) : last.discontinuitySequence;
  setHeaderTag(outLines, 'EXT-X-MEDIA-SEQUENCE', String(msn), b.eol);
  if (dsn !== 0 || media.discontinuitySequence !== 0) setHeaderTag(outLines, 'EXT-X-DISCONTINUITY-SEQUENCE', String(dsn), b.eol);
  return { value: out, issues: [] };
}

/** Appends segments after the last one (before EXT-X-ENDLIST and trailing tags), KEY/MAP written where they change. */
export function appendSegments(playlist: M3u8, segments: readonly NewSegment[]): M3u8 {
  if (segments.length === 0) return playlist;
  const media = mediaPlaylist(playlist).value;
  const last = media.segments[media.segments.length - 1];
  const state: WriteState = {};
  const key = keyOf(last?.key);
  if (key) state.key = key;
  const map = mapOf(last?.map, undefined);
  if (map) state.map = map;
  const b = new LinesBuilder(playlist);
  b.keepRange(0, media.tailLineIndex);
  for (const s of segments) for (const line of segmentLines(s, state)) b.add(line);
  b.keepRange(media.tailLineIndex, playlist.lines.length);
  return b.build();
}
