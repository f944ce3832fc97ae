// RFC 8216 §4.2 attribute lists (`NAME=VALUE,NAME="quoted",…`), read leniently and losslessly:
// every attribute keeps its place in the text, so one value can be replaced without touching the rest.

/** One `NAME=VALUE` of an attribute list. Offsets are into the list text. */
export interface Attribute {
  readonly name: string;
  /** The value without its quotes. */
  readonly value: string;
  /** The opening quote character as written: `"` normally, `'` or `“` in messy playlists, '' when unquoted. */
  readonly quote: string;
  /** Where `NAME` starts and where the value (with quotes) ends. */
  readonly start: number;
  readonly end: number;
  /** Where the value, quotes included, starts. */
  readonly valueStart: number;
}

export type AttributeProblemCode = 'HLS_BAD_ATTRIBUTE_LIST' | 'HLS_ATTRIBUTE_WHITESPACE' | 'HLS_ATTRIBUTE_QUOTING' | 'HLS_DUPLICATE_ATTRIBUTE';

/** A deviation from the grammar, at a 0-based offset into the list text. */
export interface AttributeProblem {
  readonly code: AttributeProblemCode;
  readonly offset: number;
  readonly message: string;
}

const COMMA = 0x2c;
const EQUALS = 0x3d;
const DQUOTE = 0x22;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

function closingQuote(c: number): number {
  if (c === DQUOTE || c === 0x27) return c;
  if (c === 0x201c) return 0x201d; // “ … ”
  if (c === 0x2018) return 0x2019; // ‘ … ’
  return -1;
}

/** A parsed attribute list. Build it with `AttributeList.parse(text)`. */
export class AttributeList {
  readonly text: string;
  readonly items: readonly Attribute[];
  readonly problems: readonly AttributeProblem[];

  private constructor(text: string, items: Attribute[], problems: AttributeProblem[]) {
    this.text = text;
    this.items = items;
    this.problems = problems;
  }

  static parse(text: string): AttributeList {
    const items: Attribute[] = [];
    const problems: AttributeProblem[] = [];
    const n = text.length;
    let i = 0;
    while (i < n) {
      const itemStart = i;
      while (i < n && isSpace(text.charCodeAt(i))) i++;
      if (i > itemStart) problems.push({ code: 'HLS_ATTRIBUTE_WHITESPACE', offset: itemStart, message: 'white space before an attribute name' });
      const nameStart = i;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === EQUALS || c === COMMA) break;
        i++;
      }
      let nameEnd = i;
      while (nameEnd > nameStart && isSpace(text.charCodeAt(nameEnd - 1))) nameEnd--;
      if (nameEnd < i) problems.push({ code: 'HLS_ATTRIBUTE_WHITESPACE', offset: nameEnd, message: 'white space before `=`' });
      const name = text.slice(nameStart, nameEnd);
      if (i >= n || text.charCodeAt(i) === COMMA) {
        // `NAME` with no `=`, or an empty item (`A=1,,B=2`, trailing comma).
        if (name.length > 0 || i < n) {
          problems.push({ code: 'HLS_BAD_ATTRIBUTE_LIST', offset: nameStart, message: name.length > 0 ? `attribute "${name}" has no "="` : 'empty attribute' });
        } else if (itemStart > 0) {
          problems.push({ code: 'HLS_BAD_ATTRIBUTE_LIST', offset: itemStart, message: 'trailing comma' });
        }
        if (name.length > 0) items.push({ name, value: '', quote: '', start: nameStart, end: nameEnd, valueStart: nameEnd });
        i++;
        continue;
      }
      if (name.length === 0) problems.push({ code: 'HLS_BAD_ATTRIBUTE_LIST', offset: nameStart, message: 'attribute with an empty name' });
      i++; // '='
      const afterEquals = i;
      while (i < n && isSpace(text.charCodeAt(i))) i++;
      if (i > afterEquals) problems.push({ code: 'HLS_ATTRIBUTE_WHITESPACE', offset: afterEquals, message: 'white space after `=`' });
      const valueStart = i;
      const close = i < n ? closingQuote(text.charCodeAt(i)) : -1;
      let value: string;
      let quote = '';
      let end: number;
      if (close >= 0) {
        quote = text[i]!;
        if (close !== DQUOTE) problems.push({ code: 'HLS_ATTRIBUTE_QUOTING', offset: i, message: `"${name}" is quoted with ${quote} instead of a double quote` });
        const closeAt = text.indexOf(String.fromCharCode(close), i + 1);
        if (closeAt < 0) {
          problems.push({ code: 'HLS_BAD_ATTRIBUTE_LIST', offset: i, message: `unterminated quoted string in "${name}"` });
          value = text.slice(i + 1);
          end = n;
          i = n;
        } else {
          value = text.slice(i + 1, closeAt);
          end = closeAt + 1;
          i = end;
          const junkStart = i;
          while (i < n && text.charCodeAt(i) !== COMMA) i++;
          if (i > junkStart) {
            const junk = text.slice(junkStart, i);
            if (junk.trim().length === 0) problems.push({ code: 'HLS_ATTRIBUTE_WHITESPACE', offset: junkStart, message: 'white space before `,`' });
            else problems.push({ code: 'HLS_BAD_ATTRIBUTE_LIST', offset: junkStart, message: `text after the quoted value of "${name}"` });
          }
        }
      } else {
        while (i < n && text.charCodeAt(i) !== COMMA) i++;
        end = i;
        while (end > valueStart && isSpace(text.charCodeAt(end - 1))) end--;
        if (end < i) problems.push({ code: 'HLS_ATTRIBUTE_WHITESPACE', offset: end, message: 'white space before `,`' });
        value = text.slice(valueStart, end);
      }
      if (name.length > 0) {
        for (const it of items) {
          if (it.name === name) {
            problems.push({ code: 'HLS_DUPLICATE_ATTRIBUTE', offset: nameStart, message: `attribute "${name}" appears twice` });
            break;
          }
        }
        items.push({ name, value, quote, start: nameStart, end, valueStart });
      }
      if (i < n) {
        i++; // ','
        if (i === n) problems.push({ code: 'HLS_BAD_ATTRIBUTE_LIST', offset: i - 1, message: 'trailing comma' });
      }
    }
    return new AttributeList(text, items, problems);
  }

  /** The first attribute with this exact name. */
  attribute(name: string): Attribute | undefined {
    for (const it of this.items) if (it.name === name) return it;
    return undefined;
  }

  /** The first attribute whose name matches ignoring ASCII case (for vendor tags: `ElapsedTime`, `Duration`). */
  attributeIgnoreCase(name: string): Attribute | undefined {
    const upper = name.toUpperCase();
    for (const it of this.items) if (it.name.toUpperCase() === upper) return it;
    return undefined;
  }

  /** The value (without quotes) of the first attribute with this name. */
  get(name: string): string | undefined {
    return this.attribute(name)?.value;
  }

  has(name: string): boolean {
    return this.attribute(name) !== undefined;
  }

  /**
   * The list text with one attribute's value replaced (appended when absent), everything else kept
   * byte for byte. `quoted` says whether to write the value as a quoted-string.
   */
  withValue(name: string, value: string, quoted: boolean): string {
    const written = quoted ? `"${value}"` : value;
    const at = this.attribute(name);
    if (!at) return this.text.length === 0 ? `${name}=${written}` : `${this.text},${name}=${written}`;
    return this.text.slice(0, at.valueStart) + written + this.text.slice(at.end);
  }

  /** The list text without the named attribute (and its comma). */
  without(name: string): string {
    const at = this.attribute(name);
    if (!at) return this.text;
    let start = at.start;
    let end = at.end;
    while (end < this.text.length && this.text.charCodeAt(end) !== COMMA) end++;
    if (end < this.text.length) end++; // drop the following comma
    else if (start > 0) {
      start = this.text.lastIndexOf(',', start - 1); // last item: drop the comma before it
      if (start < 0) start = 0;
    }
    return this.text.slice(0, start) + this.text.slice(end);
  }
}

/** Writes an attribute list from name/value pairs; `quoted` names the attributes written as quoted-strings. */
export function formatAttributes(pairs: readonly (readonly [string, string | number | undefined])[], quoted: ReadonlySet<string>): string {
  let out = '';
  for (const [name, value] of pairs) {
    if (value === undefined) continue;
    if (out.length > 0) out += ',';
    out += quoted.has(name) ? `${name}="${value}"` : `${name}=${value}`;
  }
  return out;
}
