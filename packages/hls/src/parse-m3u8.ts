// The syntax layer: text → every line kept (terminators, BOM, comments, blank lines, unknown tags),
// so that printM3u8(parseM3u8(x).value) === x for any x. Meaning is read by the views on top.
import { hlsIssue, type HlsIssue, type Result } from './issues.ts';
import { classify, type M3u8Line } from './m3u8-line.ts';

/** A playlist as lines. Treat it as immutable: edit operations return a new one. */
export interface M3u8 {
  /** '\uFEFF' when the text started with a byte order mark, else ''. */
  readonly bom: string;
  readonly lines: readonly M3u8Line[];
  /** The text it was parsed from (printed back as is); absent on playlists made by an edit. */
  readonly source?: string;
}

/** Splits text into lines (LF, CRLF and lone CR terminators, each line keeping its own). Never throws. */
export function parseM3u8(text: string): Result<M3u8> {
  const issues: HlsIssue[] = [];
  let pos = 0;
  let bom = '';
  if (text.charCodeAt(0) === 0xfeff) {
    bom = '\uFEFF';
    pos = 1;
    issues.push(hlsIssue('HLS_BOM', 1, 'the playlist starts with a byte order mark'));
  }
  const lines: M3u8Line[] = [];
  const n = text.length;
  let nextCr = text.indexOf('\r', pos);
  while (pos < n) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = n;
    let end = nl;
    let eol: string;
    if (nextCr >= 0 && nextCr < nl) {
      if (nextCr === nl - 1 && nl < n) {
        end = nextCr;
        eol = '\r\n';
      } else {
        end = nextCr; // a lone CR ends the line
        nl = nextCr;
        eol = '\r';
      }
      nextCr = text.indexOf('\r', nl + 1);
    } else {
      eol = nl < n ? '\n' : '';
    }
    const line = classify(text.slice(pos, end), eol);
    if (line.kind === 'tag' && line.indented) {
      issues.push(hlsIssue('HLS_LEADING_WHITESPACE', lines.length + 1, `#${line.name} is written after white space`));
    }
    lines.push(line);
    pos = nl + 1;
  }
  const first = lines[0];
  if (!first || first.kind !== 'tag' || first.name !== 'EXTM3U') {
    let at = -1;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      if (l.kind === 'tag' && l.name === 'EXTM3U') {
        at = i;
        break;
      }
    }
    if (at < 0) issues.push(hlsIssue('HLS_MISSING_EXTM3U', 1, 'there is no #EXTM3U line'));
    else issues.push(hlsIssue('HLS_EXTM3U_NOT_FIRST', at + 1, `#EXTM3U is on line ${at + 1}, not the first line`));
  }
  return { value: { bom, lines, source: text }, issues };
}
