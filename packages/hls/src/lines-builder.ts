// Builds the line list of an edited playlist: kept lines are reused as they are, new lines get the
// playlist's own line terminator, and a line that stops being last gets a terminator.
import { classify, type M3u8Line } from './m3u8-line.ts';
import type { M3u8 } from './parse-m3u8.ts';

/** The terminator most of the playlist uses ('\n' when it has none). */
export function dominantEol(playlist: M3u8): string {
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (const l of playlist.lines) {
    if (l.eol === '\r\n') crlf++;
    else if (l.eol === '\n') lf++;
    else if (l.eol === '\r') cr++;
  }
  if (crlf > lf && crlf >= cr) return '\r\n';
  if (cr > lf && cr > crlf) return '\r';
  return '\n';
}

export class LinesBuilder {
  readonly eol: string;
  private readonly out: M3u8Line[] = [];
  private readonly source: M3u8;

  constructor(source: M3u8) {
    this.source = source;
    this.eol = dominantEol(source);
  }

  /** Keeps an existing line as it is. */
  keep(line: M3u8Line): this {
    this.out.push(line);
    return this;
  }

  /** Keeps lines [from, to) of the source playlist. */
  keepRange(from: number, to: number): this {
    const lines = this.source.lines;
    for (let i = from; i < to && i < lines.length; i++) this.out.push(lines[i]!);
    return this;
  }

  /** Adds a new line of text. */
  add(raw: string): this {
    this.out.push(classify(raw, this.eol));
    return this;
  }

  get length(): number {
    return this.out.length;
  }

  /** The new playlist: every line but the last ends with a terminator; the last keeps the source's habit. */
  build(): M3u8 {
    const lines = this.out;
    const srcLast = this.source.lines[this.source.lines.length - 1];
    const lastEol = srcLast ? srcLast.eol : this.eol;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      const want = i === lines.length - 1 ? (l === srcLast ? l.eol : lastEol) : l.eol === '' ? this.eol : l.eol;
      if (want !== l.eol) lines[i] = l.withEol(want);
    }
    return { bom: this.source.bom, lines };
  }
}
