// Server-side beacons: which fire when a segment of an ad is fetched (impression and start on the
// first, each quartile on the segment that contains it, complete on the last), and the firing
// itself — asynchronous, a 3 s time limit, one retry, in order per ad, each reported as
// BEACON_FIRED or ERROR_FIRING_BEACON_FAILED.
import { replaceMacros } from '@adsplice/vast';
import { urlRefusal } from './allowed-url.ts';
import type { PlannedAd } from './model.ts';
import type { HttpClient } from './ports.ts';

export const QUARTILES = [
  ['firstQuartile', 0.25],
  ['midpoint', 0.5],
  ['thirdQuartile', 0.75],
] as const;

/** The tracking events a fetch of segment `seg` of an ad reaches, in firing order. */
export function eventsForSegment(segmentsMs: readonly number[], seg: number): string[] {
  const events: string[] = [];
  if (seg === 0) events.push('impression', 'start');
  const total = segmentsMs.reduce((a, b) => a + b, 0);
  let start = 0;
  for (let k = 0; k < seg; k++) start += segmentsMs[k]!;
  const end = start + (segmentsMs[seg] ?? 0);
  for (const [name, q] of QUARTILES) {
    const at = total * q;
    if (at >= start && at < end) events.push(name);
  }
  if (seg === segmentsMs.length - 1) events.push('complete');
  return events;
}

export function beaconUrls(ad: PlannedAd, eventType: string): string[] {
  return eventType === 'impression' ? ad.impressions : (ad.tracking[eventType] ?? []);
}

export interface BeaconResult {
  eventType: string;
  url: string;
  ok: boolean;
  statusCode?: number;
  message?: string;
  attempts: number;
}

export class BeaconFirer {
  private readonly chains = new Map<string, Promise<void>>();

  constructor(
    private readonly http: HttpClient,
    private readonly opts: { timeoutMs: number; retryDelayMs: number; now(): number; onResult(r: BeaconResult, ctx: Record<string, unknown>): void },
  ) {}

  private async fireOne(eventType: string, url: string, allowedHosts: readonly string[], ctx: Record<string, unknown>): Promise<void> {
    const refused = urlRefusal(url, allowedHosts);
    if (refused) return this.opts.onResult({ eventType, url, ok: false, message: refused, attempts: 0 }, ctx);
    const target = replaceMacros(url, { TIMESTAMP: this.opts.now(), CACHEBUSTING: Math.random() });
    let last: BeaconResult = { eventType, url: target, ok: false, attempts: 0 };
    for (let attempt = 1; attempt <= 2; attempt++) {
      try {
        const res = await this.http.get(target, { timeoutMs: this.opts.timeoutMs });
        last = { eventType, url: target, ok: res.status < 400, statusCode: res.status, attempts: attempt };
        if (last.ok) break;
      } catch (err) {
        last = { eventType, url: target, ok: false, message: (err as Error).message, attempts: attempt };
      }
      if (attempt === 1) await new Promise((r) => setTimeout(r, this.opts.retryDelayMs));
    }
    this.opts.onResult(last, ctx);
  }

  /** Queues the beacons behind the ones already queued for the same `chainKey` (one ad of one session). */
  fire(chainKey: string, beacons: { eventType: string; url: string }[], allowedHosts: readonly string[], ctx: Record<string, unknown>): Promise<void> {
    const prev = this.chains.get(chainKey) ?? Promise.resolve();
    const next = prev.then(async () => {
      for (const b of beacons) await this.fireOne(b.eventType, b.url, allowedHosts, ctx);
    });
    this.chains.set(chainKey, next);
    void next.finally(() => {
      if (this.chains.get(chainKey) === next) this.chains.delete(chainKey);
    });
    return next;
  }

  /** Resolves when every queued beacon has fired. */
  async drain(): Promise<void> {
    await Promise.all([...this.chains.values()]);
  }
}
