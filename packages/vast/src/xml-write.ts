// A small XML writer that escapes everything it is given. No text is ever wrapped in raw CDATA,
// so an ad title such as `]]><script>` can only come out as harmless character data. Characters
// XML 1.0 forbids (C0 controls, lone surrogates, U+FFFE/U+FFFF) become U+FFFD.

const INVALID_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const TEXT_SPECIAL = /[&<>\r]/g;
const ATTR_SPECIAL = /[&<>"\t\n\r]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

function validChars(s: string): string {
  return s.replace(INVALID_XML_CHARS, '\uFFFD');
}

/** True when `s` is printable ASCII without & < > " — nothing in it to escape or replace (the common case, checked without a regular expression). */
function plain(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x26 || c === 0x3c || c === 0x3e || c === 0x22) return false;
  }
  return true;
}

/** Escapes character data: `&`, `<`, `>` (so `]]>` cannot appear) and carriage returns. */
export function escapeXmlText(s: string): string {
  return plain(s) ? s : validChars(s).replace(TEXT_SPECIAL, (c) => ESCAPES[c] ?? c);
}

/** Escapes a double-quoted attribute value, keeping tabs and newlines through normalisation. */
export function escapeXmlAttr(s: string): string {
  return plain(s) ? s : validChars(s).replace(ATTR_SPECIAL, (c) => ESCAPES[c] ?? c);
}

const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/;

/**
 * True when `xml` is a well-formed XML fragment (balanced elements, quoted attributes, known
 * entity references, closed comments/CDATA/PIs, no DOCTYPE). Raw extension XML is copied into
 * the output only when it passes, so that it cannot close the elements around it.
 */
export function isXmlFragment(xml: string): boolean {
  if (validChars(xml) !== xml) return false;
  const stack: string[] = [];
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = lt < 0 ? xml.slice(i) : xml.slice(i, lt);
    if (!validReferences(text) || text.includes(']]>')) return false;
    if (lt < 0) break;
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0 || xml.slice(lt + 4, end).includes('--')) return false;
      i = end + 3;
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      if (end < 0) return false;
      i = end + 3;
    } else if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0 || /^<\?xml[\s?]/i.test(xml.slice(lt, lt + 6))) return false;
      i = end + 2;
    } else if (xml.startsWith('</', lt)) {
      const end = xml.indexOf('>', lt);
      if (end < 0 || stack.pop() !== xml.slice(lt + 2, end).trim()) return false;
      i = end + 1;
    } else {
      const end = startTagEnd(xml, lt);
      if (end < 0) return false;
      const selfClosing = xml[end - 1] === '/';
      const body = xml.slice(lt + 1, selfClosing ? end - 1 : end);
      const name = /^[^\s/>]+/.exec(body)?.[0] ?? '';
      if (!NAME.test(name) || !validAttributes(body.slice(name.length))) return false;
      if (!selfClosing) stack.push(name);
      i = end + 1;
    }
  }
  return stack.length === 0;
}

function startTagEnd(xml: string, from: number): number {
  let quote = '';
  for (let i = from + 1; i < xml.length; i++) {
    const c = xml[i];
    if (quote !== '') {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '<') return -1;
    else if (c === '>') return i;
  }
  return -1;
}

const ATTRIBUTE = /\s+([A-Za-z_][\w.:-]*)\s*=\s*("[^"<]*"|'[^'<]*')/y;

function validAttributes(s: string): boolean {
  const seen = new Set<string>();
  let pos = 0;
  for (;;) {
    ATTRIBUTE.lastIndex = pos;
    const m = ATTRIBUTE.exec(s);
    if (!m) break;
    const name = m[1] ?? '';
    if (seen.has(name) || !validReferences((m[2] ?? '').slice(1, -1))) return false;
    seen.add(name);
    pos = ATTRIBUTE.lastIndex;
  }
  return s.slice(pos).trim() === '';
}

function validReferences(text: string): boolean {
  for (let i = text.indexOf('&'); i >= 0; i = text.indexOf('&', i + 1)) {
    if (!/^&(?:amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9A-Fa-f]{1,6});/.test(text.slice(i, i + 12))) return false;
  }
  return true;
}

export type XmlAttrs = ReadonlyArray<readonly [string, string | number | boolean | undefined]>;

/** Writes indented XML; every text and attribute value goes through the escapers. */
export class XmlWriter {
  private readonly out: string[];
  private depth: number;

  /** `declaration`: start with `<?xml …?>` (default true); `depth`: indentation to start at. */
  constructor(options: { declaration?: boolean; depth?: number } = {}) {
    this.out = options.declaration === false ? [] : ['<?xml version="1.0" encoding="UTF-8"?>'];
    this.depth = options.depth ?? 0;
  }

  private line(s: string): void {
    this.out.push('  '.repeat(this.depth) + s);
  }

  private tag(name: string, attrs: XmlAttrs): string {
    let s = name;
    for (const [key, value] of attrs) {
      if (value === undefined) continue;
      s += ` ${key}="${escapeXmlAttr(String(value))}"`;
    }
    return s;
  }

  open(name: string, attrs: XmlAttrs = []): void {
    this.line(`<${this.tag(name, attrs)}>`);
    this.depth++;
  }

  close(name: string): void {
    this.depth--;
    this.line(`</${name}>`);
  }

  /** `<name attrs>text</name>`, or `<name attrs/>` when text is empty. */
  leaf(name: string, text: string | number | undefined, attrs: XmlAttrs = []): void {
    const t = text === undefined ? '' : escapeXmlText(String(text));
    this.line(t === '' ? `<${this.tag(name, attrs)}/>` : `<${this.tag(name, attrs)}>${t}</${name}>`);
  }

  /** An element whose content is trusted XML (checked with isXmlFragment), else escaped text. */
  rawLeaf(name: string, xml: string, attrs: XmlAttrs = []): void {
    const body = isXmlFragment(xml) ? xml : escapeXmlText(xml);
    this.line(body === '' ? `<${this.tag(name, attrs)}/>` : `<${this.tag(name, attrs)}>${body}</${name}>`);
  }

  /** Content at the current depth: trusted XML (checked with isXmlFragment), else escaped text. */
  rawContent(xml: string): void {
    if (xml !== '') this.line(isXmlFragment(xml) ? xml : escapeXmlText(xml));
  }

  toString(): string {
    return this.out.length === 0 ? '' : this.out.join('\n') + '\n';
  }
}
