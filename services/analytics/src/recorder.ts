// The analytics event sink: turns stitcher and ADS events into facts (with the session's variant,
// the ad's campaign and the configuration's channel), updates the Prometheus series at once, and
// writes the facts in batches off the request path. emit() never blocks and never throws.
import { factsOfAdsEvent, factsOfStitcherEvent, type AdsEventLike, type Fact, type StitcherEventLike } from './facts.ts';
import { recordAvail, type AnalyticsMetrics } from './metrics.ts';
import type { KyselyFactStore } from './adapters/kysely-fact-store.ts';
import type { ChannelOf, Clock } from './ports.ts';

const HEARTBEAT_MS = 60_000;
export const LIVE_WINDOW_MS = 120_000;
const MAX_REMEMBERED = 100_000;

export interface RecorderOptions {
  batchSize?: number;
  flushMs?: number;
  maxBuffered?: number;
  onError?: (err: unknown) => void;
}

export class Recorder {
  private buffer: Fact[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  /** session → last heartbeat (ms) */
  private readonly beats = new Map<string, { atMs: number; configName: string | null }>();
  private readonly variants = new Map<string, string>();
  private readonly campaigns = new Map<string, string>();
  /** Ads no stored decision names a campaign for, and when that was last looked up. */
  private readonly noCampaign = new Map<string, number>();
  private readonly channels = new Map<string, { atMs: number; channel: Promise<string | undefined> }>();
  private readonly availTotals = new Map<string, { availS: number; filledS: number }>();

  constructor(
    private readonly store: KyselyFactStore,
    private readonly metrics: AnalyticsMetrics,
    private readonly clock: Clock,
    private readonly channelOf: ChannelOf,
    private readonly opts: RecorderOptions = {},
  ) {}

  /** Sessions with a manifest request in the last two minutes (for the sessions gauge). */
  liveSessions(): number {
    const since = this.clock.now() - LIVE_WINDOW_MS;
    let n = 0;
    for (const b of this.beats.values()) if (b.atMs >= since) n++;
    return n;
  }

  stitcherEvent(e: StitcherEventLike): void {
    try {
      this.metricsOf(e);
      const facts = factsOfStitcherEvent(e);
      if ((e.eventType === 'GENERATED_MANIFEST' || e.eventType === 'SESSION_INITIALIZED') && e.sessionId) {
        const atMs = Date.parse(e.eventTimestamp);
        const last = this.beats.get(e.sessionId);
        if (!last || atMs - last.atMs >= HEARTBEAT_MS) {
          this.remember(this.beats, e.sessionId, { atMs, configName: e.playbackConfigurationName ?? null });
          facts.push({ kind: 'session', atMs, configName: e.playbackConfigurationName ?? null, channelId: null, sessionId: e.sessionId, campaignId: null, adId: null, variant: null, availMs: 0, filledMs: 0, adsFilled: 0, adsReturned: 0 });
        }
      }
      for (const f of facts) {
        if (f.sessionId) f.variant = this.variants.get(f.sessionId) ?? null;
        if (f.adId) f.campaignId = this.campaigns.get(f.adId) ?? null;
      }
      this.push(facts);
    } catch (err) {
      this.opts.onError?.(err);
    }
  }

  adsEvent(e: AdsEventLike): void {
    try {
      if (e.type !== 'ADS_DECISION') return;
      const first = e.experiments?.[0];
      if (first && e.sessionId) this.remember(this.variants, e.sessionId, `${first.experimentId}:${first.variant}`);
      for (const ad of e.ads ?? []) this.remember(this.campaigns, ad.adId, ad.campaignId);
      this.metrics.adsDecided.inc({ channel: e.channel ?? '' }, e.ads?.length ?? 0);
      this.push(factsOfAdsEvent(e));
    } catch (err) {
      this.opts.onError?.(err);
    }
  }

  private remember<V>(map: Map<string, V>, key: string, value: V): void {
    map.delete(key);
    map.set(key, value);
    if (map.size > MAX_REMEMBERED) map.delete(map.keys().next().value!);
  }

  private metricsOf(e: StitcherEventLike): void {
    const configuration = e.playbackConfigurationName ?? '';
    const depth = typeof e.wrapperDepth === 'number' ? e.wrapperDepth : 0;
    switch (e.eventType) {
      case 'MAKING_ADS_REQUEST':
        this.metrics.adsRequests.inc({ configuration });
        return;
      case 'VAST_RESPONSE':
      case 'EMPTY_VAST_RESPONSE':
        if (depth === 0 && typeof e.tookMs === 'number') this.metrics.adsResponseSeconds.observe({ configuration }, e.tookMs / 1000);
        return;
      case 'FILLED_AVAIL':
        recordAvail(this.metrics, this.availTotals, configuration, e.avail?.originAvailDuration ?? 0, e.avail?.filledDuration ?? 0);
        return;
      case 'BEACON_FIRED':
        if (e.beaconInfo?.trackingEvent === 'impression') this.metrics.impressions.inc({ configuration });
        return;
      default:
        if (e.eventType.startsWith('ERROR_ADS_')) {
          this.metrics.adsErrors.inc({ configuration, event_type: e.eventType });
          if (e.eventType === 'ERROR_ADS_TIMEOUT') this.metrics.adsTimeouts.inc({ configuration });
          if (typeof e.tookMs === 'number' && depth === 0) this.metrics.adsResponseSeconds.observe({ configuration }, e.tookMs / 1000);
        }
    }
  }

  private push(facts: Fact[]): void {
    if (facts.length === 0) return;
    if (this.buffer.length + facts.length > (this.opts.maxBuffered ?? 100_000)) {
      this.metrics.factsDropped.inc(facts.length);
      return;
    }
    this.buffer.push(...facts);
    if (this.buffer.length >= (this.opts.batchSize ?? 500)) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.opts.flushMs ?? 1000);
      this.timer.unref();
    }
  }

  private channel(configName: string): Promise<string | undefined> {
    const now = this.clock.now();
    let hit = this.channels.get(configName);
    if (!hit || now - hit.atMs > 60_000) {
      hit = { atMs: now, channel: this.channelOf(configName).catch(() => undefined) };
      this.channels.set(configName, hit);
    }
    return hit.channel;
  }

  private async campaignOf(adId: string): Promise<string | undefined> {
    const known = this.campaigns.get(adId);
    if (known !== undefined) return known;
    const now = this.clock.now();
    const missed = this.noCampaign.get(adId);
    if (missed !== undefined && now - missed < 60_000) return undefined;
    const stored = await this.store.campaignOfAd(adId);
    if (stored === undefined) this.remember(this.noCampaign, adId, now);
    else this.remember(this.campaigns, adId, stored);
    return stored;
  }

  /** Writes what is buffered (after filling in channels and the campaigns learnt since). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.buffer;
    this.buffer = [];
    this.writing = this.writing.then(async () => {
      if (batch.length === 0) return;
      try {
        for (const f of batch) {
          if (f.channelId === null && f.configName) f.channelId = (await this.channel(f.configName)) ?? null;
          if (f.adId && f.campaignId === null && f.kind !== 'decided') f.campaignId = (await this.campaignOf(f.adId)) ?? null;
        }
        await this.store.insert(batch);
      } catch (err) {
        this.opts.onError?.(err);
        if (this.buffer.length + batch.length <= (this.opts.maxBuffered ?? 100_000)) this.buffer.unshift(...batch);
        else this.metrics.factsDropped.inc(batch.length);
      }
    });
    return this.writing;
  }
}
