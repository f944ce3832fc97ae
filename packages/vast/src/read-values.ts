// Typed value readers shared by the VAST and VMAP parsers. Each reader reports what it could not
// use to the Reader (an issue with the current location) and returns undefined instead.
import { vastIssue, type VastIssue, type VastIssueCode, type VastIssueFields } from './issues.ts';
import type { VastExtension, VastOffset, VastTrackingEvent, VastUrl } from './model.ts';
import { parseOffset, parseVastTime } from './time.ts';
import { attr, children, child, rawTextOf, textOf, type XmlValue } from './xml-node.ts';
import { decodeXmlEntities } from './xml-read.ts';

/** Collects issues, tagging each with where the parser is (ad, creative, …). */
export class Reader {
  readonly issues: VastIssue[] = [];
  where: VastIssueFields = {};

  report(code: VastIssueCode, message: string, fields: VastIssueFields = {}): void {
    this.issues.push(vastIssue(code, message, { ...this.where, ...fields }));
  }
}

/** Sets `target[key]` only when `value` is defined, so that absent fields stay absent. */
export function put<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

/** The element's trimmed text, or undefined when it is missing or empty. */
export function optionalText(el: XmlValue | undefined): string | undefined {
  const t = textOf(el);
  return t === '' ? undefined : t;
}

/** An attribute's trimmed value, or undefined when it is missing or empty. */
export function optionalAttr(el: XmlValue | undefined, name: string): string | undefined {
  const v = attr(el, name)?.trim();
  return v === '' ? undefined : v;
}

/** Text of a stop node (kept raw by the XML reader): CDATA taken literally, entities decoded elsewhere. */
export function stopNodeText(el: XmlValue | undefined): string {
  const raw = rawTextOf(el);
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const open = raw.indexOf('<![CDATA[', i);
    if (open < 0) {
      out += decodeXmlEntities(raw.slice(i));
      break;
    }
    out += decodeXmlEntities(raw.slice(i, open));
    const close = raw.indexOf(']]>', open + 9);
    if (close < 0) {
      out += raw.slice(open + 9);
      break;
    }
    out += raw.slice(open + 9, close);
    i = close + 3;
  }
  return out.trim();
}

/** The URL in an element's text; reports VAST_EMPTY_URL when it is empty. */
export function readUrl(r: Reader, el: XmlValue | undefined, element: string): string | undefined {
  const url = textOf(el);
  if (url !== '') return url;
  r.report('VAST_EMPTY_URL', `An empty <${element}> is left out.`, { element });
  return undefined;
}

/** The URLs of every `name` child; empty ones are reported and left out. */
export function readUrls(r: Reader, parent: XmlValue | undefined, name: string): string[] {
  const out: string[] = [];
  for (const el of children(parent, name)) {
    const url = readUrl(r, el, name);
    if (url !== undefined) out.push(url);
  }
  return out;
}

/** The URLs and `id` attributes of every `name` child. */
export function readIdUrls(r: Reader, parent: XmlValue | undefined, name: string, reportEmpty = true): VastUrl[] {
  const out: VastUrl[] = [];
  for (const el of children(parent, name)) {
    const url = reportEmpty ? readUrl(r, el, name) : optionalText(el);
    if (url === undefined) continue;
    const item: VastUrl = { url };
    put(item, 'id', optionalAttr(el, 'id'));
    out.push(item);
  }
  return out;
}

function badValue(r: Reader, element: string, attribute: string, value: string, what: string): undefined {
  r.report('VAST_BAD_VALUE', `<${element}> ${attribute}="${value}" is not ${what}; it is left out.`, { element, attribute, value });
  return undefined;
}

/** A non-negative integer attribute ("500", "500.0" and "+500" are read; "abc" is reported). */
export function readInt(r: Reader, el: XmlValue | undefined, name: string, element: string): number | undefined {
  const v = attr(el, name)?.trim();
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 && Number.isInteger(n) ? n : badValue(r, element, name, v, 'a non-negative integer');
}

/** An integer in an element's text (Expires). */
export function readIntText(r: Reader, el: XmlValue | undefined, element: string): number | undefined {
  const v = textOf(el);
  if (v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 && Number.isInteger(n) ? n : badValue(r, element, 'text', v, 'a non-negative integer');
}

/** A decimal attribute (pxratio). */
export function readDecimal(r: Reader, el: XmlValue | undefined, name: string, element: string): number | undefined {
  const v = attr(el, name)?.trim();
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) && /^[+-]?(\d+\.?\d*|\.\d+)$/.test(v) ? n : badValue(r, element, name, v, 'a decimal number');
}

/** An xs:boolean attribute; "True"/"FALSE" are read too. */
export function readBool(r: Reader, el: XmlValue | undefined, name: string, element: string): boolean | undefined {
  const v = attr(el, name)?.trim();
  if (v === undefined || v === '') return undefined;
  const lower = v.toLowerCase();
  if (lower === 'true' || lower === '1') return true;
  if (lower === 'false' || lower === '0') return false;
  return badValue(r, element, name, v, 'a boolean');
}

/** An attribute that must be one of `allowed`. */
export function readEnum<T extends string>(r: Reader, el: XmlValue | undefined, name: string, element: string, allowed: readonly T[]): T | undefined {
  const v = attr(el, name)?.trim();
  if (v === undefined || v === '') return undefined;
  return (allowed as readonly string[]).includes(v) ? (v as T) : badValue(r, element, name, v, `one of ${allowed.join(', ')}`);
}

/** An `HH:MM:SS[.mmm]` attribute, in ms. */
export function readTimeAttr(r: Reader, el: XmlValue | undefined, name: string, element: string): number | undefined {
  const v = attr(el, name)?.trim();
  if (v === undefined || v === '') return undefined;
  const ms = parseVastTime(v);
  if (ms === undefined) r.report('VAST_BAD_OFFSET', `<${element}> ${name}="${v}" is not HH:MM:SS[.mmm]; it is left out.`, { element, attribute: name, value: v });
  return ms;
}

/** An `HH:MM:SS[.mmm]` or `n%` attribute. */
export function readOffsetAttr(r: Reader, el: XmlValue | undefined, name: string, element: string): VastOffset | undefined {
  const v = attr(el, name)?.trim();
  if (v === undefined || v === '') return undefined;
  const offset = parseOffset(v);
  if (offset === undefined) r.report('VAST_BAD_OFFSET', `<${element}> ${name}="${v}" is neither HH:MM:SS[.mmm] nor n%; it is left out.`, { element, attribute: name, value: v });
  return offset;
}

/** `<TrackingEvents><Tracking event="…" offset="…">url</Tracking>…` */
export function readTrackingEvents(r: Reader, trackingEvents: XmlValue | undefined): VastTrackingEvent[] {
  const out: VastTrackingEvent[] = [];
  for (const el of children(trackingEvents, 'Tracking')) {
    const event = optionalAttr(el, 'event');
    if (event === undefined) {
      r.report('VAST_MISSING_ELEMENT', 'A <Tracking> has no event attribute; it is left out.', { element: 'Tracking', attribute: 'event' });
      continue;
    }
    const url = readUrl(r, el, 'Tracking');
    if (url === undefined) continue;
    const item: VastTrackingEvent = { event, url };
    const offset = readOffsetAttr(r, el, 'offset', 'Tracking');
    if (offset !== undefined) {
      if ('ms' in offset) item.offsetMs = offset.ms;
      else item.offsetPercent = offset.percent;
    }
    out.push(item);
  }
  return out;
}

/** `<Extensions><Extension type="…">raw</Extension>…` (or CreativeExtensions). */
export function readExtensions(container: XmlValue | undefined, name: string): VastExtension[] {
  return children(container, name).map((el) => {
    const ext: VastExtension = { xml: rawTextOf(el).trim() };
    put(ext, 'type', optionalAttr(el, 'type'));
    return ext;
  });
}

/** The first child called one of `names`. */
export function firstChild(el: XmlValue | undefined, ...names: string[]): XmlValue | undefined {
  for (const name of names) {
    const c = child(el, name);
    if (c !== undefined) return c;
  }
  return undefined;
}
