// One ADS request and its wrapper chains: every URL checked against the configuration's allowed
// hosts, one deadline for the whole chain (the ADS timeout), a depth limit and loop detection,
// each wrapper's impressions and tracking merged into the ads it stands for. Never throws: what
// went wrong comes back as MediaTailor's ERROR_ event types, and the ads that survived.
import { adsForWrapper, mergeWrapper, parseVast, type VastAd } from '@adsplice/vast';
import { urlRefusal } from './allowed-url.ts';
import type { EventType } from './events.ts';
import type { HttpClient, HttpResponse } from './ports.ts';

export interface ResolveContext {
  http: HttpClient;
  timeoutMs: number;
  maxWrapperDepth: number;
  allowedHosts: readonly string[];
  now(): number;
  /** Called for every response and every problem, in order. */
  emit(type: EventType, fields: Record<string, unknown>): void;
  /**
   * A wrapper chain (or the response) failed: `urls` are the <Error> URLs to fire with `code` in
   * [ERRORCODE] (IAB VAST: 100 XML parse error, 300 general wrapper error, 301 wrapper URI
   * unavailable or timed out, 302 wrapper limit, 303 no ads after the wrappers).
   */
  vastError?(urls: readonly string[], code: number, adId?: string): void;
}

/** The IAB VAST error code for a failed wrapper fetch. */
function wrapperCode(error: EventType): number {
  if (error === 'ERROR_ADS_RESPONSE_PARSE' || error === 'ERROR_ADS_RESPONSE_UNKNOWN_ROOT_ELEMENT') return 100;
  if (error === 'ERROR_VAST_URL_NOT_ALLOWED') return 300;
  return 301;
}

export interface ResolvedVast {
  ads: VastAd[];
  /** The first error, when the response as a whole failed. */
  error?: EventType;
}

async function fetchVast(url: string, ctx: ResolveContext, deadlineMs: number, depth: number): Promise<{ ads: VastAd[]; error?: EventType; docErrors?: string[] }> {
  const refused = urlRefusal(url, ctx.allowedHosts);
  if (refused) {
    ctx.emit('ERROR_VAST_URL_NOT_ALLOWED', { url, message: refused, wrapperDepth: depth });
    return { ads: [], error: 'ERROR_VAST_URL_NOT_ALLOWED' };
  }
  const remaining = deadlineMs - ctx.now();
  if (remaining <= 0) {
    ctx.emit('ERROR_ADS_TIMEOUT', { url, wrapperDepth: depth, message: 'no time left for the wrapper chain' });
    return { ads: [], error: 'ERROR_ADS_TIMEOUT' };
  }
  const started = ctx.now();
  let res;
  try {
    res = await ctx.http.get(url, { timeoutMs: remaining, headers: { accept: 'application/xml, text/xml' } });
  } catch (err) {
    const timeout = (err as Error).name === 'TimeoutError' || (err as Error).name === 'AbortError';
    const type = timeout ? 'ERROR_ADS_TIMEOUT' : 'ERROR_ADS_IO';
    ctx.emit(type, { url, wrapperDepth: depth, message: (err as Error).message, timeoutMs: remaining });
    return { ads: [], error: type };
  }
  return readVastResponse(url, res, ctx, depth, ctx.now() - started);
}

/** What one answer of an ADS (or a wrapper's tag) says: its ads, or why none (the events emitted). */
export function readVastResponse(url: string, res: HttpResponse, ctx: Pick<ResolveContext, 'emit'>, depth: number, tookMs: number): { ads: VastAd[]; error?: EventType; docErrors?: string[] } {
  if (res.status === 204) {
    ctx.emit('EMPTY_VAST_RESPONSE', { url, wrapperDepth: depth, statusCode: 204, tookMs });
    return { ads: [] };
  }
  if (res.status !== 200) {
    ctx.emit('ERROR_ADS_INVALID_RESPONSE', { url, wrapperDepth: depth, statusCode: res.status, tookMs });
    return { ads: [], error: 'ERROR_ADS_INVALID_RESPONSE' };
  }
  const parsed = parseVast(res.text);
  const fatal = parsed.issues.find((i) => i.severity === 'fatal');
  if (!parsed.value || fatal) {
    const type = fatal?.code === 'VAST_NOT_VAST' ? 'ERROR_ADS_RESPONSE_UNKNOWN_ROOT_ELEMENT' : 'ERROR_ADS_RESPONSE_PARSE';
    ctx.emit(type, { url, wrapperDepth: depth, message: fatal?.message ?? 'unreadable VAST', vastIssue: fatal?.code, tookMs });
    return { ads: [], error: type };
  }
  const doc = parsed.value;
  if (doc.ads.length === 0) {
    ctx.emit('EMPTY_VAST_RESPONSE', { url, wrapperDepth: depth, tookMs });
    return { ads: [], docErrors: doc.errors };
  }
  ctx.emit(depth === 0 ? 'VAST_RESPONSE' : 'WRAPPED_VAST_RESPONSE', {
    url,
    wrapperDepth: depth,
    tookMs,
    vastVersion: doc.version,
    ads: doc.ads.map((a) => ({ adId: a.id, kind: a.kind, sequence: a.sequence, adSystem: a.adSystem.name })),
  });
  return { ads: doc.ads };
}

async function resolveAds(ads: VastAd[], ctx: ResolveContext, deadlineMs: number, depth: number, chain: ReadonlySet<string>, chainErrors: readonly string[]): Promise<VastAd[]> {
  const out: VastAd[] = [];
  for (const ad of ads) {
    if (ad.kind === 'inline') {
      out.push(ad);
      continue;
    }
    const next = ad.wrapper!.vastAdTagUri;
    // Every wrapper of the chain down to this one hears about its failure.
    const errors = [...chainErrors, ...ad.errors];
    if (chain.has(next)) {
      ctx.emit('ERROR_VAST_WRAPPER_LOOP', { url: next, wrapperDepth: depth + 1, adId: ad.id, message: 'the wrapper chain returns to a URL it already followed' });
      ctx.vastError?.(errors, 300, ad.id);
      continue;
    }
    if (depth + 1 > ctx.maxWrapperDepth) {
      ctx.emit('ERROR_VAST_WRAPPER_LIMIT', { url: next, wrapperDepth: depth + 1, adId: ad.id, maxWrapperDepth: ctx.maxWrapperDepth });
      ctx.vastError?.(errors, 302, ad.id);
      continue;
    }
    const got = await fetchVast(next, ctx, deadlineMs, depth + 1);
    if (got.error) ctx.vastError?.(errors, wrapperCode(got.error), ad.id);
    else if (got.ads.length === 0) ctx.vastError?.([...errors, ...(got.docErrors ?? [])], 303, ad.id);
    const inner = await resolveAds(adsForWrapper(ad, { version: '', ads: got.ads, errors: [] }), ctx, deadlineMs, depth + 1, new Set([...chain, next]), errors);
    for (const i of inner) out.push(mergeWrapper(ad, i));
  }
  return out;
}

/** Ads already in hand (a VMAP's VASTAdData, an answer read with readVastResponse): wrappers followed, pod order. */
export async function resolveAdsInHand(ads: VastAd[], sourceUrl: string, ctx: ResolveContext): Promise<VastAd[]> {
  const resolved = await resolveAds(ads, ctx, ctx.now() + ctx.timeoutMs, 0, new Set([sourceUrl]), []);
  return [...resolved].sort((a, b) => (a.sequence ?? Infinity) - (b.sequence ?? Infinity));
}

export async function resolveVast(url: string, ctx: ResolveContext): Promise<ResolvedVast> {
  const deadlineMs = ctx.now() + ctx.timeoutMs;
  const first = await fetchVast(url, ctx, deadlineMs, 0);
  // An empty response's own <Error> URLs are its "no ad" report (VAST 3+: code 303).
  if (first.docErrors && first.docErrors.length > 0) ctx.vastError?.(first.docErrors, 303);
  const ads = await resolveAds(first.ads, ctx, deadlineMs, 0, new Set([url]), []);
  // A pod plays in sequence order; stand-alone ads after, in document order.
  const ordered = [...ads].sort((a, b) => (a.sequence ?? Infinity) - (b.sequence ?? Infinity));
  return first.error ? { ads: ordered, error: first.error } : { ads: ordered };
}
