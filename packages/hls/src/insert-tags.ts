// Inserts tag lines before a segment (right before its EXTINF, after its DISCONTINUITY, PDT, KEY…),
// or after the last segment. Pure: returns a new playlist.
import { hlsIssue, type Result } from './issues.ts';
import { LinesBuilder } from './lines-builder.ts';
import { mediaPlaylist, type Segment } from './media-playlist.ts';
import type { M3u8 } from './parse-m3u8.ts';

/** Index of the line a segment's new tags go before: its EXTINF, else its URI. */
export function insertionLine(playlist: M3u8, segment: Segment): number {
  for (let i = segment.uriLineIndex - 1; i >= segment.firstLineIndex; i--) {
    const l = playlist.lines[i]!;
    if (l.kind === 'tag' && l.name === 'EXTINF') return i;
  }
  return segment.uriLineIndex;
}

/**
 * Inserts `tags` (lines without terminators) before segment `segmentIndex`, or after the last segment
 * when `segmentIndex` is the segment count. Several insertions: `insertTagsAt`.
 */
export function insertTags(playlist: M3u8, segmentIndex: number, tags: readonly string[]): Result<M3u8> {
  return insertTagsAt(playlist, new Map([[segmentIndex, tags]]));
}

/** Inserts tag lines before several segments at once (segment index → lines). */
export function insertTagsAt(playlist: M3u8, bySegment: ReadonlyMap<number, readonly string[]>): Result<M3u8> {
  const media = mediaPlaylist(playlist).value;
  const n = media.segments.length;
  const at = new Map<number, readonly string[]>();
  for (const [index, tags] of bySegment) {
    if (!Number.isInteger(index) || index < 0 || index > n) {
      return { value: playlist, issues: [hlsIssue('HLS_EDIT_RANGE', undefined, `segment ${index} is not in the playlist (0..${n})`, { segmentIndex: index })] };
    }
    if (tags.length === 0) continue;
    const line = index === n ? media.tailLineIndex : insertionLine(playlist, media.segments[index]!);
    at.set(line, [...(at.get(line) ?? []), ...tags]);
  }
  if (at.size === 0) return { value: playlist, issues: [] };
  const b = new LinesBuilder(playlist);
  const lines = playlist.lines;
  for (let i = 0; i <= lines.length; i++) {
    const add = at.get(i);
    if (add) for (const t of add) b.add(t);
    if (i < lines.length) b.keep(lines[i]!);
  }
  return { value: b.build(), issues: [] };
}
