// Segments that edits add (ads, slate, appended live segments), and the tag lines that write them,
// emitting EXT-X-KEY / EXT-X-MAP only where they change.
import { formatDateTime } from './date-time.ts';
import { formatSecondsFixed } from './decimal.ts';
import type { ByteRange, KeyTag, MapTag } from './tag-types.ts';

export interface KeySpec {
  method: string;
  uri?: string;
  iv?: string;
  keyFormat?: string;
  keyFormatVersions?: string;
}

export interface MapSpec {
  uri: string;
  byterange?: Required<ByteRange>;
}

export interface NewSegment {
  uri: string;
  durationMs: number;
  /** EXTINF duration as it should be written; default durationMs with three decimals. */
  durationText?: string;
  title?: string;
  /** Write an EXT-X-DISCONTINUITY before it. */
  discontinuity?: boolean;
  /** Write an EXT-X-PROGRAM-DATE-TIME for it. */
  programDateTimeMs?: number;
  byterange?: Required<ByteRange>;
  /** Its initialisation section (fMP4); undefined for segments that need none (TS). */
  map?: MapSpec;
  /** Its key; undefined when unencrypted. */
  key?: KeySpec;
  /** Extra tag lines written before its EXTINF. */
  tags?: readonly string[];
}

/** The KEY and MAP a run of written segments has put in effect. */
export interface WriteState {
  key?: KeySpec;
  map?: MapSpec;
}

export function keyOf(tag: KeyTag | undefined): KeySpec | undefined {
  if (!tag || tag.method === 'NONE') return undefined;
  const k: KeySpec = { method: tag.method };
  if (tag.uri !== undefined) k.uri = tag.uri;
  if (tag.iv !== undefined) k.iv = tag.iv;
  if (tag.keyFormat !== undefined) k.keyFormat = tag.keyFormat;
  if (tag.keyFormatVersions !== undefined) k.keyFormatVersions = tag.keyFormatVersions;
  return k;
}

export function mapOf(tag: MapTag | undefined, byterange?: Required<ByteRange>): MapSpec | undefined {
  if (!tag) return undefined;
  const m: MapSpec = { uri: tag.uri };
  const r = byterange ?? (tag.byterange?.offset !== undefined ? (tag.byterange as Required<ByteRange>) : undefined);
  if (r) m.byterange = r;
  return m;
}

export function sameKey(a: KeySpec | undefined, b: KeySpec | undefined): boolean {
  if (!a || !b) return a === b;
  return a.method === b.method && a.uri === b.uri && a.iv === b.iv && (a.keyFormat ?? 'identity') === (b.keyFormat ?? 'identity') && a.keyFormatVersions === b.keyFormatVersions;
}

export function sameMap(a: MapSpec | undefined, b: MapSpec | undefined): boolean {
  if (!a || !b) return a === b;
  return a.uri === b.uri && a.byterange?.length === b.byterange?.length && a.byterange?.offset === b.byterange?.offset;
}

export function keyLine(k: KeySpec | undefined): string {
  if (!k) return '#EXT-X-KEY:METHOD=NONE';
  let s = `#EXT-X-KEY:METHOD=${k.method}`;
  if (k.uri !== undefined) s += `,URI="${k.uri}"`;
  if (k.iv !== undefined) s += `,IV=${k.iv}`;
  if (k.keyFormat !== undefined) s += `,KEYFORMAT="${k.keyFormat}"`;
  if (k.keyFormatVersions !== undefined) s += `,KEYFORMATVERSIONS="${k.keyFormatVersions}"`;
  return s;
}

export function mapLine(m: MapSpec): string {
  return m.byterange ? `#EXT-X-MAP:URI="${m.uri}",BYTERANGE="${m.byterange.length}@${m.byterange.offset}"` : `#EXT-X-MAP:URI="${m.uri}"`;
}

/** The lines of one new segment, KEY/MAP written only where they differ from `state` (which is updated). */
export function segmentLines(seg: NewSegment, state: WriteState): string[] {
  const out: string[] = [];
  if (seg.discontinuity) out.push('#EXT-X-DISCONTINUITY');
  if (!sameKey(state.key, seg.key)) {
    out.push(keyLine(seg.key));
    if (seg.key) state.key = seg.key;
    else delete state.key;
  }
  if (seg.map && !sameMap(state.map, seg.map)) {
    out.push(mapLine(seg.map));
    state.map = seg.map;
  }
  if (seg.programDateTimeMs !== undefined) out.push(`#EXT-X-PROGRAM-DATE-TIME:${formatDateTime(seg.programDateTimeMs)}`);
  if (seg.tags) out.push(...seg.tags);
  if (seg.byterange) out.push(`#EXT-X-BYTERANGE:${seg.byterange.length}@${seg.byterange.offset}`);
  out.push(`#EXTINF:${seg.durationText ?? formatSecondsFixed(seg.durationMs)},${seg.title ?? ''}`);
  out.push(seg.uri);
  return out;
}
