// Management input → inventory items, all or nothing: every field is checked (type, range, unknown
// fields refused) and defaults are filled; a bad field throws InventoryValidationError naming it.
// Pure: ids and times come from the caller. References (advertiser, campaign, creative) are
// checked by the service against the repository.
import { isTimeZone } from './local-time.ts';
import type { Ad, Advertiser, Campaign, ChannelSettings, Experiment, ExperimentVariant, FallbackSettings, FrequencyCap, UniversalAdId } from './inventory.ts';
import { PACING, POD_STRATEGIES, PRIORITY_TIERS } from './inventory.ts';
import { TargetingError, validateRule } from './targeting.ts';

export class InventoryValidationError extends Error {
  constructor(
    readonly field: string,
    message: string,
    readonly targetingPath?: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'InventoryValidationError';
  }
}

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const MAX_LIST = 1000;

type Input = Record<string, unknown>;

function fail(field: string, message: string): never {
  throw new InventoryValidationError(field, message);
}

function object(x: unknown, field = 'body'): Input {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) fail(field, 'must be a JSON object');
  return x as Input;
}

function known(input: Input, allowed: readonly string[]): void {
  for (const k of Object.keys(input)) if (!allowed.includes(k)) fail(k, `is not a field here (fields: ${allowed.join(', ')})`);
}

function str(input: Input, field: string, opts: { min?: number; max: number; def?: string }): string {
  const v = input[field] ?? opts.def;
  if (typeof v !== 'string') fail(field, 'must be a string');
  const t = v.trim();
  if (t.length < (opts.min ?? 1) || t.length > opts.max) fail(field, `must be ${opts.min ?? 1}–${opts.max} characters`);
  return t;
}

function id(input: Input, field: string, fallback?: string): string {
  const v = input[field] ?? fallback;
  if (typeof v !== 'string' || !ID_PATTERN.test(v)) fail(field, 'must be 1–64 characters: letters, digits, _ . - (not starting with _ . -)');
  return v;
}

function int(input: Input, field: string, min: number, max: number, def?: number): number {
  const v = input[field] ?? def;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) fail(field, `must be a whole number ${min}–${max}`);
  return v;
}

function optionalInt(input: Input, field: string, min: number, max: number): number | null {
  const v = input[field];
  return v === undefined || v === null ? null : int(input, field, min, max);
}

function bool(input: Input, field: string, def: boolean): boolean {
  const v = input[field] ?? def;
  if (typeof v !== 'boolean') fail(field, 'must be true or false');
  return v;
}

function strings(input: Input, field: string, max: number, each: (s: string) => boolean = (s) => s.length > 0 && s.length <= 64): string[] {
  const v = input[field] ?? [];
  if (!Array.isArray(v) || v.length > max) fail(field, `must be a list of at most ${max} strings`);
  v.forEach((s, i) => {
    if (typeof s !== 'string' || !each(s)) fail(`${field}[${i}]`, 'is not a valid value');
  });
  return [...new Set(v as string[])];
}

function isoTime(input: Input, field: string, def: string | null): string | null {
  const v = input[field] === undefined ? def : input[field];
  if (v === null) return null;
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(v) || !Number.isFinite(Date.parse(v))) {
    fail(field, 'must be an ISO 8601 date-time with a time zone ("2026-11-22T12:00:00Z")');
  }
  return new Date(Date.parse(v)).toISOString();
}

function url(input: Input, field: string): string | null {
  const v = input[field];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' || v.length > 2048) fail(field, 'must be an http(s) URL of at most 2048 characters');
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    fail(field, 'must be an absolute http(s) URL');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') fail(field, 'must be an http(s) URL');
  return u.href;
}

function categories(input: Input): string[] {
  return strings(input, 'categories', 20);
}

export interface Stamp {
  /** Used when the input names no id. */
  newId: string;
  nowIso: string;
}

export function advertiserFrom(body: unknown, stamp: Stamp, old?: Advertiser): Advertiser {
  const input = { ...old, ...object(body) } as Input;
  known(input, ['id', 'name', 'domain', 'categories', 'createdAt', 'updatedAt']);
  const domain = input.domain ?? null;
  if (domain !== null && (typeof domain !== 'string' || !DOMAIN.test(domain))) fail('domain', 'must be a domain name such as "acme.example"');
  return {
    id: old?.id ?? id(input, 'id', stamp.newId),
    name: str(input, 'name', { max: 200 }),
    domain: domain === null ? null : domain.toLowerCase(),
    categories: categories(input),
    createdAt: old?.createdAt ?? stamp.nowIso,
    updatedAt: stamp.nowIso,
  };
}

function frequencyCaps(input: Input): FrequencyCap[] {
  const v = input.frequencyCaps ?? [];
  if (!Array.isArray(v) || v.length > 5) fail('frequencyCaps', 'must be a list of at most 5 caps');
  return v.map((c, i) => {
    const cap = object(c, `frequencyCaps[${i}]`);
    known(cap, ['scope', 'max', 'windowSeconds']);
    const scope = cap.scope ?? 'session';
    if (scope !== 'session' && scope !== 'user') fail(`frequencyCaps[${i}].scope`, 'must be "session" or "user"');
    return { scope, max: int(cap, 'max', 1, 1000), windowSeconds: int(cap, 'windowSeconds', 1, 30 * 86400) };
  });
}

export function campaignFrom(body: unknown, stamp: Stamp, old?: Campaign): Campaign {
  const patch = object(body);
  if (old && patch.advertiserId !== undefined && patch.advertiserId !== old.advertiserId) fail('advertiserId', "a campaign's advertiser cannot change (create a new campaign)");
  const input = { ...old, ...patch } as Input;
  known(input, ['id', 'advertiserId', 'name', 'active', 'startAt', 'endAt', 'priority', 'impressionGoal', 'dailyCap', 'pacing', 'weight', 'frequencyCaps', 'targeting', 'categories', 'timeZone', 'createdAt', 'updatedAt']);
  const startAt = isoTime(input, 'startAt', stamp.nowIso)!;
  const endAt = isoTime(input, 'endAt', null);
  if (endAt !== null && Date.parse(endAt) <= Date.parse(startAt)) fail('endAt', 'must be after startAt');
  const pacing = input.pacing ?? 'even';
  if (!PACING.includes(pacing as never)) fail('pacing', `must be one of ${PACING.join(', ')}`);
  let targeting = null;
  if (input.targeting !== undefined && input.targeting !== null) {
    try {
      targeting = validateRule(input.targeting);
    } catch (err) {
      if (err instanceof TargetingError) throw new InventoryValidationError('targeting', err.message, err.path);
      throw err;
    }
  }
  const timeZone = input.timeZone ?? null;
  if (timeZone !== null && (typeof timeZone !== 'string' || !isTimeZone(timeZone))) fail('timeZone', 'must be an IANA time zone ("Europe/Paris") or null');
  return {
    id: old?.id ?? id(input, 'id', stamp.newId),
    advertiserId: id(input, 'advertiserId'),
    name: str(input, 'name', { max: 200 }),
    active: bool(input, 'active', true),
    startAt,
    endAt,
    priority: int(input, 'priority', 1, PRIORITY_TIERS, 2),
    impressionGoal: optionalInt(input, 'impressionGoal', 1, 1e12),
    dailyCap: optionalInt(input, 'dailyCap', 1, 1e12),
    pacing: pacing as Campaign['pacing'],
    weight: int(input, 'weight', 1, 1000, 100),
    frequencyCaps: frequencyCaps(input),
    targeting,
    categories: categories(input),
    timeZone: timeZone as string | null,
    createdAt: old?.createdAt ?? stamp.nowIso,
    updatedAt: stamp.nowIso,
  };
}

function universalAdId(input: Input): UniversalAdId | null {
  const v = input.universalAdId;
  if (v === undefined || v === null) return null;
  const u = object(v, 'universalAdId');
  known(u, ['idRegistry', 'value']);
  return { idRegistry: str(u, 'idRegistry', { max: 64 }), value: str(u, 'value', { max: 64 }) };
}

/** An ad; `durationMs` and `advertiserId` come from its creative and campaign (the caller's lookups). */
export function adFrom(body: unknown, stamp: Stamp, from: { durationMs: number; advertiserId: string } | undefined, old?: Ad): Ad {
  const input = { ...old, ...object(body) } as Input;
  known(input, ['id', 'campaignId', 'advertiserId', 'title', 'creativeId', 'durationMs', 'clickThrough', 'active', 'weight', 'categories', 'universalAdId', 'createdAt', 'updatedAt']);
  return {
    id: old?.id ?? id(input, 'id', stamp.newId),
    campaignId: id(input, 'campaignId'),
    advertiserId: from?.advertiserId ?? old?.advertiserId ?? '',
    title: str(input, 'title', { max: 200 }),
    creativeId: id(input, 'creativeId'),
    durationMs: from?.durationMs ?? old?.durationMs ?? 0,
    clickThrough: url(input, 'clickThrough'),
    active: bool(input, 'active', true),
    weight: int(input, 'weight', 1, 1000, 100),
    categories: categories(input),
    universalAdId: universalAdId(input),
    createdAt: old?.createdAt ?? stamp.nowIso,
    updatedAt: stamp.nowIso,
  };
}

function variants(input: Input): ExperimentVariant[] {
  const v = input.variants;
  if (!Array.isArray(v) || v.length < 1 || v.length > 10) fail('variants', 'must be a list of 1–10 variants');
  const names = new Set<string>();
  return v.map((x, i) => {
    const f = `variants[${i}]`;
    const o = object(x, f);
    known(o, ['name', 'weight', 'campaignIds', 'excludeCampaignIds', 'podStrategy', 'maxAds']);
    const name = str(o, 'name', { max: 64 });
    if (names.has(name)) fail(`${f}.name`, `"${name}" is used twice`);
    names.add(name);
    const out: ExperimentVariant = { name, weight: int(o, 'weight', 1, 1000, 1) };
    if (o.campaignIds !== undefined) out.campaignIds = strings(o, 'campaignIds', MAX_LIST, (s) => ID_PATTERN.test(s));
    if (o.excludeCampaignIds !== undefined) out.excludeCampaignIds = strings(o, 'excludeCampaignIds', MAX_LIST, (s) => ID_PATTERN.test(s));
    if (o.podStrategy !== undefined) {
      if (!POD_STRATEGIES.includes(o.podStrategy as never)) fail(`${f}.podStrategy`, `must be one of ${POD_STRATEGIES.join(', ')}`);
      out.podStrategy = o.podStrategy as ExperimentVariant['podStrategy'];
    }
    if (o.maxAds !== undefined) out.maxAds = int(o, 'maxAds', 1, 10);
    return out;
  });
}

export function experimentFrom(body: unknown, stamp: Stamp, old?: Experiment): Experiment {
  const input = { ...old, ...object(body) } as Input;
  known(input, ['id', 'name', 'active', 'channels', 'variants', 'createdAt', 'updatedAt']);
  return {
    id: old?.id ?? id(input, 'id', stamp.newId),
    name: str(input, 'name', { max: 200 }),
    active: bool(input, 'active', true),
    channels: strings(input, 'channels', 100, (s) => ID_PATTERN.test(s)),
    variants: variants(input),
    createdAt: old?.createdAt ?? stamp.nowIso,
    updatedAt: stamp.nowIso,
  };
}

export function channelFrom(channelId: string, body: unknown, nowIso: string): ChannelSettings {
  const input = object(body);
  known(input, ['id', 'timeZone', 'updatedAt']);
  if (!ID_PATTERN.test(channelId)) fail('id', 'must be 1–64 characters: letters, digits, _ . -');
  if (typeof input.timeZone !== 'string' || !isTimeZone(input.timeZone)) fail('timeZone', 'must be an IANA time zone ("Asia/Seoul")');
  return { id: channelId, timeZone: input.timeZone, updatedAt: nowIso };
}

export function fallbackFrom(body: unknown): FallbackSettings {
  const input = object(body);
  known(input, ['adIds']);
  if (!Array.isArray(input.adIds)) fail('adIds', 'must be a list of ad ids');
  return { adIds: strings(input, 'adIds', 50, (s) => ID_PATTERN.test(s)) };
}
