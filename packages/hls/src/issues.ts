// The registry of every issue code packages/hls can report. Codes are stable and never reused;
// docs/errors/hls.md documents each one (a table-driven test checks it).
import type { ManifestIssue } from '@adsplice/scte35/ad-signal';

export const HLS_ISSUES = {
  // ── Syntax (parseM3u8) ────────────────────────────────────────────────────────────────────
  HLS_MISSING_EXTM3U: {
    severity: 'fatal',
    description: 'The text has no `#EXTM3U` line at all (RFC 8216 §4.3.1.1): it is probably not a playlist. Every line is still kept and read.',
  },
  HLS_EXTM3U_NOT_FIRST: {
    severity: 'warning',
    description: '`#EXTM3U` is present but is not the first line (comments or blank lines come before it). Strict players refuse such a playlist.',
  },
  HLS_BOM: { severity: 'warning', description: 'The text starts with a byte order mark (U+FEFF), which RFC 8216 §4.1 forbids. It is kept and printed back.' },
  HLS_LEADING_WHITESPACE: {
    severity: 'warning',
    description: 'A tag line starts with white space before `#`. The line is read as the tag, but players that test `line.startsWith("#EXT")` will treat it as a URI.',
  },
  // ── Attribute lists ───────────────────────────────────────────────────────────────────────
  HLS_BAD_ATTRIBUTE_LIST: {
    severity: 'warning',
    description:
      'An attribute list does not follow RFC 8216 §4.2: a name without `=`, an empty name, an unterminated quoted string, or text after a closing quote. What could be read is kept; `column` says where it went wrong.',
  },
  HLS_ATTRIBUTE_WHITESPACE: { severity: 'warning', description: 'White space around `=` or `,` in an attribute list (RFC 8216 §4.2 allows none). The values are read with it trimmed.' },
  HLS_ATTRIBUTE_QUOTING: {
    severity: 'warning',
    description:
      'A value is quoted the wrong way for its type: single or typographic quotes instead of `"`, a quoted number or enumerated string, or an unquoted quoted-string (e.g. `URI=seg.ts`). The value is read anyway.',
  },
  HLS_DUPLICATE_ATTRIBUTE: { severity: 'warning', description: 'An attribute name appears twice in one attribute list (RFC 8216 §4.2). The first value is used.' },
  // ── Tags (typed views) ────────────────────────────────────────────────────────────────────
  HLS_BAD_TAG_VALUE: {
    severity: 'warning',
    description:
      'A tag or attribute value cannot be read as its type: a non-numeric duration or sequence number, a bad date-time, a bad byte range, a RESOLUTION that is not `WxH`, an unknown enumerated value. The field is left out of the typed view.',
  },
  HLS_MISSING_ATTRIBUTE: {
    severity: 'warning',
    description: 'A tag lacks an attribute the RFC requires (e.g. `EXT-X-KEY` without METHOD, `EXT-X-MAP` or `EXT-X-PART` without URI, `EXT-X-DATERANGE` without ID or START-DATE, `EXT-X-STREAM-INF` without BANDWIDTH).',
  },
  HLS_DUPLICATE_TAG: { severity: 'warning', description: 'A playlist tag that may appear once (EXT-X-TARGETDURATION, EXT-X-MEDIA-SEQUENCE, EXT-X-VERSION, …) appears again. The first one is used.' },
  // ── Media / multivariant playlists ────────────────────────────────────────────────────────
  HLS_MIXED_PLAYLIST: { severity: 'warning', description: 'The playlist has both multivariant tags (EXT-X-STREAM-INF, EXT-X-MEDIA, …) and media segment tags (EXTINF, EXT-X-TARGETDURATION).' },
  HLS_EXTINF_WITHOUT_URI: {
    severity: 'warning',
    description: 'An `#EXTINF` is followed by another `#EXTINF` or by the end of the playlist instead of a URI line: that segment has no URI and is dropped from the segment list (its line is kept).',
  },
  HLS_URI_WITHOUT_EXTINF: { severity: 'warning', description: 'A segment URI line has no `#EXTINF` before it. It is listed as a segment with duration 0.' },
  HLS_STREAM_INF_WITHOUT_URI: { severity: 'warning', description: 'An `#EXT-X-STREAM-INF` is not followed by a URI line (RFC 8216 §4.3.4.2). The variant is dropped.' },
  HLS_MISSING_TARGETDURATION: { severity: 'warning', description: 'A media playlist has no `#EXT-X-TARGETDURATION` (required by RFC 8216 §4.3.3.1).' },
  HLS_SEGMENT_OVER_TARGETDURATION: {
    severity: 'warning',
    description: 'A segment duration, rounded to the nearest integer, is longer than EXT-X-TARGETDURATION (RFC 8216 §4.3.3.1). Players may stall or refresh too late.',
  },
  HLS_TAG_AFTER_SEGMENTS: {
    severity: 'warning',
    description: 'A tag that must come before the first segment (EXT-X-MEDIA-SEQUENCE, EXT-X-DISCONTINUITY-SEQUENCE, EXT-X-TARGETDURATION) comes after one. It is still applied.',
  },
  HLS_BYTERANGE_WITHOUT_OFFSET: {
    severity: 'warning',
    description: 'An EXT-X-BYTERANGE without `@offset` does not follow a byte-range segment of the same resource (RFC 8216 §4.3.2.2), so its offset is unknown; 0 is assumed.',
  },
  HLS_DATERANGE_WITHOUT_PDT: {
    severity: 'warning',
    description: 'The playlist has an EXT-X-DATERANGE but no EXT-X-PROGRAM-DATE-TIME (RFC 8216 §4.3.2.7): its dates cannot be placed on segments, so its position in the playlist is used.',
  },
  // ── Ad markers ────────────────────────────────────────────────────────────────────────────
  HLS_BAD_CUE: {
    severity: 'warning',
    description:
      'An ad-marker tag cannot be read: a CUE-OUT duration or CUE-OUT-CONT elapsed time that is not a number, an EXT-X-CUE TYPE that is unknown, an SCTE-35 tag without a payload. The tag is reported as what it can be read as, or skipped.',
  },
  HLS_SCTE35_UNDECODABLE: {
    severity: 'warning',
    description:
      'An ad-marker tag carries an SCTE-35 payload (`SCTE35=`, `CUE=`, `SCTE35-OUT=`, EXT-OATCLS-SCTE35, …) that does not decode (truncated, elided with `…`, not base64/hex, fatal section error). The tag text is used instead; the codec issues are in `scte35Issues`.',
  },
  HLS_SCTE35_WARNING: {
    severity: 'warning',
    description: 'An ad-marker SCTE-35 payload decodes but with warnings from the codec (e.g. a CRC mismatch). It is used; the codec issues are in `scte35Issues`.',
  },
  HLS_CUE_CONFLICT: {
    severity: 'warning',
    description:
      "An ad-marker tag's own text disagrees with the SCTE-35 payload it carries (a different duration or event id, or an IN payload on an OUT tag). The payload's values are used when it means the same kind of signal; otherwise the tag is read from its text. `field`, `tagValue` and `scte35Value` say what differs.",
  },
  HLS_CUE_CONT_MISMATCH: {
    severity: 'warning',
    description: "An EXT-X-CUE-OUT-CONT (or ELAPSED) elapsed time disagrees with the segment durations since the break's OUT by more than the text's precision.",
  },
  HLS_OVERLAPPING_OUT: {
    severity: 'warning',
    description: 'A break starts (OUT) while another break of the same level is still running. The later OUT ends the earlier break, which is reported as closed at that segment.',
  },
  HLS_CUE_IN_WITHOUT_OUT: {
    severity: 'warning',
    description: "A break end (CUE-IN, SCTE35-IN, splice_insert with out_of_network_indicator 0) that matches no running break and is not at the window's first segment. It is ignored.",
  },
  HLS_CUE_IN_EVENT_MISMATCH: { severity: 'warning', description: "A break end's event id differs from the running break's event id. It still ends the break." },
  HLS_CONT_WITHOUT_OUT: {
    severity: 'warning',
    description: "A CUE-OUT-CONT (or repeated OUT with ELAPSED) starts a break after the window's first segment with no OUT before it. The break is reported as started before the window.",
  },
  // ── Refresh consistency (checkSequence) ───────────────────────────────────────────────────
  HLS_MEDIA_SEQUENCE_BACKWARDS: { severity: 'fatal', description: 'A refresh has a lower EXT-X-MEDIA-SEQUENCE than the playlist before it (RFC 8216 §6.2.2).' },
  HLS_DISCONTINUITY_SEQUENCE_BACKWARDS: { severity: 'fatal', description: 'A refresh has a lower EXT-X-DISCONTINUITY-SEQUENCE than the playlist before it.' },
  HLS_DISCONTINUITY_SEQUENCE_MISMATCH: {
    severity: 'fatal',
    description:
      'EXT-X-DISCONTINUITY-SEQUENCE does not count the EXT-X-DISCONTINUITY tags that slid out of the window since the previous refresh (RFC 8216 §6.2.2): players lose their place across discontinuities.',
  },
  HLS_SEGMENT_CHANGED: {
    severity: 'fatal',
    description: 'A media sequence number present in both refreshes names a different segment (URI, duration, discontinuity or discontinuity sequence number differs).',
  },
  HLS_SEGMENTS_REMOVED: { severity: 'fatal', description: 'A refresh ends before the previous one did: segments were removed from the live edge.' },
  HLS_SEQUENCE_JUMP: {
    severity: 'warning',
    description: 'A refresh starts after the previous one ended (more segments slid out than it held), so the discontinuity count cannot be verified.',
  },
  HLS_TARGETDURATION_CHANGED: { severity: 'warning', description: 'EXT-X-TARGETDURATION changed between refreshes (RFC 8216 §6.2.1 forbids it).' },
  HLS_ENDLIST_REMOVED: { severity: 'fatal', description: 'The previous refresh had EXT-X-ENDLIST and this one does not, or it has more segments.' },
  // ── Edit operations ───────────────────────────────────────────────────────────────────────
  HLS_EDIT_RANGE: {
    severity: 'fatal',
    description: 'An edit names a segment range or time range that the playlist does not have (out of the window, empty, or a time range without PDT). The playlist is returned unchanged.',
  },
  HLS_EDIT_NOT_MEDIA: { severity: 'fatal', description: 'A media-playlist edit was asked of a playlist without segments (a multivariant playlist). The playlist is returned unchanged.' },
} as const satisfies Record<string, { severity: 'fatal' | 'warning'; description: string }>;

export type HlsIssueCode = keyof typeof HLS_ISSUES;

/** A ManifestIssue with a registry code and a 1-based line. */
export interface HlsIssue extends ManifestIssue {
  code: HlsIssueCode;
}

/** What every view and fallible edit returns: errors as data. */
export interface Result<T> {
  value: T;
  issues: HlsIssue[];
}

/** Makes an issue with the registry's severity. `line` is 1-based; omit it for whole-playlist issues. */
export function hlsIssue(code: HlsIssueCode, line: number | undefined, message: string, fields?: Record<string, unknown>): HlsIssue {
  const out: HlsIssue = { code, severity: HLS_ISSUES[code].severity, message };
  if (line !== undefined) out.line = line;
  if (fields) for (const k of Object.keys(fields)) if (fields[k] !== undefined) out[k] = fields[k];
  return out;
}
