// Serving: an ad request → counters snapshot → pure decision → counted, emitted, rendered as VAST.
// And the beacon receiver. A slow counter store is raced against a short timeout; an internal
// failure answers a valid empty VAST (the stream never waits on, or breaks for, the ADS).
import { randomFillSync } from 'node:crypto';
import { buildVmap, type VastBuildVersion, type VmapAdBreakInput } from '@adsplice/vast';
import { BeaconSigner, isBeaconEvent, type DecisionSigner } from './beacon-signer.ts';
import type { CompiledCampaign, CompiledInventory } from './compile-inventory.ts';
import { decide, type CounterView, type Decision } from './decide.ts';
import { DecisionPlans, type PlanOptions } from './decision-plans.ts';
import { parseDecisionRequest, type ParsedRequest, type RequestLimits } from './decision-request.ts';
import { AdsError } from './errors.ts';
import type { AdsEvent } from './events.ts';
import type { InventoryIndex } from './inventory-index.ts';
import type { CampaignCount, Clock, CounterHit, EventSink, FrequencyCounters, KeyCounts, BeaconLedger } from './ports.ts';
import { B64URL, VastRenderer } from './vast-template.ts';
import { vastDocument, type UrlContext } from './vast-output.ts';
import { parseVmapPlan } from './vmap-plan.ts';

export type CountOn = 'decision' | 'impression';

export interface ServingOptions extends RequestLimits, PlanOptions {
  /** "https://ads.example.com": where players and stitchers reach this service; else from each request's Host. */
  publicBaseUrl?: string;
  countOn: CountOn;
  beaconTtlMs: number;
  countersTimeoutMs: number;
}

export interface ServingDeps {
  index: InventoryIndex;
  counters: FrequencyCounters;
  ledger: BeaconLedger;
  events: EventSink;
  clock: Clock;
  random: () => number;
  beaconSecret: string | Uint8Array;
  onError: (err: unknown, what: string) => void;
}

type Headers = Record<string, string | string[] | undefined>;

const HOST = /^([A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$/;
const NO_COUNTS: ReadonlyMap<string, KeyCounts> = new Map();
/** What sessionCounts answers when the counters could not be read in time (decided without them). */
const UNAVAILABLE: ReadonlyMap<string, KeyCounts> = new Map();
const CAMPAIGN_REFRESH_MS = 1000;
/** URLs of an empty response: there are none. */
/** The URL values of one decision, its beacon tags signed on demand (a class: no closures per request). */

/** base64url of the 12 bytes of `b` at `at`: 16 characters made in one flat string (no call into C++ for so few bytes). */
export function base64url12(b: Uint8Array, at: number): string {
  const x = (b[at]! << 16) | (b[at + 1]! << 8) | b[at + 2]!;
  const y = (b[at + 3]! << 16) | (b[at + 4]! << 8) | b[at + 5]!;
  const z = (b[at + 6]! << 16) | (b[at + 7]! << 8) | b[at + 8]!;
  const w = (b[at + 9]! << 16) | (b[at + 10]! << 8) | b[at + 11]!;
  const c = B64URL;
  return String.fromCharCode(
    c[x >>> 18]!, c[(x >>> 12) & 63]!, c[(x >>> 6) & 63]!, c[x & 63]!,
    c[y >>> 18]!, c[(y >>> 12) & 63]!, c[(y >>> 6) & 63]!, c[y & 63]!,
    c[z >>> 18]!, c[(z >>> 12) & 63]!, c[(z >>> 6) & 63]!, c[z & 63]!,
    c[w >>> 18]!, c[(w >>> 12) & 63]!, c[(w >>> 6) & 63]!, c[w & 63]!,
  );
}

class SignedUrls implements UrlContext {
  readonly sessionParam: string;
  readonly timeParam: string;

  constructor(
    readonly baseUrl: string,
    session: string,
    timeMs: number,
    readonly decisionId: string,
    private readonly signer: DecisionSigner,
  ) {
    this.sessionParam = encodeURIComponent(session);
    this.timeParam = String(timeMs);
  }

  tags(adId: string): string[] {
    return this.signer.signAll(adId);
  }

  podTagBytes(adIds: readonly string[]): Uint8Array {
    return this.signer.podTagBytes(adIds);
  }
}

const EMPTY_CONTEXT: UrlContext = { baseUrl: '', sessionParam: '', timeParam: '0', decisionId: '', tags: () => [] };

/** The longest frequency-cap window of a campaign, ms (0: none, or no such campaign). */
function capWindowMs(c: CompiledCampaign | undefined): number {
  let ms = 0;
  if (c) for (const cap of c.frequencyCaps) ms = Math.max(ms, cap.windowSeconds * 1000);
  return ms;
}

function headerOf(headers: Headers, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export interface VastResult {
  /** The document as sent: UTF-8 bytes. */
  body: Buffer;
  /** The document as text (decoded from body when read). */
  readonly xml: string;
  decision: Decision | undefined;
  version: VastBuildVersion;
  /**
   * The body's bytes were handed off (written to the socket) and are not read again: for a body
   * rendered into the renderer's reusable buffer (vastNow's `reuse`), the next response may be
   * written over them. Nothing for any other body.
   */
  release(): void;
}

class VastResponse implements VastResult {
  constructor(
    readonly body: Buffer,
    readonly decision: Decision | undefined,
    readonly version: VastBuildVersion,
    private readonly renderer?: VastRenderer,
  ) {}

  get xml(): string {
    return this.body.toString('utf8');
  }

  release(): void {
    this.renderer?.release(this.body);
  }
}

export class AdServer {
  private readonly signer: BeaconSigner;
  private readonly plans: DecisionPlans;
  private readonly publicBase: string | undefined;
  private entropy = Buffer.alloc(0);
  private entropyAt = 0;
  private campaignCounts: ReadonlyMap<string, CampaignCount> = new Map();
  private campaignCountsAt = -Infinity;
  private campaignCountsLoading = false;
  /** The counter store failed and has not answered in time since: further failures are not reported again (for a minute). */
  private countersDown = false;
  private countersReportedAt = -Infinity;
  private rendered: { inv: CompiledInventory; renderer: VastRenderer } | undefined;

  constructor(
    private readonly deps: ServingDeps,
    readonly opts: ServingOptions,
  ) {
    this.signer = new BeaconSigner(deps.beaconSecret);
    this.plans = new DecisionPlans(opts);
    this.publicBase = opts.publicBaseUrl?.replace(/\/+$/, '');
  }

  baseUrl(headers: Headers, protocol: string): string {
    if (this.publicBase !== undefined) return this.publicBase;
    const host = headerOf(headers, 'x-forwarded-host')?.split(',')[0]?.trim() ?? headerOf(headers, 'host');
    const proto = headerOf(headers, 'x-forwarded-proto')?.split(',')[0]?.trim();
    const scheme = proto === 'https' || proto === 'http' ? proto : protocol === 'https' ? 'https' : 'http';
    return `${scheme}://${host && HOST.test(host) ? host : 'localhost'}`;
  }

  parse(query: Record<string, unknown>, headers: Headers, remoteIp: string | undefined): ParsedRequest {
    return parseDecisionRequest(query, headers, remoteIp, this.opts, this.newDecisionId());
  }

  /** 96 random bits as 16 base64url characters (from a pool refilled 4 KiB at a time). */
  private newDecisionId(): string {
    if (this.entropyAt + 12 > this.entropy.length) {
      this.entropy = randomFillSync(Buffer.alloc(4096));
      this.entropyAt = 0;
    }
    const e = this.entropy;
    const at = this.entropyAt;
    this.entropyAt += 12;
    return base64url12(e, at);
  }

  private campaigns(): ReadonlyMap<string, CampaignCount> {
    const now = this.deps.clock.now();
    if (now - this.campaignCountsAt < CAMPAIGN_REFRESH_MS) return this.campaignCounts;
    let got;
    try {
      got = this.deps.counters.campaigns();
    } catch (err) {
      this.countersFailed(err, 'reading campaign counters');
      return this.campaignCounts;
    }
    if (!(got instanceof Promise)) return got; // in-process: always current
    if (!this.campaignCountsLoading) {
      this.campaignCountsLoading = true;
      got
        .then((c) => {
          this.campaignCounts = c;
          this.campaignCountsAt = this.deps.clock.now();
          this.countersUp();
        })
        .catch((err: unknown) => this.countersFailed(err, 'reading campaign counters'))
        .finally(() => (this.campaignCountsLoading = false));
    }
    return this.campaignCounts;
  }

  /**
   * The first failure of the counter store since it last answered is reported (onError and a
   * WARNING_COUNTERS_UNAVAILABLE event); the following ones are not, so that a store that is down
   * does not flood the logs at a break's start. Decisions meanwhile say `countersUnavailable`.
   */
  private countersFailed(err: unknown, what: string): void {
    const now = this.deps.clock.now();
    if (this.countersDown && now - this.countersReportedAt < 60_000) return;
    this.countersDown = true;
    this.countersReportedAt = now;
    this.deps.onError(err, what);
    this.emit({ type: 'WARNING_COUNTERS_UNAVAILABLE', atMs: now, operation: what, message: err instanceof Error ? err.message : String(err) });
  }

  private countersUp(): void {
    this.countersDown = false;
  }

  /**
   * This viewer's counts: NO_COUNTS without keys, UNAVAILABLE when the store failed or was too slow.
   * Synchronous when the store answers synchronously (the memory adapter): no promise, no timer.
   */
  private sessionCounts(keys: string[]): ReadonlyMap<string, KeyCounts> | Promise<ReadonlyMap<string, KeyCounts>> {
    if (keys.length === 0) return NO_COUNTS;
    let got;
    try {
      got = this.deps.counters.recent(keys);
    } catch (err) {
      this.countersFailed(err, 'reading frequency counters');
      return UNAVAILABLE;
    }
    return got instanceof Promise ? this.raced(got) : got;
  }

  /** A remote store's answer, raced against countersTimeoutMs. */
  private async raced(got: Promise<ReadonlyMap<string, KeyCounts>>): Promise<ReadonlyMap<string, KeyCounts>> {
    let timer: NodeJS.Timeout | undefined;
    let late = false;
    const timeout = new Promise<ReadonlyMap<string, KeyCounts>>((resolve) => (timer = setTimeout(() => ((late = true), resolve(UNAVAILABLE)), this.opts.countersTimeoutMs)));
    try {
      const counts = await Promise.race([
        // A store that answers, but too late, is still not up (else a slow store would warn on every request).
        got.then(
          (c) => (late || this.countersUp(), c),
          (err: unknown) => (this.countersFailed(err, 'reading frequency counters'), UNAVAILABLE),
        ),
        timeout,
      ]);
      if (counts === UNAVAILABLE) this.countersFailed(new Error(`no answer within ${this.opts.countersTimeoutMs} ms`), 'reading frequency counters');
      return counts;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Emits, never letting a faulty sink fail a request. */
  private emit(event: AdsEvent): void {
    try {
      this.deps.events.emit(event);
    } catch (err) {
      this.deps.onError(err, 'emitting an event');
    }
  }

  private counterKeys(sessionId: string | null, userId: string | null): string[] {
    const keys: string[] = [];
    if (sessionId !== null) keys.push(`s:${sessionId}`);
    if (userId !== null) keys.push(`u:${userId}`);
    return keys;
  }

  /** Counts the decision's ads against caps and goals (when counting on decisions). */
  private count(inv: CompiledInventory, decision: Decision, keys: string[]): void {
    if (decision.ads.length === 0) return;
    const hits: CounterHit[] = [];
    let lastZone = '';
    let day = '';
    for (const { ad } of decision.ads) {
      const c = inv.campaignsById.get(ad.campaignId);
      const zone = c?.timeZone ?? 'UTC';
      if (zone !== lastZone) {
        lastZone = zone;
        day = inv.clocks.at(zone, decision.atMs).day;
      }
      hits.push({ keys, campaignId: ad.campaignId, day, atMs: decision.atMs, windowMs: capWindowMs(c) });
    }
    try {
      const done = this.deps.counters.record(hits);
      if (done instanceof Promise) done.catch((err: unknown) => this.countersFailed(err, 'recording frequency counters'));
    } catch (err) {
      this.countersFailed(err, 'recording frequency counters');
    }
  }

  /**
   * Decides for a parsed request. A counted decision (an ad request) may reuse a shared plan
   * (decision-plans.ts), is recorded against caps and goals, and emits ADS_DECISION; an uncounted
   * one (a dry run) is always decided on its own and leaves no trace.
   */
  async decide(parsed: ParsedRequest, count: boolean): Promise<Decision> {
    const keys = this.counterKeys(parsed.request.sessionId, parsed.request.userId);
    return this.decideWith(parsed, count, keys, await this.sessionCounts(keys));
  }

  /** decide() once this viewer's counts are known (synchronous). */
  private decideWith(parsed: ParsedRequest, count: boolean, keys: string[], recent: ReadonlyMap<string, KeyCounts>): Decision {
    const inv = this.deps.index.current;
    const { request } = parsed;
    const view: CounterView = {
      session: request.sessionId !== null ? recent.get(`s:${request.sessionId}`) : undefined,
      user: request.userId !== null ? recent.get(`u:${request.userId}`) : undefined,
      campaigns: this.campaigns(),
    };
    const now = this.deps.clock.now();
    if (!count) return decide(inv, request, view, now, this.deps.random);
    const { decision, reused } = this.plans.decide(inv, request, view, now, this.deps.random);
    if (this.opts.countOn === 'decision') this.count(inv, decision, keys);
    this.emit({
      type: 'ADS_DECISION',
      atMs: decision.atMs,
      decisionId: decision.decisionId,
      sessionId: request.sessionId,
      channel: request.channel,
      availMs: decision.availMs,
      filledMs: decision.filledMs,
      ads: decision.ads.map(({ ad, sequence }) => ({ adId: ad.id, campaignId: ad.campaignId, advertiserId: ad.advertiserId, sequence, durationMs: ad.durationMs, priority: ad.priority })),
      fallback: decision.fallback,
      strategy: decision.strategy,
      experiments: decision.experiments,
      excluded: decision.excluded,
      clamped: parsed.clamped,
      reused,
      countersUnavailable: recent === UNAVAILABLE,
    });
    return decision;
  }

  urlContext(parsed: ParsedRequest, decision: Decision, baseUrl: string): SignedUrls {
    const session = parsed.beaconSessionId;
    return new SignedUrls(baseUrl, session, decision.atMs, decision.decisionId, this.signer.forDecision(session, decision.atMs));
  }

  /** An ad request answered with VAST. Malformed requests throw AdsError (400); anything else answers an empty VAST. */
  async vast(query: Record<string, unknown>, headers: Headers, remoteIp: string | undefined, protocol: string): Promise<VastResult> {
    return this.vastNow(query, headers, remoteIp, protocol);
  }

  /**
   * vast() without a promise when the counter store answers synchronously (the memory adapter):
   * the route then replies in the same tick, with no promise or microtask per request. A remote
   * store (Redis) makes it a promise, raced against countersTimeoutMs as before. With `reuse` the
   * body is written into the renderer's reusable buffer: the caller must call release() once the
   * bytes are sent, and must not keep the body past that (see VastRenderer.renderBody).
   */
  vastNow(query: Record<string, unknown>, headers: Headers, remoteIp: string | undefined, protocol: string, reuse = false): VastResult | Promise<VastResult> {
    const parsed = this.parse(query, headers, remoteIp);
    const keys = this.counterKeys(parsed.request.sessionId, parsed.request.userId);
    let recent;
    try {
      recent = this.sessionCounts(keys);
    } catch (err) {
      return this.failed(parsed, err);
    }
    if (recent instanceof Promise) return recent.then((r) => this.answer(parsed, keys, r, headers, protocol, reuse), (err: unknown) => this.failed(parsed, err));
    return this.answer(parsed, keys, recent, headers, protocol, reuse);
  }

  private answer(parsed: ParsedRequest, keys: string[], recent: ReadonlyMap<string, KeyCounts>, headers: Headers, protocol: string, reuse: boolean): VastResult {
    try {
      const decision = this.decideWith(parsed, true, keys, recent);
      const renderer = this.renderer();
      const body = renderer.renderBody(decision, parsed.version, this.urlContext(parsed, decision, this.baseUrl(headers, protocol)), reuse);
      return new VastResponse(body, decision, parsed.version, reuse ? renderer : undefined);
    } catch (err) {
      return this.failed(parsed, err);
    }
  }

  /** An internal failure: reported, and answered with a valid empty VAST. */
  private failed(parsed: ParsedRequest, err: unknown): VastResult {
    this.deps.onError(err, 'deciding an ad request');
    this.emit({ type: 'ADS_ERROR', atMs: this.deps.clock.now(), message: err instanceof Error ? err.message : String(err) });
    return new VastResponse(this.renderer().renderBody({ ads: [] }, parsed.version, EMPTY_CONTEXT), undefined, parsed.version);
  }

  /** The renderer of the current inventory (looked up again only when the inventory changes). */
  private renderer(): VastRenderer {
    const inv = this.deps.index.current;
    if (this.rendered?.inv !== inv) this.rendered = { inv, renderer: VastRenderer.of(inv, this.publicBase) };
    return this.rendered.renderer;
  }

  /** A VMAP for a VOD programme: each break decided now (VAST inside), or an AdTagURI per break. */
  async vmap(query: Record<string, unknown>, headers: Headers, remoteIp: string | undefined, protocol: string): Promise<string> {
    const plan = parseVmapPlan(query);
    const base = this.baseUrl(headers, protocol);
    const adBreaks: VmapAdBreakInput[] = [];
    let version: VastBuildVersion = '4.2';
    for (const [i, b] of plan.breaks.entries()) {
      const position = b.timeOffset === 'start' ? 'preroll' : b.timeOffset === 'end' ? 'postroll' : 'midroll';
      const params = { ...plan.rest, duration: String(b.durationMs / 1000), position };
      const common = { timeOffset: b.timeOffset, breakType: 'linear', breakId: b.breakId };
      if (plan.adTags) {
        const search = new URLSearchParams();
        for (const [k, v] of Object.entries(params)) if (typeof v === 'string') search.set(k, v);
        adBreaks.push({ ...common, adSource: { id: String(i + 1), allowMultipleAds: true, followRedirects: true, adTagUri: `${base}/ads/vast?${search.toString()}`, templateType: 'vast3' } });
        continue;
      }
      const parsed = this.parse(params, headers, remoteIp);
      version = parsed.version;
      const decision = await this.decide(parsed, true);
      adBreaks.push({ ...common, adSource: { id: String(i + 1), allowMultipleAds: true, followRedirects: true, vastAdData: vastDocument(decision, this.urlContext(parsed, decision, base), parsed.version) } });
    }
    return buildVmap({ adBreaks }, { vastVersion: version });
  }

  /** A tracking beacon. Throws AdsError when it is forged, malformed or expired; false for a repeat. */
  async beacon(event: string, query: Record<string, unknown>): Promise<boolean> {
    const str = (k: string): string => {
      const v = query[k];
      return typeof v === 'string' ? v : '';
    };
    const adId = str('ad');
    const sessionId = str('s');
    const t = str('t');
    if (!isBeaconEvent(event)) throw new AdsError('ADS_BEACON_INVALID', `"${event.slice(0, 32)}" is not a tracking event`);
    if (adId === '' || sessionId === '' || !/^\d{1,16}$/.test(t) || !this.signer.verify(adId, sessionId, event, Number(t), str('sig'))) {
      throw new AdsError('ADS_BEACON_INVALID', 'the beacon signature does not match its ad, session, event and time');
    }
    const now = this.deps.clock.now();
    const timeMs = Number(t);
    if (now - timeMs > this.opts.beaconTtlMs || timeMs - now > 5 * 60_000) throw new AdsError('ADS_BEACON_EXPIRED', `the beacon is from ${new Date(timeMs).toISOString()}, outside the beacon lifetime`);
    let first: boolean;
    try {
      first = await this.deps.ledger.record(adId, sessionId, event, now);
    } catch (err) {
      this.deps.onError(err, 'recording a beacon');
      return false;
    }
    if (!first) return false;
    const inv = this.deps.index.current;
    const ad = inv.ads.get(adId);
    const code = str('code');
    this.emit({ type: 'BEACON_RECEIVED', atMs: now, adId, campaignId: ad?.campaignId ?? null, sessionId, event, errorCode: event === 'error' && code !== '' ? code.slice(0, 16) : null });
    if (event === 'impression') {
      this.emit({ type: 'IMPRESSION', atMs: now, adId, campaignId: ad?.campaignId ?? null, advertiserId: ad?.advertiserId ?? null, sessionId });
      if (this.opts.countOn === 'impression' && ad) {
        const keys = sessionId.startsWith('anon-') ? [] : [`s:${sessionId}`];
        const c = inv.campaignsById.get(ad.campaignId);
        try {
          const done = this.deps.counters.record([{ keys, campaignId: ad.campaignId, day: inv.clocks.at(c?.timeZone ?? 'UTC', now).day, atMs: now, windowMs: capWindowMs(c) }]);
          if (done instanceof Promise) done.catch((err: unknown) => this.countersFailed(err, 'recording frequency counters'));
        } catch (err) {
          this.countersFailed(err, 'recording frequency counters');
        }
      }
    }
    return true;
  }
}
