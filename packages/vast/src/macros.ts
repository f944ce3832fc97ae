// VAST 4.x macros (the "Macros" chapter of VAST 4.1/4.2): `[NAME]` in a tracking URL is replaced with the value's
// percent-encoded text. Macros without a value are left as written (the caller may know them
// later); `%%NAME%%`, an older ad-server style, is accepted too. The values come from the caller:
// this module reads no clock and draws no random numbers.
import { formatVastTime } from './time.ts';

/** The macros VAST 4.2 defines (others can be passed too: any `[UPPER_CASE]` name is replaced). */
export const VAST_MACROS = [
  'ADCATEGORIES', 'ADCOUNT', 'ADPLAYHEAD', 'ADSERVINGID', 'ADTYPE', 'APIFRAMEWORKS', 'APPBUNDLE', 'ASSETURI', 'BLOCKEDADCATEGORIES',
  'BREAKMAXADLENGTH', 'BREAKMAXADS', 'BREAKMAXDURATION', 'BREAKMINADLENGTH', 'BREAKMINDURATION', 'BREAKPOSITION', 'CACHEBUSTING',
  'CLICKPOS', 'CLICKTYPE', 'CLIENTUA', 'CONTENTID', 'CONTENTPLAYHEAD', 'CONTENTURI', 'DEVICEIP', 'DEVICEUA', 'DOMAIN', 'ERRORCODE',
  'EXTENSIONS', 'GDPRCONSENT', 'IFA', 'IFATYPE', 'INVENTORYSTATE', 'LATLONG', 'LIMITADTRACKING', 'MEDIAMIME', 'MEDIAPLAYHEAD',
  'OMIDPARTNER', 'PAGEURL', 'PLACEMENTTYPE', 'PLAYBACKMETHODS', 'PLAYERCAPABILITIES', 'PLAYERSIZE', 'PLAYERSTATE', 'PODSEQUENCE',
  'REASON', 'REGULATIONS', 'SERVERSIDE', 'SERVERUA', 'STOREID', 'STOREURL', 'TIMESTAMP', 'TRANSACTIONID', 'UNIVERSALADID',
  'VASTVERSIONS', 'VERIFICATIONVENDORS',
] as const;

export type VastMacroName = (typeof VAST_MACROS)[number];

/**
 * A macro's value. Strings are percent-encoded; lists are encoded item by item and joined with
 * commas; booleans become 1/0. Numbers: [TIMESTAMP] is ms since the epoch (written as ISO 8601),
 * [ADPLAYHEAD]/[CONTENTPLAYHEAD]/[MEDIAPLAYHEAD] are ms (written HH:MM:SS.mmm), [CACHEBUSTING]
 * is either a random number in [0, 1) or an integer (written as 8 digits), others as written.
 */
export type VastMacroValue = string | number | boolean | readonly string[];

export type VastMacroValues = { readonly [K in VastMacroName]?: VastMacroValue } & { readonly [name: string]: VastMacroValue | undefined };

const MACRO = /\[([A-Z][A-Z0-9_]*)\]|%%([A-Z][A-Z0-9_]*)%%/g;
const PLAYHEADS = new Set(['ADPLAYHEAD', 'CONTENTPLAYHEAD', 'MEDIAPLAYHEAD']);

/** RFC 3986 percent-encoding: everything but unreserved characters. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** An 8-digit [CACHEBUSTING] value from a random number in [0, 1). */
export function cacheBusting(random: number): string {
  const n = Math.floor(Math.min(Math.max(random, 0), 0.999999999) * 1e8);
  return String(n).padStart(8, '0');
}

function format(name: string, value: VastMacroValue): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'string') return percentEncode(value);
  if (typeof value !== 'number') return value.map(percentEncode).join(',');
  if (!Number.isFinite(value)) return '-1';
  if (name === 'TIMESTAMP') return percentEncode(new Date(value).toISOString());
  if (PLAYHEADS.has(name)) return percentEncode(formatVastTime(value));
  if (name === 'CACHEBUSTING') return value >= 0 && value < 1 ? cacheBusting(value) : String(Math.abs(Math.trunc(value))).padStart(8, '0');
  return String(value);
}

/** Replaces the macros of `url` that `values` has a value for; leaves the others untouched. */
export function replaceMacros(url: string, values: VastMacroValues): string {
  return url.replace(MACRO, (whole, bracketed: string | undefined, percented: string | undefined) => {
    const name = bracketed ?? percented ?? '';
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    return value === undefined ? whole : format(name, value);
  });
}
