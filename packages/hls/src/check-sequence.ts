// Is a live refresh consistent with the playlist before it? RFC 8216 §6.2.2: the media sequence and
// the discontinuity sequence only move forward, and by exactly what slid out of the window; a media
// sequence number present in both names the same segment; nothing leaves the live edge.
import { hlsIssue, type HlsIssue } from './issues.ts';
import { mediaPlaylist, type MediaPlaylist, type Segment } from './media-playlist.ts';
import type { M3u8 } from './parse-m3u8.ts';

function view(p: M3u8 | MediaPlaylist): MediaPlaylist {
  return 'lines' in p ? mediaPlaylist(p).value : p;
}

function differs(a: Segment, b: Segment, checkDsn: boolean): string | undefined {
  if (a.uri !== b.uri) return 'uri';
  if (a.durationMs !== b.durationMs) return 'durationMs';
  if (a.discontinuity !== b.discontinuity) return 'discontinuity';
  if (checkDsn && a.discontinuitySequence !== b.discontinuitySequence) return 'discontinuitySequence';
  return undefined;
}

/** The issues that make `next` an inconsistent refresh of `prev` (empty when it is consistent). */
export function checkSequence(prev: M3u8 | MediaPlaylist, next: M3u8 | MediaPlaylist): HlsIssue[] {
  const a = view(prev);
  const b = view(next);
  const issues: HlsIssue[] = [];
  if (b.mediaSequence < a.mediaSequence) {
    issues.push(hlsIssue('HLS_MEDIA_SEQUENCE_BACKWARDS', undefined, `EXT-X-MEDIA-SEQUENCE went from ${a.mediaSequence} to ${b.mediaSequence}`, { prev: a.mediaSequence, next: b.mediaSequence }));
  }
  if (b.discontinuitySequence < a.discontinuitySequence) {
    issues.push(
      hlsIssue('HLS_DISCONTINUITY_SEQUENCE_BACKWARDS', undefined, `EXT-X-DISCONTINUITY-SEQUENCE went from ${a.discontinuitySequence} to ${b.discontinuitySequence}`, {
        prev: a.discontinuitySequence,
        next: b.discontinuitySequence,
      }),
    );
  }
  if (a.targetDurationMs !== undefined && b.targetDurationMs !== undefined && a.targetDurationMs !== b.targetDurationMs) {
    issues.push(hlsIssue('HLS_TARGETDURATION_CHANGED', undefined, `EXT-X-TARGETDURATION changed from ${a.targetDurationMs / 1000} to ${b.targetDurationMs / 1000}`));
  }
  const aFirst = a.segments[0]?.mediaSequence ?? a.mediaSequence;
  const aEnd = aFirst + a.segments.length; // first msn after prev's window
  const bFirst = b.segments[0]?.mediaSequence ?? b.mediaSequence;
  const bEnd = bFirst + b.segments.length;
  if (a.endList && (!b.endList || bEnd !== aEnd)) issues.push(hlsIssue('HLS_ENDLIST_REMOVED', undefined, 'the previous playlist had EXT-X-ENDLIST; this one changed'));
  if (bEnd < aEnd) issues.push(hlsIssue('HLS_SEGMENTS_REMOVED', undefined, `the window ends at ${bEnd - 1}, before the previous one (${aEnd - 1})`, { prevLast: aEnd - 1, nextLast: bEnd - 1 }));
  if (issues.some((i) => i.code === 'HLS_MEDIA_SEQUENCE_BACKWARDS')) return issues;

  // The discontinuity sequence must count the DISCONTINUITY tags that slid out.
  const slid = bFirst - aFirst;
  if (slid > a.segments.length) {
    issues.push(hlsIssue('HLS_SEQUENCE_JUMP', undefined, `${slid} segments slid out of a window of ${a.segments.length}: the discontinuity count cannot be checked`));
    const lastDsn = a.segments[a.segments.length - 1]?.discontinuitySequence ?? a.discontinuitySequence;
    if (b.discontinuitySequence < lastDsn) {
      issues.push(hlsIssue('HLS_DISCONTINUITY_SEQUENCE_MISMATCH', undefined, `EXT-X-DISCONTINUITY-SEQUENCE ${b.discontinuitySequence} is below the previous window's last (${lastDsn})`));
    }
  } else if (slid >= 0) {
    // hls.js semantics: the header is the number before the first segment's own DISCONTINUITY tag.
    const expected = slid === 0 ? a.discontinuitySequence : a.segments[slid - 1]!.discontinuitySequence;
    if (b.discontinuitySequence !== expected && !issues.some((i) => i.code === 'HLS_DISCONTINUITY_SEQUENCE_BACKWARDS')) {
      issues.push(
        hlsIssue('HLS_DISCONTINUITY_SEQUENCE_MISMATCH', undefined, `EXT-X-DISCONTINUITY-SEQUENCE is ${b.discontinuitySequence}; the discontinuities that slid out make it ${expected}`, {
          expected,
          actual: b.discontinuitySequence,
        }),
      );
    }
  }

  // A sequence number in both windows names the same segment.
  const checkDsn = !issues.some((i) => i.code.startsWith('HLS_DISCONTINUITY_SEQUENCE'));
  for (const s of b.segments) {
    const i = s.mediaSequence - aFirst;
    const old = i >= 0 ? a.segments[i] : undefined;
    if (!old || old.mediaSequence !== s.mediaSequence) continue;
    const field = differs(old, s, checkDsn);
    if (field) {
      issues.push(
        hlsIssue('HLS_SEGMENT_CHANGED', s.uriLineIndex + 1, `media sequence ${s.mediaSequence} changed its ${field}`, {
          mediaSequence: s.mediaSequence,
          field,
          prev: old[field as keyof Segment],
          next: s[field as keyof Segment],
        }),
      );
      if (issues.length > 20) break;
    }
  }
  return issues;
}
