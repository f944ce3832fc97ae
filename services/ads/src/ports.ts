// What the ad decision server needs from the outside world, as ports; adapters/ has the real ones.
import type { FallbackSettings, InventoryItems, InventoryKind, InventoryKinds, InventorySnapshot } from './inventory.ts';
import type { AdsEvent } from './events.ts';

export interface Clock {
  now(): number;
}

export interface ListFilter {
  /** campaigns, ads */
  advertiserId?: string;
  /** ads */
  campaignId?: string;
  /** campaigns, ads, experiments */
  active?: boolean;
  limit: number;
  offset: number;
}

export type DeleteResult = 'deleted' | 'not-found' | 'in-use';

export interface InventoryRepository {
  /** Everything, read consistently at one version (for compiling the decision index). */
  snapshot(): Promise<InventorySnapshot>;
  /** The current version: a cheap read, polled to notice writes made by other processes. */
  version(): Promise<number>;
  /** Items ordered by id, filtered and paged; `total` counts every match. */
  list<K extends InventoryKind>(kind: K, filter: ListFilter): Promise<{ items: InventoryKinds[K][]; total: number }>;
  get<K extends InventoryKind>(kind: K, id: string): Promise<InventoryKinds[K] | undefined>;
  /** false when an item of this kind with this id exists. Bumps the version. */
  create<K extends InventoryKind>(kind: K, item: InventoryKinds[K]): Promise<boolean>;
  /** false when there is no such item. Bumps the version. */
  update<K extends InventoryKind>(kind: K, item: InventoryKinds[K]): Promise<boolean>;
  /** 'in-use' (and nothing deleted) while campaigns refer to the advertiser, ads to the campaign or creative. */
  delete(kind: InventoryKind, id: string): Promise<DeleteResult>;
  /** Creates all the items in one transaction (all or nothing); false, and nothing written, when any id exists. */
  createMany(items: InventoryItems): Promise<boolean>;
  fallback(): Promise<FallbackSettings>;
  setFallback(fallback: FallbackSettings): Promise<void>;
}

/** One frequency/pacing count: `campaignId` was served (or seen) under `keys` at `atMs`. */
export interface CounterHit {
  /** Session and user keys ("s:<sessionId>", "u:<userId>"). */
  keys: string[];
  campaignId: string;
  /** The campaign's current day ("2026-11-22" in its time zone), for daily caps and pacing. */
  day: string;
  atMs: number;
  /**
   * The campaign's longest frequency-cap window (ms): how long its times must be kept under `keys`
   * (and so how long a key lives after its last count). 0: the campaign has no frequency cap, and
   * only its delivery is counted. Absent: the adapter's longest window.
   */
  windowMs?: number;
}

/** Delivery of one campaign: in total, and on its current day. */
export interface CampaignCount {
  total: number;
  day: string;
  dayCount: number;
}

/** Per campaign id, the times (ms, oldest first) it was counted under one key. */
export type KeyCounts = ReadonlyMap<string, readonly number[]>;

export type MaybePromise<T> = T | Promise<T>;

/**
 * Frequency and delivery counters. Reads are on the request path: an in-process adapter may
 * answer synchronously (no promise), which the service uses as is; a remote one is raced against a
 * short timeout (a slow counter store must never hold an ad break). Adapters (memory, Redis) pass
 * one contract suite: frequency-counters.contract.test.ts.
 */
export interface FrequencyCounters {
  /** Recent counts under each key (keys with none may be absent). */
  recent(keys: readonly string[]): MaybePromise<ReadonlyMap<string, KeyCounts>>;
  /** Delivery per campaign id. */
  campaigns(): MaybePromise<ReadonlyMap<string, CampaignCount>>;
  record(hits: readonly CounterHit[]): MaybePromise<void>;
}

/** Remembers which beacons were received, so each (ad, session, event) counts once. */
export interface BeaconLedger {
  /** true the first time this (ad, session, event) is recorded; false afterwards. */
  record(adId: string, sessionId: string, event: string, atMs: number): Promise<boolean>;
  /** Forgets beacons received before `beforeMs` (they can no longer be replayed: older than the beacon lifetime). */
  prune(beforeMs: number): Promise<number>;
}

/** Where decisions and beacons go (analytics). emit never throws and never waits. */
export interface EventSink {
  emit(event: AdsEvent): void;
}

/** What ffprobe (or another prober) reads from a media file. */
export interface MediaInfo {
  formatName: string;
  durationMs: number;
  sizeBytes: number;
  bitRate?: number;
  streams: { codecType: string; codecName: string; profile?: string; level?: number; width?: number; height?: number; bitRate?: number }[];
}

export interface MediaProber {
  /** Rejects when the file is not media it can read. */
  probe(file: string): Promise<MediaInfo>;
}
