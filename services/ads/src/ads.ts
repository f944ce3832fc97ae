// The ad decision server: inventory management, the ad request (VAST 2.0–4.2), VMAP for VOD, the
// signed beacon receiver and the creatives' media. `build` returns a Fastify plugin plus what the
// program calls directly (start/close, ensureDemoInventory, an in-process VAST call).
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { AdServer, type CountOn, type VastResult } from './ad-server.ts';
import type { CompiledInventory } from './compile-inventory.ts';
import { registerCreativeRoutes } from './creative-routes.ts';
import { ensureDemoInventory } from './demo-inventory.ts';
import { BUILTIN_GEO, GeoTable, type GeoEntry } from './geo.ts';
import { InventoryIndex } from './inventory-index.ts';
import { registerManagementRoutes } from './management-routes.ts';
import { MAX_POD_SECONDS } from './pod.ts';
import type { BeaconLedger, Clock, EventSink, FrequencyCounters, InventoryRepository, MediaProber } from './ports.ts';
import { registerServingRoutes } from './serving-routes.ts';
import { FfprobeMediaProber } from './adapters/ffmpeg.ts';
import { makeDemoCreative } from './adapters/make-demo-creative.ts';

export interface AdsDeps {
  repo: InventoryRepository;
  counters: FrequencyCounters;
  ledger: BeaconLedger;
  events: EventSink;
  clock: Clock;
  /** Signs tracking URLs (HMAC-SHA256); at least 16 bytes, the same on every ADS process. */
  beaconSecret: string | Uint8Array;
  /** Reads uploaded creatives (default: ffprobe). */
  prober?: MediaProber;
  /** Weighted random choices (default Math.random); tests pass a seeded one. */
  random?: () => number;
  /** Background failures (counter store, refresh); default: ignored. */
  onError?: (err: unknown, what: string) => void;
}

export interface AdsOptions {
  /** Folder of creative files (e.g. <data-dir>/media/creatives). */
  mediaDir: string;
  /** "https://ads.example.com": the base of tracking and media URLs; default: each request's Host. */
  publicBaseUrl?: string;
  /** Avail assumed when a request names none (default 30 s). */
  defaultAvailSeconds?: number;
  /** Longest avail decided; longer requests are clamped (default and maximum 900 s). */
  maxAvailSeconds?: number;
  /** Pod size when a request names none (default 5). */
  defaultMaxAds?: number;
  /** Largest pod; larger requests are clamped (default 10). */
  maxAdsLimit?: number;
  /** What frequency caps, daily caps and goals count: decisions (default) or impression beacons. */
  countOn?: CountOn;
  /** How long a tracking URL stays valid (default 24 h). */
  beaconTtlMs?: number;
  /** How often to look for inventory changes made by other ADS processes (default 5000 ms; 0 = never). */
  refreshIntervalMs?: number;
  /** Longest wait for a remote counter store on the request path (default 50 ms). */
  countersTimeoutMs?: number;
  /**
   * How long a decision plan is shared by requests with the same targeting signature (default 1000 ms;
   * 0 = decide every request on its own). See decision-plans.ts.
   */
  planTtlMs?: number;
  /** Independent plans kept per signature (default 16). */
  planVariants?: number;
  /** Time zone of channels without settings, for day-parting (default UTC). */
  defaultTimeZone?: string;
  /** Extra IPv4 blocks → country, before the small built-in table. */
  geoIp?: GeoEntry[];
  /** Largest creative upload (default 200 MB). */
  maxCreativeBytes?: number;
  /** Picture size of the demo ads (default 1280x720). */
  demoSize?: { width: number; height: number };
}

export interface Ads {
  plugin: FastifyPluginAsync;
  /** Loads the inventory and starts watching for changes (the plugin does it on ready). */
  start(): Promise<void>;
  /** Stops watching (the plugin does it on close). */
  close(): Promise<void>;
  /** Creates the demo advertisers, campaigns and ads (made with ffmpeg) unless they exist. */
  ensureDemoInventory(onProgress?: (done: number, total: number) => void): Promise<{ created: boolean }>;
  /** The ad request without HTTP (the stitcher's in-process adapter): query parameters as /ads/vast takes them. */
  vast(query: Record<string, string>, headers?: Record<string, string>): Promise<VastResult>;
  /** Reloads the index if the store changed. */
  refresh(): Promise<boolean>;
  /** The compiled index (for tests and benchmarks). */
  index(): CompiledInventory;
}

export function build(deps: AdsDeps, opts: AdsOptions): Ads {
  const onError = deps.onError ?? (() => {});
  const beaconTtlMs = opts.beaconTtlMs ?? 86_400_000;
  const index = new InventoryIndex(deps.repo, deps.clock, { defaultTimeZone: opts.defaultTimeZone, refreshIntervalMs: opts.refreshIntervalMs ?? 5000, onError: (err) => onError(err, 'refreshing the inventory') });
  const prober = deps.prober ?? new FfprobeMediaProber();
  const maxAvailMs = Math.min(MAX_POD_SECONDS, opts.maxAvailSeconds ?? MAX_POD_SECONDS) * 1000;
  const server = new AdServer(
    { index, counters: deps.counters, ledger: deps.ledger, events: deps.events, clock: deps.clock, random: deps.random ?? Math.random, beaconSecret: deps.beaconSecret, onError },
    {
      ...(opts.publicBaseUrl ? { publicBaseUrl: opts.publicBaseUrl } : {}),
      defaultAvailMs: Math.min(maxAvailMs, (opts.defaultAvailSeconds ?? 30) * 1000),
      maxAvailMs,
      defaultMaxAds: opts.defaultMaxAds ?? 5,
      maxAdsLimit: opts.maxAdsLimit ?? 10,
      geo: new GeoTable([...(opts.geoIp ?? []), ...BUILTIN_GEO]),
      countOn: opts.countOn ?? 'decision',
      beaconTtlMs,
      countersTimeoutMs: opts.countersTimeoutMs ?? 50,
      ttlMs: opts.planTtlMs ?? 1000,
      variants: Math.max(1, opts.planVariants ?? 16),
      maxSignatures: 10_000,
    },
  );
  const newId = (prefix: string): string => `${prefix}-${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  let started: Promise<void> | undefined;
  let pruner: NodeJS.Timeout | undefined;

  const start = (): Promise<void> => {
    started ??= index.rebuild().then(
      () => index.start(),
      (err: unknown) => {
        // The store may come up later: serve empty VAST meanwhile and keep trying on the refresh timer.
        onError(err, 'loading the inventory');
        index.start();
      },
    );
    // Beacons older than their lifetime can no longer be replayed (they are refused as expired): forget them hourly.
    pruner ??= setInterval(() => void deps.ledger.prune(deps.clock.now() - beaconTtlMs).catch((err: unknown) => onError(err, 'pruning beacons')), 3_600_000);
    pruner.unref();
    return started;
  };
  const stop = (): void => {
    index.stop();
    if (pruner) clearInterval(pruner);
    pruner = undefined;
  };

  const plugin: FastifyPluginAsync = async (app: FastifyInstance) => {
    app.addHook('onReady', start);
    app.addHook('onClose', async () => stop());
    registerServingRoutes(app, server);
    registerManagementRoutes(app, { repo: deps.repo, index, clock: deps.clock, server, newId, onError });
    registerCreativeRoutes(app, { repo: deps.repo, clock: deps.clock, prober, mediaDir: opts.mediaDir, maxCreativeBytes: opts.maxCreativeBytes ?? 200 * 1024 * 1024, newId });
  };

  return {
    plugin,
    start,
    async close() {
      stop();
    },
    async ensureDemoInventory(onProgress) {
      const size = opts.demoSize ?? { width: 1280, height: 720 };
      const result = await ensureDemoInventory({
        repo: deps.repo,
        prober,
        clock: deps.clock,
        mediaDir: opts.mediaDir,
        make: (spec) => makeDemoCreative({ file: spec.file, title: spec.title, durationSec: spec.seconds, color: spec.color, toneHz: spec.toneHz, width: size.width, height: size.height }),
        ...(onProgress ? { onProgress } : {}),
      });
      await index.rebuild();
      return result;
    },
    async vast(query, headers = {}) {
      await start();
      return server.vast(query, headers, undefined, 'http');
    },
    refresh: () => index.refresh(),
    index: () => index.current,
  };
}
