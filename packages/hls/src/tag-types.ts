// Typed views of the RFC 8216bis tags (draft-pantos-hls-rfc8216bis, HLS 2nd edition), one interface a
// tag. Field names are the attribute names in camelCase; times are integer ms (`durationMs`), dates
// ms since the epoch (`startDateMs`) with the text kept beside them. The attribute list itself stays
// reachable (`attributes`) for anything not listed here.
import type { AttributeList } from './attribute-list.ts';

export interface ByteRange {
  length: number;
  /** Absent when the tag relies on the previous sub-range (EXT-X-BYTERANGE) or hint. */
  offset?: number;
}

export interface Resolution {
  width: number;
  height: number;
}

interface Base {
  /** 1-based line of the tag. */
  line: number;
}

interface WithAttributes extends Base {
  attributes: AttributeList;
}

/** §4.4.1.1 EXTM3U */
export interface Extm3uTag extends Base {
  tag: 'EXTM3U';
}
/** §4.4.1.2 EXT-X-VERSION */
export interface VersionTag extends Base {
  tag: 'EXT-X-VERSION';
  version: number;
}
/** §4.4.2 EXT-X-INDEPENDENT-SEGMENTS */
export interface IndependentSegmentsTag extends Base {
  tag: 'EXT-X-INDEPENDENT-SEGMENTS';
}
/** §4.4.2.2 EXT-X-START */
export interface StartTag extends WithAttributes {
  tag: 'EXT-X-START';
  timeOffsetMs: number;
  precise: boolean;
}
/** §4.4.2.3 EXT-X-DEFINE */
export interface DefineTag extends WithAttributes {
  tag: 'EXT-X-DEFINE';
  name?: string;
  value?: string;
  import?: string;
  queryParam?: string;
}
/** §4.4.3.1 EXT-X-TARGETDURATION */
export interface TargetDurationTag extends Base {
  tag: 'EXT-X-TARGETDURATION';
  targetDurationMs: number;
}
/** §4.4.3.2 EXT-X-MEDIA-SEQUENCE */
export interface MediaSequenceTag extends Base {
  tag: 'EXT-X-MEDIA-SEQUENCE';
  mediaSequence: number;
}
/** §4.4.3.3 EXT-X-DISCONTINUITY-SEQUENCE */
export interface DiscontinuitySequenceTag extends Base {
  tag: 'EXT-X-DISCONTINUITY-SEQUENCE';
  discontinuitySequence: number;
}
/** §4.4.3.4 EXT-X-ENDLIST */
export interface EndListTag extends Base {
  tag: 'EXT-X-ENDLIST';
}
/** §4.4.3.5 EXT-X-PLAYLIST-TYPE */
export interface PlaylistTypeTag extends Base {
  tag: 'EXT-X-PLAYLIST-TYPE';
  playlistType: 'EVENT' | 'VOD';
}
/** §4.4.3.6 EXT-X-I-FRAMES-ONLY */
export interface IFramesOnlyTag extends Base {
  tag: 'EXT-X-I-FRAMES-ONLY';
}
/** §4.4.3.7 EXT-X-PART-INF */
export interface PartInfTag extends WithAttributes {
  tag: 'EXT-X-PART-INF';
  partTargetMs: number;
}
/** §4.4.3.8 EXT-X-SERVER-CONTROL */
export interface ServerControlTag extends WithAttributes {
  tag: 'EXT-X-SERVER-CONTROL';
  canSkipUntilMs?: number;
  canSkipDateRanges: boolean;
  holdBackMs?: number;
  partHoldBackMs?: number;
  canBlockReload: boolean;
}
/** §4.4.4.1 EXTINF */
export interface ExtinfTag extends Base {
  tag: 'EXTINF';
  durationMs: number;
  /** The duration exactly as written ("6.006"). */
  durationText: string;
  title: string;
}
/** §4.4.4.2 EXT-X-BYTERANGE */
export interface ByteRangeTag extends Base {
  tag: 'EXT-X-BYTERANGE';
  byterange: ByteRange;
}
/** §4.4.4.3 EXT-X-DISCONTINUITY */
export interface DiscontinuityTag extends Base {
  tag: 'EXT-X-DISCONTINUITY';
}
/** §4.4.4.4 EXT-X-KEY and §4.4.6.5 EXT-X-SESSION-KEY */
export interface KeyTag extends WithAttributes {
  tag: 'EXT-X-KEY' | 'EXT-X-SESSION-KEY';
  method: string;
  uri?: string;
  iv?: string;
  keyFormat?: string;
  keyFormatVersions?: string;
}
/** §4.4.4.5 EXT-X-MAP */
export interface MapTag extends WithAttributes {
  tag: 'EXT-X-MAP';
  uri: string;
  byterange?: ByteRange;
}
/** §4.4.4.6 EXT-X-PROGRAM-DATE-TIME */
export interface ProgramDateTimeTag extends Base {
  tag: 'EXT-X-PROGRAM-DATE-TIME';
  dateTimeMs: number;
  dateTime: string;
}
/** §4.4.4.7 EXT-X-GAP */
export interface GapTag extends Base {
  tag: 'EXT-X-GAP';
}
/** §4.4.4.8 EXT-X-BITRATE */
export interface BitrateTag extends Base {
  tag: 'EXT-X-BITRATE';
  kbps: number;
}
/** §4.4.4.9 EXT-X-PART */
export interface PartTag extends WithAttributes {
  tag: 'EXT-X-PART';
  uri: string;
  durationMs: number;
  independent: boolean;
  byterange?: ByteRange;
  gap: boolean;
}
/** Interstitial attributes of an EXT-X-DATERANGE with CLASS="com.apple.hls.interstitial" (RFC 8216bis Appendix D). */
export interface Interstitial {
  assetUri?: string;
  assetList?: string;
  resumeOffsetMs?: number;
  playoutLimitMs?: number;
  /** X-SNAP: OUT and/or IN. */
  snap?: string[];
  /** X-RESTRICT: SKIP and/or JUMP. */
  restrict?: string[];
  contentMayVary?: boolean;
  timelineOccupies?: string;
  timelineStyle?: string;
}
/** §4.4.5.1 EXT-X-DATERANGE (with §4.4.5.1.4 SCTE-35 mapping and Appendix D interstitials) */
export interface DateRangeTag extends WithAttributes {
  tag: 'EXT-X-DATERANGE';
  id: string;
  class?: string;
  startDate?: string;
  startDateMs?: number;
  /** CUE: PRE, POST, ONCE. */
  cue?: string[];
  endDate?: string;
  endDateMs?: number;
  durationMs?: number;
  plannedDurationMs?: number;
  scte35Cmd?: string;
  scte35Out?: string;
  scte35In?: string;
  endOnNext: boolean;
  /** X-<name> attributes other than the interstitial ones, values unquoted. */
  clientAttributes: Record<string, string>;
  interstitial?: Interstitial;
}
/** §4.4.5.2 EXT-X-SKIP */
export interface SkipTag extends WithAttributes {
  tag: 'EXT-X-SKIP';
  skippedSegments: number;
  recentlyRemovedDateRanges?: string[];
}
/** §4.4.5.3 EXT-X-PRELOAD-HINT */
export interface PreloadHintTag extends WithAttributes {
  tag: 'EXT-X-PRELOAD-HINT';
  type: 'PART' | 'MAP';
  uri: string;
  byterangeStart?: number;
  byterangeLength?: number;
}
/** §4.4.5.4 EXT-X-RENDITION-REPORT */
export interface RenditionReportTag extends WithAttributes {
  tag: 'EXT-X-RENDITION-REPORT';
  uri?: string;
  lastMsn?: number;
  lastPart?: number;
}
/** §4.4.6.1 EXT-X-MEDIA */
export interface MediaTag extends WithAttributes {
  tag: 'EXT-X-MEDIA';
  type: string;
  uri?: string;
  groupId: string;
  language?: string;
  assocLanguage?: string;
  name: string;
  stableRenditionId?: string;
  default: boolean;
  autoselect: boolean;
  forced: boolean;
  instreamId?: string;
  bitDepth?: number;
  sampleRate?: number;
  characteristics?: string;
  channels?: string;
}
interface StreamCommon extends WithAttributes {
  bandwidth: number;
  averageBandwidth?: number;
  score?: number;
  codecs?: string;
  supplementalCodecs?: string;
  resolution?: Resolution;
  hdcpLevel?: string;
  allowedCpc?: string;
  videoRange?: string;
  reqVideoLayout?: string;
  stableVariantId?: string;
  video?: string;
  pathwayId?: string;
}
/** §4.4.6.2 EXT-X-STREAM-INF */
export interface StreamInfTag extends StreamCommon {
  tag: 'EXT-X-STREAM-INF';
  frameRate?: number;
  audio?: string;
  subtitles?: string;
  closedCaptions?: string;
}
/** §4.4.6.3 EXT-X-I-FRAME-STREAM-INF */
export interface IFrameStreamInfTag extends StreamCommon {
  tag: 'EXT-X-I-FRAME-STREAM-INF';
  uri: string;
}
/** §4.4.6.4 EXT-X-SESSION-DATA */
export interface SessionDataTag extends WithAttributes {
  tag: 'EXT-X-SESSION-DATA';
  dataId: string;
  value?: string;
  uri?: string;
  format?: string;
  language?: string;
}
/** §4.4.6.6 EXT-X-CONTENT-STEERING */
export interface ContentSteeringTag extends WithAttributes {
  tag: 'EXT-X-CONTENT-STEERING';
  serverUri: string;
  pathwayId?: string;
}

export type HlsTag =
  | Extm3uTag
  | VersionTag
  | IndependentSegmentsTag
  | StartTag
  | DefineTag
  | TargetDurationTag
  | MediaSequenceTag
  | DiscontinuitySequenceTag
  | EndListTag
  | PlaylistTypeTag
  | IFramesOnlyTag
  | PartInfTag
  | ServerControlTag
  | ExtinfTag
  | ByteRangeTag
  | DiscontinuityTag
  | KeyTag
  | MapTag
  | ProgramDateTimeTag
  | GapTag
  | BitrateTag
  | PartTag
  | DateRangeTag
  | SkipTag
  | PreloadHintTag
  | RenditionReportTag
  | MediaTag
  | StreamInfTag
  | IFrameStreamInfTag
  | SessionDataTag
  | ContentSteeringTag;

export type HlsTagName = HlsTag['tag'];

/** The view type of one tag name. */
export type TagOf<K extends HlsTagName> = K extends 'EXT-X-KEY' | 'EXT-X-SESSION-KEY' ? KeyTag : Extract<HlsTag, { tag: K }>;
