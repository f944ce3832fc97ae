// An ad request's query string and headers → a DecisionRequest. Works with any SSAI: adsplice's
// stitcher, AWS MediaTailor (its session variables under any of their usual names, player_params.*,
// the User-Agent and X-Forwarded-For it forwards) or a player. Unknown parameters become targeting
// values; a value an SSAI left unfilled ("", "[session.id]") counts as absent. A malformed value
// is a clear 400; an out-of-range one is clamped and reported.
import { VAST_BUILD_VERSIONS, type VastBuildVersion } from '@adsplice/vast';
import type { DecisionRequest } from './decide.ts';
import { deviceOf, type DeviceInfo } from './device.ts';
import { AdsError } from './errors.ts';
import type { GeoTable } from './geo.ts';
import { MAX_POD_SECONDS } from './pod.ts';

type Canonical = 'duration' | 'durationMs' | 'sessionId' | 'userId' | 'channel' | 'maxAds' | 'minAdDuration' | 'maxAdDuration' | 'version' | 'ua' | 'ip' | 'country' | 'bcat';

/** Lower-cased parameter names → what they mean. */
export const PARAMETER_ALIASES: Readonly<Record<string, Canonical>> = {
  duration: 'duration',
  dur: 'duration',
  avail_duration: 'duration',
  availduration: 'duration',
  avail_duration_secs: 'duration',
  'session.avail_duration_secs': 'duration',
  pod_max_dur: 'duration',
  durationms: 'durationMs',
  duration_ms: 'durationMs',
  avail_duration_ms: 'durationMs',
  'session.avail_duration_ms': 'durationMs',
  sessionid: 'sessionId',
  session_id: 'sessionId',
  sid: 'sessionId',
  'session.id': 'sessionId',
  correlation: 'sessionId',
  userid: 'userId',
  user_id: 'userId',
  uid: 'userId',
  ifa: 'userId',
  deviceid: 'userId',
  device_id: 'userId',
  channel: 'channel',
  channelid: 'channel',
  channel_id: 'channel',
  maxads: 'maxAds',
  max_ads: 'maxAds',
  pod_max_ads: 'maxAds',
  minadduration: 'minAdDuration',
  min_ad_duration: 'minAdDuration',
  pod_min_ad_dur: 'minAdDuration',
  maxadduration: 'maxAdDuration',
  max_ad_duration: 'maxAdDuration',
  pod_max_ad_dur: 'maxAdDuration',
  version: 'version',
  vast_version: 'version',
  vastversion: 'version',
  ua: 'ua',
  user_agent: 'ua',
  useragent: 'ua',
  'session.user_agent': 'ua',
  device_ua: 'ua',
  ip: 'ip',
  client_ip: 'ip',
  clientip: 'ip',
  'session.client_ip': 'ip',
  uip: 'ip',
  device_ip: 'ip',
  country: 'country',
  geo_country: 'country',
  bcat: 'bcat',
  blocked_categories: 'bcat',
  blockedcategories: 'bcat',
};

/** The same as a Map: looked up by the request's own (not interned) key strings, and no inherited names ("constructor"). */
const ALIASES = new Map<string, Canonical>(Object.entries(PARAMETER_ALIASES));

/** CDN and proxy headers that carry the viewer's country (checked in this order). */
export const COUNTRY_HEADERS = ['cloudfront-viewer-country', 'cf-ipcountry', 'fastly-geo-country-code', 'x-country-code', 'x-adsplice-country'] as const;

export interface RequestLimits {
  /** Used when the request names no avail duration. */
  defaultAvailMs: number;
  /** Longest avail decided (longer ones are clamped), ≤ 900 s. */
  maxAvailMs: number;
  defaultMaxAds: number;
  /** Most ads in a pod (larger requests are clamped). */
  maxAdsLimit: number;
  geo: GeoTable;
}

export interface ParsedRequest {
  request: DecisionRequest;
  version: VastBuildVersion;
  /** The session tracking beacons count under: the request's, else one made for this decision. */
  beaconSessionId: string;
  /** Parameters that were clamped into range. */
  clamped: string[];
}

type Headers = Record<string, string | string[] | undefined>;

const MAX_TARGETING_KEYS = 100;
const MAX_VALUE_LENGTH = 512;
const MAX_ID_LENGTH = 256;
const UNFILLED = /^(\[[^\]]*\]|%%[^%]*%%|\{\{[^}]*\}\}|\$\{[^}]*\})$/;
const NUMBER = /^\d+(\.\d+)?$/;
/** true when `s` has a C0 control character or DEL (never valid in an id we put in URLs). */
function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

function first(v: unknown): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  if (typeof s !== 'string') return undefined;
  const t = s.trim();
  if (t === '') return undefined;
  // An unfilled macro starts with one of [ % { $ (the pattern is tried only then).
  const c = t.charCodeAt(0);
  return (c === 0x5b || c === 0x25 || c === 0x7b || c === 0x24) && UNFILLED.test(t) ? undefined : t;
}

/** Device of a User-Agent, remembered: a break's viewers send a handful of distinct agents. */
const devices = new Map<string, DeviceInfo>();
const MAX_DEVICES = 1024;
function knownDevice(ua: string | undefined): DeviceInfo {
  if (ua === undefined) return deviceOf(ua);
  let d = devices.get(ua);
  if (d === undefined) {
    if (devices.size >= MAX_DEVICES) devices.clear();
    devices.set(ua, (d = deviceOf(ua)));
  }
  return d;
}

function header(headers: Headers, name: string): string | undefined {
  return first(headers[name]);
}

function invalid(parameter: string, message: string): AdsError {
  return new AdsError('ADS_INVALID_REQUEST', `${parameter}: ${message}`, { parameter });
}

function seconds(name: string, raw: string): number {
  if (!NUMBER.test(raw)) throw invalid(name, `"${raw.slice(0, 40)}" is not a non-negative number of seconds`);
  return Number(raw);
}

function id(name: string, raw: string | undefined): string | null {
  if (raw === undefined) return null;
  if (raw.length > MAX_ID_LENGTH) throw invalid(name, `longer than ${MAX_ID_LENGTH} characters`);
  if (hasControl(raw)) throw invalid(name, 'contains control characters');
  return raw;
}

function parseVersion(raw: string | undefined): VastBuildVersion {
  if (raw === undefined) return '4.2';
  const v = raw === '4' ? '4.2' : raw === '3' ? '3.0' : raw === '2' ? '2.0' : raw;
  if (!(VAST_BUILD_VERSIONS as readonly string[]).includes(v)) throw invalid('version', `"${raw.slice(0, 20)}" is not one of ${VAST_BUILD_VERSIONS.join(', ')}`);
  return v as VastBuildVersion;
}

/** Parses an ad request. Throws AdsError ADS_INVALID_REQUEST naming the first malformed parameter. */
export function parseDecisionRequest(query: Record<string, unknown>, headers: Headers, remoteIp: string | undefined, limits: RequestLimits, decisionId: string): ParsedRequest {
  const known: Partial<Record<Canonical, string>> = {};
  const values = new Map<string, string>();
  const playerParams: [string, string][] = [];
  let extra = 0;
  for (const rawKey in query) {
    const value = first(query[rawKey]);
    if (value === undefined) continue;
    const key = rawKey.toLowerCase();
    const canonical = ALIASES.get(key);
    if (canonical !== undefined) {
      known[canonical] ??= value;
      continue;
    }
    if (extra >= MAX_TARGETING_KEYS || key.length > 64 || value.length > MAX_VALUE_LENGTH) continue;
    extra++;
    const v = value.toLowerCase();
    values.set(key, v);
    if (key.startsWith('player_params.')) playerParams.push([key.slice(14), v]);
  }
  // MediaTailor's player_params.x also answers to x, unless the request set x itself.
  for (const [k, v] of playerParams) if (k !== '' && !values.has(k)) values.set(k, v);

  const clamped: string[] = [];
  let availMs = limits.defaultAvailMs;
  if (known.duration !== undefined) availMs = Math.round(seconds('duration', known.duration) * 1000);
  else if (known.durationMs !== undefined) availMs = Math.round(seconds('durationMs', known.durationMs));
  if (availMs > limits.maxAvailMs) {
    availMs = limits.maxAvailMs;
    clamped.push('duration');
  }

  let maxAds = limits.defaultMaxAds;
  if (known.maxAds !== undefined) {
    if (!/^\d+$/.test(known.maxAds)) throw invalid('maxAds', `"${known.maxAds.slice(0, 20)}" is not a whole number ≥ 0`);
    maxAds = Number(known.maxAds);
    if (maxAds > limits.maxAdsLimit) {
      maxAds = limits.maxAdsLimit;
      clamped.push('maxAds');
    }
  }
  const minAdMs = known.minAdDuration !== undefined ? seconds('minAdDuration', known.minAdDuration) * 1000 : 0;
  const maxAdMs = known.maxAdDuration !== undefined ? seconds('maxAdDuration', known.maxAdDuration) * 1000 : Infinity;
  if (minAdMs > maxAdMs) throw invalid('minAdDuration', 'is above maxAdDuration');
  const version = parseVersion(known.version);

  const sessionId = id('sessionId', known.sessionId);
  const userId = id('userId', known.userId);
  const channelRaw = id('channel', known.channel);
  const channel = channelRaw === null ? null : channelRaw.toLowerCase();
  const ua = known.ua ?? header(headers, 'user-agent');
  const forwarded = header(headers, 'x-forwarded-for')?.split(',')[0]?.trim();
  const ip = known.ip ?? forwarded ?? header(headers, 'x-real-ip') ?? remoteIp;
  let country = known.country;
  for (const h of COUNTRY_HEADERS) country ??= header(headers, h);
  country ??= limits.geo.lookup(ip);
  const device = knownDevice(ua);

  if (channel !== null) values.set('channel', channel);
  if (country !== undefined && /^[A-Za-z]{2}$/.test(country)) values.set('country', country.toLowerCase());
  values.set('device', device.type);
  values.set('os', device.os);
  values.set('duration', String(availMs / 1000));
  if (sessionId !== null) values.set('sessionid', sessionId.toLowerCase());
  if (userId !== null) values.set('userid', userId.toLowerCase());

  const blockedCategories = known.bcat ? known.bcat.toLowerCase().split(',').map((c) => c.trim()).filter((c) => c !== '') : [];
  const experimentKey = sessionId ?? (userId !== null ? `u:${userId}` : ip !== undefined ? `c:${ip}|${ua ?? ''}` : `d:${decisionId}`);
  return {
    request: { decisionId, availMs: Math.min(availMs, MAX_POD_SECONDS * 1000), maxAds, minAdMs, maxAdMs, sessionId, userId, channel, values, blockedCategories, experimentKey },
    version,
    beaconSessionId: sessionId ?? `anon-${decisionId}`,
    clamped,
  };
}
