// FrequencyCounters in memory, answering synchronously (no promise on the request path). Bounded:
// each (key, campaign) keeps its last `perCampaign` times, times older than the campaign's window
// (at most `maxWindowMs`) are dropped when the key is counted again, a key is forgotten once the
// longest window it was counted with has passed since it was last counted (as a Redis TTL), and past `maxKeys` the least
// recently counted keys go. A campaign without frequency caps (window 0) is not kept under keys.
import type { CampaignCount, Clock, CounterHit, FrequencyCounters, KeyCounts } from '../ports.ts';

export interface MemoryCountersOptions {
  maxKeys?: number;
  perCampaign?: number;
  /** Longest frequency-cap window kept (default 7 days). */
  maxWindowMs?: number;
  /** For key expiry (default: the system clock). */
  clock?: Clock;
}

interface KeyEntry {
  counts: Map<string, number[]>;
  expiresAtMs: number;
}

export class MemoryFrequencyCounters implements FrequencyCounters {
  private readonly keys = new Map<string, KeyEntry>();
  private readonly totals = new Map<string, CampaignCount>();
  private readonly maxKeys: number;
  private readonly perCampaign: number;
  private readonly maxWindowMs: number;
  private readonly clock: Clock;

  constructor(opts: MemoryCountersOptions = {}) {
    this.maxKeys = opts.maxKeys ?? 1_000_000;
    this.perCampaign = opts.perCampaign ?? 64;
    this.maxWindowMs = opts.maxWindowMs ?? 7 * 86_400_000;
    this.clock = opts.clock ?? { now: () => Date.now() };
  }

  recent(keys: readonly string[]): ReadonlyMap<string, KeyCounts> {
    const out = new Map<string, KeyCounts>();
    let now: number | undefined;
    for (const k of keys) {
      const e = this.keys.get(k);
      if (!e) continue;
      if (e.expiresAtMs <= (now ??= this.clock.now())) this.keys.delete(k);
      else out.set(k, e.counts);
    }
    return out;
  }

  campaigns(): ReadonlyMap<string, CampaignCount> {
    return this.totals;
  }

  record(hits: readonly CounterHit[]): void {
    const now = this.clock.now();
    for (const hit of hits) {
      const windowMs = Math.min(this.maxWindowMs, hit.windowMs ?? this.maxWindowMs);
      if (windowMs > 0) for (const key of hit.keys) this.count(key, hit.campaignId, hit.atMs, windowMs, now + windowMs);
      const t = this.totals.get(hit.campaignId);
      if (!t) this.totals.set(hit.campaignId, { total: 1, day: hit.day, dayCount: 1 });
      else {
        t.total++;
        if (t.day === hit.day) t.dayCount++;
        else if (hit.day > t.day) {
          t.day = hit.day;
          t.dayCount = 1;
        }
      }
    }
  }

  private count(key: string, campaignId: string, atMs: number, windowMs: number, expiresAtMs: number): void {
    let e = this.keys.get(key);
    if (e) this.keys.delete(key); // re-insert: most recently counted last
    else e = { counts: new Map(), expiresAtMs: 0 };
    this.keys.set(key, e);
    e.expiresAtMs = Math.max(e.expiresAtMs, expiresAtMs);
    let times = e.counts.get(campaignId);
    if (!times) e.counts.set(campaignId, (times = []));
    times.push(atMs);
    let drop = 0;
    while (drop < times.length && (times.length - drop > this.perCampaign || times[drop]! <= atMs - windowMs)) drop++;
    if (drop > 0) times.splice(0, drop);
    if (this.keys.size > this.maxKeys) this.keys.delete(this.keys.keys().next().value!);
  }
}
