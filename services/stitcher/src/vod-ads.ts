// The one ADS request of a VOD session (MediaTailor: at session start): a VMAP answer gives the
// programme's breaks (each with its VAST inside, or an AdTagURI asked now), a plain VAST answer is
// a pre-roll. Never throws: what went wrong comes back as events (the VAST resolver's, and
// ERROR_VMAP_* with a stable code), and the breaks that survived.
import { parseVmap, type VastAd, type VmapTimeOffset, type VmapTrackingEvent } from '@adsplice/vast';
import { urlRefusal } from './allowed-url.ts';
import type { EventType } from './events.ts';
import { readVastResponse, resolveAdsInHand, resolveVast, type ResolveContext } from './vast-resolver.ts';

export interface VodAdBreak {
  timeOffset: VmapTimeOffset;
  breakId?: string;
  ads: VastAd[];
  /** The first error of the break's own request (an AdTagURI), if it failed. */
  error?: EventType;
  /** The AdBreak's own tracking: breakStart, breakEnd, error. */
  tracking: VmapTrackingEvent[];
}

export type VodAdsAnswer =
  /** VMAP: its linear breaks, in document order. */
  | { kind: 'vmap'; breaks: VodAdBreak[] }
  /** VAST (or nothing usable): the ads of a pre-roll, possibly none. */
  | { kind: 'vast'; ads: VastAd[]; error?: EventType };

/** Stable codes of the `ERROR_VMAP_*` events (a VMAP answer, or one of its breaks, left out). */
export const VMAP_EVENT_CODES = {
  /** From @adsplice/vast's parseVmap: the document cannot be read. */
  VMAP_XML_MALFORMED: 'The answer looked like VMAP but is not well-formed XML: no breaks.',
  VMAP_UNSUPPORTED_VERSION: 'The VMAP version is not 1.x: no breaks.',
  /** A break parseVmap left out or flagged. */
  VMAP_BAD_TIME_OFFSET: 'An AdBreak timeOffset cannot be read: that break is left out.',
  VMAP_BAD_AD_SOURCE: 'An AdBreak AdSource has neither VASTAdData nor AdTagURI: that break is left out.',
  VMAP_VAST_DATA: 'The VAST inside an AdBreak has issues (what could be read plays).',
  /** The stitcher's own reasons for leaving a break out. */
  VOD_BREAK_NOT_LINEAR: 'The AdBreak is not linear (nonlinear and display breaks are not stitched).',
  VOD_BREAK_CUSTOM_AD_DATA: 'The AdBreak carries CustomAdData, which the stitcher cannot play.',
  VOD_BREAK_NO_AD_SOURCE: 'The AdBreak has no AdSource.',
  VOD_BREAK_OUT_OF_RANGE: 'The AdBreak timeOffset is past the end of the content, or a #n position the content has no cue for.',
  VOD_BREAK_NOT_INSERTED: 'A static MPD could not take the break\'s Periods at its position (the dashIssue field says why): the break is left out of the MPD.',
  VOD_BREAK_REPEAT_IGNORED: 'The AdBreak has repeatAfter, which VOD stitching does not repeat (the break plays once).',
} as const;
export type VmapEventCode = keyof typeof VMAP_EVENT_CODES;

const VMAP_ROOT = /^(?:\s*<\?xml[^>]*\?>)?(?:\s*<!--[\s\S]*?-->)*\s*<(?:[A-Za-z_][\w.-]*:)?VMAP[\s>/]/;

/** Asks the ADS once; `ctx.emit` hears every step (VMAP_RESPONSE, VAST_RESPONSE, ERROR_…). */
export async function requestVodAds(url: string, ctx: ResolveContext): Promise<VodAdsAnswer> {
  const refused = urlRefusal(url, ctx.allowedHosts);
  if (refused) {
    ctx.emit('ERROR_VAST_URL_NOT_ALLOWED', { url, message: refused, wrapperDepth: 0 });
    return { kind: 'vast', ads: [], error: 'ERROR_VAST_URL_NOT_ALLOWED' };
  }
  const started = ctx.now();
  let res;
  try {
    res = await ctx.http.get(url, { timeoutMs: ctx.timeoutMs, headers: { accept: 'application/xml, text/xml' } });
  } catch (err) {
    const timeout = (err as Error).name === 'TimeoutError' || (err as Error).name === 'AbortError';
    const type = timeout ? 'ERROR_ADS_TIMEOUT' : 'ERROR_ADS_IO';
    ctx.emit(type, { url, wrapperDepth: 0, message: (err as Error).message, timeoutMs: ctx.timeoutMs });
    return { kind: 'vast', ads: [], error: type };
  }
  const tookMs = ctx.now() - started;
  if (res.status === 200 && VMAP_ROOT.test(res.text.slice(0, 4096))) return readVmap(url, res.text, ctx, tookMs);
  const read = readVastResponse(url, res, ctx, 0, tookMs);
  if (read.docErrors && read.docErrors.length > 0) ctx.vastError?.(read.docErrors, 303);
  const ads = await resolveAdsInHand(read.ads, url, ctx);
  return read.error ? { kind: 'vast', ads, error: read.error } : { kind: 'vast', ads };
}

async function readVmap(url: string, text: string, ctx: ResolveContext, tookMs: number): Promise<VodAdsAnswer> {
  const parsed = parseVmap(text);
  const doc = parsed.value;
  const fatal = parsed.issues.find((i) => i.severity === 'fatal');
  if (!doc || fatal) {
    ctx.emit('ERROR_VMAP_RESPONSE', { url, tookMs, code: fatal?.code ?? 'VMAP_XML_MALFORMED', message: fatal?.message ?? 'unreadable VMAP' });
    return { kind: 'vmap', breaks: [] };
  }
  ctx.emit('VMAP_RESPONSE', {
    url,
    tookMs,
    vmapVersion: doc.version,
    adBreaks: doc.adBreaks.map((b) => ({ breakId: b.breakId, timeOffset: b.timeOffset, breakType: b.breakType, adSource: b.adSource?.vastAdData ? 'VASTAdData' : b.adSource?.adTagUri ? 'AdTagURI' : b.adSource?.customAdData !== undefined ? 'CustomAdData' : null })),
  });
  for (const issue of parsed.issues) {
    if (issue.code in VMAP_EVENT_CODES) ctx.emit('ERROR_VMAP_AD_BREAK', { url, code: issue.code, message: issue.message, adBreakIndex: (issue as { adBreakIndex?: number }).adBreakIndex });
  }
  const leftOut = (index: number, breakId: string | undefined, code: VmapEventCode) => ctx.emit('ERROR_VMAP_AD_BREAK', { url, code, message: VMAP_EVENT_CODES[code], adBreakIndex: index, breakId });
  const jobs = doc.adBreaks.map(async (b, index): Promise<VodAdBreak | undefined> => {
    if (!b.breakType.split(',').map((t) => t.trim()).includes('linear')) return void leftOut(index, b.breakId, 'VOD_BREAK_NOT_LINEAR');
    const source = b.adSource;
    if (!source) return void leftOut(index, b.breakId, 'VOD_BREAK_NO_AD_SOURCE');
    if (b.repeatAfterMs !== undefined) leftOut(index, b.breakId, 'VOD_BREAK_REPEAT_IGNORED');
    const base = { timeOffset: b.timeOffset, tracking: b.trackingEvents, ...(b.breakId === undefined ? {} : { breakId: b.breakId }) };
    if (source.vastAdData) {
      if (source.vastAdData.ads.length === 0 && source.vastAdData.errors.length > 0) ctx.vastError?.(source.vastAdData.errors, 303);
      return { ...base, ads: await resolveAdsInHand(source.vastAdData.ads, url, ctx) };
    }
    if (source.adTagUri) {
      const r = await resolveVast(source.adTagUri, ctx);
      return { ...base, ads: r.ads, ...(r.error ? { error: r.error } : {}) };
    }
    return void leftOut(index, b.breakId, 'VOD_BREAK_CUSTOM_AD_DATA');
  });
  return { kind: 'vmap', breaks: (await Promise.all(jobs)).filter((b): b is VodAdBreak => b !== undefined) };
}
