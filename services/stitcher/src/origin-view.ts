// One origin media playlist, prepared once per fetch for every session (pure): parsed, its avails,
// and each segment's lines with absolute (or CDN) URIs and without ad markers (unless passed through).
import { AD_MARKER_TAGS, avails, mediaPlaylist, parseM3u8, PLAYLIST_TAGS, removeAdMarkers, rewriteUris, type Avail, type MediaPlaylist, type M3u8 } from '@adsplice/hls';

export interface OriginSegment {
  msn: number;
  /** Origin discontinuity sequence number of the segment (its own tag counted). */
  dsn: number;
  discontinuity: boolean;
  durationMs: number;
  pdtMs?: number;
  /** Has its own EXT-X-PROGRAM-DATE-TIME line. */
  ownPdt: boolean;
  /** Its lines (tags and URI) without header tags and EXT-X-DISCONTINUITY; markers only with passthrough. */
  lines: string[];
  /** Its ad-marker lines (for passthrough onto ad segments). */
  markers: string[];
}

export interface OriginView {
  version: number;
  targetDurationS: number;
  independentSegments: boolean;
  endList: boolean;
  segments: OriginSegment[];
  avails: Avail[];
  /** Typical segment duration (the most common), for conditioning ads. */
  segmentMs: number;
  media: MediaPlaylist;
}

export interface OriginViewOptions {
  /** The media playlist's own URL: relative URIs resolve against it. */
  url: string;
  /** Replace `sourceBase` with this prefix in content URIs (CDN). */
  contentPrefix?: string;
  sourceBase?: string;
  passthrough: boolean;
}

function isMarker(name: string | undefined, raw: string): boolean {
  if (!name) return false;
  if (name === 'EXT-X-DATERANGE') return raw.includes('SCTE35-');
  return name in AD_MARKER_TAGS;
}

function mostCommon(xs: number[]): number {
  const counts = new Map<number, number>();
  let best = xs[0] ?? 6000;
  for (const x of xs) {
    const n = (counts.get(x) ?? 0) + 1;
    counts.set(x, n);
    if (n > (counts.get(best) ?? 0)) best = x;
  }
  return best;
}

export function originView(text: string, opts: OriginViewOptions): OriginView {
  const parsed = parseM3u8(text).value;
  const media = mediaPlaylist(parsed).value;
  const found = avails(parsed).value;
  const base = opts.sourceBase;
  const prefix = opts.contentPrefix;
  const rewritten: M3u8 = rewriteUris(opts.passthrough ? parsed : removeAdMarkers(parsed), (uri) => {
    let abs: string;
    try {
      abs = new URL(uri, opts.url).href;
    } catch {
      return uri;
    }
    return prefix && base && abs.startsWith(base) ? prefix.replace(/\/?$/, '/') + abs.slice(base.length) : abs;
  });
  const clean = mediaPlaylist(rewritten).value;
  const segments: OriginSegment[] = media.segments.map((s, i) => {
    const c = clean.segments[i]!;
    const lines: string[] = [];
    for (let l = c.firstLineIndex; l <= c.uriLineIndex; l++) {
      const line = rewritten.lines[l]!;
      if (line.kind === 'blank' || line.kind === 'comment') continue;
      if (line.kind === 'tag' && (PLAYLIST_TAGS.has(line.name!) || line.name === 'EXT-X-DISCONTINUITY' || line.name === 'EXT-X-ENDLIST')) continue;
      lines.push(line.raw);
    }
    const markers: string[] = [];
    for (let l = s.firstLineIndex; l < s.uriLineIndex; l++) {
      const line = parsed.lines[l]!;
      if (line.kind === 'tag' && isMarker(line.name, line.raw)) markers.push(line.raw);
    }
    const seg: OriginSegment = { msn: s.mediaSequence, dsn: s.discontinuitySequence, discontinuity: s.discontinuity, durationMs: s.durationMs, ownPdt: s.programDateTime !== undefined, lines, markers };
    if (s.programDateTimeMs !== undefined) seg.pdtMs = s.programDateTimeMs;
    return seg;
  });
  return {
    version: media.version ?? 3,
    targetDurationS: Math.round((media.targetDurationMs ?? Math.max(...segments.map((s) => s.durationMs), 1000)) / 1000),
    independentSegments: media.independentSegments,
    endList: media.endList,
    segments,
    avails: found,
    segmentMs: mostCommon(segments.map((s) => s.durationMs)),
    media,
  };
}
