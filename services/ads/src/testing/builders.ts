// Test helpers: small builders of inventory items and snapshots, with everything defaulted.
import type { Ad, Advertiser, Campaign, Creative, Experiment, InventorySnapshot } from '../inventory.ts';

export const T0 = Date.UTC(2026, 10, 22, 12, 0, 0);
const iso = new Date(T0 - 86_400_000).toISOString();

export function advertiser(id: string, over: Partial<Advertiser> = {}): Advertiser {
  return { id, name: `Advertiser ${id}`, domain: null, categories: [], createdAt: iso, updatedAt: iso, ...over };
}

export function campaign(id: string, advertiserId: string, over: Partial<Campaign> = {}): Campaign {
  return {
    id,
    advertiserId,
    name: `Campaign ${id}`,
    active: true,
    startAt: iso,
    endAt: null,
    priority: 2,
    impressionGoal: null,
    dailyCap: null,
    pacing: 'asap',
    weight: 100,
    frequencyCaps: [],
    targeting: null,
    categories: [],
    timeZone: null,
    createdAt: iso,
    updatedAt: iso,
    ...over,
  };
}

export function creative(id: string, durationMs: number, over: Partial<Creative> = {}): Creative {
  return {
    id,
    name: `Creative ${id}`,
    file: `${id}.mp4`,
    mimeType: 'video/mp4',
    durationMs,
    width: 1280,
    height: 720,
    videoCodec: 'h264',
    audioCodec: 'aac',
    codecs: 'avc1.4D401F,mp4a.40.2',
    bitrateKbps: 1800,
    sizeBytes: 4_000_000,
    sha256: '0'.repeat(64),
    createdAt: iso,
    ...over,
  };
}

export function ad(id: string, c: Campaign, cr: Creative, over: Partial<Ad> = {}): Ad {
  return {
    id,
    campaignId: c.id,
    advertiserId: c.advertiserId,
    title: `Ad ${id}`,
    creativeId: cr.id,
    durationMs: cr.durationMs,
    clickThrough: `https://example.com/${id}?a=1&b=2`,
    active: true,
    weight: 100,
    categories: [],
    universalAdId: null,
    createdAt: iso,
    updatedAt: iso,
    ...over,
  };
}

export function experiment(id: string, over: Partial<Experiment> = {}): Experiment {
  return { id, name: `Experiment ${id}`, active: true, channels: [], variants: [{ name: 'a', weight: 1 }], createdAt: iso, updatedAt: iso, ...over };
}

export function snapshot(over: Partial<InventorySnapshot> = {}): InventorySnapshot {
  return { version: 1, advertisers: [], campaigns: [], ads: [], creatives: [], experiments: [], channels: [], fallback: { adIds: [] }, ...over };
}

/**
 * An inventory where advertiser i has one campaign with one ad per given duration (seconds).
 * Ids: adv-i, cmp-i, ad-i-<seconds>, cr-<seconds>.
 */
export function simpleInventory(durationsByAdvertiser: number[][], campaignOver: (i: number) => Partial<Campaign> = () => ({})): InventorySnapshot {
  const creatives = new Map<number, Creative>();
  const s = snapshot();
  durationsByAdvertiser.forEach((durations, i) => {
    const a = advertiser(`adv-${i}`);
    const c = campaign(`cmp-${i}`, a.id, campaignOver(i));
    s.advertisers.push(a);
    s.campaigns.push(c);
    for (const d of durations) {
      let cr = creatives.get(d);
      if (!cr) creatives.set(d, (cr = creative(`cr-${d}`, d * 1000)));
      s.ads.push(ad(`ad-${i}-${d}`, c, cr));
    }
  });
  s.creatives = [...creatives.values()];
  return s;
}

/** A seeded random in [0, 1) (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
