// Sets a playlist-level tag's value (EXT-X-MEDIA-SEQUENCE, EXT-X-DISCONTINUITY-SEQUENCE, …) in a line
// list: replaces the tag where it is, or adds it after the header tags that go before it.
import { classify, type M3u8Line } from './m3u8-line.ts';

const HEADER_ORDER = ['EXTM3U', 'EXT-X-VERSION', 'EXT-X-TARGETDURATION', 'EXT-X-PLAYLIST-TYPE', 'EXT-X-MEDIA-SEQUENCE', 'EXT-X-DISCONTINUITY-SEQUENCE'];

/** Sets `#name:value` in `lines` (mutated), looking only before the first segment (its EXTINF or URI). */
export function setHeaderTag(lines: M3u8Line[], name: string, value: string, eol: string): void {
  let after = -1;
  const rank = HEADER_ORDER.indexOf(name);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.kind === 'uri' || (l.kind === 'tag' && l.name === 'EXTINF')) break;
    if (l.kind !== 'tag') continue;
    if (l.name === name) {
      if (l.value?.trim() !== value) lines[i] = classify(`#${name}:${value}`, l.eol === '' ? eol : l.eol);
      return;
    }
    const r = HEADER_ORDER.indexOf(l.name);
    if (r >= 0 && (rank < 0 || r < rank)) after = i;
  }
  const prev = lines[after];
  if (prev && prev.eol === '') lines[after] = prev.withEol(eol);
  lines.splice(after + 1, 0, classify(`#${name}:${value}`, lines.length === 0 ? '' : eol));
}
