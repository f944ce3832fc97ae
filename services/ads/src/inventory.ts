// The inventory the ad decision server sells: advertisers, their campaigns, the ads of each
// campaign and the creatives (video files) the ads play, plus A/B experiments, per-channel
// settings and the fallback ads. Times are ISO 8601 strings in documents and integer ms inside.
import type { TargetingRule } from './targeting.ts';

export interface Advertiser {
  id: string;
  name: string;
  /** The advertiser's web domain ("acme.example"), shown in reports and VAST <Advertiser>. */
  domain: string | null;
  /** Competitive categories (IAB content taxonomy ids such as "IAB2" or free labels): no two ads of one category share a pod. */
  categories: string[];
  createdAt: string;
  updatedAt: string;
}

export const PACING = ['even', 'asap'] as const;
export type Pacing = (typeof PACING)[number];

/** At most `max` ads of the campaign per session (or per user) in any `windowSeconds`. */
export interface FrequencyCap {
  scope: 'session' | 'user';
  max: number;
  windowSeconds: number;
}

/** Priority tiers: 1 sponsorship, 2 standard, 3 network, 4 bulk, 5 house. A lower tier wins. */
export const PRIORITY_TIERS = 5;

export interface Campaign {
  id: string;
  advertiserId: string;
  name: string;
  active: boolean;
  /** Flight: the campaign serves from startAt (inclusive) to endAt (exclusive; null = open-ended). */
  startAt: string;
  endAt: string | null;
  priority: number;
  /** Impressions to deliver over the flight (null = no goal); the campaign stops when it is reached. */
  impressionGoal: number | null;
  /** Impressions per day at most (days in `timeZone`); null = none. */
  dailyCap: number | null;
  /** even: spread the goal/daily cap over the flight/day; asap: as fast as eligible. */
  pacing: Pacing;
  /** Relative weight among campaigns of the same tier (1..1000). */
  weight: number;
  frequencyCaps: FrequencyCap[];
  /** Who sees it (see targeting.ts); null = everyone. */
  targeting: TargetingRule | null;
  /** Competitive categories of the campaign's ads; empty = the advertiser's. */
  categories: string[];
  /** IANA time zone of the daily cap's day; null = UTC. */
  timeZone: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface UniversalAdId {
  idRegistry: string;
  value: string;
}

export interface Ad {
  id: string;
  campaignId: string;
  /** Denormalised from the campaign (a campaign's advertiser never changes). */
  advertiserId: string;
  title: string;
  creativeId: string;
  /** The creative's duration, copied when the ad is saved. */
  durationMs: number;
  clickThrough: string | null;
  active: boolean;
  /** Creative rotation weight inside the campaign (1..1000). */
  weight: number;
  /** Competitive categories; empty = the campaign's (or the advertiser's). */
  categories: string[];
  /** Ad-ID / clearance registry id; null = the ad id under "adsplice". */
  universalAdId: UniversalAdId | null;
  createdAt: string;
  updatedAt: string;
}

/** A video file uploaded through the management API, checked with ffprobe. */
export interface Creative {
  id: string;
  name: string;
  /** File name inside the creatives media folder. */
  file: string;
  mimeType: 'video/mp4';
  durationMs: number;
  width: number;
  height: number;
  videoCodec: string;
  audioCodec: string | null;
  /** RFC 6381 codecs string ("avc1.64001f,mp4a.40.2"). */
  codecs: string;
  /** Overall bit rate, kilobits per second. */
  bitrateKbps: number;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
}

export const POD_STRATEGIES = ['optimal', 'greedy', 'single'] as const;
export type PodStrategy = (typeof POD_STRATEGIES)[number];

export interface ExperimentVariant {
  name: string;
  /** Share of sessions (relative to the other variants). */
  weight: number;
  /** When set, only these campaigns may serve in this variant. */
  campaignIds?: string[];
  /** These campaigns never serve in this variant. */
  excludeCampaignIds?: string[];
  podStrategy?: PodStrategy;
  /** A lower pod limit for this variant. */
  maxAds?: number;
}

export interface Experiment {
  id: string;
  name: string;
  active: boolean;
  /** Channels it runs on; empty = every request. */
  channels: string[];
  variants: ExperimentVariant[];
  createdAt: string;
  updatedAt: string;
}

/** What the ADS knows of a channel: its time zone, for day-parting. */
export interface ChannelSettings {
  id: string;
  timeZone: string;
  updatedAt: string;
}

export interface FallbackSettings {
  /** Ads served, in this order of preference, when nothing else matches. */
  adIds: string[];
}

export interface InventoryKinds {
  advertisers: Advertiser;
  campaigns: Campaign;
  ads: Ad;
  creatives: Creative;
  experiments: Experiment;
  channels: ChannelSettings;
}

export type InventoryKind = keyof InventoryKinds;
export const INVENTORY_KINDS = ['advertisers', 'campaigns', 'ads', 'creatives', 'experiments', 'channels'] as const satisfies readonly InventoryKind[];

/** Everything the decision index is compiled from, read at one version. */
export interface InventorySnapshot {
  /** Increases on every write; several ADS processes compare it to know when to reload. */
  version: number;
  advertisers: Advertiser[];
  campaigns: Campaign[];
  ads: Ad[];
  creatives: Creative[];
  experiments: Experiment[];
  channels: ChannelSettings[];
  fallback: FallbackSettings;
}

export type InventoryItems = { [K in InventoryKind]?: InventoryKinds[K][] };
