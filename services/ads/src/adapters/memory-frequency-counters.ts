// FrequencyCounters in memory, answering synchronously (no promise on the request path). Bounded:
// each (key, campaign) keeps its last `perCampaign` times, entries older than `maxWindowMs` are
// dropped when a key is counted again, and past `maxKeys` the least recently counted keys go.
import type { CampaignCount, CounterHit, FrequencyCounters, KeyCounts } from '../ports.ts';

export interface MemoryCountersOptions {
  maxKeys?: number;
  perCampaign?: number;
  /** Longest frequency-cap window kept (default 7 days). */
  maxWindowMs?: number;
}

export class MemoryFrequencyCounters implements FrequencyCounters {
  private readonly keys = new Map<string, Map<string, number[]>>();
  private readonly totals = new Map<string, CampaignCount>();
  private readonly maxKeys: number;
  private readonly perCampaign: number;
  private readonly maxWindowMs: number;

  constructor(opts: MemoryCountersOptions = {}) {
    this.maxKeys = opts.maxKeys ?? 1_000_000;
    this.perCampaign = opts.perCampaign ?? 64;
    this.maxWindowMs = opts.maxWindowMs ?? 7 * 86_400_000;
  }

  recent(keys: readonly string[]): ReadonlyMap<string, KeyCounts> {
    const out = new Map<string, KeyCounts>();
    for (const k of keys) {
      const m = this.keys.get(k);
      if (m) out.set(k, m);
    }
    return out;
  }

  campaigns(): ReadonlyMap<string, CampaignCount> {
    return this.totals;
  }

  record(hits: readonly CounterHit[]): void {
    for (const hit of hits) {
      for (const key of hit.keys) {
        let m = this.keys.get(key);
        if (m) this.keys.delete(key); // re-insert: most recently counted last
        else m = new Map();
        this.keys.set(key, m);
        let times = m.get(hit.campaignId);
        if (!times) m.set(hit.campaignId, (times = []));
        times.push(hit.atMs);
        let drop = 0;
        while (drop < times.length && (times.length - drop > this.perCampaign || times[drop]! <= hit.atMs - this.maxWindowMs)) drop++;
        if (drop > 0) times.splice(0, drop);
        if (this.keys.size > this.maxKeys) this.keys.delete(this.keys.keys().next().value!);
      }
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
}
