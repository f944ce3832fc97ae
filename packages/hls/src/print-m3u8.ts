// Prints a playlist back to text: the kept source when nothing changed, else every line's raw text
// and terminator, in order.
import type { M3u8 } from './parse-m3u8.ts';

export function printM3u8(playlist: M3u8): string {
  if (playlist.source !== undefined) return playlist.source;
  return joinLines(playlist);
}

/** Prints from the lines even when the source text is kept (what printM3u8 does after an edit). */
export function joinLines(playlist: M3u8): string {
  let out = playlist.bom;
  for (const line of playlist.lines) out += line.raw + line.eol;
  return out;
}
