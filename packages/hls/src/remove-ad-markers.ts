// Removes ad-marker tags (every dialect, or all but the ones to pass through). Pure.
import type { AdSignalDialect } from '@adsplice/scte35/ad-signal';
import { AD_MARKER_TAGS } from './ad-tag-reader.ts';
import { LinesBuilder } from './lines-builder.ts';
import type { M3u8Line } from './m3u8-line.ts';
import type { M3u8 } from './parse-m3u8.ts';

export interface RemoveAdMarkersOptions {
  /** Dialects to pass through untouched (default: none, every ad marker goes). */
  keep?: readonly AdSignalDialect[];
}

/** The dialect of an ad-marker line (EXT-X-DATERANGE only with SCTE35-* or the ID of one that had them). */
export function adMarkerDialect(line: M3u8Line, adRangeIds: Set<string>): AdSignalDialect | undefined {
  if (line.kind !== 'tag') return undefined;
  if (line.name === 'EXT-X-DATERANGE') {
    const a = line.attributes;
    const id = a.get('ID');
    if (a.has('SCTE35-OUT') || a.has('SCTE35-IN') || a.has('SCTE35-CMD')) {
      if (id !== undefined) adRangeIds.add(id);
      return 'daterange';
    }
    return id !== undefined && adRangeIds.has(id) ? 'daterange' : undefined;
  }
  return AD_MARKER_TAGS[line.name];
}

/** A new playlist without the ad-marker lines; the same object when there are none to remove. */
export function removeAdMarkers(playlist: M3u8, options: RemoveAdMarkersOptions = {}): M3u8 {
  const keep = new Set(options.keep ?? []);
  const ids = new Set<string>();
  const b = new LinesBuilder(playlist);
  let removed = 0;
  for (const line of playlist.lines) {
    const dialect = adMarkerDialect(line, ids);
    if (dialect !== undefined && !keep.has(dialect)) removed++;
    else b.keep(line);
  }
  return removed === 0 ? playlist : b.build();
}
