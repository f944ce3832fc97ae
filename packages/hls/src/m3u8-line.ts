// One line of a playlist, kept exactly as written. The syntax layer: what kind of line it is,
// the tag name, and (read lazily, on first use) the tag's value and attribute list.
import { AttributeList } from './attribute-list.ts';

export type LineKind = 'tag' | 'comment' | 'uri' | 'blank';

/** A playlist line: `raw` is the text without its line terminator, `eol` the terminator ('' on a last line without one). */
export class M3u8Line {
  readonly raw: string;
  readonly eol: string;
  readonly kind: LineKind;
  /** Tag name without `#` (`EXTINF`, `EXT-X-CUE-OUT`); '' for other kinds. */
  readonly name: string;
  /** Offset in `raw` of the tag value (after `:`), -1 when the tag has none. */
  readonly valueOffset: number;
  private attrs: AttributeList | undefined;

  constructor(raw: string, eol: string, kind: LineKind, name: string, valueOffset: number) {
    this.raw = raw;
    this.eol = eol;
    this.kind = kind;
    this.name = name;
    this.valueOffset = valueOffset;
    this.attrs = undefined;
  }

  /** Classifies a line of text (no line terminator in `raw`). */
  static of(raw: string, eol = '\n'): M3u8Line {
    return classify(raw, eol);
  }

  /** Tags: the text after `:` (undefined when there is no `:`). URI lines: the URI, trimmed. */
  get value(): string | undefined {
    if (this.kind === 'tag') return this.valueOffset < 0 ? undefined : this.raw.slice(this.valueOffset);
    if (this.kind === 'uri') return this.raw.trim();
    return undefined;
  }

  /** The tag value read as an attribute list (parsed once, on first use). */
  get attributes(): AttributeList {
    if (this.attrs === undefined) this.attrs = AttributeList.parse(this.valueOffset < 0 ? '' : this.raw.slice(this.valueOffset));
    return this.attrs;
  }

  /** This line with other text (same terminator), classified afresh. */
  withRaw(raw: string): M3u8Line {
    return classify(raw, this.eol);
  }

  /** This line with another terminator. */
  withEol(eol: string): M3u8Line {
    return new M3u8Line(this.raw, eol, this.kind, this.name, this.valueOffset);
  }

  /** True when the first non-space character is not at column 1 (a tag written with leading white space). */
  get indented(): boolean {
    const c = this.raw.charCodeAt(0);
    return (c === 0x20 || c === 0x09) && this.kind !== 'blank';
  }
}

/** Classifies `raw` (the hot path of the parser: char-code checks, no regular expressions). */
export function classify(raw: string, eol: string): M3u8Line {
  let start = 0;
  let c = raw.charCodeAt(0);
  if (raw.length === 0) return new M3u8Line(raw, eol, 'blank', '', -1);
  if (c === 0x20 || c === 0x09) {
    while (start < raw.length && (c === 0x20 || c === 0x09)) c = raw.charCodeAt(++start);
    if (start >= raw.length) return new M3u8Line(raw, eol, 'blank', '', -1);
  }
  if (c !== 0x23 /* # */) return new M3u8Line(raw, eol, 'uri', '', -1);
  if (raw.charCodeAt(start + 1) !== 0x45 || raw.charCodeAt(start + 2) !== 0x58 || raw.charCodeAt(start + 3) !== 0x54) {
    return new M3u8Line(raw, eol, 'comment', '', -1); // '#' not followed by 'EXT'
  }
  const colon = raw.indexOf(':', start + 4);
  let nameEnd = colon < 0 ? raw.length : colon;
  while (nameEnd > start + 1 && (raw.charCodeAt(nameEnd - 1) === 0x20 || raw.charCodeAt(nameEnd - 1) === 0x09)) nameEnd--;
  return new M3u8Line(raw, eol, 'tag', raw.slice(start + 1, nameEnd), colon < 0 ? -1 : colon + 1);
}
