// Rewrites every URI of a playlist (segment and variant lines, and URI-valued attributes) through one
// function: CDN prefixes, absolute URLs, session tokens. Pure; lines whose URI does not change are kept.
import { AttributeList } from './attribute-list.ts';
import { LinesBuilder } from './lines-builder.ts';
import type { M3u8Line } from './m3u8-line.ts';
import type { M3u8 } from './parse-m3u8.ts';

export type UriKind =
  | 'segment'
  | 'variant'
  | 'key'
  | 'session-key'
  | 'map'
  | 'media'
  | 'i-frame-stream'
  | 'part'
  | 'preload-hint'
  | 'rendition-report'
  | 'session-data'
  | 'steering'
  | 'interstitial';

export interface UriContext {
  kind: UriKind;
  /** 1-based line. */
  line: number;
}

/** Which attributes of which tags hold URIs. */
const URI_ATTRIBUTES: Readonly<Record<string, readonly (readonly [string, UriKind])[]>> = {
  'EXT-X-KEY': [['URI', 'key']],
  'EXT-X-SESSION-KEY': [['URI', 'session-key']],
  'EXT-X-MAP': [['URI', 'map']],
  'EXT-X-MEDIA': [['URI', 'media']],
  'EXT-X-I-FRAME-STREAM-INF': [['URI', 'i-frame-stream']],
  'EXT-X-PART': [['URI', 'part']],
  'EXT-X-PRELOAD-HINT': [['URI', 'preload-hint']],
  'EXT-X-RENDITION-REPORT': [['URI', 'rendition-report']],
  'EXT-X-SESSION-DATA': [['URI', 'session-data']],
  'EXT-X-CONTENT-STEERING': [['SERVER-URI', 'steering']],
  'EXT-X-DATERANGE': [
    ['X-ASSET-URI', 'interstitial'],
    ['X-ASSET-LIST', 'interstitial'],
  ],
};

function rewriteTag(line: M3u8Line, lineNo: number, fn: (uri: string, ctx: UriContext) => string): string | undefined {
  const spec = URI_ATTRIBUTES[line.name];
  if (!spec || line.valueOffset < 0) return undefined;
  let list = line.attributes;
  let changed = false;
  for (const [name, kind] of spec) {
    const a = list.attribute(name);
    if (!a) continue;
    const next = fn(a.value, { kind, line: lineNo });
    if (next === a.value) continue;
    list = AttributeList.parse(list.withValue(name, next, a.quote !== ''));
    changed = true;
  }
  return changed ? line.raw.slice(0, line.valueOffset) + list.text : undefined;
}

/** A new playlist with every URI passed through `fn` (the same object when nothing changes). */
export function rewriteUris(playlist: M3u8, fn: (uri: string, ctx: UriContext) => string): M3u8 {
  const b = new LinesBuilder(playlist);
  let changed = false;
  let variantNext = false;
  const lines = playlist.lines;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    let raw: string | undefined;
    if (line.kind === 'uri') {
      const uri = line.value ?? '';
      const next = fn(uri, { kind: variantNext ? 'variant' : 'segment', line: i + 1 });
      variantNext = false;
      if (next !== uri) {
        const at = line.raw.indexOf(uri);
        raw = line.raw.slice(0, at) + next + line.raw.slice(at + uri.length);
      }
    } else if (line.kind === 'tag') {
      if (line.name === 'EXT-X-STREAM-INF') variantNext = true;
      raw = rewriteTag(line, i + 1, fn);
    }
    if (raw === undefined) b.keep(line);
    else {
      b.keep(line.withRaw(raw));
      changed = true;
    }
  }
  return changed ? b.build() : playlist;
}

/** A rewrite function that makes relative URIs absolute against `base` (the playlist's own URL). */
export function absoluteUris(base: string): (uri: string) => string {
  return (uri) => {
    try {
      return new URL(uri, base).href;
    } catch {
      return uri;
    }
  };
}
