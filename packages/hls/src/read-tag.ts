// The meaning layer for single tags: one M3u8Line → its typed RFC 8216bis view (tag-types.ts), with
// issues for anything that does not read. Unknown and vendor tags give `undefined` (they stay lines).
import { parseDateTime } from './date-time.ts';
import { parseDecimalInteger, parseDecimalMs } from './decimal.ts';
import { hlsIssue, type HlsIssue, type Result } from './issues.ts';
import type { M3u8Line } from './m3u8-line.ts';
import { parseByteRange, readAttributes, type AttrSpec } from './read-attributes.ts';
import type * as T from './tag-types.ts';

type Reader = (line: M3u8Line, lineNo: number, issues: HlsIssue[]) => T.HlsTag | undefined;

function value(line: M3u8Line): string {
  return (line.value ?? '').trim();
}

function intValue(line: M3u8Line, lineNo: number, issues: HlsIssue[]): number | undefined {
  const v = parseDecimalInteger(value(line));
  if (v === undefined) issues.push(hlsIssue('HLS_BAD_TAG_VALUE', lineNo, `#${line.name}:${value(line)} is not a decimal-integer`));
  return v;
}

const KEY_SPEC: AttrSpec = {
  METHOD: ['method', 'enum'],
  URI: ['uri', 'string'],
  IV: ['iv', 'hex'],
  KEYFORMAT: ['keyFormat', 'string'],
  KEYFORMATVERSIONS: ['keyFormatVersions', 'string'],
};

const STREAM_COMMON: AttrSpec = {
  BANDWIDTH: ['bandwidth', 'int'],
  'AVERAGE-BANDWIDTH': ['averageBandwidth', 'int'],
  SCORE: ['score', 'float'],
  CODECS: ['codecs', 'string'],
  'SUPPLEMENTAL-CODECS': ['supplementalCodecs', 'string'],
  RESOLUTION: ['resolution', 'resolution'],
  'HDCP-LEVEL': ['hdcpLevel', 'enum'],
  'ALLOWED-CPC': ['allowedCpc', 'string'],
  'VIDEO-RANGE': ['videoRange', 'enum'],
  'REQ-VIDEO-LAYOUT': ['reqVideoLayout', 'string'],
  'STABLE-VARIANT-ID': ['stableVariantId', 'string'],
  VIDEO: ['video', 'string'],
  'PATHWAY-ID': ['pathwayId', 'string'],
};

const DATERANGE_SPEC: AttrSpec = {
  ID: ['id', 'string'],
  CLASS: ['class', 'string'],
  'START-DATE': ['startDate', 'date'],
  CUE: ['cue', 'list'],
  'END-DATE': ['endDate', 'date'],
  DURATION: ['durationMs', 'ms'],
  'PLANNED-DURATION': ['plannedDurationMs', 'ms'],
  'SCTE35-CMD': ['scte35Cmd', 'hex'],
  'SCTE35-OUT': ['scte35Out', 'hex'],
  'SCTE35-IN': ['scte35In', 'hex'],
  'END-ON-NEXT': ['endOnNext', 'enum'],
};

const INTERSTITIAL_SPEC: AttrSpec = {
  'X-ASSET-URI': ['assetUri', 'string'],
  'X-ASSET-LIST': ['assetList', 'string'],
  'X-RESUME-OFFSET': ['resumeOffsetMs', 'signed-ms'],
  'X-PLAYOUT-LIMIT': ['playoutLimitMs', 'ms'],
  'X-SNAP': ['snap', 'list'],
  'X-RESTRICT': ['restrict', 'list'],
  'X-CONTENT-MAY-VARY': ['contentMayVary', 'yesno'],
  'X-TIMELINE-OCCUPIES': ['timelineOccupies', 'string'],
  'X-TIMELINE-STYLE': ['timelineStyle', 'string'],
};

function attrs<V extends T.HlsTag>(tag: V['tag'], spec: AttrSpec, required: readonly string[], defaults: Partial<V>): Reader {
  return (line, lineNo, issues) => {
    const fields = readAttributes(line, lineNo, spec, required, issues);
    return { ...defaults, ...fields, tag, line: lineNo, attributes: line.attributes } as unknown as V;
  };
}

function bare(tag: T.HlsTagName): Reader {
  return (_line, lineNo) => ({ tag, line: lineNo }) as T.HlsTag;
}

const INTERSTITIAL_KEYS = Object.values(INTERSTITIAL_SPEC).map(([key]) => key);

function readDateRange(line: M3u8Line, lineNo: number, issues: HlsIssue[]): T.DateRangeTag {
  const f = readAttributes(line, lineNo, { ...DATERANGE_SPEC, ...INTERSTITIAL_SPEC }, ['ID', 'START-DATE'], issues);
  const list = line.attributes;
  const endOnNext = f.endOnNext === 'YES';
  if (f.endOnNext !== undefined && !endOnNext) issues.push(hlsIssue('HLS_BAD_TAG_VALUE', lineNo, '#EXT-X-DATERANGE: END-ON-NEXT can only be YES'));
  const interstitial: Record<string, unknown> = {};
  let isInterstitial = f.class === 'com.apple.hls.interstitial';
  for (const key of INTERSTITIAL_KEYS) {
    if (key in f) {
      interstitial[key] = f[key];
      delete f[key];
      isInterstitial = true;
    }
  }
  const clientAttributes: Record<string, string> = {};
  for (const a of list.items) if (a.name.startsWith('X-') && !(a.name in INTERSTITIAL_SPEC)) clientAttributes[a.name] = a.value;
  const out = { ...f, id: (f.id as string | undefined) ?? '', endOnNext, clientAttributes, tag: 'EXT-X-DATERANGE', line: lineNo, attributes: list } as T.DateRangeTag;
  if (isInterstitial) out.interstitial = interstitial as T.Interstitial;
  if (endOnNext && out.class === undefined) issues.push(hlsIssue('HLS_MISSING_ATTRIBUTE', lineNo, '#EXT-X-DATERANGE with END-ON-NEXT=YES has no CLASS', { attribute: 'CLASS' }));
  if (endOnNext && (out.durationMs !== undefined || out.endDate !== undefined)) {
    issues.push(hlsIssue('HLS_BAD_TAG_VALUE', lineNo, '#EXT-X-DATERANGE with END-ON-NEXT=YES must not have DURATION or END-DATE'));
  }
  if (out.durationMs !== undefined && out.startDateMs !== undefined && out.endDateMs !== undefined && out.startDateMs + out.durationMs !== out.endDateMs) {
    issues.push(hlsIssue('HLS_BAD_TAG_VALUE', lineNo, '#EXT-X-DATERANGE: END-DATE is not START-DATE + DURATION'));
  }
  return out;
}

const READERS: Record<string, Reader> = {
  EXTM3U: bare('EXTM3U'),
  'EXT-X-INDEPENDENT-SEGMENTS': bare('EXT-X-INDEPENDENT-SEGMENTS'),
  'EXT-X-ENDLIST': bare('EXT-X-ENDLIST'),
  'EXT-X-I-FRAMES-ONLY': bare('EXT-X-I-FRAMES-ONLY'),
  'EXT-X-DISCONTINUITY': bare('EXT-X-DISCONTINUITY'),
  'EXT-X-GAP': bare('EXT-X-GAP'),
  'EXT-X-VERSION': (line, lineNo, issues) => {
    const version = intValue(line, lineNo, issues);
    return version === undefined ? undefined : { tag: 'EXT-X-VERSION', line: lineNo, version };
  },
  'EXT-X-TARGETDURATION': (line, lineNo, issues) => {
    const ms = parseDecimalMs(value(line));
    if (ms === undefined) {
      issues.push(hlsIssue('HLS_BAD_TAG_VALUE', lineNo, `#EXT-X-TARGETDURATION:${value(line)} is not a number`));
      return undefined;
    }
    if (ms % 1000 !== 0) issues.push(hlsIssue('HLS_BAD_TAG_VALUE', lineNo, `#EXT-X-TARGETDURATION:${value(line)} is not a decimal-integer`));
    return { tag: 'EXT-X-TARGETDURATION', line: lineNo, targetDurationMs: ms };
  },
  'EXT-X-MEDIA-SEQUENCE': (line, lineNo, issues) => {
    const v = intValue(line, lineNo, issues);
    return v === undefined ? undefined : { tag: 'EXT-X-MEDIA-SEQUENCE', line: lineNo, mediaSequence: v };
  },
  'EXT-X-DISCONTINUITY-SEQUENCE': (line, lineNo, issues) => {
    const v = intValue(line, lineNo, issues);
    return v === undefined ? undefined : { tag: 'EXT-X-DISCONTINUITY-SEQUENCE', line: lineNo, discontinuitySequence: v };
  },
  'EXT-X-PLAYLIST-TYPE': (line, lineNo, issues) => {
    const v = value(line);
    if (v !== 'EVENT' && v !== 'VOD') {
      issues.push(hlsIssue('HLS_BAD_TAG_VALUE', lineNo, `#EXT-X-PLAYLIST-TYPE:${v} is neither EVENT nor VOD`));
      return undefined;
    }
    return { tag: 'EXT-X-PLAYLIST-TYPE', line: lineNo, playlistType: v };
  },
  EXTINF: (line, lineNo, issues) => {
    const v = line.value ?? '';
    const comma = v.indexOf(',');
    let durationText = (comma < 0 ? v : v.slice(0, comma)).trim();
    const space = durationText.indexOf(' ');
    if (space > 0) durationText = durationText.slice(0, space); // IPTV-style `#EXTINF:-1 tvg-id="…",Name`
    const durationMs = parseDecimalMs(durationText);
    if (durationMs === undefined) issues.push(hlsIssue('HLS_BAD_TAG_VALUE', lineNo, `#EXTINF duration "${durationText}" is not a non-negative number`));
    return { tag: 'EXTINF', line: lineNo, durationMs: durationMs ?? 0, durationText, title: comma < 0 ? '' : v.slice(comma + 1) };
  },
  'EXT-X-BYTERANGE': (line, lineNo, issues) => {
    const byterange = parseByteRange(value(line));
    if (!byterange) {
      issues.push(hlsIssue('HLS_BAD_TAG_VALUE', lineNo, `#EXT-X-BYTERANGE:${value(line)} is not n[@o]`));
      return undefined;
    }
    return { tag: 'EXT-X-BYTERANGE', line: lineNo, byterange };
  },
  'EXT-X-PROGRAM-DATE-TIME': (line, lineNo, issues) => {
    const dateTime = value(line);
    const d = parseDateTime(dateTime);
    if (!d) {
      issues.push(hlsIssue('HLS_BAD_TAG_VALUE', lineNo, `#EXT-X-PROGRAM-DATE-TIME:${dateTime} is not an ISO 8601 date-time`));
      return undefined;
    }
    if (!d.zoned) issues.push(hlsIssue('HLS_BAD_TAG_VALUE', lineNo, `#EXT-X-PROGRAM-DATE-TIME:${dateTime} has no time zone; read as UTC`));
    return { tag: 'EXT-X-PROGRAM-DATE-TIME', line: lineNo, dateTimeMs: d.ms, dateTime };
  },
  'EXT-X-BITRATE': (line, lineNo, issues) => {
    const kbps = intValue(line, lineNo, issues);
    return kbps === undefined ? undefined : { tag: 'EXT-X-BITRATE', line: lineNo, kbps };
  },
  'EXT-X-KEY': attrs<T.KeyTag>('EXT-X-KEY', KEY_SPEC, ['METHOD'], { method: '' }),
  'EXT-X-SESSION-KEY': attrs<T.KeyTag>('EXT-X-SESSION-KEY', KEY_SPEC, ['METHOD'], { method: '' }),
  'EXT-X-MAP': attrs<T.MapTag>('EXT-X-MAP', { URI: ['uri', 'string'], BYTERANGE: ['byterange', 'byterange'] }, ['URI'], { uri: '' }),
  'EXT-X-START': attrs<T.StartTag>('EXT-X-START', { 'TIME-OFFSET': ['timeOffsetMs', 'signed-ms'], PRECISE: ['precise', 'yesno'] }, ['TIME-OFFSET'], {
    timeOffsetMs: 0,
    precise: false,
  }),
  'EXT-X-DEFINE': attrs<T.DefineTag>(
    'EXT-X-DEFINE',
    { NAME: ['name', 'string'], VALUE: ['value', 'string'], IMPORT: ['import', 'string'], QUERYPARAM: ['queryParam', 'string'] },
    [],
    {},
  ),
  'EXT-X-PART-INF': attrs<T.PartInfTag>('EXT-X-PART-INF', { 'PART-TARGET': ['partTargetMs', 'ms'] }, ['PART-TARGET'], { partTargetMs: 0 }),
  'EXT-X-SERVER-CONTROL': attrs<T.ServerControlTag>(
    'EXT-X-SERVER-CONTROL',
    {
      'CAN-SKIP-UNTIL': ['canSkipUntilMs', 'ms'],
      'CAN-SKIP-DATERANGES': ['canSkipDateRanges', 'yesno'],
      'HOLD-BACK': ['holdBackMs', 'ms'],
      'PART-HOLD-BACK': ['partHoldBackMs', 'ms'],
      'CAN-BLOCK-RELOAD': ['canBlockReload', 'yesno'],
    },
    [],
    { canSkipDateRanges: false, canBlockReload: false },
  ),
  'EXT-X-PART': attrs<T.PartTag>(
    'EXT-X-PART',
    { URI: ['uri', 'string'], DURATION: ['durationMs', 'ms'], INDEPENDENT: ['independent', 'yesno'], BYTERANGE: ['byterange', 'byterange'], GAP: ['gap', 'yesno'] },
    ['URI', 'DURATION'],
    { uri: '', durationMs: 0, independent: false, gap: false },
  ),
  'EXT-X-DATERANGE': readDateRange,
  'EXT-X-SKIP': attrs<T.SkipTag>(
    'EXT-X-SKIP',
    { 'SKIPPED-SEGMENTS': ['skippedSegments', 'int'], 'RECENTLY-REMOVED-DATERANGES': ['recentlyRemovedDateRanges', 'tab-list'] },
    ['SKIPPED-SEGMENTS'],
    { skippedSegments: 0 },
  ),
  'EXT-X-PRELOAD-HINT': attrs<T.PreloadHintTag>(
    'EXT-X-PRELOAD-HINT',
    { TYPE: ['type', 'enum'], URI: ['uri', 'string'], 'BYTERANGE-START': ['byterangeStart', 'int'], 'BYTERANGE-LENGTH': ['byterangeLength', 'int'] },
    ['TYPE', 'URI'],
    { type: 'PART', uri: '' },
  ),
  'EXT-X-RENDITION-REPORT': attrs<T.RenditionReportTag>(
    'EXT-X-RENDITION-REPORT',
    { URI: ['uri', 'string'], 'LAST-MSN': ['lastMsn', 'int'], 'LAST-PART': ['lastPart', 'int'] },
    ['URI'],
    {},
  ),
  'EXT-X-MEDIA': attrs<T.MediaTag>(
    'EXT-X-MEDIA',
    {
      TYPE: ['type', 'enum'],
      URI: ['uri', 'string'],
      'GROUP-ID': ['groupId', 'string'],
      LANGUAGE: ['language', 'string'],
      'ASSOC-LANGUAGE': ['assocLanguage', 'string'],
      NAME: ['name', 'string'],
      'STABLE-RENDITION-ID': ['stableRenditionId', 'string'],
      DEFAULT: ['default', 'yesno'],
      AUTOSELECT: ['autoselect', 'yesno'],
      FORCED: ['forced', 'yesno'],
      'INSTREAM-ID': ['instreamId', 'string'],
      'BIT-DEPTH': ['bitDepth', 'int'],
      'SAMPLE-RATE': ['sampleRate', 'int'],
      CHARACTERISTICS: ['characteristics', 'string'],
      CHANNELS: ['channels', 'string'],
    },
    ['TYPE', 'GROUP-ID', 'NAME'],
    { type: '', groupId: '', name: '', default: false, autoselect: false, forced: false },
  ),
  'EXT-X-STREAM-INF': attrs<T.StreamInfTag>(
    'EXT-X-STREAM-INF',
    {
      ...STREAM_COMMON,
      'FRAME-RATE': ['frameRate', 'float'],
      AUDIO: ['audio', 'string'],
      SUBTITLES: ['subtitles', 'string'],
      'CLOSED-CAPTIONS': ['closedCaptions', 'string-or-none'],
    },
    ['BANDWIDTH'],
    { bandwidth: 0 },
  ),
  'EXT-X-I-FRAME-STREAM-INF': attrs<T.IFrameStreamInfTag>('EXT-X-I-FRAME-STREAM-INF', { ...STREAM_COMMON, URI: ['uri', 'string'] }, ['BANDWIDTH', 'URI'], {
    bandwidth: 0,
    uri: '',
  }),
  'EXT-X-SESSION-DATA': attrs<T.SessionDataTag>(
    'EXT-X-SESSION-DATA',
    { 'DATA-ID': ['dataId', 'string'], VALUE: ['value', 'string'], URI: ['uri', 'string'], FORMAT: ['format', 'enum'], LANGUAGE: ['language', 'string'] },
    ['DATA-ID'],
    { dataId: '' },
  ),
  'EXT-X-CONTENT-STEERING': attrs<T.ContentSteeringTag>(
    'EXT-X-CONTENT-STEERING',
    { 'SERVER-URI': ['serverUri', 'string'], 'PATHWAY-ID': ['pathwayId', 'string'] },
    ['SERVER-URI'],
    { serverUri: '' },
  ),
};

/** The names of the tags readTag knows. */
export const KNOWN_TAGS: ReadonlySet<string> = new Set(Object.keys(READERS));

/**
 * Reads one line as its typed RFC 8216bis tag. `lineNo` is the 1-based line used in the view and
 * the issues. Unknown tags, comments and URIs give `undefined` and no issue. Never throws.
 */
export function readTag(line: M3u8Line, lineNo: number): Result<T.HlsTag | undefined> {
  const issues: HlsIssue[] = [];
  if (line.kind !== 'tag') return { value: undefined, issues };
  const reader = READERS[line.name];
  return { value: reader ? reader(line, lineNo, issues) : undefined, issues };
}

/** readTag with the issues pushed onto `issues` (for views that read many tags). */
export function readTagInto<K extends T.HlsTagName>(line: M3u8Line, lineNo: number, issues: HlsIssue[]): T.TagOf<K> | undefined {
  const reader = READERS[line.name];
  return reader ? (reader(line, lineNo, issues) as T.TagOf<K> | undefined) : undefined;
}
