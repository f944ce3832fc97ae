// Positions on a media playlist's timeline: segment boundaries as indexes 0..n (n = after the last
// segment), their media sequence numbers and wall-clock times, and dates mapped to boundaries.
import type { MediaPlaylist } from './media-playlist.ts';

/** How far (ms) a date may be from a segment boundary and still be on it. */
export const BOUNDARY_TOLERANCE_MS = 250;

/** Media sequence number of the segment starting at boundary `pos` (n: the next segment to come). */
export function msnAt(media: MediaPlaylist, pos: number): number {
  const s = media.segments[pos];
  if (s) return s.mediaSequence;
  const last = media.segments[media.segments.length - 1];
  return last ? last.mediaSequence + 1 : media.mediaSequence;
}

/** Wall-clock time of boundary `pos`, when the playlist has PDT. */
export function pdtAt(media: MediaPlaylist, pos: number): number | undefined {
  const s = media.segments[pos];
  if (s) return s.programDateTimeMs;
  const last = media.segments[media.segments.length - 1];
  return last?.programDateTimeMs === undefined ? undefined : last.programDateTimeMs + last.durationMs;
}

/** Sum of the durations of segments [from, to). */
export function durationBetween(media: MediaPlaylist, from: number, to: number): number {
  let ms = 0;
  for (let i = Math.max(0, from); i < to && i < media.segments.length; i++) ms += media.segments[i]!.durationMs;
  return ms;
}

export type Located = { where: 'before' } | { where: 'after' } | { where: 'in'; pos: number } | { where: 'unknown' };

/** The boundary nearest to a wall-clock time; 'before'/'after' when it is off the window by more than the tolerance. */
export function locateTime(media: MediaPlaylist, timeMs: number): Located {
  const n = media.segments.length;
  const first = pdtAt(media, 0);
  const end = pdtAt(media, n);
  if (n === 0 || first === undefined || end === undefined) return { where: 'unknown' };
  if (timeMs < first - BOUNDARY_TOLERANCE_MS) return { where: 'before' };
  if (timeMs > end + BOUNDARY_TOLERANCE_MS) return { where: 'after' };
  let best = 0;
  let bestDiff = Infinity;
  for (let pos = 0; pos <= n; pos++) {
    const diff = Math.abs(pdtAt(media, pos)! - timeMs);
    if (diff < bestDiff) {
      best = pos;
      bestDiff = diff;
    }
  }
  return { where: 'in', pos: best };
}

/** The first boundary at or after `from` where `durationMs` has run (within the tolerance); undefined when past the window. */
export function boundaryAfter(media: MediaPlaylist, from: number, durationMs: number): number | undefined {
  let ms = 0;
  for (let pos = from; pos <= media.segments.length; pos++) {
    if (ms >= durationMs - BOUNDARY_TOLERANCE_MS) return pos;
    ms += media.segments[pos]?.durationMs ?? 0;
  }
  return undefined;
}
