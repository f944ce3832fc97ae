// Marks a break on a media playlist in one dialect: OUT before its first segment, CONT where the
// dialect repeats itself, IN before the first segment after it. What the origin does per refresh.
import { cueTagLines, type CueDialect, type CueTagInput } from './cue-tag-writer.ts';
import { insertTagsAt } from './insert-tags.ts';
import { hlsIssue, type Result } from './issues.ts';
import { mediaPlaylist } from './media-playlist.ts';
import type { M3u8 } from './parse-m3u8.ts';
import { durationBetween, pdtAt } from './timeline.ts';

export interface WriteAvailOptions {
  dialect: CueDialect;
  /** Index of the break's first segment in the window. */
  startIndex: number;
  /** Index of the first segment after the break; omit (or the segment count) while that segment is not in the window. */
  endIndex?: number;
  /** Time already elapsed in the break at `startIndex`: more than 0 when its OUT slid out of the window (a CONT is written instead). */
  elapsedAtStartMs?: number;
  /** Planned duration. */
  durationMs?: number;
  /** The OUT cue (base64), carried by the OUT and, where the dialect repeats it, by each CONT. */
  scte35Out?: string;
  /** The IN cue (base64), when there is one. */
  scte35In?: string;
  /** DATERANGE / Adobe / EXT-X-SCTE35 ID. */
  id?: string;
  /** DATERANGE START-DATE; default: the start segment's PDT less `elapsedAtStartMs`. */
  startDateMs?: number;
  /** Adobe / EXT-X-SCTE35 TIME of the OUT. */
  presentationTimeMs?: number;
  /** oatcls: EXT-X-ASSET CAID. */
  caid?: string;
}

/** Dialects that repeat a CONT on every segment of the break (the others only where the OUT slid out). */
const CONT_EVERY_SEGMENT: ReadonlySet<CueDialect> = new Set(['cue-out', 'oatcls', 'scte35-tag']);

/** Writes a break's ad markers into a media playlist (pure; returns a new playlist). */
export function writeAvail(playlist: M3u8, o: WriteAvailOptions): Result<M3u8> {
  const media = mediaPlaylist(playlist).value;
  const n = media.segments.length;
  const end = o.endIndex ?? n;
  if (!Number.isInteger(o.startIndex) || o.startIndex < 0 || o.startIndex >= n || !Number.isInteger(end) || end <= o.startIndex || end > n) {
    return { value: playlist, issues: [hlsIssue('HLS_EDIT_RANGE', undefined, `break [${o.startIndex}, ${end}) is not in the window of ${n} segments`)] };
  }
  const elapsed0 = o.elapsedAtStartMs ?? 0;
  const startPdt = pdtAt(media, o.startIndex);
  const base: Omit<CueTagInput, 'kind'> = {};
  if (o.durationMs !== undefined) base.durationMs = o.durationMs;
  if (o.id !== undefined) base.id = o.id;
  const startDateMs = o.startDateMs ?? (startPdt === undefined ? undefined : startPdt - elapsed0);
  if (startDateMs !== undefined) base.startDateMs = startDateMs;
  const out: CueTagInput = { ...base, kind: elapsed0 > 0 ? 'cont' : 'out' };
  if (o.presentationTimeMs !== undefined) out.presentationTimeMs = o.presentationTimeMs;
  if (o.scte35Out !== undefined) out.scte35 = o.scte35Out;
  if (o.caid !== undefined) out.caid = o.caid;
  if (elapsed0 > 0) out.elapsedMs = elapsed0;
  const at = new Map<number, string[]>();
  at.set(o.startIndex, cueTagLines(o.dialect, out));
  if (CONT_EVERY_SEGMENT.has(o.dialect)) {
    for (let k = o.startIndex + 1; k < end; k++) {
      const cont: CueTagInput = { ...base, kind: 'cont', elapsedMs: elapsed0 + durationBetween(media, o.startIndex, k) };
      if (o.presentationTimeMs !== undefined) cont.presentationTimeMs = o.presentationTimeMs;
      if (o.scte35Out !== undefined) cont.scte35 = o.scte35Out;
      at.set(k, cueTagLines(o.dialect, cont));
    }
  }
  if (end < n) {
    const cueIn: CueTagInput = { ...base, kind: 'in' };
    if (o.scte35In !== undefined) cueIn.scte35 = o.scte35In;
    const endPdt = pdtAt(media, end);
    if (endPdt !== undefined) cueIn.endDateMs = endPdt;
    else if (startDateMs !== undefined) cueIn.endDateMs = startDateMs + elapsed0 + durationBetween(media, o.startIndex, end);
    at.set(end, cueTagLines(o.dialect, cueIn));
  }
  return insertTagsAt(playlist, at);
}
