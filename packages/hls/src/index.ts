// @adsplice/hls: lossless M3U8 parse/print (the syntax layer), typed views of every RFC 8216bis tag,
// media and multivariant playlist views, every ad-marker dialect ⇄ one AdSignal model, avails,
// ad-marker writers, and the pure edit operations the stitcher and the origin need.

// Syntax
export { parseM3u8, type M3u8 } from './parse-m3u8.ts';
export { printM3u8, joinLines } from './print-m3u8.ts';
export { M3u8Line, type LineKind } from './m3u8-line.ts';
export { AttributeList, formatAttributes, type Attribute, type AttributeProblem } from './attribute-list.ts';

// Meaning
export { readTag, KNOWN_TAGS } from './read-tag.ts';
export type * from './tag-types.ts';
export { mediaPlaylist, PLAYLIST_TAGS, type MediaPlaylist, type Segment, type PlacedDateRange } from './media-playlist.ts';
export { multivariantPlaylist, isMultivariant, type MultivariantPlaylist, type Variant } from './multivariant-playlist.ts';
export { parseDecimalMs, formatSeconds, formatSecondsFixed } from './decimal.ts';
export { parseDateTime, formatDateTime } from './date-time.ts';

// Ad markers
export { adSignals } from './ad-signals.ts';
export { avails, EARLY_RETURN_MS } from './avails.ts';
export { AD_MARKER_TAGS } from './ad-tag-reader.ts';
export { cueMeaning, type CueMeaning } from './cue-meaning.ts';
export { cueTagLines, CUE_DIALECTS, type CueDialect, type CueTagInput } from './cue-tag-writer.ts';
export { writeAvail, type WriteAvailOptions } from './write-avail.ts';

// Edits
export { insertTags, insertTagsAt } from './insert-tags.ts';
export { removeAdMarkers, type RemoveAdMarkersOptions } from './remove-ad-markers.ts';
export { rewriteUris, absoluteUris, type UriContext, type UriKind } from './rewrite-uris.ts';
export { replaceSegments, type ReplaceOptions, type SegmentRange } from './replace-segments.ts';
export { dropSegments, appendSegments } from './live-window.ts';
export type { NewSegment, KeySpec, MapSpec } from './new-segment.ts';
export { checkSequence } from './check-sequence.ts';

// Issues
export { HLS_ISSUES, hlsIssue, type HlsIssue, type HlsIssueCode, type Result } from './issues.ts';
export type { AdSignal, AdSignalDialect, AdSignalKind, Avail, ManifestIssue } from '@adsplice/scte35/ad-signal';
