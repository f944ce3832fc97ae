// The multivariant-playlist view: variants (EXT-X-STREAM-INF + URI), I-frame streams, renditions,
// session data and keys, read from the line tree.
import { hlsIssue, type HlsIssue, type Result } from './issues.ts';
import type { M3u8 } from './parse-m3u8.ts';
import { readTagInto } from './read-tag.ts';
import type * as T from './tag-types.ts';

export interface Variant {
  streamInf: T.StreamInfTag;
  uri: string;
  /** 0-based index into `lines` of the URI line. */
  uriLineIndex: number;
}

export interface MultivariantPlaylist {
  version?: number;
  independentSegments: boolean;
  start?: T.StartTag;
  defines: T.DefineTag[];
  variants: Variant[];
  iFrameStreams: T.IFrameStreamInfTag[];
  media: T.MediaTag[];
  sessionData: T.SessionDataTag[];
  sessionKeys: T.KeyTag[];
  contentSteering?: T.ContentSteeringTag;
}

/** Reads the multivariant view. Never throws. */
export function multivariantPlaylist(playlist: M3u8): Result<MultivariantPlaylist> {
  const issues: HlsIssue[] = [];
  const out: MultivariantPlaylist = { independentSegments: false, defines: [], variants: [], iFrameStreams: [], media: [], sessionData: [], sessionKeys: [] };
  let streamInf: T.StreamInfTag | undefined;
  const lines = playlist.lines;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNo = i + 1;
    if (line.kind === 'uri') {
      if (streamInf) out.variants.push({ streamInf, uri: line.value ?? '', uriLineIndex: i });
      streamInf = undefined;
      continue;
    }
    if (line.kind !== 'tag') continue;
    if (streamInf && line.name !== 'EXT-X-STREAM-INF') continue;
    switch (line.name) {
      case 'EXT-X-VERSION':
        out.version ??= readTagInto<'EXT-X-VERSION'>(line, lineNo, issues)?.version;
        break;
      case 'EXT-X-INDEPENDENT-SEGMENTS':
        out.independentSegments = true;
        break;
      case 'EXT-X-START':
        out.start ??= readTagInto<'EXT-X-START'>(line, lineNo, issues);
        break;
      case 'EXT-X-DEFINE': {
        const d = readTagInto<'EXT-X-DEFINE'>(line, lineNo, issues);
        if (d) out.defines.push(d);
        break;
      }
      case 'EXT-X-STREAM-INF':
        if (streamInf) issues.push(hlsIssue('HLS_STREAM_INF_WITHOUT_URI', streamInf.line, '#EXT-X-STREAM-INF is followed by another one, not a URI'));
        streamInf = readTagInto<'EXT-X-STREAM-INF'>(line, lineNo, issues);
        break;
      case 'EXT-X-I-FRAME-STREAM-INF': {
        const t = readTagInto<'EXT-X-I-FRAME-STREAM-INF'>(line, lineNo, issues);
        if (t) out.iFrameStreams.push(t);
        break;
      }
      case 'EXT-X-MEDIA': {
        const t = readTagInto<'EXT-X-MEDIA'>(line, lineNo, issues);
        if (t) out.media.push(t);
        break;
      }
      case 'EXT-X-SESSION-DATA': {
        const t = readTagInto<'EXT-X-SESSION-DATA'>(line, lineNo, issues);
        if (t) out.sessionData.push(t);
        break;
      }
      case 'EXT-X-SESSION-KEY': {
        const t = readTagInto<'EXT-X-SESSION-KEY'>(line, lineNo, issues);
        if (t) out.sessionKeys.push(t);
        break;
      }
      case 'EXT-X-CONTENT-STEERING':
        out.contentSteering ??= readTagInto<'EXT-X-CONTENT-STEERING'>(line, lineNo, issues);
        break;
      case 'EXTINF':
      case 'EXT-X-TARGETDURATION':
        if (out.variants.length > 0 || streamInf || out.media.length > 0) issues.push(hlsIssue('HLS_MIXED_PLAYLIST', lineNo, `#${line.name} in a multivariant playlist`));
        break;
      default:
        break;
    }
  }
  if (streamInf) issues.push(hlsIssue('HLS_STREAM_INF_WITHOUT_URI', streamInf.line, '#EXT-X-STREAM-INF is not followed by a URI'));
  return { value: out, issues };
}

/** True when the playlist has multivariant tags (EXT-X-STREAM-INF, EXT-X-MEDIA, EXT-X-I-FRAME-STREAM-INF, …). */
export function isMultivariant(playlist: M3u8): boolean {
  for (const l of playlist.lines) {
    if (l.kind !== 'tag') continue;
    if (l.name === 'EXT-X-STREAM-INF' || l.name === 'EXT-X-I-FRAME-STREAM-INF' || l.name === 'EXT-X-MEDIA') return true;
    if (l.name === 'EXTINF') return false;
  }
  return false;
}
