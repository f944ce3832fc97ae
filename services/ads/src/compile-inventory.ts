// Compiles an inventory snapshot into the in-memory decision index, once per inventory change:
// campaigns joined with their advertiser and live ads, targeting compiled to predicates, ads
// grouped by whole-second duration, categories interned to small integers, campaigns indexed by
// the channels their targeting requires. The request path reads only this.
import { LocalClocks } from './local-time.ts';
import type { Creative, FrequencyCap, InventorySnapshot, Pacing, PodStrategy, UniversalAdId } from './inventory.ts';
import { channelsOf, compileRule, keysOf, type Predicate } from './targeting.ts';

export interface CompiledAd {
  id: string;
  title: string;
  durationMs: number;
  /** Whole seconds it occupies in a pod (rounded up, so a pod never overruns its avail). */
  durationSec: number;
  creative: Creative;
  clickThrough: string | null;
  weight: number;
  universalAdId: UniversalAdId;
  campaignId: string;
  advertiserId: string;
  advertiserName: string;
  advertiserDomain: string | null;
  advertiserIndex: number;
  priority: number;
  /** Effective competitive categories (the ad's, else the campaign's, else the advertiser's). */
  categories: string[];
  categoryIds: number[];
}

/** The ads of one campaign that last `durationSec`, for weighted creative rotation. */
export interface AdGroup {
  durationSec: number;
  ads: CompiledAd[];
  cumulativeWeights: number[];
  totalWeight: number;
  /** Shortest and longest ad (ms) of the group. */
  minMs: number;
  maxMs: number;
  /** The categories every ad of the group has, when they all have the same (else undefined). */
  sharedCategoryIds: number[] | undefined;
}

export interface CompiledCampaign {
  id: string;
  advertiserId: string;
  advertiserIndex: number;
  priority: number;
  weight: number;
  pacing: Pacing;
  startMs: number;
  endMs: number;
  impressionGoal: number | null;
  dailyCap: number | null;
  frequencyCaps: FrequencyCap[];
  timeZone: string;
  /** undefined: everyone. */
  matches: Predicate | undefined;
  /** Groups by ascending duration. */
  groups: AdGroup[];
}

export interface CompiledVariant {
  name: string;
  weight: number;
  include: Set<string> | undefined;
  exclude: Set<string> | undefined;
  podStrategy: PodStrategy | undefined;
  maxAds: number | undefined;
}

export interface CompiledExperiment {
  id: string;
  name: string;
  channels: Set<string> | undefined;
  variants: CompiledVariant[];
  totalWeight: number;
}

export interface CompiledInventory {
  version: number;
  compiledAtMs: number;
  /** Live campaigns: active, with at least one active ad whose creative exists. */
  campaigns: CompiledCampaign[];
  campaignsById: Map<string, CompiledCampaign>;
  /** Campaigns whose targeting does not pin channels, and those pinned to each channel; each list by priority tier, best first. */
  anyChannel: CompiledCampaign[];
  byChannel: Map<string, CompiledCampaign[]>;
  /** Every ad duration (whole seconds) of a live campaign, ascending. */
  durationsSec: number[];
  /** The request keys any live campaign's targeting reads, sorted; and whether any reads the time of day. */
  targetingKeys: string[];
  usesDaypart: boolean;
  /** Every ad whose creative exists, active or not (beacons and fallback look ads up here). */
  ads: Map<string, CompiledAd>;
  fallback: CompiledAd[];
  experiments: CompiledExperiment[];
  channelTimeZones: Map<string, string>;
  defaultTimeZone: string;
  categoryIds: Map<string, number>;
  clocks: LocalClocks;
  /** Per-version caches owned by the service (rendered VAST templates). */
  cache: Map<string, unknown>;
}

export interface CompileOptions {
  /** Time zone of channels without settings (default UTC). */
  defaultTimeZone?: string;
  nowMs: number;
}

function parseMs(iso: string | null, fallback: number): number {
  if (iso === null) return fallback;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : fallback;
}

export function compileInventory(snapshot: InventorySnapshot, opts: CompileOptions): CompiledInventory {
  const advertisers = new Map(snapshot.advertisers.map((a, i) => [a.id, { a, index: i }]));
  const creatives = new Map(snapshot.creatives.map((c) => [c.id, c]));
  const campaignsById = new Map(snapshot.campaigns.map((c) => [c.id, c]));
  const categoryIds = new Map<string, number>();
  const intern = (c: string): number => {
    const key = c.toLowerCase();
    let id = categoryIds.get(key);
    if (id === undefined) categoryIds.set(key, (id = categoryIds.size));
    return id;
  };

  const ads = new Map<string, CompiledAd>();
  const liveAdsByCampaign = new Map<string, CompiledAd[]>();
  for (const ad of snapshot.ads) {
    const campaign = campaignsById.get(ad.campaignId);
    const creative = creatives.get(ad.creativeId);
    const adv = campaign ? advertisers.get(campaign.advertiserId) : undefined;
    if (!campaign || !creative || !adv) continue;
    const categories = ad.categories.length > 0 ? ad.categories : campaign.categories.length > 0 ? campaign.categories : adv.a.categories;
    const compiled: CompiledAd = {
      id: ad.id,
      title: ad.title,
      durationMs: creative.durationMs,
      durationSec: Math.max(1, Math.ceil(creative.durationMs / 1000 - 1e-9)),
      creative,
      clickThrough: ad.clickThrough,
      weight: ad.weight,
      universalAdId: ad.universalAdId ?? { idRegistry: 'adsplice', value: ad.id },
      campaignId: campaign.id,
      advertiserId: adv.a.id,
      advertiserName: adv.a.name,
      advertiserDomain: adv.a.domain,
      advertiserIndex: adv.index,
      priority: campaign.priority,
      categories: [...categories],
      categoryIds: [...new Set(categories.map(intern))],
    };
    ads.set(ad.id, compiled);
    if (ad.active && campaign.active) {
      const list = liveAdsByCampaign.get(campaign.id);
      if (list) list.push(compiled);
      else liveAdsByCampaign.set(campaign.id, [compiled]);
    }
  }

  const campaigns: CompiledCampaign[] = [];
  const liveIds = new Set<string>();
  const anyChannel: CompiledCampaign[] = [];
  const byChannel = new Map<string, CompiledCampaign[]>();
  for (const c of snapshot.campaigns) {
    const live = liveAdsByCampaign.get(c.id);
    const adv = advertisers.get(c.advertiserId);
    if (!c.active || !live || !adv) continue;
    const byDuration = new Map<number, CompiledAd[]>();
    for (const ad of live) {
      const list = byDuration.get(ad.durationSec);
      if (list) list.push(ad);
      else byDuration.set(ad.durationSec, [ad]);
    }
    const groups: AdGroup[] = [...byDuration.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([durationSec, list]) => {
        list.sort((a, b) => (a.id < b.id ? -1 : 1));
        let sum = 0;
        const cumulativeWeights = list.map((a) => (sum += a.weight));
        const first = list[0]!.categoryIds;
        const shared = list.every((a) => a.categoryIds.length === first.length && a.categoryIds.every((c) => first.includes(c)));
        return {
          durationSec,
          ads: list,
          cumulativeWeights,
          totalWeight: sum,
          minMs: Math.min(...list.map((a) => a.durationMs)),
          maxMs: Math.max(...list.map((a) => a.durationMs)),
          sharedCategoryIds: shared ? first : undefined,
        };
      });
    const compiled: CompiledCampaign = {
      id: c.id,
      advertiserId: c.advertiserId,
      advertiserIndex: adv.index,
      priority: c.priority,
      weight: c.weight,
      pacing: c.pacing,
      startMs: parseMs(c.startAt, -Infinity),
      endMs: parseMs(c.endAt, Infinity),
      impressionGoal: c.impressionGoal,
      dailyCap: c.dailyCap,
      frequencyCaps: c.frequencyCaps,
      timeZone: c.timeZone ?? 'UTC',
      matches: c.targeting ? compileRule(c.targeting) : undefined,
      groups,
    };
    campaigns.push(compiled);
    liveIds.add(c.id);
    const channels = channelsOf(c.targeting);
    if (!channels) anyChannel.push(compiled);
    else {
      for (const ch of channels) {
        const list = byChannel.get(ch);
        if (list) list.push(compiled);
        else byChannel.set(ch, [compiled]);
      }
    }
  }

  const byTier = (a: CompiledCampaign, b: CompiledCampaign): number => a.priority - b.priority || (a.id < b.id ? -1 : 1);
  anyChannel.sort(byTier);
  for (const list of byChannel.values()) list.sort(byTier);
  const durationsSec = [...new Set(campaigns.flatMap((c) => c.groups.map((g) => g.durationSec)))].sort((a, b) => a - b);
  const read = { keys: new Set<string>(), daypart: false };
  for (const c of snapshot.campaigns) if (liveIds.has(c.id)) keysOf(c.targeting, read);

  const experiments: CompiledExperiment[] = snapshot.experiments
    .filter((e) => e.active && e.variants.length > 0)
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((e) => ({
      id: e.id,
      name: e.name,
      channels: e.channels.length > 0 ? new Set(e.channels.map((c) => c.toLowerCase())) : undefined,
      variants: e.variants.map((v) => ({
        name: v.name,
        weight: v.weight,
        include: v.campaignIds ? new Set(v.campaignIds) : undefined,
        exclude: v.excludeCampaignIds ? new Set(v.excludeCampaignIds) : undefined,
        podStrategy: v.podStrategy,
        maxAds: v.maxAds,
      })),
      totalWeight: e.variants.reduce((s, v) => s + v.weight, 0),
    }));

  const fallback: CompiledAd[] = [];
  for (const id of snapshot.fallback.adIds) {
    const ad = ads.get(id);
    if (ad && !fallback.includes(ad)) fallback.push(ad);
  }

  return {
    version: snapshot.version,
    compiledAtMs: opts.nowMs,
    campaigns,
    campaignsById: new Map(campaigns.map((c) => [c.id, c])),
    anyChannel,
    byChannel,
    durationsSec,
    targetingKeys: [...read.keys].sort(),
    usesDaypart: read.daypart,
    ads,
    fallback,
    experiments,
    channelTimeZones: new Map(snapshot.channels.map((c) => [c.id.toLowerCase(), c.timeZone])),
    defaultTimeZone: opts.defaultTimeZone ?? 'UTC',
    categoryIds,
    clocks: new LocalClocks(),
    cache: new Map(),
  };
}
