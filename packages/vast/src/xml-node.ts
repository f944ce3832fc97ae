// Reading the tree readXml returns: an element is a string (text only, or empty) or an object
// with its attributes under '@', its text under '#text' and each child name mapping to an array.

export type XmlValue = string | XmlObject;
export interface XmlObject {
  [key: string]: unknown;
}

const EMPTY: readonly XmlValue[] = Object.freeze([]);

/** The child elements called `name`, in document order. */
export function children(el: XmlValue | undefined, name: string): readonly XmlValue[] {
  if (el === undefined || typeof el === 'string' || !Object.hasOwn(el, name)) return EMPTY;
  const v = el[name];
  return Array.isArray(v) ? (v as XmlValue[]) : EMPTY;
}

/** The first child element called `name`. */
export function child(el: XmlValue | undefined, name: string): XmlValue | undefined {
  return children(el, name)[0];
}

/** The element's own text (CDATA included), trimmed; '' when it has none. */
export function textOf(el: XmlValue | undefined): string {
  if (el === undefined) return '';
  if (typeof el === 'string') return el.trim();
  const t = Object.hasOwn(el, '#text') ? el['#text'] : undefined;
  return typeof t === 'string' ? t.trim() : '';
}

/** The element's text without trimming (raw XML of a stop node). */
export function rawTextOf(el: XmlValue | undefined): string {
  if (el === undefined) return '';
  if (typeof el === 'string') return el;
  const t = Object.hasOwn(el, '#text') ? el['#text'] : undefined;
  return typeof t === 'string' ? t : '';
}

/** An attribute's value as written (entity references decoded). */
export function attr(el: XmlValue | undefined, name: string): string | undefined {
  if (el === undefined || typeof el === 'string' || !Object.hasOwn(el, '@')) return undefined;
  const attrs = el['@'] as Record<string, unknown>;
  if (!Object.hasOwn(attrs, name)) return undefined;
  const v = attrs[name];
  return typeof v === 'string' ? v : undefined;
}

/** An attribute looked up without regard to case (`adId`, `AdID` and `adID` are all seen in the wild). */
export function attrAnyCase(el: XmlValue | undefined, name: string): string | undefined {
  const exact = attr(el, name);
  if (exact !== undefined || el === undefined || typeof el === 'string' || !Object.hasOwn(el, '@')) return exact;
  const attrs = el['@'] as Record<string, unknown>;
  const lower = name.toLowerCase();
  for (const key of Object.keys(attrs)) {
    const v = attrs[key];
    if (key.toLowerCase() === lower && typeof v === 'string') return v;
  }
  return undefined;
}
