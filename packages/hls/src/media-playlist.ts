// The media-playlist view: segments with their sequence numbers, times, byte ranges, keys, maps,
// parts and attached tag lines, read from the line tree (which it never changes).
import { hlsIssue, type HlsIssue, type Result } from './issues.ts';
import type { M3u8Line } from './m3u8-line.ts';
import type { M3u8 } from './parse-m3u8.ts';
import { readTagInto } from './read-tag.ts';
import type * as T from './tag-types.ts';
import { parseDecimalMs } from './decimal.ts';

export interface Segment {
  /** Index in `segments`. */
  index: number;
  uri: string;
  durationMs: number;
  /** The EXTINF duration exactly as written ('' when the URI had no EXTINF). */
  durationText: string;
  title: string;
  mediaSequence: number;
  discontinuitySequence: number;
  /** An EXT-X-DISCONTINUITY precedes the segment. */
  discontinuity: boolean;
  /** Wall-clock start in ms since the epoch: its own EXT-X-PROGRAM-DATE-TIME, or computed from the nearest one. */
  programDateTimeMs?: number;
  /** The segment's own EXT-X-PROGRAM-DATE-TIME text, when it has one. */
  programDateTime?: string;
  /** With the offset resolved (from the previous sub-range when the tag omits it). */
  byterange?: Required<T.ByteRange>;
  /** The EXT-X-MAP in effect. */
  map?: T.MapTag;
  /** The EXT-X-KEY in effect for the identity (or first) KEYFORMAT; absent when unencrypted. */
  key?: T.KeyTag;
  /** Every EXT-X-KEY in effect (one a KEYFORMAT); shared between segments under the same keys. */
  keys: readonly T.KeyTag[];
  parts: readonly T.PartTag[];
  gap: boolean;
  bitrateKbps?: number;
  /** 0-based index into `lines` of the first line that belongs to the segment (after the previous URI). */
  firstLineIndex: number;
  /** 0-based index into `lines` of the URI line. */
  uriLineIndex: number;
  /** The tag lines attached to the segment (between the previous URI and its own), playlist-level tags excepted. Read on first use. */
  readonly tags: readonly M3u8Line[];
}

const NONE: readonly never[] = Object.freeze([]);

/** A segment whose attached tag lines are collected only when asked for. */
class SegmentView implements Segment {
  index = 0;
  uri = '';
  durationMs = 0;
  durationText = '';
  title = '';
  mediaSequence = 0;
  discontinuitySequence = 0;
  discontinuity = false;
  declare programDateTimeMs?: number;
  declare programDateTime?: string;
  declare byterange?: Required<T.ByteRange>;
  declare map?: T.MapTag;
  declare key?: T.KeyTag;
  keys: readonly T.KeyTag[] = NONE;
  parts: readonly T.PartTag[] = NONE;
  gap = false;
  declare bitrateKbps?: number;
  firstLineIndex = 0;
  uriLineIndex = 0;
  readonly #lines: readonly M3u8Line[];
  #tags: M3u8Line[] | undefined;

  constructor(lines: readonly M3u8Line[]) {
    this.#lines = lines;
  }

  get tags(): readonly M3u8Line[] {
    if (!this.#tags) {
      this.#tags = [];
      for (let i = this.firstLineIndex; i < this.uriLineIndex; i++) {
        const l = this.#lines[i]!;
        if (l.kind === 'tag' && !PLAYLIST_TAGS.has(l.name)) this.#tags.push(l);
      }
    }
    return this.#tags;
  }
}

export interface PlacedDateRange extends T.DateRangeTag {
  /** Index of the segment the tag is written before (segments.length when after the last one). */
  segmentIndex: number;
}

export interface MediaPlaylist {
  version?: number;
  targetDurationMs?: number;
  /** EXT-X-MEDIA-SEQUENCE (0 when absent). */
  mediaSequence: number;
  /** EXT-X-DISCONTINUITY-SEQUENCE (0 when absent). */
  discontinuitySequence: number;
  playlistType?: 'EVENT' | 'VOD';
  endList: boolean;
  iFramesOnly: boolean;
  independentSegments: boolean;
  start?: T.StartTag;
  defines: T.DefineTag[];
  serverControl?: T.ServerControlTag;
  partInf?: T.PartInfTag;
  skip?: T.SkipTag;
  segments: Segment[];
  /** EXT-X-PART tags after the last segment: the segment being written (LL-HLS). */
  trailingParts: T.PartTag[];
  preloadHints: T.PreloadHintTag[];
  renditionReports: T.RenditionReportTag[];
  dateRanges: PlacedDateRange[];
  /** Sum of the segment durations. */
  durationMs: number;
  /** 0-based index of the line after the last segment's URI (where a next segment's tags would go); with no segments, the end (before EXT-X-ENDLIST). */
  tailLineIndex: number;
}

/** Tags about the whole playlist: never attached to a segment. */
export const PLAYLIST_TAGS: ReadonlySet<string> = new Set([
  'EXTM3U',
  'EXT-X-VERSION',
  'EXT-X-TARGETDURATION',
  'EXT-X-MEDIA-SEQUENCE',
  'EXT-X-DISCONTINUITY-SEQUENCE',
  'EXT-X-PLAYLIST-TYPE',
  'EXT-X-ENDLIST',
  'EXT-X-I-FRAMES-ONLY',
  'EXT-X-INDEPENDENT-SEGMENTS',
  'EXT-X-START',
  'EXT-X-DEFINE',
  'EXT-X-SERVER-CONTROL',
  'EXT-X-PART-INF',
  'EXT-X-ALLOW-CACHE',
]);

const ONCE_TAGS: ReadonlySet<string> = new Set([
  'EXT-X-VERSION',
  'EXT-X-TARGETDURATION',
  'EXT-X-MEDIA-SEQUENCE',
  'EXT-X-DISCONTINUITY-SEQUENCE',
  'EXT-X-PLAYLIST-TYPE',
  'EXT-X-START',
  'EXT-X-SERVER-CONTROL',
  'EXT-X-PART-INF',
]);
const BEFORE_SEGMENTS: ReadonlySet<string> = new Set(['EXT-X-TARGETDURATION', 'EXT-X-MEDIA-SEQUENCE', 'EXT-X-DISCONTINUITY-SEQUENCE']);
const MULTIVARIANT_TAGS: ReadonlySet<string> = new Set(['EXT-X-STREAM-INF', 'EXT-X-I-FRAME-STREAM-INF', 'EXT-X-MEDIA', 'EXT-X-SESSION-DATA', 'EXT-X-SESSION-KEY', 'EXT-X-CONTENT-STEERING']);

/** What the lines since the last URI said about the next segment. */
interface Pending {
  firstLineIndex: number;
  extinfLine: number;
  durationMs: number;
  durationText: string;
  title: string;
  byterange: T.ByteRange | undefined;
  discontinuity: boolean;
  pdt: T.ProgramDateTimeTag | undefined;
  gap: boolean;
  streamInf: boolean;
  parts: T.PartTag[] | undefined;
}

function reset(p: Pending, firstLineIndex: number): void {
  p.firstLineIndex = firstLineIndex;
  p.extinfLine = -1;
  p.durationMs = 0;
  p.durationText = '';
  p.title = '';
  p.byterange = undefined;
  p.discontinuity = false;
  p.pdt = undefined;
  p.gap = false;
  p.streamInf = false;
  p.parts = undefined;
}

/** EXTINF:<duration>,[<title>] on the fast path (no view object); false when it needs the full reader (and its issues). */
function fastExtinf(raw: string, from: number, p: Pending): boolean {
  const comma = raw.indexOf(',', from);
  const end = comma < 0 ? raw.length : comma;
  const text = raw.slice(from, end);
  const ms = parseDecimalMs(text);
  if (ms === undefined || text.length === 0 || text.charCodeAt(0) <= 0x20 || text.charCodeAt(text.length - 1) <= 0x20) return false;
  p.durationMs = ms;
  p.durationText = text;
  p.title = comma < 0 ? '' : raw.slice(comma + 1);
  return true;
}

const cache = new WeakMap<M3u8, Result<MediaPlaylist>>();

/** Reads the media-playlist view (memoised per playlist object). Never throws. */
export function mediaPlaylist(playlist: M3u8): Result<MediaPlaylist> {
  let r = cache.get(playlist);
  if (!r) {
    r = read(playlist.lines);
    cache.set(playlist, r);
  }
  return r;
}

function read(lines: readonly M3u8Line[]): Result<MediaPlaylist> {
  const issues: HlsIssue[] = [];
  const out: MediaPlaylist = {
    mediaSequence: 0,
    discontinuitySequence: 0,
    endList: false,
    iFramesOnly: false,
    independentSegments: false,
    defines: [],
    segments: [],
    trailingParts: [],
    preloadHints: [],
    renditionReports: [],
    dateRanges: [],
    durationMs: 0,
    tailLineIndex: 0,
  };
  const seen = new Set<string>();
  const keys = new Map<string, T.KeyTag>();
  let map: T.MapTag | undefined;
  let bitrate: number | undefined;
  let msn: number | undefined;
  let dsn: number | undefined;
  let skipped = 0;
  let lastRangeEnd: { uri: string; end: number } | undefined;
  let hasPdt = false;
  let multivariant = false;
  const pending = {} as Pending;
  reset(pending, 0);
  let keyList: readonly T.KeyTag[] = NONE; // rebuilt only when an EXT-X-KEY changes the set
  let key: T.KeyTag | undefined;
  const segments = out.segments;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNo = i + 1;
    if (line.kind === 'uri') {
      if (pending.streamInf) {
        reset(pending, i + 1);
        continue;
      }
      if (pending.extinfLine < 0) issues.push(hlsIssue('HLS_URI_WITHOUT_EXTINF', lineNo, `segment URI "${line.value}" has no #EXTINF`));
      if (msn === undefined) msn = out.mediaSequence;
      if (dsn === undefined) dsn = out.discontinuitySequence;
      if (pending.discontinuity) dsn++;
      const uri = line.value ?? '';
      const seg = new SegmentView(lines);
      seg.index = segments.length;
      seg.uri = uri;
      seg.durationMs = pending.durationMs;
      seg.durationText = pending.durationText;
      seg.title = pending.title;
      seg.mediaSequence = msn + skipped + segments.length;
      seg.discontinuitySequence = dsn;
      seg.discontinuity = pending.discontinuity;
      seg.keys = keyList;
      if (pending.parts) seg.parts = pending.parts;
      seg.gap = pending.gap;
      seg.firstLineIndex = pending.firstLineIndex;
      seg.uriLineIndex = i;
      if (pending.pdt) {
        seg.programDateTimeMs = pending.pdt.dateTimeMs;
        seg.programDateTime = pending.pdt.dateTime;
      }
      if (pending.byterange) {
        let offset = pending.byterange.offset;
        if (offset === undefined) {
          if (lastRangeEnd && lastRangeEnd.uri === uri) offset = lastRangeEnd.end;
          else {
            issues.push(hlsIssue('HLS_BYTERANGE_WITHOUT_OFFSET', lineNo, `segment "${uri}" has a byte range without an offset and no previous sub-range of the same resource`));
            offset = 0;
          }
        }
        seg.byterange = { length: pending.byterange.length, offset };
        lastRangeEnd = { uri, end: offset + pending.byterange.length };
      } else {
        lastRangeEnd = undefined;
      }
      if (map) seg.map = map;
      if (key) seg.key = key;
      if (bitrate !== undefined) seg.bitrateKbps = bitrate;
      segments.push(seg);
      out.durationMs += seg.durationMs;
      reset(pending, i + 1);
      continue;
    }
    if (line.kind !== 'tag') continue;
    const name = line.name;
    if (ONCE_TAGS.has(name)) {
      if (seen.has(name)) {
        issues.push(hlsIssue('HLS_DUPLICATE_TAG', lineNo, `#${name} appears more than once; the first is used`));
        continue;
      }
      seen.add(name);
    }
    if (BEFORE_SEGMENTS.has(name) && segments.length > 0) issues.push(hlsIssue('HLS_TAG_AFTER_SEGMENTS', lineNo, `#${name} comes after the first segment`));
    if (MULTIVARIANT_TAGS.has(name)) multivariant = true;
    switch (name) {
      case 'EXTINF': {
        if (pending.extinfLine >= 0) issues.push(hlsIssue('HLS_EXTINF_WITHOUT_URI', pending.extinfLine, '#EXTINF is followed by another #EXTINF, not a URI'));
        pending.extinfLine = lineNo;
        if (line.valueOffset < 0 || !fastExtinf(line.raw, line.valueOffset, pending)) {
          const t = readTagInto<'EXTINF'>(line, lineNo, issues)!;
          pending.durationMs = t.durationMs;
          pending.durationText = t.durationText;
          pending.title = t.title;
        }
        break;
      }
      case 'EXT-X-VERSION':
        out.version = readTagInto<'EXT-X-VERSION'>(line, lineNo, issues)?.version;
        break;
      case 'EXT-X-TARGETDURATION':
        out.targetDurationMs = readTagInto<'EXT-X-TARGETDURATION'>(line, lineNo, issues)?.targetDurationMs;
        break;
      case 'EXT-X-MEDIA-SEQUENCE':
        out.mediaSequence = readTagInto<'EXT-X-MEDIA-SEQUENCE'>(line, lineNo, issues)?.mediaSequence ?? 0;
        break;
      case 'EXT-X-DISCONTINUITY-SEQUENCE':
        out.discontinuitySequence = readTagInto<'EXT-X-DISCONTINUITY-SEQUENCE'>(line, lineNo, issues)?.discontinuitySequence ?? 0;
        break;
      case 'EXT-X-PLAYLIST-TYPE':
        out.playlistType = readTagInto<'EXT-X-PLAYLIST-TYPE'>(line, lineNo, issues)?.playlistType;
        break;
      case 'EXT-X-ENDLIST':
        out.endList = true;
        break;
      case 'EXT-X-I-FRAMES-ONLY':
        out.iFramesOnly = true;
        break;
      case 'EXT-X-INDEPENDENT-SEGMENTS':
        out.independentSegments = true;
        break;
      case 'EXT-X-START':
        out.start = readTagInto<'EXT-X-START'>(line, lineNo, issues);
        break;
      case 'EXT-X-DEFINE': {
        const d = readTagInto<'EXT-X-DEFINE'>(line, lineNo, issues);
        if (d) out.defines.push(d);
        break;
      }
      case 'EXT-X-SERVER-CONTROL':
        out.serverControl = readTagInto<'EXT-X-SERVER-CONTROL'>(line, lineNo, issues);
        break;
      case 'EXT-X-PART-INF':
        out.partInf = readTagInto<'EXT-X-PART-INF'>(line, lineNo, issues);
        break;
      case 'EXT-X-SKIP': {
        const s = readTagInto<'EXT-X-SKIP'>(line, lineNo, issues);
        if (s) {
          out.skip = s;
          skipped += s.skippedSegments;
        }
        break;
      }
      case 'EXT-X-DISCONTINUITY':
        pending.discontinuity = true;
        break;
      case 'EXT-X-GAP':
        pending.gap = true;
        break;
      case 'EXT-X-BYTERANGE':
        pending.byterange = readTagInto<'EXT-X-BYTERANGE'>(line, lineNo, issues)?.byterange;
        break;
      case 'EXT-X-PROGRAM-DATE-TIME':
        pending.pdt = readTagInto<'EXT-X-PROGRAM-DATE-TIME'>(line, lineNo, issues);
        if (pending.pdt) hasPdt = true;
        break;
      case 'EXT-X-BITRATE':
        bitrate = readTagInto<'EXT-X-BITRATE'>(line, lineNo, issues)?.kbps;
        break;
      case 'EXT-X-MAP':
        map = readTagInto<'EXT-X-MAP'>(line, lineNo, issues);
        break;
      case 'EXT-X-KEY': {
        const k = readTagInto<'EXT-X-KEY'>(line, lineNo, issues);
        if (!k) break;
        if (k.method === 'NONE') keys.clear();
        else keys.set(k.keyFormat ?? 'identity', k);
        keyList = keys.size === 0 ? NONE : [...keys.values()];
        key = keys.get('identity') ?? keyList[0];
        break;
      }
      case 'EXT-X-PART': {
        const p = readTagInto<'EXT-X-PART'>(line, lineNo, issues);
        if (p) (pending.parts ??= []).push(p);
        break;
      }
      case 'EXT-X-PRELOAD-HINT': {
        const h = readTagInto<'EXT-X-PRELOAD-HINT'>(line, lineNo, issues);
        if (h) out.preloadHints.push(h);
        break;
      }
      case 'EXT-X-RENDITION-REPORT': {
        const r = readTagInto<'EXT-X-RENDITION-REPORT'>(line, lineNo, issues);
        if (r) out.renditionReports.push(r);
        break;
      }
      case 'EXT-X-DATERANGE': {
        const d = readTagInto<'EXT-X-DATERANGE'>(line, lineNo, issues);
        if (d) out.dateRanges.push({ ...d, segmentIndex: segments.length });
        break;
      }
      case 'EXT-X-STREAM-INF':
        pending.streamInf = true;
        break;
      default:
        break;
    }
  }
  if (pending.extinfLine >= 0) issues.push(hlsIssue('HLS_EXTINF_WITHOUT_URI', pending.extinfLine, '#EXTINF is not followed by a URI before the end of the playlist'));
  out.trailingParts = pending.parts ?? [];
  const last = segments[segments.length - 1];
  if (last) out.tailLineIndex = last.uriLineIndex + 1;
  else {
    const end = lines.findIndex((l) => l.kind === 'tag' && l.name === 'EXT-X-ENDLIST');
    out.tailLineIndex = end < 0 ? lines.length : end;
  }
  if (multivariant && (segments.length > 0 || seen.has('EXT-X-TARGETDURATION'))) issues.push(hlsIssue('HLS_MIXED_PLAYLIST', undefined, 'the playlist mixes multivariant and media playlist tags'));
  if (!multivariant && out.targetDurationMs === undefined && segments.length > 0) issues.push(hlsIssue('HLS_MISSING_TARGETDURATION', undefined, 'the media playlist has no #EXT-X-TARGETDURATION'));
  if (out.targetDurationMs !== undefined) {
    for (const s of segments) {
      if (Math.round(s.durationMs / 1000) * 1000 > out.targetDurationMs) {
        issues.push(hlsIssue('HLS_SEGMENT_OVER_TARGETDURATION', s.uriLineIndex + 1, `segment duration ${s.durationText} is over the target duration`, { mediaSequence: s.mediaSequence }));
      }
    }
  }
  if (out.dateRanges.length > 0 && !hasPdt) issues.push(hlsIssue('HLS_DATERANGE_WITHOUT_PDT', out.dateRanges[0]!.line, 'EXT-X-DATERANGE in a playlist without EXT-X-PROGRAM-DATE-TIME'));
  if (hasPdt) fillProgramDateTimes(segments);
  return { value: out, issues };
}

/** Computes every segment's PDT from the explicit ones: forward by durations, and back before the first. */
function fillProgramDateTimes(segments: Segment[]): void {
  let first = -1;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    if (s.programDateTime !== undefined) {
      if (first < 0) first = i;
      continue;
    }
    const prev = segments[i - 1];
    if (prev?.programDateTimeMs !== undefined) s.programDateTimeMs = prev.programDateTimeMs + prev.durationMs;
  }
  for (let i = first - 1; i >= 0; i--) {
    const s = segments[i]!;
    s.programDateTimeMs = segments[i + 1]!.programDateTimeMs! - s.durationMs;
  }
}
